import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../../common/clock.service.js';
import { Environment } from '../../config/environment.js';
import { SurveyMessagesRepository } from '../../surveys/delivery/survey-messages.repository.js';
import type { Reminder } from '../reminder.entity.js';
import { ReminderQueue } from '../reminder-queue.service.js';
import { ReminderDeliveryRepository } from './reminder-delivery.repository.js';
import { ReminderPlanningRepository } from '../planning/reminder-planning.repository.js';
import { nextSendTime } from '../working-time.js';

const BATCH = 1000;

/**
 * The safety net under the queue: every few seconds each worker process queues a wake-up
 * for reminders (and survey messages) that are due and unsent (their job was lost with a flushed queue, a worker
 * died holding one, or no worker ran at fire time), and plans tomorrow's digests.
 * Running it in several processes at once is harmless: job ids and row claims deduplicate.
 */
@Injectable()
export class ReminderSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReminderSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly reminders: ReminderDeliveryRepository,
    private readonly planning: ReminderPlanningRepository,
    private readonly surveyMessages: SurveyMessagesRepository,
    private readonly queue: ReminderQueue,
    private readonly clock: Clock,
    private readonly environment: Environment,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass; returns how many reminders were queued. */
  async sweep(): Promise<number> {
    let queued = 0;
    let after: Pick<Reminder, 'id' | 'fireAt'> | undefined;
    for (;;) {
      const due = await this.reminders.findOverdueUnsent(this.clock.now(), this.environment.REMINDER_CLAIM_LEASE_MS / 1000, BATCH, after);
      // A wake-up for a row that is still queued has the same job id and is dropped (until the row is a lease late: see wakeUpJobId).
      await this.queue.wake(due);
      queued += due.length;
      if (due.length < BATCH) break;
      after = due[due.length - 1];
    }
    let afterMessage: Pick<Reminder, 'id' | 'fireAt'> | undefined;
    for (;;) {
      const due = await this.surveyMessages.findOverdueUnsent(this.clock.now(), this.environment.REMINDER_CLAIM_LEASE_MS / 1000, BATCH, afterMessage);
      await this.queue.wakeSurveyMessages(due);
      queued += due.length;
      if (due.length < BATCH) break;
      afterMessage = due[due.length - 1];
    }
    const now = this.clock.now();
    const digests = await this.planning.planDigests((timeZone) => nextSendTime(now, timeZone));
    await this.queue.wake(digests);
    return queued + digests.length;
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => {
      this.running = this.sweep()
        .then((queued) => {
          if (queued > 0) this.logger.log({ queued }, 'sweep queued reminders');
        })
        .catch((error: unknown) => this.logger.warn({ err: error }, 'sweep failed; trying again'))
        .finally(() => {
          if (this.timer) this.schedule(this.environment.REMINDER_SWEEP_MS);
        });
    }, delay);
  }
}
