import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import {
  createTransport,
  type NodemailerError,
  type SendMailOptions,
  type SMTPPoolSentMessageInfo,
  type StreamSentMessageInfo,
  type Transporter,
} from 'nodemailer';
import { Environment } from '../../config/environment.js';

export interface OutgoingMail {
  to: string;
  toName?: string;
  subject: string;
  text: string;
  html: string;
  /** Without angle brackets, e.g. reminder-<uuid>@mission-crm: deterministic, so a sent message can be traced and reconciled. */
  messageId: string;
}

export interface SentMail {
  messageId: string;
  response: string;
}

/**
 * A message that did not go out. The caller retries with backoff unless `permanent`: the server
 * refused this very message for good (a 5xx reply), so sending it again would be refused again.
 */
export class MailDeliveryError extends Error {
  readonly permanent: boolean;
  readonly responseCode: number | null;

  constructor(cause: NodemailerError) {
    super(cause.message, { cause });
    this.name = 'MailDeliveryError';
    this.permanent = cause.permanent === true;
    this.responseCode = cause.responseCode ?? null;
  }
}

/** Short enough that a dead or silent server fails the send quickly; the caller's backoff does the waiting. */
const SMTP_TIMEOUTS_MS = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000, dnsTimeout: 5_000 };

/**
 * Sends reminder e-mails over SMTP (SMTP_URL), or, without it, writes each message as an .eml file
 * under DATA_DIR/mail so that a newcomer can read what would have been sent.
 */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly smtp: Transporter<SMTPPoolSentMessageInfo> | null;
  /** Renders a message to RFC 822 bytes when there is no SMTP server. */
  private readonly composer: Transporter<StreamSentMessageInfo>;
  private readonly mailDir: string;

  constructor(environment: Environment) {
    this.mailDir = resolve(environment.DATA_DIR, 'mail');
    this.smtp = environment.SMTP_URL
      ? createTransport(
          {
            url: environment.SMTP_URL,
            pool: true,
            maxConnections: 5,
            // A message whose connection drops is failed, not re-sent here: the caller owns retries.
            maxRequeues: 0,
            ...SMTP_TIMEOUTS_MS,
          },
          { from: environment.MAIL_FROM },
        )
      : null;
    this.composer = createTransport({ streamTransport: true, buffer: true, newline: 'windows' }, { from: environment.MAIL_FROM });
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    return this.smtp ? this.sendOverSmtp(this.smtp, mail) : this.writeToFile(mail);
  }

  close(): void {
    this.smtp?.close();
  }

  onModuleDestroy(): void {
    this.close();
  }

  private async sendOverSmtp(smtp: Transporter<SMTPPoolSentMessageInfo>, mail: OutgoingMail): Promise<SentMail> {
    try {
      const info = await smtp.sendMail(this.options(mail));
      return { messageId: stripAngleBrackets(info.messageId), response: info.response };
    } catch (error) {
      throw new MailDeliveryError(error as NodemailerError);
    }
  }

  private async writeToFile(mail: OutgoingMail): Promise<SentMail> {
    const { message } = await this.composer.sendMail(this.options(mail));
    const path = join(this.mailDir, `${fileTimestamp(new Date())}-${fileSafe(mail.messageId)}.eml`);
    // Written beside its final name and renamed, so a reader never sees half a message.
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await mkdir(this.mailDir, { recursive: true });
    try {
      await writeFile(temporary, message);
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { messageId: mail.messageId, response: `written to ${path}` };
  }

  private options(mail: OutgoingMail): SendMailOptions {
    return {
      to: mail.toName ? { name: mail.toName, address: mail.to } : mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${stripAngleBrackets(mail.messageId)}>`,
    };
  }
}

function stripAngleBrackets(messageId: string): string {
  return messageId.replace(/^<|>$/g, '');
}

/** YYYYMMDDTHHMMSS in UTC, so the files sort by the time they were written. */
function fileTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, '');
}

function fileSafe(messageId: string): string {
  return messageId.replace(/[^A-Za-z0-9.@_-]/g, '_').slice(0, 150);
}
