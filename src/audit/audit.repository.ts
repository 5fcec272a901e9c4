import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { SortKey } from '../common/paging.js';
import { type FoundPage, fetchPage } from '../database/page-query.js';
import { AuditEntry } from './audit-entry.entity.js';
import type { AuditSortField } from './audit.dto.js';
import { AUDITED_RESOURCE_NAMES, AUDITED_RESOURCES, type AuditedResource, type JunctionTable, type MeetingPartyTable } from './audited.js';

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actorId?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  limit: number;
  offset: number;
  sort: SortKey<AuditSortField>[];
}

export type NewAuditEntry = Pick<AuditEntry, 'action' | 'entity' | 'entityId' | 'actorId' | 'changes'>;

const AUDIT_INSERT_CHUNK = 5000;

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Who made this user the owner of the action: the actor of the latest audited change that set
   * its owner to them (the audit trail is the one record of who did what). Null for the system.
   */
  async findAssignerName(actionId: string, ownerId: string): Promise<string | null> {
    const rows: { name: string }[] = await this.dataSource.query(
      `SELECT u.name FROM audit_entries e JOIN users u ON u.id = e.actor_id
        WHERE e.entity = 'action' AND e.entity_id = $1 AND e.action IN ('create', 'update') AND e.changes -> 'ownerId' ->> 'after' = $2
        ORDER BY e.occurred_at DESC LIMIT 1`,
      [actionId, ownerId],
    );
    return rows[0]?.name ?? null;
  }

  /**
   * A page of entries. Each filter has an index that leads with it and ends with
   * occurred_at, so a page is read in order without sorting the whole log.
   */
  search(filter: AuditFilter): Promise<FoundPage<AuditEntry>> {
    return fetchPage(this.listQuery(filter), filter.limit, filter.offset);
  }

  /** Everything the filter matches, in list order, unpaged: the list and its export. */
  listQuery(filter: Omit<AuditFilter, 'limit' | 'offset'>): SelectQueryBuilder<AuditEntry> {
    const query = this.dataSource.manager.createQueryBuilder(AuditEntry, 'e');
    if (filter.entity) query.andWhere('e.entity = :entity', { entity: filter.entity });
    // Naming every resource lets ix_audit_entries_entity_entity_id_occurred_at serve an entityId given alone.
    else if (filter.entityId) query.andWhere('e.entity IN (:...resources)', { resources: AUDITED_RESOURCE_NAMES });
    if (filter.entityId) query.andWhere('e.entityId = :entityId', { entityId: filter.entityId });
    if (filter.actorId) query.andWhere('e.actorId = :actorId', { actorId: filter.actorId });
    if (filter.from) query.andWhere('e.occurredAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.occurredAt < :to', { to: filter.to });
    for (const { field, direction } of filter.sort) query.addOrderBy(`e.${field}`, direction);
    query.addOrderBy('e.id', filter.sort[0]?.direction ?? 'DESC');
    return query;
  }

  /** Whether a row of this resource ever existed: archived rows still have a history. */
  exists(resource: AuditedResource, id: string): Promise<boolean> {
    return this.dataSource.manager.exists(AUDITED_RESOURCES[resource], { where: { id }, withDeleted: true });
  }

  /**
   * In statements of AUDIT_INSERT_CHUNK entries, each one JSON parameter (an import writes tens
   * of thousands of entries; TypeORM's multi-row INSERT costs more to build than to run). The
   * rows are inserted in the order given, so occurred_at (clock_timestamp()) keeps that order.
   */
  async insert(entries: readonly NewAuditEntry[], manager: EntityManager): Promise<void> {
    for (let start = 0; start < entries.length; start += AUDIT_INSERT_CHUNK) {
      const chunk = entries
        .slice(start, start + AUDIT_INSERT_CHUNK)
        .map(({ actorId, action, entity, entityId, changes }) => ({ actorId, action, entity, entityId, changes }));
      await manager.query(
        `INSERT INTO audit_entries (actor_id, action, entity, entity_id, changes)
         SELECT e."actorId", e.action, e.entity, e."entityId", e.changes
         FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("actorId" uuid, action audit_action, entity varchar(40), "entityId" uuid, changes jsonb))
           WITH ORDINALITY AS e("actorId", action, entity, "entityId", changes, n)
         ORDER BY e.n`,
        [JSON.stringify(chunk)],
      );
    }
  }

  /** The ids an owner row's join table links it to now. */
  async findLinkedIds(junction: JunctionTable, ownerId: string, manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT "${junction.inverseColumn.databaseName}" AS id FROM "${junction.table}" WHERE "${junction.ownerColumn.databaseName}" = $1`,
      [ownerId],
    );
    return rows.map((row) => row.id);
  }

  /** The party rows (organisations or contacts, both sides) of these meetings, in one query. */
  findMeetingParties(table: MeetingPartyTable, meetingIds: readonly string[], manager: EntityManager): Promise<ObjectLiteral[]> {
    return manager
      .createQueryBuilder(table.target, 'p')
      .where('p.meetingId = ANY(:meetingIds)', { meetingIds: [...meetingIds] })
      .getMany();
  }
}
