import {
  type EntityManager,
  type EntitySubscriberInterface,
  EventSubscriber,
  type InsertEvent,
  type LoadEvent,
  type ObjectLiteral,
  type QueryRunner,
  type RemoveEvent,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
  type UpdateEvent,
} from 'typeorm';
import { Meeting } from '../meetings/meeting.entity.js';
import { createdChanges, deletedChanges, junctionOf, meetingPartyTableOf, resourceOf, updatedChanges } from './audited.js';
import { auditOf, discardAudit, writeAudit } from './transaction-audit.js';

/** The single id of a row, from TypeORM's id map of an event. */
const idOf = (entityId: unknown): string | undefined => (typeof entityId === 'string' ? entityId : undefined);

/**
 * Turns every create, update and delete of an audited resource done through the entity
 * manager (save, remove) into an audit entry, written by the same transaction. Archive,
 * restore and delete by id run as query builders, which carry no row id to a subscriber:
 * src/database/archiving.ts does each of those with its entry.
 */
@EventSubscriber()
export class AuditSubscriber implements EntitySubscriberInterface {
  async afterInsert(event: InsertEvent<ObjectLiteral>): Promise<void> {
    const resource = resourceOf(event.metadata);
    const id = idOf(event.entityId);
    if (resource && id) {
      auditOf(event.queryRunner).record('create', resource, id, createdChanges(event.metadata, event.entity));
      if (resource === 'meeting') auditOf(event.queryRunner).sawMeeting(id);
    } else {
      this.linkChanged(event, event.entityId, 'added');
    }
    await this.writeUnlessInTransaction(event.queryRunner, event.manager);
  }

  async afterUpdate(event: UpdateEvent<ObjectLiteral>): Promise<void> {
    const resource = resourceOf(event.metadata);
    const before = event.databaseEntity;
    const id = idOf(before?.id);
    // Without the row as it was (a query-builder update), there is nothing to compare.
    if (!resource || !before || !id || !event.entity) return;
    auditOf(event.queryRunner).record('update', resource, id, updatedChanges(event.updatedColumns, before, event.entity));
    if (resource === 'meeting') auditOf(event.queryRunner).sawMeeting(id);
    await this.writeUnlessInTransaction(event.queryRunner, event.manager);
  }

  async afterRemove(event: RemoveEvent<ObjectLiteral>): Promise<void> {
    const resource = resourceOf(event.metadata);
    const id = idOf(event.entityId);
    const row = event.databaseEntity ?? event.entity;
    if (resource && id && row) auditOf(event.queryRunner).record('delete', resource, id, deletedChanges(event.metadata, row));
    else this.linkChanged(event, event.entityId, 'removed');
    await this.writeUnlessInTransaction(event.queryRunner, event.manager);
  }

  async beforeRemove(event: RemoveEvent<ObjectLiteral>): Promise<void> {
    const table = meetingPartyTableOf(event.metadata);
    if (table && event.queryRunner.isTransactionActive) await auditOf(event.queryRunner).readPartiesBeforeDelete(table, event.manager);
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    await writeAudit(event.queryRunner, event.manager);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    discardAudit(event.queryRunner);
  }

  /** A row of a many-to-many join table: its id map names both ends. */
  private linkChanged(event: InsertEvent<ObjectLiteral> | RemoveEvent<ObjectLiteral>, entityId: unknown, change: 'added' | 'removed'): void {
    const junction = junctionOf(event.metadata);
    if (!junction || typeof entityId !== 'object' || entityId === null) return;
    const ids = entityId as ObjectLiteral;
    const ownerId: unknown = ids[junction.ownerColumn.propertyName];
    const linkedId: unknown = ids[junction.inverseColumn.propertyName];
    if (typeof ownerId === 'string' && typeof linkedId === 'string') auditOf(event.queryRunner).linkChanged(junction, ownerId, linkedId, change);
  }

  /** Outside a transaction there is no commit to wait for. */
  private async writeUnlessInTransaction(queryRunner: QueryRunner, manager: EntityManager): Promise<void> {
    if (!queryRunner.isTransactionActive) await writeAudit(queryRunner, manager);
  }
}

/**
 * Notes the meetings a transaction reads (lockForChange reads the meeting it changes), so
 * that their parties can be read before they are replaced. Kept apart from AuditSubscriber
 * so that loads of every other entity do not pass through it.
 */
@EventSubscriber()
export class MeetingLoadSubscriber implements EntitySubscriberInterface<Meeting> {
  listenTo(): typeof Meeting {
    return Meeting;
  }

  afterLoad(entity: Meeting, event?: LoadEvent<Meeting>): void {
    if (event?.queryRunner?.isTransactionActive && typeof entity.id === 'string') auditOf(event.queryRunner).sawMeeting(entity.id);
  }
}

export const AUDIT_SUBSCRIBERS = [AuditSubscriber, MeetingLoadSubscriber];
