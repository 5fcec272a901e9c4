/** Every queue the service uses. */
export enum QueueName {
  Reminders = 'reminders',
}

/** Every job name, with its payload below: each has exactly one handler. */
export enum ReminderJob {
  /** Wake up a worker to send one planned reminder row. */
  Send = 'send-reminder',
  /** Wake up a worker to send one planned survey invitation or survey reminder row. */
  SendSurveyMessage = 'send-survey-message',
}

export interface ReminderJobData {
  [ReminderJob.Send]: { reminderId: string };
  [ReminderJob.SendSurveyMessage]: { surveyMessageId: string };
}
