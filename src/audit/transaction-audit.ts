import type { EntityManager, ObjectLiteral, QueryRunner } from 'typeorm';
import { currentActor } from './actor.js';
import type { AuditAction, AuditChanges } from './audit-entry.entity.js';
import { AuditRepository, type NewAuditEntry } from './audit.repository.js';
import { type AuditedResource, type JunctionTable, listChange, type MeetingPartyTable } from './audited.js';

interface LinkDelta {
  junction: JunctionTable;
  ownerId: string;
  added: Set<string>;
  removed: Set<string>;
}

interface Sides {
  delegation: string[];
  counterpart: string[];
}

const entryKey = (entity: string, entityId: string, action: AuditAction): string => `${entity}:${entityId}:${action}`;

function sidesOf(table: MeetingPartyTable, rows: readonly ObjectLiteral[], meetingId: string): Sides {
  const mine = rows.filter((row) => row.meetingId === meetingId);
  const on = (side: string): string[] => mine.filter((row) => row.side === side).map(table.partyId);
  return { delegation: on('delegation'), counterpart: on('counterpart') };
}

/**
 * What one transaction changed, gathered from the subscriber's events and written as
 * audit entries just before the commit, so that a change and the id lists saved with it
 * make one entry, and a rolled-back change makes none.
 */
export class TransactionAudit {
  private readonly entries = new Map<string, NewAuditEntry>();
  private readonly links = new Map<string, LinkDelta>();
  /** Meetings loaded or saved in this transaction: the ones whose parties may be replaced in it. */
  private readonly meetings = new Set<string>();
  private readonly partiesBefore = new Map<MeetingPartyTable, Map<string, Sides>>();

  record(action: AuditAction, entity: AuditedResource, entityId: string, changes: AuditChanges): void {
    const created = this.entries.get(entryKey(entity, entityId, 'create'));
    if (action === 'update' && created) {
      for (const [field, change] of Object.entries(changes)) created.changes[field] = { after: change.after };
      return;
    }
    const key = entryKey(entity, entityId, action);
    const existing = this.entries.get(key);
    if (!existing) {
      this.entries.set(key, { action, entity, entityId, actorId: currentActor()?.userId ?? null, changes: { ...changes } });
      return;
    }
    for (const [field, change] of Object.entries(changes)) {
      existing.changes[field] = field in existing.changes ? { ...change, before: existing.changes[field]?.before } : change;
    }
  }

  linkChanged(junction: JunctionTable, ownerId: string, linkedId: string, change: 'added' | 'removed'): void {
    const key = `${junction.table}:${ownerId}`;
    const delta = this.links.get(key) ?? { junction, ownerId, added: new Set<string>(), removed: new Set<string>() };
    this.links.set(key, delta);
    (change === 'added' ? delta.added : delta.removed).add(linkedId);
  }

  sawMeeting(id: string): void {
    this.meetings.add(id);
  }

  /**
   * Party rows are replaced by DELETE and INSERT statements that tell subscribers nothing about
   * which meeting they belong to; so before the first delete, the parties of every meeting seen
   * in this transaction are read, and compared with what is there at the commit.
   */
  async readPartiesBeforeDelete(table: MeetingPartyTable, manager: EntityManager): Promise<void> {
    const taken = this.partiesBefore.get(table) ?? new Map<string, Sides>();
    this.partiesBefore.set(table, taken);
    const unread = [...this.meetings].filter((id) => !taken.has(id));
    if (unread.length === 0) return;
    const rows = await new AuditRepository(manager.connection).findMeetingParties(table, unread, manager);
    for (const id of unread) taken.set(id, sidesOf(table, rows, id));
  }

  async flush(manager: EntityManager): Promise<void> {
    const repository = new AuditRepository(manager.connection);
    for (const { junction, ownerId, added, removed } of this.links.values()) {
      const after = await repository.findLinkedIds(junction, ownerId, manager);
      const before = [...after.filter((id) => !added.has(id)), ...removed];
      this.recordList(junction.resource, ownerId, junction.field, before, after);
    }
    for (const [table, taken] of this.partiesBefore) {
      if (taken.size === 0) continue;
      const rows = await repository.findMeetingParties(table, [...taken.keys()], manager);
      for (const [meetingId, before] of taken) {
        const after = sidesOf(table, rows, meetingId);
        this.recordList('meeting', meetingId, table.fields.delegation, before.delegation, after.delegation);
        this.recordList('meeting', meetingId, table.fields.counterpart, before.counterpart, after.counterpart);
      }
    }
    const entries = [...this.entries.values()].filter((entry) => entry.action !== 'update' || Object.keys(entry.changes).length > 0);
    await repository.insert(entries, manager);
  }

  private recordList(entity: AuditedResource, entityId: string, field: string, before: readonly string[], after: readonly string[]): void {
    const change = listChange(before, after, this.entries.has(entryKey(entity, entityId, 'create')));
    if (change) this.record('update', entity, entityId, { [field]: change });
  }
}

const audits = new WeakMap<QueryRunner, TransactionAudit>();

/** The audit of the transaction this query runner is in. */
export function auditOf(queryRunner: QueryRunner): TransactionAudit {
  const existing = audits.get(queryRunner);
  if (existing) return existing;
  const audit = new TransactionAudit();
  audits.set(queryRunner, audit);
  return audit;
}

/** Writes what the transaction changed; called in the transaction, just before it commits. */
export async function writeAudit(queryRunner: QueryRunner, manager: EntityManager): Promise<void> {
  const audit = audits.get(queryRunner);
  if (!audit) return;
  audits.delete(queryRunner);
  await audit.flush(manager);
}

export function discardAudit(queryRunner: QueryRunner): void {
  audits.delete(queryRunner);
}
