import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock.service.js';
import { NotFoundError, ValidationFailedError } from '../common/errors.js';
import { Environment } from '../config/environment.js';
import { Mailer } from '../reminders/delivery/mailer.service.js';
import { hashPassword } from '../users/password.js';
import type { User } from '../users/user.entity.js';
import { UsersRepository } from '../users/users.repository.js';
import type { InvitationResponseDto, PasswordResetConfirmDto } from './auth.dto.js';
import { renderPasswordMail } from './password-mail.js';
import type { PasswordTokenPurpose } from './password-token.entity.js';
import { SessionCheck } from './session-check.service.js';
import { newRefreshToken, sha256 } from './token-secrets.js';
import { TokensRepository } from './tokens.repository.js';

/** How long a link works. */
const VALID_HOURS: Record<PasswordTokenPurpose, number> = { reset: 1, invitation: 7 * 24 };

export const RESET_ACCEPTED = 'If an account has this address, a link to set a new password is on its way; it works once, within an hour.';

/**
 * Links that set a password: an admin's invitation, or a reset anyone may ask for. The link is
 * PUBLIC_URL/reset-password?token=…, a page of the dashboard that sends the token and the new
 * password to POST /auth/password-reset/confirm. Only the latest link of a user works, once.
 */
@Injectable()
export class PasswordTokensService {
  private readonly log = new Logger('PasswordTokens');

  constructor(
    private readonly tokens: TokensRepository,
    private readonly users: UsersRepository,
    private readonly sessions: SessionCheck,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly environment: Environment,
  ) {}

  /**
   * The same answer whether or not the address has an account, and at once: the lookup and the
   * e-mail happen after the response, so neither the answer nor its timing tells who has one.
   */
  requestReset(email: string): void {
    setImmediate(() => {
      this.sendReset(email).catch((error: unknown) => this.log.error({ err: error }, 'a password reset e-mail could not be prepared'));
    });
  }

  async invite(userId: string): Promise<InvitationResponseDto> {
    const user = await this.users.findById(userId);
    if (!user) throw new NotFoundError('user', userId);
    const { expiresAt, sent } = await this.issue(user, 'invitation');
    return { userId: user.id, email: user.email, expiresAt, sent };
  }

  /** Sets the password of the link's user and uses the link up; every session of theirs ends. */
  async confirm({ token, newPassword }: PasswordResetConfirmDto): Promise<void> {
    // Hashing is slow on purpose: before the transaction.
    const passwordHash = await hashPassword(newPassword);
    const now = this.clock.now();
    const done = await this.tokens.transaction(async (tx) => {
      const userId = await this.tokens.consumePasswordToken(sha256(token), now, tx);
      if (!userId) return false;
      const user = await this.users.lockForChange(tx, userId);
      user.passwordHash = passwordHash;
      await this.users.save(user, tx);
      await this.tokens.revokeRefreshTokensOfUser(userId, undefined, now, tx);
      return true;
    });
    if (!done) {
      const message = 'the link is not valid, or it expired or was already used; ask for a new one';
      throw new ValidationFailedError([{ field: 'token', message }], `T${message.slice(1)}`);
    }
    this.sessions.forget();
  }

  private async sendReset(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (user) await this.issue(user, 'reset');
  }

  private async issue(user: User, purpose: PasswordTokenPurpose): Promise<{ expiresAt: Date; sent: boolean }> {
    const now = this.clock.now();
    const secret = newRefreshToken();
    const hours = VALID_HOURS[purpose];
    const expiresAt = new Date(now.getTime() + hours * 3600_000);
    const id = await this.tokens.insertPasswordToken({ userId: user.id, purpose, tokenHash: secret.hash, expiresAt }, now);
    const publicUrl = (this.environment.PUBLIC_URL ?? `http://localhost:${this.environment.PORT}`).replace(/\/+$/, '');
    const mail = renderPasswordMail(purpose, user, `${publicUrl}/reset-password?token=${secret.token}`, hours);
    try {
      const sent = await this.mailer.send({ to: user.email, toName: user.name, ...mail, messageId: `password-${id}@mission-crm` });
      await this.tokens.recordPasswordMail(id, { sentAt: this.clock.now(), messageId: sent.messageId });
      return { expiresAt, sent: true };
    } catch (error) {
      this.log.warn({ err: error, userId: user.id, purpose }, 'the e-mail with a password link was not accepted');
      await this.tokens.recordPasswordMail(id, { error: error instanceof Error ? error.message : String(error) });
      return { expiresAt, sent: false };
    }
  }
}
