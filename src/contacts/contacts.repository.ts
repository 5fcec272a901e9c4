import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Transaction } from '../database/transaction.js';
import { assertReferencesExist, type IdsGiven } from '../database/references.js';
import { lockForChange, lockForRestore } from '../database/versioned.js';
import type { SortKey } from '../common/paging.js';
import { Contact } from './contact.entity.js';
import type { ContactSortField } from './contacts.dto.js';
import { type FoundPage, fetchPage, orderPage } from '../database/page-query.js';
import { textSearch } from '../database/text-search.js';
import { archiveRow, restoreRow } from '../database/archiving.js';

export interface ContactFilter {
  id?: string[];
  includeArchived?: boolean;
  organisationId?: string;
  synthetic?: boolean;
  q?: string;
  limit: number;
  offset: number;
  sort: SortKey<ContactSortField>[];
}

@Injectable()
export class ContactsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Not archived, unless `withArchived`: an archived record is still read by id, so that references never dangle. */
  findById(id: string, manager: EntityManager = this.dataSource.manager, withArchived = false): Promise<Contact | null> {
    return manager.findOne(Contact, { where: { id }, withDeleted: withArchived });
  }

  /** The ids among these that name a contact that is not archived. */
  async findExistingIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await manager.find(Contact, { select: { id: true }, where: { id: In([...new Set(ids)]) } });
    return new Set(rows.map((row) => row.id));
  }

  search(filter: ContactFilter): Promise<FoundPage<Contact>> {
    return fetchPage(this.listQuery(filter), filter.limit, filter.offset);
  }

  /** Everything the filter matches, in list order, unpaged: the list and its export. */
  listQuery(filter: Omit<ContactFilter, 'limit' | 'offset'>): SelectQueryBuilder<Contact> {
    const query = this.dataSource.manager.createQueryBuilder(Contact, 'c');
    if (filter.id) query.andWhere('c.id = ANY(:id)', { id: filter.id });
    if (filter.includeArchived) query.withDeleted();
    if (filter.organisationId) query.andWhere('c.organisation_id = :organisationId', { organisationId: filter.organisationId });
    if (filter.synthetic !== undefined) query.andWhere('c.synthetic = :synthetic', { synthetic: filter.synthetic });
    if (filter.q) query.andWhere(...textSearch('ARRAY[c.name, c.email]', filter.q));
    orderPage(query, 'c', filter.sort);
    return query;
  }

  save(contact: Contact, manager: EntityManager = this.dataSource.manager): Promise<Contact> {
    return manager.save(Contact, contact);
  }

  create(values: Partial<Contact>): Contact {
    return this.dataSource.manager.create(Contact, values);
  }

  async archive(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await archiveRow(manager, Contact, id);
  }

  async restore(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await restoreRow(manager, Contact, id);
  }

  /**
   * Checks in one query that every id given names a contact that is not archived: a 400 naming
   * `field` when one does not, instead of a foreign-key failure (assertReferencesExist).
   */
  assertExist(tx: Transaction, ids: IdsGiven, field: string): Promise<void> {
    return assertReferencesExist(tx, Contact, 'contact', field, ids);
  }

  /**
   * The contact, locked in this transaction for a change, with its id lists; a 404 when there is none, a 409
   * when it is archived or `expectedVersion` is not its version (see lockForChange).
   */
  lockForChange(tx: Transaction, id: string, expectedVersion?: number): Promise<Contact> {
    return lockForChange(tx, Contact, 'contact', id, expectedVersion);
  }

  /** The contact, archived or not, locked in this transaction for a restore. */
  lockForRestore(tx: Transaction, id: string): Promise<Contact> {
    return lockForRestore(tx, Contact, 'contact', id);
  }

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
