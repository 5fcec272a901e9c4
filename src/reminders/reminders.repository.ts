import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Transaction } from '../database/transaction.js';
import { lockForChange } from '../database/versioned.js';
import type { SortKey } from '../common/paging.js';
import { type FoundPage, fetchPage, orderPage } from '../database/page-query.js';
import { Reminder, type ReminderKind, type ReminderStatus } from './reminder.entity.js';

export interface ReminderFilter {
  actionId?: string;
  recipientId?: string;
  status?: ReminderStatus[];
  kind?: ReminderKind;
  limit: number;
  offset: number;
  sort: SortKey<'fireAt' | 'createdAt' | 'sentAt'>[];
}

/** The reminders API's reads and writes: lists, one reminder, snooze and skip. */
@Injectable()
export class RemindersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Reminder | null> {
    return manager.findOneBy(Reminder, { id });
  }

  save(reminder: Reminder, manager: EntityManager = this.dataSource.manager): Promise<Reminder> {
    return manager.save(Reminder, reminder);
  }

  search(filter: ReminderFilter): Promise<FoundPage<Reminder>> {
    return fetchPage(this.listQuery(filter), filter.limit, filter.offset);
  }

  /** Everything the filter matches, in list order, unpaged: the list and its export. */
  listQuery(filter: Omit<ReminderFilter, 'limit' | 'offset'>): SelectQueryBuilder<Reminder> {
    const query = this.dataSource.manager.createQueryBuilder(Reminder, 'r');
    if (filter.actionId) query.andWhere('r.actionId = :actionId', { actionId: filter.actionId });
    if (filter.recipientId) query.andWhere('r.recipientId = :recipientId', { recipientId: filter.recipientId });
    if (filter.status?.length) query.andWhere('r.status IN (:...statuses)', { statuses: filter.status });
    if (filter.kind) query.andWhere('r.kind = :kind', { kind: filter.kind });
    orderPage(query, 'r', filter.sort, ['sentAt']);
    return query;
  }

  /**
   * The reminder, locked in this transaction for a change, with its id lists; a 404 when there is none, a 409
   * when it is archived or `expectedVersion` is not its version (see lockForChange).
   */
  lockForChange(tx: Transaction, id: string, expectedVersion?: number): Promise<Reminder> {
    return lockForChange(tx, Reminder, 'reminder', id, expectedVersion);
  }

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
