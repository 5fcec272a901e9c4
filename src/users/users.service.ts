import { Injectable, type StreamableFile } from '@nestjs/common';
import type { Transaction } from '../database/transaction.js';
import { SessionCheck } from '../auth/session-check.service.js';
import { TokensRepository } from '../auth/tokens.repository.js';
import { Clock } from '../common/clock.service.js';
import { DomainError, NotFoundError } from '../common/errors.js';
import { type Page, parseSort } from '../common/paging.js';
import { hashPassword } from './password.js';
import { User } from './user.entity.js';
import { mapUser, USER_SORT_FIELDS, type UserCreateDto, UserResponseDto, type UserSearchDto, type UserUpdateDto } from './users.dto.js';
import { isDuplicateEmail, UsersRepository } from './users.repository.js';
import type { ExportFormat } from '../exports/accept.js';
import { ListExporter } from '../exports/list-exporter.service.js';
import { addUser, duplicateEmail } from './new-user.js';
import { ReminderPlanningRepository } from '../reminders/planning/reminder-planning.repository.js';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly exporter: ListExporter,
    private readonly tokens: TokensRepository,
    private readonly sessions: SessionCheck,
    private readonly reminders: ReminderPlanningRepository,
    private readonly clock: Clock,
  ) {}

  async create(input: UserCreateDto): Promise<UserResponseDto> {
    return mapUser(await this.users.transaction((tx) => addUser(tx, input)));
  }

  async get(id: string): Promise<UserResponseDto> {
    const user = await this.users.findById(id, undefined, true);
    if (!user) throw new NotFoundError('user', id);
    return mapUser(user);
  }

  async search(query: UserSearchDto): Promise<Page<UserResponseDto>> {
    const sort = this.sortOf(query);
    const { items: rows, total, totalIsEstimate } = await this.users.search({ ...query, sort });
    return { items: rows.map(mapUser), total, totalIsEstimate, limit: query.limit, offset: query.offset };
  }

  /** Every user the filters match, as CSV or .xlsx. */
  exportList(query: UserSearchDto, format: ExportFormat): StreamableFile {
    return this.exporter.file(format, {
      name: 'users',
      dto: UserResponseDto,
      query: this.users.listQuery({ ...query, sort: this.sortOf(query) }),
      toRows: (rows) => rows.map(mapUser),
    });
  }

  private sortOf(query: UserSearchDto) {
    return parseSort(query.sort, USER_SORT_FIELDS, [{ field: 'name', direction: 'ASC' }]);
  }

  async update(id: string, { version, password, ...changes }: UserUpdateDto): Promise<UserResponseDto> {
    if (changes.email !== undefined) await this.assertEmailFree(changes.email, id);
    // Hashing is slow on purpose: do it before taking the row lock.
    const passwordHash = password === undefined ? undefined : await hashPassword(password);
    const saved = await this.users.transaction(async (tx) => {
      const admins = changes.role !== undefined && changes.role !== 'admin' ? await this.users.lockActiveAdmins(tx) : [];
      const user = await this.users.lockForChange(tx, id, version);
      if (user.role === 'admin' && changes.role !== undefined && changes.role !== 'admin') assertNotLastAdmin(admins, id, 'demoted');
      Object.assign(user, changes, passwordHash === undefined ? {} : { passwordHash });
      const changed = await this.saveUnique(user, tx);
      // A new password from an admin ends the sessions opened with the old one.
      if (passwordHash !== undefined) await this.tokens.revokeRefreshTokensOfUser(id, undefined, this.clock.now(), tx);
      return changed;
    });
    // Sessions stay; what they may do follows the new role from the next request.
    if (changes.role !== undefined || passwordHash !== undefined) this.sessions.forget();
    return mapUser(saved);
  }

  /**
   * The user leaves: their sessions and API tokens end at once, escalations they were to get
   * go to whoever answers for the mission now, and their other planned reminders are cancelled.
   */
  async archive(id: string): Promise<void> {
    await this.users.transaction(async (tx) => {
      const admins = await this.users.lockActiveAdmins(tx);
      const user = await this.users.lockForChange(tx, id);
      if (user.role === 'admin') assertNotLastAdmin(admins, id, 'archived');
      await this.users.archive(id, tx);
      await this.tokens.revokeEverythingOf(id, this.clock.now(), tx);
      await this.reminders.handOverFrom(id, tx);
    });
    this.sessions.forget();
  }

  /** Back into lists and lookups, able to sign in again; the e-mail address must still be free. Sessions ended stay ended. */
  async restore(id: string): Promise<UserResponseDto> {
    const restored = await this.users.transaction(async (tx) => {
      const user = await this.users.lockForRestore(tx, id);
      if (user.archivedAt === null) return user;
      if (await this.users.emailTaken(user.email, id, tx)) throw duplicateEmail(user.email);
      await this.users.restore(id, tx);
      return (await this.users.findById(id, tx))!;
    });
    return mapUser(restored);
  }

  private async assertEmailFree(email: string, exceptId?: string): Promise<void> {
    if (await this.users.emailTaken(email, exceptId)) throw duplicateEmail(email);
  }

  /** The check above can lose a race to a concurrent request; the unique index then decides, with the same answer. */
  private async saveUnique(user: User, tx?: Transaction): Promise<User> {
    try {
      return await this.users.save(user, tx);
    } catch (error) {
      if (isDuplicateEmail(error)) throw duplicateEmail(user.email);
      throw error;
    }
  }
}

function assertNotLastAdmin(activeAdmins: readonly string[], id: string, what: 'archived' | 'demoted'): void {
  if (activeAdmins.some((admin) => admin !== id)) return;
  throw new DomainError('last_admin', `user ${id} is the last active admin and cannot be ${what}: make another user admin first`);
}
