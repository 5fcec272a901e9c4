import { Injectable, type StreamableFile } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { recordArchive } from '../audit/audit.recorder.js';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { type Page, parseSort } from '../common/paging.js';
import { lockForChange } from '../database/versioned.js';
import { hashPassword } from './password.js';
import { User } from './user.entity.js';
import { mapUser, USER_SORT_FIELDS, type UserCreateDto, UserResponseDto, type UserSearchDto, type UserUpdateDto } from './users.dto.js';
import { isDuplicateEmail, UsersRepository } from './users.repository.js';
import { ListExporter } from '../exports/list-exporter.js';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly exporter: ListExporter,
  ) {}

  async create({ password, ...input }: UserCreateDto): Promise<UserResponseDto> {
    await this.assertEmailFree(input.email);
    const passwordHash = password === undefined ? null : await hashPassword(password);
    const user = this.users.create({ ...input, passwordHash });
    return mapUser(await this.saveUnique(user));
  }

  async get(id: string): Promise<UserResponseDto> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundError('user', id);
    return mapUser(user);
  }

  async search(query: UserSearchDto): Promise<Page<UserResponseDto>> {
    const sort = this.sortOf(query);
    const [rows, total] = await this.users.search({ ...query, sort });
    return { items: rows.map(mapUser), total, limit: query.limit, offset: query.offset };
  }

  /** Every user the filters match, as CSV. */
  exportCsv(query: UserSearchDto): StreamableFile {
    return this.exporter.csv({
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
    const saved = await this.users.transaction(async (manager) => {
      const user = await lockForChange(manager, User, 'user', id, version);
      Object.assign(user, changes, passwordHash === undefined ? {} : { passwordHash });
      return this.saveUnique(user, manager);
    });
    return mapUser(saved);
  }

  async archive(id: string): Promise<void> {
    await this.users.transaction(async (manager) => {
      await lockForChange(manager, User, 'user', id);
      await this.users.archive(id, manager);
      await recordArchive(manager, 'user', id);
    });
  }

  private async assertEmailFree(email: string, exceptId?: string): Promise<void> {
    if (await this.users.emailTaken(email, exceptId)) throw duplicateEmail(email);
  }

  /** The check above can lose a race to a concurrent request; the unique index then decides, with the same answer. */
  private async saveUnique(user: User, manager?: EntityManager): Promise<User> {
    try {
      return await this.users.save(user, manager);
    } catch (error) {
      if (isDuplicateEmail(error)) throw duplicateEmail(user.email);
      throw error;
    }
  }
}

const duplicateEmail = (email: string): ConflictError =>
  new ConflictError(`another user already has e-mail address ${email}`, [{ field: 'email', message: 'already used by another user' }]);
