import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Clock } from '../common/clock.service.js';
import { ValidationFailedError } from '../common/errors.js';
import { Environment } from '../config/environment.js';
import { hashPassword, verifyPassword } from '../users/password.js';
import { type User, USER_ROLES, type UserRole } from '../users/user.entity.js';
import { mapUser, type UserResponseDto } from '../users/users.dto.js';
import { UsersRepository } from '../users/users.repository.js';
import { ForbiddenError, UnauthorizedError } from './auth-errors.js';
import type { LoginDto, MeUpdateDto, SessionResponseDto } from './auth.dto.js';
import type { Actor } from './request-context.js';
import { isApiToken, newRefreshToken, sha256 } from './token-secrets.js';
import { SessionCheck } from './session-check.service.js';
import { TokensRepository } from './tokens.repository.js';

/** The claims of an access token. */
interface AccessClaims {
  sub: string;
  role: UserRole;
  typ: 'access';
  /** The session: the family of refresh tokens of the sign-in the token descends from. */
  sid: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request's verified credentials. */
export interface Authentication {
  actor: Actor;
  /** An API token rather than a session; its id. */
  apiTokenId?: string;
  /** A read-only API token: GET and HEAD only. */
  readOnly: boolean;
  /** The session of an access token. */
  sessionId?: string;
}

/**
 * How long a replaced refresh token may be presented again without counting as stolen (the
 * "reuse interval" of refresh-token rotation): a full page load that starts while the previous
 * page's refresh is in flight sends the token that refresh used.
 */
export const REFRESH_REUSE_INTERVAL_MS = 30_000;

const WRONG_CREDENTIALS = 'The e-mail address or the password is not correct';
const INVALID_TOKEN = 'The access token is not valid, or it expired or was revoked; sign in again';

/** Sign-in, token refresh and sign-out, and the check of every request's bearer token. */
@Injectable()
export class AuthService {
  /** Checked against when no user has the address, so that a wrong address takes as long as a wrong password. */
  private decoyHash?: Promise<string>;

  constructor(
    private readonly tokens: TokensRepository,
    private readonly users: UsersRepository,
    private readonly sessions: SessionCheck,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    private readonly environment: Environment,
  ) {}

  async login({ email, password }: LoginDto): Promise<SessionResponseDto> {
    const user = await this.users.findByEmail(email, { withPassword: true });
    // Unknown address, archived user, no password set, wrong password: one answer for all.
    if (!(await this.passwordMatches(user, password)) || !user) throw new UnauthorizedError(WRONG_CREDENTIALS);
    await this.tokens.deleteExpiredRefreshTokens(user.id, this.clock.now());
    const refresh = newRefreshToken();
    const refreshExpiresAt = this.refreshExpiry();
    const familyId = randomUUID();
    await this.tokens.insertRefreshToken({ userId: user.id, familyId, tokenHash: refresh.hash, expiresAt: refreshExpiresAt });
    return this.session(user, familyId, refresh.token, refreshExpiresAt);
  }

  /**
   * A new pair for a refresh token, which is used up; a token used twice revokes every token
   * descending from its sign-in. Except within REFRESH_REUSE_INTERVAL_MS of its replacement, while
   * its session is still live: a page that reloads while the previous page's refresh is still in
   * flight never saw the successor, and presents the same token again. It gets a fresh pair of the
   * same session instead of being signed out. A token revoked by signing out never works again.
   */
  async refresh(refreshToken: string): Promise<SessionResponseDto> {
    const hash = sha256(refreshToken);
    const now = this.clock.now();
    const next = newRefreshToken();
    const refreshExpiresAt = this.refreshExpiry();
    let familyId = '';
    const user = await this.tokens.transaction(async (tx) => {
      const used = await this.tokens.consumeRefreshToken(hash, now, tx);
      if (!used) return undefined;
      familyId = used.familyId;
      const owner = await this.users.findById(used.userId, tx);
      if (owner) await this.tokens.insertRefreshToken({ userId: owner.id, familyId, tokenHash: next.hash, expiresAt: refreshExpiresAt }, tx);
      return owner ?? null;
    });
    if (user) return this.session(user, familyId, next.token, refreshExpiresAt);
    if (user === undefined) {
      const known = await this.tokens.findRefreshToken(hash);
      if (known?.revokedAt && known.expiresAt > now) {
        const replacedRecently = now.getTime() - known.revokedAt.getTime() < REFRESH_REUSE_INTERVAL_MS;
        // Replaced, not signed out: the session has a live token still (signing out, a new password,
        // archiving and a detected theft leave it none).
        const live = replacedRecently && (await this.tokens.findLiveSessionRole(known.familyId, known.userId, now)) !== null;
        const owner = live ? await this.users.findById(known.userId) : null;
        if (owner) {
          await this.tokens.insertRefreshToken({ userId: owner.id, familyId: known.familyId, tokenHash: next.hash, expiresAt: refreshExpiresAt });
          return this.session(owner, known.familyId, next.token, refreshExpiresAt);
        }
      }
      // Revoked but presented again: someone holds a copy. End the whole session, theirs and the user's.
      if (known?.revokedAt) {
        await this.tokens.revokeRefreshFamily(known.familyId, now);
        this.sessions.forget();
      }
    }
    throw new UnauthorizedError('The refresh token is not valid, or it expired or was already used; sign in again');
  }

  /** Revokes the refresh token, and with it the session: its access tokens stop working at once. */
  async logout(refreshToken: string): Promise<void> {
    // Revoking it as a refresh would: an unknown or spent token is no error (sign-out is idempotent).
    await this.tokens.consumeRefreshToken(sha256(refreshToken), this.clock.now());
    this.sessions.forget();
  }

