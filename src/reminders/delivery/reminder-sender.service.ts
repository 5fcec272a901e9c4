import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { ACTIVE_ACTION_STATUSES } from '../../actions/action.entity.js';
import { ActionsRepository } from '../../actions/actions.repository.js';
import { AuditRepository } from '../../audit/audit.repository.js';
import { Clock } from '../../common/clock.service.js';
import { Environment } from '../../config/environment.js';
import type { User } from '../../users/user.entity.js';
import { UsersRepository } from '../../users/users.repository.js';
import { MailDeliveryError, Mailer } from './mailer.service.js';
import { actionUrl, renderActionMessage, renderDigest, type RenderedMessage } from './messages.js';
import { addDays, localDate } from '../working-time.js';
import type { Reminder } from '../reminder.entity.js';
import { ReminderQueue } from '../reminder-queue.service.js';
import { ReminderDeliveryRepository } from './reminder-delivery.repository.js';

/** Attempts before a reminder is recorded as failed for good. */
export const MAX_ATTEMPTS = 5;

export type SendOutcome = 'sent' | 'skipped' | 'retry' | 'failed' | 'not-mine';

/**
 * Sends one reminder row: claims it (at most one worker ever holds it), checks that
 * it still makes sense, renders it in the recipient's language, hands it to SMTP and
 * records the result. A failure goes back to the plan with a backoff, then ends as failed.
 */
@Injectable()
export class ReminderSender {
  private readonly logger = new Logger(ReminderSender.name);

  constructor(
    private readonly reminders: ReminderDeliveryRepository,
    private readonly actions: ActionsRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditRepository,
    private readonly mailer: Mailer,
    private readonly queue: ReminderQueue,
    private readonly clock: Clock,
    private readonly environment: Environment,
  ) {}

  async send(reminderId: string): Promise<SendOutcome> {
    const reminder = await this.reminders.claim(reminderId, this.clock.now(), this.environment.REMINDER_CLAIM_LEASE_MS / 1000);
    if (!reminder) return 'not-mine';
    let sent: { messageId: string; subject: string };
    try {
      const recipient = await this.users.findById(reminder.recipientId);
      if (!recipient || recipient.archivedAt) return this.skip(reminder, 'recipient archived');
      const message = await this.compose(reminder, recipient);
      if (typeof message === 'string') return this.skip(reminder, message);
      const messageId = `reminder-${reminder.id}@mission-crm`;
      const delivered = await this.mailer.send({
        to: recipient.email,
        toName: recipient.name,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId,
      });
      sent = { messageId: delivered.messageId, subject: message.subject };
    } catch (error) {
      return this.failAttempt(reminder, error);
    }
    await this.recordSent(reminder, sent.messageId, sent.subject);
    return 'sent';
  }

  /**
   * The server has the message, so sending it again would deliver it twice: from here a failure
   * is one of recording, never a failed attempt. A dropped database connection is replaced at
   * once, so the record is retried while the claim is still safely ours (half its lease); after
   * that the row stays 'sending' and is taken over and sent again, the one duplicate SMTP leaves.
   */
  private async recordSent(reminder: Reminder, messageId: string, subject: string): Promise<void> {
    const giveUpAt = (reminder.claimedAt ?? this.clock.now()).getTime() + this.environment.REMINDER_CLAIM_LEASE_MS / 2;
    for (let wait = 100; ; wait *= 2) {
      try {
        await this.reminders.markSent(reminder.id, this.clock.now(), messageId, subject);
        return;
      } catch (error) {
        if (this.clock.now().getTime() + wait >= giveUpAt) {
          throw new Error(`reminder ${reminder.id} was sent as ${messageId} but could not be recorded; it will be sent again once its claim expires`, {
            cause: error,
          });
        }
        await sleep(wait);
      }
    }
  }

  /** The message, or why there is nothing to send. */
  private async compose(reminder: Reminder, recipient: User): Promise<RenderedMessage | string> {
    const publicUrl = this.environment.PUBLIC_URL ?? `http://localhost:${this.environment.PORT}`;
    const language = recipient.language;
    if (reminder.kind === 'digest') {
      const today = localDate(this.clock.now(), recipient.timeZone);
      const actions = await this.actions.findForDigest(recipient.id);
      const overdue = actions.filter((action) => action.dueTo! < today);
      const dueSoon = actions.filter((action) => action.dueTo! >= today && action.dueFrom! <= addDays(today, 14));
      if (overdue.length === 0 && dueSoon.length === 0) return 'nothing due or overdue';
      return renderDigest({ name: recipient.name, language }, today, { dueSoon, overdue }, (id) => actionUrl(publicUrl, id));
    }
    const action = await this.actions.findForMessage(reminder.actionId!);
    if (!action) return 'action deleted';
    if (action.archivedAt) return 'action archived';
    if (!ACTIVE_ACTION_STATUSES.includes(action.status)) return `action ${action.status.replace('_', ' ')}`;
    const today = localDate(this.clock.now(), recipient.timeZone);
    const daysOverdue = action.dueTo && action.dueTo < today ? daysBetween(action.dueTo, today) : undefined;
    const assignedByName = reminder.kind === 'assignment' ? await this.audit.findAssignerName(action.id, recipient.id) : null;
    return renderActionMessage(
      reminder.kind,
      action,
      { name: recipient.name, language },
      { actionUrl: actionUrl(publicUrl, action.id), occurrence: reminder.occurrence, daysOverdue, assignedByName },
    );
  }

  private async skip(reminder: Reminder, reason: string): Promise<SendOutcome> {
    await this.reminders.markSkipped(reminder.id, reason);
    return 'skipped';
  }

  private async failAttempt(reminder: Reminder, error: unknown): Promise<SendOutcome> {
    const text = error instanceof Error ? error.message : String(error);
    // A permanent refusal (5xx) will not change by trying again.
    if (reminder.attempts >= MAX_ATTEMPTS || (error instanceof MailDeliveryError && error.permanent)) {
      await this.reminders.markAttemptFailed(reminder.id, text, null);
      this.logger.error({ reminderId: reminder.id, attempts: reminder.attempts, err: error }, 'reminder failed for good');
      return 'failed';
    }
    const retryAt = new Date(this.clock.now().getTime() + this.environment.REMINDER_RETRY_BASE_MS * 2 ** (reminder.attempts - 1));
    await this.reminders.markAttemptFailed(reminder.id, text, retryAt);
    await this.queue.wake([{ id: reminder.id, fireAt: retryAt, attempts: reminder.attempts }]);
    this.logger.warn({ reminderId: reminder.id, attempts: reminder.attempts, retryAt, err: error }, 'reminder not sent; will retry');
    return 'retry';
  }
}

/** Whole days from one calendar date to a later one. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
