import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Clock } from '../common/clock.service.js';
import { Environment } from '../config/environment.js';
import { QueueName, ReminderJob, type ReminderJobData } from '../queue/queue.constants.js';
import type { Reminder } from './reminder.entity.js';

/**
 * The id of the wake-up for a reminder at `now`: deterministic, so the same wake-up queued
 * twice (by the planner and a sweep, or by sweeps in several processes) is one job. A job that
 * is still in the queue keeps its id, though, even when it can no longer run (it was being
 * processed by a worker that was killed, and waits for the queue's stalled-job check): so once
 * a reminder is overdue by a whole lease, each further lease gives its wake-up a new id, and
 * the sweep's wake-up is queued instead of being dropped as a duplicate of the stuck one.
 * BullMQ ids may not contain ':' nor be all digits.
 */
export function wakeUpJobId(reminder: Pick<Reminder, 'id' | 'fireAt' | 'attempts'>, now: number, leaseMs: number, prefix = 'reminder'): string {
  const fireAt = reminder.fireAt.getTime();
  const late = Math.floor(Math.max(0, now - fireAt) / leaseMs);
  return `${prefix}-${reminder.id}-${fireAt}-${reminder.attempts}${late > 0 ? `-late${late}` : ''}`;
}

/** A row the queue wakes a worker for: a reminder, or a survey message delivered the same way. */
type Deliverable = Pick<Reminder, 'id' | 'fireAt' | 'attempts'>;

/**
 * Wakes workers for reminder rows: one delayed job per row and fire time (see wakeUpJobId).
 * The row, not the job, decides whether anything is sent, so a lost or repeated job is harmless.
 */
@Injectable()
export class ReminderQueue {
  private readonly logger = new Logger(ReminderQueue.name);

  constructor(
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue<ReminderJobData[ReminderJob]>,
    private readonly clock: Clock,
    private readonly environment: Environment,
  ) {}

  /** Never throws: a wake-up that cannot be queued now is found by the sweep later. */
  async wake(reminders: readonly Deliverable[]): Promise<void> {
    await this.add(reminders, ReminderJob.Send, 'reminder', (id) => ({ reminderId: id }));
  }

  /** The same for survey invitations and survey reminders (rows of survey_messages). */
  async wakeSurveyMessages(messages: readonly Deliverable[]): Promise<void> {
    await this.add(messages, ReminderJob.SendSurveyMessage, 'survey-message', (id) => ({ surveyMessageId: id }));
  }

  private async add(rows: readonly Deliverable[], name: ReminderJob, prefix: string, data: (id: string) => ReminderJobData[ReminderJob]): Promise<void> {
    if (rows.length === 0) return;
    const now = this.clock.now().getTime();
    try {
      await this.queue.addBulk(
        rows.map((reminder) => ({
          name,
          data: data(reminder.id),
          opts: {
            // A finished job is removed, so its id can come back.
            jobId: wakeUpJobId(reminder, now, this.environment.REMINDER_CLAIM_LEASE_MS, prefix),
            delay: Math.max(0, reminder.fireAt.getTime() - now),
            removeOnComplete: true,
            removeOnFail: true,
          },
        })),
      );
    } catch (error) {
      this.logger.warn({ err: error, count: rows.length }, 'could not queue reminders; the sweep will');
    }
  }

  async health(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'delayed', 'active', 'failed');
  }
}
