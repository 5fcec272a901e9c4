import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Environment } from '../../config/environment.js';
import { QueueName, ReminderJob, type ReminderJobData } from '../../queue/queue.constants.js';
import { SurveySender } from '../../surveys/delivery/survey-sender.service.js';
import { ReminderSender, type SendOutcome } from './reminder-sender.service.js';

/** The worker side of the reminders queue: one handler per job name (survey messages travel the same way). */
@Processor(QueueName.Reminders)
export class ReminderProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReminderProcessor.name);

  constructor(
    private readonly sender: ReminderSender,
    private readonly surveys: SurveySender,
    private readonly environment: Environment,
  ) {
    super();
  }

  /** The decorator's options are fixed at import; the concurrency comes from the environment. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.environment.WORKER_CONCURRENCY;
  }

  async process(job: Job<ReminderJobData[ReminderJob], SendOutcome, ReminderJob>): Promise<SendOutcome> {
    switch (job.name) {
      case ReminderJob.Send:
        return this.sender.send((job.data as ReminderJobData[ReminderJob.Send]).reminderId);
      case ReminderJob.SendSurveyMessage:
        return this.surveys.send((job.data as ReminderJobData[ReminderJob.SendSurveyMessage]).surveyMessageId);
    }
  }

  /** A job that threw is dropped (its row stays planned and the sweep queues it again): say why. */
  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.error({ err: error, jobId: job?.id }, 'reminder job failed');
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.error({ err: error }, 'reminder worker error');
  }
}
