import { Injectable, Logger } from '@nestjs/common';
import { ACTIVE_ACTION_STATUSES, type Action } from '../actions/action.entity.js';
import { Clock } from '../common/clock.js';
import { Environment } from '../config/environment.js';
import type { User } from '../users/user.entity.js';
import { Mailer } from './mailer.js';
import { actionUrl, type MessageAction, renderActionMessage, renderDigest, type RenderedMessage } from './messages.js';
import { addDays, localDate } from './working-time.js';
import type { Reminder } from './reminder.entity.js';
import { ReminderQueue } from './reminder-queue.js';
import { RemindersRepository } from './reminders.repository.js';

/** How long a claim protects a reminder being sent; after that another worker may take it over. */
export const CLAIM_LEASE_SECONDS = 120;
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
    private readonly reminders: RemindersRepository,
    private readonly mailer: Mailer,
    private readonly queue: ReminderQueue,
    private readonly clock: Clock,
    private readonly environment: Environment,
  ) {}

  async send(reminderId: string): Promise<SendOutcome> {
    const reminder = await this.reminders.claim(reminderId, this.clock.now(), CLAIM_LEASE_SECONDS);
    if (!reminder) return 'not-mine';
    try {
      const recipient = await this.reminders.findUser(reminder.recipientId);
      if (!recipient || recipient.archivedAt) return this.skip(reminder, 'recipient archived');
      const message = await this.compose(reminder, recipient);
      if (typeof message === 'string') return this.skip(reminder, message);
      const messageId = `reminder-${reminder.id}@mission-crm`;
      const sent = await this.mailer.send({ to: recipient.email, toName: recipient.name, subject: message.subject, text: message.text, html: message.html, messageId });
      await this.reminders.markSent(reminder.id, this.clock.now(), sent.messageId, message.subject);
      return 'sent';
    } catch (error) {
      return this.failAttempt(reminder, error);
    }
  }

  /** The message, or why there is nothing to send. */
  private async compose(reminder: Reminder, recipient: User): Promise<RenderedMessage | string> {
    const publicUrl = this.environment.PUBLIC_URL ?? `http://localhost:${this.environment.PORT}`;
    const language = recipient.language;
    if (reminder.kind === 'digest') {
      const today = localDate(this.clock.now(), recipient.timeZone);
      const actions = await this.reminders.findDigestActions(recipient.id);
      const overdue = actions.filter((action) => action.dueTo! < today).map(toMessageAction);
      const dueSoon = actions.filter((action) => action.dueTo! >= today && action.dueFrom! <= addDays(today, 14)).map(toMessageAction);
      if (overdue.length === 0 && dueSoon.length === 0) return 'nothing due or overdue';
      return renderDigest({ name: recipient.name, language }, today, { dueSoon, overdue }, (id) => actionUrl(publicUrl, id));
    }
    const action = await this.reminders.findActionForMessage(reminder.actionId!);
    if (!action) return 'action deleted';
    if (action.archivedAt) return 'action archived';
    if (!ACTIVE_ACTION_STATUSES.includes(action.status)) return `action ${action.status.replace('_', ' ')}`;
    return renderActionMessage(reminder.kind, toMessageAction(action), { name: recipient.name, language }, { actionUrl: actionUrl(publicUrl, action.id), occurrence: reminder.occurrence });
  }

  private async skip(reminder: Reminder, reason: string): Promise<SendOutcome> {
    await this.reminders.markSkipped(reminder.id, reason);
    return 'skipped';
  }

  private async failAttempt(reminder: Reminder, error: unknown): Promise<SendOutcome> {
    const text = error instanceof Error ? error.message : String(error);
    if (reminder.attempts >= MAX_ATTEMPTS) {
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

function toMessageAction(action: Action): MessageAction {
  return {
    id: action.id,
    title: action.title,
    status: action.status,
    dueFrom: action.dueFrom,
    dueTo: action.dueTo,
    duePrecision: action.duePrecision,
    dueLabel: action.dueLabel,
    missionCode: action.mission?.code ?? '',
    missionTitle: action.mission?.title ?? '',
    ownerName: action.owner?.name ?? null,
  };
}
