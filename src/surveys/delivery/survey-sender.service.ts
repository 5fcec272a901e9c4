import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { sha256 } from '../../auth/token-secrets.js';
import { Clock } from '../../common/clock.service.js';
import { Environment } from '../../config/environment.js';
import { MailDeliveryError, Mailer } from '../../reminders/delivery/mailer.service.js';
import { MAX_ATTEMPTS, type SendOutcome } from '../../reminders/delivery/reminder-sender.service.js';
import { ReminderQueue } from '../../reminders/reminder-queue.service.js';
import type { SurveyMessage } from '../survey-message.entity.js';
import { renderSurveyMail } from './survey-mail.js';
import { SurveyMessagesRepository } from './survey-messages.repository.js';

/** The public page of a personal survey link. */
export const surveyUrl = (publicUrl: string, token: string): string => `${publicUrl.replace(/\/+$/, '')}/survey/${token}`;

/**
 * Sends one survey message row with the reminders' guarantees: claimed by one worker, checked
 * (a reminder to a company that has answered, or anything after closing, is skipped), sent with
 * a personal link made now, recorded; a failure is retried with the reminders' backoff.
 * Each message gets a token of its own: only its hash is kept, so no stored value rebuilds a link.
 */
@Injectable()
export class SurveySender {
  private readonly logger = new Logger(SurveySender.name);

  constructor(
    private readonly messages: SurveyMessagesRepository,
    private readonly mailer: Mailer,
    private readonly queue: ReminderQueue,
    private readonly clock: Clock,
    private readonly environment: Environment,
  ) {}

  async send(messageId: string): Promise<SendOutcome> {
    const message = await this.messages.claim(messageId, this.clock.now(), this.environment.REMINDER_CLAIM_LEASE_MS / 1000);
    if (!message) return 'not-mine';
    let sent: { messageId: string; subject: string };
    try {
      const context = await this.messages.findContext(message.invitationId);
      if (!context) return this.skip(message, 'invitation deleted');
      if (context.contactArchived || !context.contactEmail) return this.skip(message, 'contact archived or without e-mail');
      if (this.clock.now() >= new Date(context.closesAt)) return this.skip(message, 'survey closed');
      if (message.kind === 'reminder' && context.answered) return this.skip(message, 'already answered');
      const token = randomBytes(32).toString('base64url');
      await this.messages.insertToken(message.invitationId, sha256(token));
      const publicUrl = this.environment.PUBLIC_URL ?? `http://localhost:${this.environment.PORT}`;
      const mail = renderSurveyMail(message.kind, context.language, {
        contactName: context.contactName,
        organisationName: context.organisationName,
        missionTitle: context.missionTitle,
        closesOn: context.closesOn,
        link: surveyUrl(publicUrl, token),
      });
      const delivered = await this.mailer.send({
        to: context.contactEmail,
        toName: context.contactName,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `survey-${message.id}@mission-crm`,
      });
      sent = { messageId: delivered.messageId, subject: mail.subject };
    } catch (error) {
      return this.failAttempt(message, error);
    }
    await this.recordSent(message, sent.messageId, sent.subject);
    return 'sent';
  }

  /** As for reminders: once the server has the message, only the record is retried, within half the lease. */
  private async recordSent(message: SurveyMessage, messageId: string, subject: string): Promise<void> {
    const giveUpAt = (message.claimedAt ?? this.clock.now()).getTime() + this.environment.REMINDER_CLAIM_LEASE_MS / 2;
    for (let wait = 100; ; wait *= 2) {
      try {
        await this.messages.markSent(message.id, this.clock.now(), messageId, subject);
        return;
      } catch (error) {
        if (this.clock.now().getTime() + wait >= giveUpAt) {
          throw new Error(`survey message ${message.id} was sent as ${messageId} but could not be recorded; it will be sent again once its claim expires`, {
            cause: error,
          });
        }
        await sleep(wait);
      }
    }
  }

  private async skip(message: SurveyMessage, reason: string): Promise<SendOutcome> {
    await this.messages.markSkipped(message.id, reason);
    return 'skipped';
  }

  private async failAttempt(message: SurveyMessage, error: unknown): Promise<SendOutcome> {
    const text = error instanceof Error ? error.message : String(error);
    if (message.attempts >= MAX_ATTEMPTS || (error instanceof MailDeliveryError && error.permanent)) {
      await this.messages.markAttemptFailed(message.id, text, null);
      this.logger.error({ surveyMessageId: message.id, attempts: message.attempts, err: error }, 'survey message failed for good');
      return 'failed';
    }
    const retryAt = new Date(this.clock.now().getTime() + this.environment.REMINDER_RETRY_BASE_MS * 2 ** (message.attempts - 1));
    await this.messages.markAttemptFailed(message.id, text, retryAt);
    await this.queue.wakeSurveyMessages([{ id: message.id, fireAt: retryAt, attempts: message.attempts }]);
    this.logger.warn({ surveyMessageId: message.id, attempts: message.attempts, retryAt, err: error }, 'survey message not sent; will retry');
    return 'retry';
  }
}
