import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { AuditAction, AuditChanges } from './audit-entry.entity.js';
import { AUDITED_RESOURCES, type AuditedResource, createdChanges, deletedChanges, listChange } from './audited.js';
import { auditOf, TransactionAudit } from './transaction-audit.js';

/**
 * For writes the subscriber cannot see: softDelete(), restore() and delete() by criteria run as
 * query builders, which tell subscribers neither the row nor its id. Called by
 * src/database/archiving.ts with the manager of the write's transaction; the entry is written
 * with the transaction's other entries.
 */
async function record(manager: EntityManager, action: AuditAction, resource: AuditedResource, id: string, changes: AuditChanges): Promise<void> {
  const queryRunner = manager.queryRunner;
  if (queryRunner?.isTransactionActive) {
    auditOf(queryRunner).record(action, resource, id, changes);
    return;
  }
  const audit = new TransactionAudit();
  audit.record(action, resource, id, changes);
  await audit.flush(manager);
}

/** The resource was archived (soft-deleted): it leaves lists and lookups, its history stays. */
export function recordArchive(manager: EntityManager, resource: AuditedResource, id: string): Promise<void> {
  return record(manager, 'archive', resource, id, {});
}

/** The row was deleted for good: the entry keeps what it held. */
export function recordDeletion(manager: EntityManager, resource: AuditedResource, row: ObjectLiteral & { id: string }): Promise<void> {
  return record(manager, 'delete', resource, row.id, deletedChanges(manager.connection.getMetadata(AUDITED_RESOURCES[resource]), row));
}

/** An archived resource was brought back into lists and lookups. */
export function recordRestore(manager: EntityManager, resource: AuditedResource, id: string): Promise<void> {
  return record(manager, 'restore', resource, id, {});
}

/**
 * New rows written in bulk (an import's INSERT … SELECT), which no subscriber sees: each gets
 * the create entry save() would have given it, the id lists linked to it at once included
 * (sorted, as the junction audit writes them). The rows must hold what the database stored,
 * defaults and all. In a transaction the entries are written with its other entries.
 */
export async function recordCreations<E extends ObjectLiteral & { id: string }>(
  manager: EntityManager,
  resource: AuditedResource,
  rows: readonly E[],
  idLists: Record<string, (row: E) => readonly string[]> = {},
): Promise<void> {
  const metadata = manager.connection.getMetadata(AUDITED_RESOURCES[resource]);
  const queryRunner = manager.queryRunner;
  const audit = queryRunner?.isTransactionActive ? auditOf(queryRunner) : new TransactionAudit();
  for (const row of rows) {
    const changes = createdChanges(metadata, row);
    for (const [field, ids] of Object.entries(idLists)) {
      const change = listChange([], ids(row), true);
      if (change) changes[field] = change;
    }
    audit.record('create', resource, row.id, changes);
    if (resource === 'meeting') audit.sawMeeting(row.id);
  }
  if (!queryRunner?.isTransactionActive) await audit.flush(manager);
}
