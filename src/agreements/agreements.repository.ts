import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Transaction } from '../database/transaction.js';
import { assertReferencesExist, type IdsGiven } from '../database/references.js';
import { lockForChange, lockForRestore } from '../database/versioned.js';
import type { SortKey } from '../common/paging.js';
import { Agreement } from './agreement.entity.js';
import type { AgreementSortField } from './agreements.dto.js';
import { loadIdLists } from '../database/id-lists.js';
import { type FoundPage, fetchPage, orderPage } from '../database/page-query.js';
import { textSearch } from '../database/text-search.js';
import { archiveRow, restoreRow } from '../database/archiving.js';

export interface AgreementFilter {
  includeArchived?: boolean;
  missionId?: string;
  meetingId?: string;
  status?: string;
  type?: string;
  partyId?: string;
  signedAfter?: string;
  signedBefore?: string;
  q?: string;
  limit: number;
  offset: number;
  sort: SortKey<AgreementSortField>[];
}

@Injectable()
export class AgreementsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Not archived, unless `withArchived`: an archived record is still read by id, so that references never dangle. */
  async findById(id: string, manager: EntityManager = this.dataSource.manager, withArchived = false): Promise<Agreement | null> {
    const agreement = await manager.findOne(Agreement, { where: { id }, withDeleted: withArchived });
    return agreement && (await this.withIdLists([agreement], manager))[0];
  }

  /** Fills the party ids of these agreements in one `= ANY` query. */
  withIdLists(agreements: Agreement[], manager: EntityManager = this.dataSource.manager): Promise<Agreement[]> {
    return loadIdLists(manager, Agreement, agreements);
  }

  /**
   * The page is a plain scan of agreements; partyIds are loaded for the whole page in one
   * extra query on agreement_parties, and the party filter is an EXISTS on its organisation_id index.
   */
  async search(filter: AgreementFilter): Promise<FoundPage<Agreement>> {
    const page = await fetchPage(this.listQuery(filter), filter.limit, filter.offset);
    return { ...page, items: await this.withIdLists(page.items) };
  }

  /** Everything the filter matches, in list order, unpaged: the list and its export. */
  listQuery(filter: Omit<AgreementFilter, 'limit' | 'offset'>): SelectQueryBuilder<Agreement> {
    const query = this.dataSource.manager.createQueryBuilder(Agreement, 'a');
    if (filter.includeArchived) query.withDeleted();
    if (filter.missionId) query.andWhere('a.mission_id = :missionId', { missionId: filter.missionId });
    if (filter.meetingId) query.andWhere('a.meeting_id = :meetingId', { meetingId: filter.meetingId });
    if (filter.status) query.andWhere('a.status = :status', { status: filter.status });
    if (filter.type) query.andWhere('a.type = :type', { type: filter.type });
    if (filter.partyId) {
      query.andWhere('EXISTS (SELECT 1 FROM agreement_parties ap WHERE ap.agreement_id = a.id AND ap.organisation_id = :partyId)', { partyId: filter.partyId });
    }
    if (filter.signedAfter) query.andWhere('a.signed_on >= :signedAfter', { signedAfter: filter.signedAfter });
    if (filter.signedBefore) query.andWhere('a.signed_on <= :signedBefore', { signedBefore: filter.signedBefore });
    if (filter.q) query.andWhere(...textSearch('ARRAY[a.title]', filter.q));
    orderPage(query, 'a', filter.sort);
    return query;
  }

  /** Bumps version and updatedAt when only the parties changed, so the change is seen by version checks. */
  async touch(id: string, manager: EntityManager): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Agreement)
      .set({ updatedAt: () => 'now()' })
      .where('id = :id', { id })
      .execute();
  }

  save(agreement: Agreement, manager: EntityManager = this.dataSource.manager): Promise<Agreement> {
    return manager.save(Agreement, agreement);
  }

  create(values: Partial<Agreement>): Agreement {
    return this.dataSource.manager.create(Agreement, values);
  }

  async archive(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await archiveRow(manager, Agreement, id);
  }

  async restore(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await restoreRow(manager, Agreement, id);
  }

  /**
   * Checks in one query that every id given names an agreement that is not archived: a 400 naming
   * `field` when one does not, instead of a foreign-key failure (assertReferencesExist).
   */
  assertExist(tx: Transaction, ids: IdsGiven, field: string): Promise<void> {
    return assertReferencesExist(tx, Agreement, 'agreement', field, ids);
  }

  /**
   * The agreement, locked in this transaction for a change, with its id lists; a 404 when there is none, a 409
   * when it is archived or `expectedVersion` is not its version (see lockForChange).
   */
  lockForChange(tx: Transaction, id: string, expectedVersion?: number): Promise<Agreement> {
    return lockForChange(tx, Agreement, 'agreement', id, expectedVersion);
  }

  /** The agreement, archived or not, locked in this transaction for a restore. */
  lockForRestore(tx: Transaction, id: string): Promise<Agreement> {
    return lockForRestore(tx, Agreement, 'agreement', id);
  }

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
