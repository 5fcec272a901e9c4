import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Transaction } from '../database/transaction.js';
import { violatesUnique } from '../database/unique-violation.js';
import { assertReferencesExist, type IdsGiven } from '../database/references.js';
import { lockForChange, lockForRestore } from '../database/versioned.js';
import type { SortKey } from '../common/paging.js';
import { Mission } from './mission.entity.js';
import type { MissionSortField } from './missions.dto.js';
import { type FoundPage, fetchPage, orderPage } from '../database/page-query.js';
import { textSearch } from '../database/text-search.js';
import { archiveRow, restoreRow } from '../database/archiving.js';

export interface MissionFilter {
  id?: string[];
  includeArchived?: boolean;
  status?: string;
  type?: string;
  country?: string;
  ownerId?: string;
  startsAfter?: string;
  startsBefore?: string;
  q?: string;
  limit: number;
  offset: number;
  sort: SortKey<MissionSortField>[];
}

@Injectable()
export class MissionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Not archived, unless `withArchived`: an archived record is still read by id, so that references never dangle. */
  findById(id: string, manager: EntityManager = this.dataSource.manager, withArchived = false): Promise<Mission | null> {
    return manager.findOne(Mission, { where: { id }, withDeleted: withArchived });
  }

  /** Whether a mission that is not archived has this id. */
  async exists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM missions WHERE id = $1 AND archived_at IS NULL`, [id]);
    return rows.length > 0;
  }

  /** The responsible officer of a mission, archived or not; null when it has none or there is no such mission. */
  async findOwnerId(id: string, manager: EntityManager = this.dataSource.manager): Promise<string | null> {
    const mission = await manager.findOne(Mission, { select: { id: true, ownerId: true }, where: { id }, withDeleted: true });
    return mission?.ownerId ?? null;
  }

  /** Whether another mission (not archived) already has this code, ignoring case; served by uq_missions_code. */
  async codeTaken(code: string, exceptId?: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const query = manager.createQueryBuilder(Mission, 'm').where('lower(m.code) = lower(:code)', { code });
    if (exceptId) query.andWhere('m.id <> :exceptId', { exceptId });
    return (await query.getCount()) > 0;
  }

  search(filter: MissionFilter): Promise<FoundPage<Mission>> {
    return fetchPage(this.listQuery(filter), filter.limit, filter.offset);
  }

  /** Everything the filter matches, in list order, unpaged: the list and its export. */
  listQuery(filter: Omit<MissionFilter, 'limit' | 'offset'>): SelectQueryBuilder<Mission> {
    const query = this.dataSource.manager.createQueryBuilder(Mission, 'm');
    if (filter.id) query.andWhere('m.id = ANY(:id)', { id: filter.id });
    if (filter.includeArchived) query.withDeleted();
    if (filter.status) query.andWhere('m.status = :status', { status: filter.status });
    if (filter.type) query.andWhere('m.type = :type', { type: filter.type });
    // Containment, not ANY(), so that the GIN index ix_missions_host_countries serves it.
    if (filter.country) query.andWhere('m.hostCountries @> ARRAY[:country]::char(2)[]', { country: filter.country });
    if (filter.ownerId) query.andWhere('m.ownerId = :ownerId', { ownerId: filter.ownerId });
    if (filter.startsAfter) query.andWhere('m.startDate >= :startsAfter', { startsAfter: filter.startsAfter });
    if (filter.startsBefore) query.andWhere('m.startDate <= :startsBefore', { startsBefore: filter.startsBefore });
    if (filter.q) query.andWhere(...textSearch('ARRAY[m.title, m.code] || m.cities', filter.q));
    orderPage(query, 'm', filter.sort);
    return query;
  }

  save(mission: Mission, manager: EntityManager = this.dataSource.manager): Promise<Mission> {
    return manager.save(Mission, mission);
  }

  create(values: Partial<Mission>): Mission {
    return this.dataSource.manager.create(Mission, values);
  }

  async archive(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await archiveRow(manager, Mission, id);
  }

  async restore(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await restoreRow(manager, Mission, id);
  }

  /** Whether `ancestorId` is among the missions that `missionId` follows, however far back. */
  async followsFrom(missionId: string, ancestorId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH RECURSIVE chain(id, previous_mission_id, depth) AS (
         SELECT id, previous_mission_id, 1 FROM missions WHERE id = $1
         UNION ALL
         SELECT m.id, m.previous_mission_id, chain.depth + 1 FROM missions m JOIN chain ON m.id = chain.previous_mission_id WHERE chain.depth < 1000
       ) SELECT 1 FROM chain WHERE id = $2 LIMIT 1`,
      [missionId, ancestorId],
    );
    return rows.length > 0;
  }

  /**
   * Checks in one query that every id given names a mission that is not archived: a 400 naming
   * `field` when one does not, instead of a foreign-key failure (assertReferencesExist).
   */
  assertExist(tx: Transaction, ids: IdsGiven, field: string): Promise<void> {
    return assertReferencesExist(tx, Mission, 'mission', field, ids);
  }

  /**
   * The mission, locked in this transaction for a change, with its id lists; a 404 when there is none, a 409
   * when it is archived or `expectedVersion` is not its version (see lockForChange).
   */
  lockForChange(tx: Transaction, id: string, expectedVersion?: number): Promise<Mission> {
    return lockForChange(tx, Mission, 'mission', id, expectedVersion);
  }

  /** The mission, archived or not, locked in this transaction for a restore. */
  lockForRestore(tx: Transaction, id: string): Promise<Mission> {
    return lockForRestore(tx, Mission, 'mission', id);
  }

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}

/** A write that lost a race for a mission code to another request (uq_missions_code). */
export const isDuplicateCode = (error: unknown): boolean => violatesUnique(error, 'uq_missions_code');
