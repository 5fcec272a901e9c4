import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { Action, ACTIVE_ACTION_STATUSES } from '../actions/action.entity.js';
import { Agreement } from '../agreements/agreement.entity.js';
import type { SortKey } from '../common/paging.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { Participant } from '../participants/participant.entity.js';
import { Mission } from './mission.entity.js';
import type { MissionSortField } from './missions.dto.js';
import { fetchPage } from '../database/page-query.js';
import { textSearch } from '../database/text-search.js';

export interface MissionFilter {
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

/** Raw counts of what a mission produced; the service shapes them into the report. */
export interface MissionCounts {
  participants: number;
  answers: number;
  averageScore: number | null;
  meetingsByKind: Record<string, number>;
  agreementsByStatus: Record<string, number>;
  actionsByStatus: Record<string, number>;
  overdueActions: number;
}

@Injectable()
export class MissionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Not archived, unless `withArchived`: an archived record is still read by id, so that references never dangle. */
  findById(id: string, manager: EntityManager = this.dataSource.manager, withArchived = false): Promise<Mission | null> {
    return manager.findOne(Mission, { where: { id }, withDeleted: withArchived });
  }

  /** Whether another mission (not archived) already has this code, ignoring case; served by uq_missions_code. */
  async codeTaken(code: string, exceptId?: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const query = manager.createQueryBuilder(Mission, 'm').where('lower(m.code) = lower(:code)', { code });
    if (exceptId) query.andWhere('m.id <> :exceptId', { exceptId });
    return (await query.getCount()) > 0;
  }

  async search(filter: MissionFilter): Promise<[Mission[], number]> {
    const query = this.dataSource.manager.createQueryBuilder(Mission, 'm');
    if (filter.includeArchived) query.withDeleted();
    if (filter.status) query.andWhere('m.status = :status', { status: filter.status });
    if (filter.type) query.andWhere('m.type = :type', { type: filter.type });
    // Containment, not ANY(), so that the GIN index ix_missions_host_countries serves it.
    if (filter.country) query.andWhere('m.hostCountries @> ARRAY[:country]::char(2)[]', { country: filter.country });
    if (filter.ownerId) query.andWhere('m.ownerId = :ownerId', { ownerId: filter.ownerId });
    if (filter.startsAfter) query.andWhere('m.startDate >= :startsAfter', { startsAfter: filter.startsAfter });
    if (filter.startsBefore) query.andWhere('m.startDate <= :startsBefore', { startsBefore: filter.startsBefore });
    if (filter.q) query.andWhere(...textSearch('ARRAY[m.title, m.code] || m.cities', filter.q));
    for (const { field, direction } of filter.sort) query.addOrderBy(`m.${field}`, direction);
    query.addOrderBy('m.id', 'ASC');
    return fetchPage(query, filter.limit, filter.offset);
  }

  /** One aggregate query per table the report draws on, each served by an index on mission_id. */
  async countOutcomes(missionId: string, today: string): Promise<MissionCounts> {
    const manager = this.dataSource.manager;
    const [delegation, meetings, agreements, actions] = await Promise.all([
      manager
        .createQueryBuilder(Participant, 'p')
        .select('count(*)::int', 'participants')
        .addSelect('count(p.satisfactionScore)::int', 'answers')
        .addSelect('round(avg(p.satisfactionScore), 2)::float8', 'averageScore')
        .where('p.missionId = :missionId', { missionId })
        .getRawOne<{ participants: number; answers: number; averageScore: number | null }>(),
      this.countBy(manager, Meeting, 'kind', missionId),
      this.countBy(manager, Agreement, 'status', missionId),
      manager
        .createQueryBuilder(Action, 'a')
        .select('a.status', 'key')
        .addSelect('count(*)::int', 'count')
        .addSelect('(count(*) FILTER (WHERE a.status IN (:...active) AND a.dueTo < :today))::int', 'overdue')
        .where('a.missionId = :missionId', { missionId, active: ACTIVE_ACTION_STATUSES, today })
        .groupBy('a.status')
        .getRawMany<{ key: string; count: number; overdue: number }>(),
    ]);
    return {
      participants: delegation?.participants ?? 0,
      answers: delegation?.answers ?? 0,
      averageScore: delegation?.averageScore ?? null,
      meetingsByKind: meetings,
      agreementsByStatus: agreements,
      actionsByStatus: Object.fromEntries(actions.map((row) => [row.key, row.count])),
      overdueActions: actions.reduce((sum, row) => sum + row.overdue, 0),
    };
  }

  private async countBy<T extends ObjectLiteral>(
    manager: EntityManager,
    entity: EntityTarget<T>,
    column: string,
    missionId: string,
  ): Promise<Record<string, number>> {
    const rows = await manager
      .createQueryBuilder(entity, 'x')
      .select(`x.${column}`, 'key')
      .addSelect('count(*)::int', 'count')
      .where('x.missionId = :missionId', { missionId })
      .groupBy(`x.${column}`)
      .getRawMany<{ key: string; count: number }>();
    return Object.fromEntries(rows.map((row) => [row.key, row.count]));
  }

  save(mission: Mission, manager: EntityManager = this.dataSource.manager): Promise<Mission> {
    return manager.save(Mission, mission);
  }

  create(values: Partial<Mission>): Mission {
    return this.dataSource.manager.create(Mission, values);
  }

  async archive(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.softDelete(Mission, { id });
  }

  async restore(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.restore(Mission, { id });
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

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
