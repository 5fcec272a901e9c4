import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Transaction } from '../database/transaction.js';
import { assertReferencesExist, type IdsGiven } from '../database/references.js';
import { lockForChange, lockForRestore } from '../database/versioned.js';
import type { SortKey } from '../common/paging.js';
import { Organisation } from './organisation.entity.js';
import type { OrganisationSortField } from './organisations.dto.js';
import { type FoundPage, fetchPage, orderPage } from '../database/page-query.js';
import { textSearch } from '../database/text-search.js';
import { archiveRow, restoreRow } from '../database/archiving.js';

export interface OrganisationFilter {
  id?: string[];
  includeArchived?: boolean;
  country?: string;
  kind?: string;
  sector?: string;
  synthetic?: boolean;
  q?: string;
  limit: number;
  offset: number;
  sort: SortKey<OrganisationSortField>[];
}

@Injectable()
export class OrganisationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Not archived, unless `withArchived`: an archived record is still read by id, so that references never dangle. */
  findById(id: string, manager: EntityManager = this.dataSource.manager, withArchived = false): Promise<Organisation | null> {
    return manager.findOne(Organisation, { where: { id }, withDeleted: withArchived });
  }

  /** The ids among these that name an organisation that is not archived. */
  async findExistingIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await manager.find(Organisation, { select: { id: true }, where: { id: In([...new Set(ids)]) } });
    return new Set(rows.map((row) => row.id));
  }

  /** Whether another organisation (not archived) already has this enterprise number. */
  async enterpriseNumberTaken(enterpriseNumber: string, exceptId?: string): Promise<boolean> {
    const query = this.dataSource.manager.createQueryBuilder(Organisation, 'o').where('o.enterprise_number = :enterpriseNumber', { enterpriseNumber });
    if (exceptId) query.andWhere('o.id <> :exceptId', { exceptId });
    return (await query.getCount()) > 0;
  }

  search(filter: OrganisationFilter): Promise<FoundPage<Organisation>> {
    return fetchPage(this.listQuery(filter), filter.limit, filter.offset);
  }

  /** Everything the filter matches, in list order, unpaged: the list and its export. */
  listQuery(filter: Omit<OrganisationFilter, 'limit' | 'offset'>): SelectQueryBuilder<Organisation> {
    const query = this.dataSource.manager.createQueryBuilder(Organisation, 'o');
    if (filter.id) query.andWhere('o.id = ANY(:id)', { id: filter.id });
    if (filter.includeArchived) query.withDeleted();
    if (filter.country) query.andWhere('o.country = :country', { country: filter.country });
    if (filter.kind) query.andWhere('o.kind = :kind', { kind: filter.kind });
    // @> is what the GIN index on sectors serves; `= ANY()` would scan.
    if (filter.sector) query.andWhere('o.sectors @> ARRAY[:sector]::text[]', { sector: filter.sector });
    if (filter.synthetic !== undefined) query.andWhere('o.synthetic = :synthetic', { synthetic: filter.synthetic });
    if (filter.q) query.andWhere(...textSearch('ARRAY[o.name, o.city]', filter.q));
    orderPage(query, 'o', filter.sort);
    return query;
  }

  save(organisation: Organisation, manager: EntityManager = this.dataSource.manager): Promise<Organisation> {
    return manager.save(Organisation, organisation);
  }

  create(values: Partial<Organisation>): Organisation {
    return this.dataSource.manager.create(Organisation, values);
  }

  async archive(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await archiveRow(manager, Organisation, id);
  }

  async restore(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await restoreRow(manager, Organisation, id);
  }

  /**
   * Checks in one query that every id given names an organisation that is not archived: a 400 naming
   * `field` when one does not, instead of a foreign-key failure (assertReferencesExist).
   */
  assertExist(tx: Transaction, ids: IdsGiven, field: string): Promise<void> {
    return assertReferencesExist(tx, Organisation, 'organisation', field, ids);
  }

  /**
   * The organisation, locked in this transaction for a change, with its id lists; a 404 when there is none, a 409
   * when it is archived or `expectedVersion` is not its version (see lockForChange).
   */
  lockForChange(tx: Transaction, id: string, expectedVersion?: number): Promise<Organisation> {
    return lockForChange(tx, Organisation, 'organisation', id, expectedVersion);
  }

  /** The organisation, archived or not, locked in this transaction for a restore. */
  lockForRestore(tx: Transaction, id: string): Promise<Organisation> {
    return lockForRestore(tx, Organisation, 'organisation', id);
  }

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
