import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Transaction } from '../database/transaction.js';
import { violatesUnique } from '../database/unique-violation.js';
import { assertReferencesExist, type IdsGiven } from '../database/references.js';
import { lockForChange, lockForRestore } from '../database/versioned.js';
import type { SortKey } from '../common/paging.js';
import { User } from './user.entity.js';
import type { UserSortField } from './users.dto.js';
import { type FoundPage, fetchPage, orderPage } from '../database/page-query.js';
import { textSearch } from '../database/text-search.js';
import { archiveRow, restoreRow } from '../database/archiving.js';

export interface UserFilter {
  id?: string[];
  includeArchived?: boolean;
  role?: string;
  language?: string;
  reminderMode?: string;
  q?: string;
  limit: number;
  offset: number;
  sort: SortKey<UserSortField>[];
}

/**
 * The user (not archived) with this e-mail address, in any case: the one by-email lookup, for
 * the API, sign-in, password resets, the first admin and the CLI alike. lower(email) among users
 * that are not archived is what the unique index uq_users_email serves.
 */
export function findUserByEmail(
  manager: EntityManager,
  email: string,
  { withPassword = false, exceptId }: { withPassword?: boolean; exceptId?: string } = {},
): Promise<User | null> {
  const query = manager.createQueryBuilder(User, 'u').where('lower(u.email) = lower(:email)', { email: email.trim() });
  if (withPassword) query.addSelect('u.passwordHash');
  if (exceptId) query.andWhere('u.id <> :exceptId', { exceptId });
  return query.getOne();
}

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Not archived, unless `withArchived`: an archived record is still read by id, so that references never dangle. */
  findById(id: string, manager: EntityManager = this.dataSource.manager, withArchived = false): Promise<User | null> {
    return manager.findOne(User, { where: { id }, withDeleted: withArchived });
  }

  /** The user (not archived) with this e-mail address, in any case; `withPassword` for a sign-in, the only reader of the hash. */
  findByEmail(email: string, { withPassword = false }: { withPassword?: boolean } = {}): Promise<User | null> {
    return findUserByEmail(this.dataSource.manager, email, { withPassword });
  }

  /** A user who is not archived, with the password hash that is otherwise never read. */
  findWithPassword(id: string): Promise<User | null> {
    return this.dataSource.manager.createQueryBuilder(User, 'u').addSelect('u.passwordHash').where('u.id = :id', { id }).getOne();
  }

  /** The ids among these that name a user that is not archived. */
  async findExistingIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await manager.find(User, { select: { id: true }, where: { id: In([...new Set(ids)]) } });
    return new Set(rows.map((row) => row.id));
  }

  /** Whether another user (not archived) already has this e-mail address, in any case. */
  async emailTaken(email: string, exceptId?: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return (await findUserByEmail(manager, email, { exceptId })) !== null;
  }

  search(filter: UserFilter): Promise<FoundPage<User>> {
    return fetchPage(this.listQuery(filter), filter.limit, filter.offset);
  }

  /** Everything the filter matches, in list order, unpaged: the list and its export. */
  listQuery(filter: Omit<UserFilter, 'limit' | 'offset'>): SelectQueryBuilder<User> {
    const query = this.dataSource.manager.createQueryBuilder(User, 'u');
    if (filter.id) query.andWhere('u.id = ANY(:id)', { id: filter.id });
    if (filter.includeArchived) query.withDeleted();
    if (filter.role) query.andWhere('u.role = :role', { role: filter.role });
    if (filter.language) query.andWhere('u.language = :language', { language: filter.language });
    if (filter.reminderMode) query.andWhere('u.reminder_mode = :reminderMode', { reminderMode: filter.reminderMode });
    if (filter.q) query.andWhere(...textSearch('ARRAY[u.name, u.email]', filter.q));
    orderPage(query, 'u', filter.sort);
    return query;
  }

  save(user: User, manager: EntityManager = this.dataSource.manager): Promise<User> {
    return manager.save(User, user);
  }

  create(values: Partial<User>): User {
    return this.dataSource.manager.create(User, values);
  }

  async archive(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await archiveRow(manager, User, id);
  }

  async restore(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await restoreRow(manager, User, id);
  }

  /**
   * The active admins, their rows locked in one order: two admins archiving or demoting each
   * other at once are served one after the other, and the second one sees the truth.
   * Taken first in the transaction, before the row that changes, so that no two wait on each other.
   */
  async lockActiveAdmins(manager: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(`SELECT id FROM users WHERE role = 'admin' AND archived_at IS NULL ORDER BY id FOR UPDATE`);
    return rows.map((row) => row.id);
  }

  /**
   * Checks in one query that every id given names an user that is not archived: a 400 naming
   * `field` when one does not, instead of a foreign-key failure (assertReferencesExist).
   */
  assertExist(tx: Transaction, ids: IdsGiven, field: string): Promise<void> {
    return assertReferencesExist(tx, User, 'user', field, ids);
  }

  /**
   * The user, locked in this transaction for a change, with its id lists; a 404 when there is none, a 409
   * when it is archived or `expectedVersion` is not its version (see lockForChange).
   */
  lockForChange(tx: Transaction, id: string, expectedVersion?: number): Promise<User> {
    return lockForChange(tx, User, 'user', id, expectedVersion);
  }

  /** The user, archived or not, locked in this transaction for a restore. */
  lockForRestore(tx: Transaction, id: string): Promise<User> {
    return lockForRestore(tx, User, 'user', id);
  }

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}

/** A write that lost a race for an e-mail address to another request. */
export const isDuplicateEmail = (error: unknown): boolean => violatesUnique(error, 'uq_users_email');
