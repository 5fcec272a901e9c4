import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Clock } from '../common/clock.js';
import { QueueName, ReminderJob, type ReminderJobData } from '../queue/queue.constants.js';
import type { Reminder } from './reminder.entity.js';

/**
 * Wakes workers for reminder rows: one delayed job per row and fire time. The job id is
 * deterministic, so the same wake-up queued twice is one job; but the row, not the job,
 * decides whether anything is sent, so a lost or repeated job is harmless.
 */
@Injectable()
export class ReminderQueue {
  private readonly logger = new Logger(ReminderQueue.name);

  constructor(
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue<ReminderJobData[ReminderJob.Send]>,
    private readonly clock: Clock,
  ) {}

  /** Never throws: a wake-up that cannot be queued now is found by the sweep later. */
  async wake(reminders: readonly Pick<Reminder, 'id' | 'fireAt' | 'attempts'>[]): Promise<void> {
    if (reminders.length === 0) return;
    const now = this.clock.now().getTime();
    try {
      await this.queue.addBulk(
        reminders.map((reminder) => ({
          name: ReminderJob.Send,
          data: { reminderId: reminder.id },
          opts: {
            // BullMQ ids may not contain ':' nor be all digits; a finished job is removed, so its id can come back.
            jobId: `reminder-${reminder.id}-${reminder.fireAt.getTime()}-${reminder.attempts}`,
            delay: Math.max(0, reminder.fireAt.getTime() - now),
            removeOnComplete: true,
            removeOnFail: true,
          },
        })),
      );
    } catch (error) {
      this.logger.warn({ err: error, count: reminders.length }, 'could not queue reminders; the sweep will');
    }
  }

  async health(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'delayed', 'active', 'failed');
  }
}
