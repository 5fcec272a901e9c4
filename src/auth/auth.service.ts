import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Clock } from '../common/clock.js';
import { Environment } from '../config/environment.js';
import { hashPassword, verifyPassword } from '../users/password.js';
import { type User, USER_ROLES, type UserRole } from '../users/user.entity.js';
import { mapUser, type UserResponseDto } from '../users/users.dto.js';
import { UnauthorizedError } from './auth-errors.js';
import type { LoginDto, SessionResponseDto } from './auth.dto.js';
import type { Actor } from './request-context.js';
import { isApiToken, newRefreshToken, sha256 } from './token-secrets.js';
import { TokensRepository } from './tokens.repository.js';

/** The claims of an access token. */
interface AccessClaims {
  sub: string;
  role: UserRole;
  typ: 'access';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request's verified credentials. */
export interface Authentication {
  actor: Actor;
  /** An API token rather than a session; its id. */
  apiTokenId?: string;
  /** A read-only API token: GET and HEAD only. */
  readOnly: boolean;
}

const WRONG_CREDENTIALS = 'The e-mail address or the password is not correct';
const INVALID_TOKEN = 'The access token is not valid, or it expired or was revoked; sign in again';

/** Sign-in, token refresh and sign-out, and the check of every request's bearer token. */
@Injectable()
export class AuthService {
  /** Checked against when no user has the address, so that a wrong address takes as long as a wrong password. */
  private decoyHash?: Promise<string>;

  constructor(
    private readonly tokens: TokensRepository,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    private readonly environment: Environment,
  ) {}

  async login({ email, password }: LoginDto): Promise<SessionResponseDto> {
    const user = await this.tokens.findUserForSignIn(email);
    // Unknown address, archived user, no password set, wrong password: one answer for all.
    if (!(await this.passwordMatches(user, password)) || !user) throw new UnauthorizedError(WRONG_CREDENTIALS);
    await this.tokens.deleteExpiredRefreshTokens(user.id, this.clock.now());
    const refresh = newRefreshToken();
    const refreshExpiresAt = this.refreshExpiry();
    await this.tokens.insertRefreshToken({ userId: user.id, familyId: randomUUID(), tokenHash: refresh.hash, expiresAt: refreshExpiresAt });
    return this.session(user, refresh.token, refreshExpiresAt);
  }

  /** A new pair for a refresh token, which is used up; a token used twice revokes every token descending from its sign-in. */
  async refresh(refreshToken: string): Promise<SessionResponseDto> {
    const hash = sha256(refreshToken);
    const now = this.clock.now();
    const next = newRefreshToken();
    const refreshExpiresAt = this.refreshExpiry();
    const user = await this.tokens.transaction(async (manager) => {
      const used = await this.tokens.consumeRefreshToken(hash, now, manager);
      if (!used) return undefined;
      const owner = await this.tokens.findActiveUser(used.userId, manager);
      if (owner)
        await this.tokens.insertRefreshToken({ userId: owner.id, familyId: used.familyId, tokenHash: next.hash, expiresAt: refreshExpiresAt }, manager);
      return owner ?? null;
    });
    if (user === undefined) {
      const known = await this.tokens.findRefreshToken(hash);
      // Revoked but presented again: someone holds a copy. End the whole session, theirs and the user's.
      if (known?.revokedAt) await this.tokens.revokeRefreshFamily(known.familyId, now);
    }
    if (!user) {
      throw new UnauthorizedError('The refresh token is not valid, or it expired or was already used; sign in again');
    }
    return this.session(user, next.token, refreshExpiresAt);
  }

  /** Revokes the refresh token; the access tokens issued with it expire on their own, soon. */
  async logout(refreshToken: string): Promise<void> {
    // Revoking it as a refresh would: an unknown or spent token is no error (sign-out is idempotent).
    await this.tokens.consumeRefreshToken(sha256(refreshToken), this.clock.now());
  }

  async me(userId: string): Promise<UserResponseDto> {
    const user = await this.tokens.findActiveUser(userId);
    // Archived since the access token was issued.
    if (!user) throw new UnauthorizedError(INVALID_TOKEN);
    return mapUser(user);
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
    if (claims.typ !== 'access' || !UUID.test(claims.sub) || !(USER_ROLES as readonly unknown[]).includes(claims.role))
      throw new UnauthorizedError(INVALID_TOKEN);
    // Trusted as signed, without a query: requests stay one round trip to the database fewer. The price: an archived
    // user or a changed role takes effect at the next refresh, at most JWT_ACCESS_TTL later.
    return { actor: { userId: claims.sub, role: claims.role }, readOnly: false };
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

  private async session(user: User, refreshToken: string, refreshExpiresAt: Date): Promise<SessionResponseDto> {
    const expiresIn = this.environment.JWT_ACCESS_TTL;
    const claims: AccessClaims & { iat: number } = { sub: user.id, role: user.role, typ: 'access', iat: this.seconds(this.clock.now()) };
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