  async me(userId: string): Promise<UserResponseDto> {
    const user = await this.users.findById(userId);
    // Archived since the access token was issued.
    if (!user) throw new UnauthorizedError(INVALID_TOKEN);
    return mapUser(user);
  }

  /**
   * A signed-in user changes their own settings (name, language, time zone, reminder mode) and,
   * proving they know the current one, their password (a stolen access token alone is not enough
   * for that). A new password signs every other session of theirs out; this one stays. Their API
   * tokens stay too: each is listed and revoked on its own.
   */
  async updateMe(auth: Authentication, { currentPassword, newPassword, version, ...settings }: MeUpdateDto): Promise<UserResponseDto> {
    const changesPassword = newPassword !== undefined || currentPassword !== undefined;
    if (!changesPassword && Object.values(settings).every((value) => value === undefined)) {
      const message = 'send at least one of name, language, timeZone, reminderMode, or newPassword with currentPassword';
      throw new ValidationFailedError([{ field: 'body', message }], `Nothing to change: ${message}`);
    }
    if (changesPassword) {
      // A leaked integration token must not be able to take the account over.
      if (auth.apiTokenId) throw new ForbiddenError('The password is changed by a signed-in user, not with an API token');
      if (newPassword === undefined) throw new ValidationFailedError([{ field: 'newPassword', message: 'newPassword is required with currentPassword' }]);
      if (currentPassword === undefined)
        throw new ValidationFailedError([{ field: 'currentPassword', message: 'currentPassword is required with newPassword' }]);
      if (newPassword.normalize('NFC') === currentPassword.normalize('NFC')) {
        throw new ValidationFailedError([{ field: 'newPassword', message: 'newPassword must differ from currentPassword' }]);
      }
    }
    const user = await this.users.findWithPassword(auth.actor.userId);
    if (!user) throw new UnauthorizedError(INVALID_TOKEN);
    let passwordHash: string | undefined;
    if (changesPassword) {
      if (!(await this.passwordMatches(user, currentPassword!))) {
        throw new ValidationFailedError([{ field: 'currentPassword', message: 'currentPassword is not your current password' }]);
      }
      // Hashing is slow on purpose: before the row lock is taken.
      passwordHash = await hashPassword(newPassword!);
    }
    const saved = await this.tokens.transaction(async (tx) => {
      const row = await this.users.lockForChange(tx, user.id, version);
      Object.assign(row, Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)));
      if (passwordHash !== undefined) row.passwordHash = passwordHash;
      const changed = await this.users.save(row, tx);
      if (passwordHash !== undefined) await this.tokens.revokeRefreshTokensOfUser(user.id, auth.sessionId, this.clock.now(), tx);
      return changed;
    });
    if (passwordHash !== undefined) this.sessions.forget();
    return mapUser(saved);
  }

  /** Who a bearer token (an access token or an `mcrm_` API token) belongs to; a 401 when nobody. */
  async authenticate(token: string): Promise<Authentication> {
    return isApiToken(token) ? this.authenticateApiToken(token) : this.authenticateAccessToken(token);
  }

  private async authenticateAccessToken(token: string): Promise<Authentication> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'], clockTimestamp: this.seconds(this.clock.now()) });
    } catch (error) {
      throw new UnauthorizedError((error as Error).name === 'TokenExpiredError' ? 'The access token has expired; refresh it or sign in again' : INVALID_TOKEN);
    }
    if (
      claims.typ !== 'access' ||
      !UUID.test(claims.sub) ||
      !(USER_ROLES as readonly unknown[]).includes(claims.role) ||
      typeof claims.sid !== 'string' ||
      !UUID.test(claims.sid)
    )
      throw new UnauthorizedError(INVALID_TOKEN);
    // The signature says who; the session says whether still: signed out, signed out by a new password,
    // archived. The role is the user's role now, not the one the token was issued with.
    const role = await this.sessions.currentRole(claims.sid, claims.sub);
    if (!role) throw new UnauthorizedError(INVALID_TOKEN);
    return { actor: { userId: claims.sub, role }, readOnly: false, sessionId: claims.sid };
  }

  private async authenticateApiToken(token: string): Promise<Authentication> {
    const now = this.clock.now();
    const stored = await this.tokens.findLiveApiToken(sha256(token), now);
    if (!stored) throw new UnauthorizedError('The API token is not valid, or it expired or was revoked');
    await this.tokens.touchApiToken(stored.token.id, now);
    return { actor: { userId: stored.user.id, role: stored.user.role }, apiTokenId: stored.token.id, readOnly: stored.token.readOnly };
  }

  private async passwordMatches(user: User | null, password: string): Promise<boolean> {
    if (user?.passwordHash) return verifyPassword(password, user.passwordHash);
    await verifyPassword(password, await (this.decoyHash ??= hashPassword('no user has this password')));
    return false;
  }

  private async session(user: User, familyId: string, refreshToken: string, refreshExpiresAt: Date): Promise<SessionResponseDto> {
    const expiresIn = this.environment.JWT_ACCESS_TTL;
    const claims: AccessClaims & { iat: number } = { sub: user.id, role: user.role, typ: 'access', sid: familyId, iat: this.seconds(this.clock.now()) };
    const accessToken = await this.jwt.signAsync(claims, { algorithm: 'HS256', expiresIn });
    return { accessToken, tokenType: 'Bearer', expiresIn, refreshToken, refreshExpiresAt, user: mapUser(user) };
  }

  private refreshExpiry(): Date {
    return new Date(this.clock.now().getTime() + this.environment.REFRESH_TTL * 1000);
  }

  private seconds(instant: Date): number {
    return Math.floor(instant.getTime() / 1000);
  }
}
