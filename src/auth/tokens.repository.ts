import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull, type SelectQueryBuilder } from 'typeorm';
import type { Transaction } from '../database/transaction.js';
import type { User, UserRole } from '../users/user.entity.js';
import { ApiToken } from './api-token.entity.js';
import { PasswordToken, type PasswordTokenPurpose } from './password-token.entity.js';
import { RefreshToken } from './refresh-token.entity.js';

/** Who a credential belongs to, as far as access control needs to know. */
export type TokenUser = Pick<User, 'id' | 'role'>;

@Injectable()
export class TokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertRefreshToken(
    values: Pick<RefreshToken, 'userId' | 'familyId' | 'tokenHash' | 'expiresAt'>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.insert(RefreshToken, values);
  }

  /**
   * Revokes a live refresh token and returns it, in one statement: of two requests racing
   * with the same token, exactly one gets it back.
   */
  async consumeRefreshToken(tokenHash: string, now: Date, manager: EntityManager = this.dataSource.manager): Promise<RefreshToken | null> {
    const result = await manager
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ revokedAt: now })
      .where('token_hash = :tokenHash AND revoked_at IS NULL AND expires_at > :now', { tokenHash, now })
      .returning('id, user_id, family_id, expires_at')
      .execute();
    const row = (result.raw as { id: string; user_id: string; family_id: string; expires_at: Date }[])[0];
    return row
      ? Object.assign(new RefreshToken(), { id: row.id, userId: row.user_id, familyId: row.family_id, expiresAt: row.expires_at, revokedAt: now })
      : null;
  }

  findRefreshToken(tokenHash: string): Promise<RefreshToken | null> {
    return this.dataSource.manager.findOneBy(RefreshToken, { tokenHash });
  }

  async revokeRefreshFamily(familyId: string, now: Date): Promise<void> {
    await this.dataSource.manager.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: now });
  }

  /** Signs a user out everywhere but in one session (a sign-in and its refreshes); everywhere when none is given. */
  async revokeRefreshTokensOfUser(
    userId: string,
    keepFamilyId: string | undefined,
    now: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const query = manager.createQueryBuilder().update(RefreshToken).set({ revokedAt: now }).where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (keepFamilyId) query.andWhere('family_id <> :keepFamilyId', { keepFamilyId });
    await query.execute();
  }

  /**
   * The current role of the user of a session, when the session is live (a refresh token of its
   * sign-in neither revoked nor expired) and the user not archived; null otherwise. Served by
   * ix_refresh_tokens_family_id and the users' primary key.
   */
  async findLiveSessionRole(familyId: string, userId: string, now: Date): Promise<UserRole | null> {
    const rows: { role: UserRole }[] = await this.dataSource.query(
      `SELECT u.role FROM users u
        WHERE u.id = $2 AND u.archived_at IS NULL
          AND EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = $1 AND r.user_id = $2 AND r.revoked_at IS NULL AND r.expires_at > $3)`,
      [familyId, userId, now],
    );
    return rows[0]?.role ?? null;
  }

  /** The time zone of a user, in which a date they send stands for the start of that day; null for none. */
  async findTimeZone(userId: string): Promise<string | null> {
    const rows: { time_zone: string | null }[] = await this.dataSource.query(`SELECT u.time_zone FROM users u WHERE u.id = $1`, [userId]);
    return rows[0]?.time_zone ?? null;
  }

  /** A user who leaves: every session and every API token of theirs ends now. */
  async revokeEverythingOf(userId: string, now: Date, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await this.revokeRefreshTokensOfUser(userId, undefined, now, manager);
    await manager
      .createQueryBuilder()
      .update(ApiToken)
      .set({ revokedAt: now })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .callListeners(false)
      .execute();
  }

  /** Expired rows serve no purpose, not even reuse detection: a user's are cleared when they sign in. */
  async deleteExpiredRefreshTokens(userId: string, now: Date): Promise<void> {
    await this.dataSource.manager.createQueryBuilder().delete().from(RefreshToken).where('user_id = :userId AND expires_at <= :now', { userId, now }).execute();
  }

  insertApiToken(values: Pick<ApiToken, 'userId' | 'name' | 'prefix' | 'tokenHash' | 'readOnly' | 'expiresAt'>): Promise<ApiToken> {
    return this.dataSource.manager.save(ApiToken, this.dataSource.manager.create(ApiToken, values));
  }

  /** The token, not revoked nor expired, and its owner, not archived: one query, through the unique index on the hash. */
  async findLiveApiToken(tokenHash: string, now: Date): Promise<{ token: ApiToken; user: TokenUser } | null> {
    const token = await this.dataSource.manager
      .createQueryBuilder(ApiToken, 't')
      .innerJoinAndSelect('t.user', 'u')
      .where('t.tokenHash = :tokenHash AND t.revokedAt IS NULL AND t.expiresAt > :now', { tokenHash, now })
      .getOne();
    return token?.user ? { token, user: token.user } : null;
  }

  /** A user's tokens that are not revoked, newest first; expired ones stay visible until revoked. */
  listApiTokens(userId: string, limit: number, offset: number): Promise<[ApiToken[], number]> {
    return this.dataSource.manager.findAndCount(ApiToken, {
      where: { userId, revokedAt: IsNull() },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
  }

  /** The same tokens as a query in the same order, unpaged: what an export streams. */
  apiTokensQuery(userId: string): SelectQueryBuilder<ApiToken> {
    return this.dataSource
      .getRepository(ApiToken)
      .createQueryBuilder('token')
      .where('token.userId = :userId AND token.revokedAt IS NULL', { userId })
      .orderBy('token.createdAt', 'DESC')
      .addOrderBy('token.id', 'ASC');
  }

  /** Whether a live token of this user was revoked now. */
  async revokeApiToken(id: string, userId: string, now: Date): Promise<boolean> {
    const result = await this.dataSource.manager.update(ApiToken, { id, userId, revokedAt: IsNull() }, { revokedAt: now });
    return (result.affected ?? 0) > 0;
  }

  /** Records use at most once a minute: a busy script does not turn every read into a write. */
  async touchApiToken(id: string, now: Date): Promise<void> {
    const aMinuteAgo = new Date(now.getTime() - 60_000);
    await this.dataSource.manager
      .createQueryBuilder()
      .update(ApiToken)
      .set({ lastUsedAt: now })
      .where('id = :id AND (last_used_at IS NULL OR last_used_at < :aMinuteAgo)', { id, aMinuteAgo })
      // Bookkeeping, not a change anyone made: no entity listeners (such as the audit log).
      .callListeners(false)
      .execute();
  }

  /** Stores a new link for the user and voids their earlier ones: only the latest link works. */
  async insertPasswordToken(
    values: { userId: string; purpose: PasswordTokenPurpose; tokenHash: string; expiresAt: Date },
    now: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string> {
    await manager.update(PasswordToken, { userId: values.userId, usedAt: IsNull() }, { usedAt: now });
    const result = await manager.insert(PasswordToken, values);
    return (result.identifiers[0] as { id: string }).id;
  }

  /** Uses a live link up and answers its user, in one statement: of two requests with the same link, one gets it. */
  async consumePasswordToken(tokenHash: string, now: Date, manager: EntityManager): Promise<string | null> {
    const [rows]: [{ user_id: string }[], number] = await manager.query(
      `UPDATE password_tokens t SET used_at = $2 FROM users u
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > $2 AND u.id = t.user_id AND u.archived_at IS NULL
        RETURNING t.user_id`,
      [tokenHash, now],
    );
    return rows[0]?.user_id ?? null;
  }

  async recordPasswordMail(id: string, outcome: { sentAt: Date; messageId: string } | { error: string }): Promise<void> {
    await this.dataSource.manager.update(
      PasswordToken,
      { id },
      'error' in outcome ? { lastError: outcome.error.slice(0, 2000) } : { sentAt: outcome.sentAt, messageId: outcome.messageId, lastError: null },
    );
  }

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
