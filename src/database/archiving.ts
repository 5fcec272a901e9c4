import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { recordArchive, recordDeletion, recordRestore } from '../audit/audit.recorder.js';
import { resourceOf } from '../audit/audited.js';

/**
 * Archiving, restoring and deleting a row, each with its audit entry in the same step, so that
 * no caller can do one without the other. TypeORM runs softDelete(), restore() and delete() by
 * criteria as query builders, which tell its subscribers neither the row nor its id: the audit
 * subscriber cannot see them, so every repository goes through here (the lint refuses those
 * calls anywhere else). Entities that are not audited resources are written all the same.
 */
export async function archiveRow(manager: EntityManager, target: EntityTarget<ObjectLiteral>, id: string): Promise<void> {
  await manager.softDelete(target, { id });
  const resource = resourceOf(manager.connection.getMetadata(target));
  if (resource) await recordArchive(manager, resource, id);
}

export async function restoreRow(manager: EntityManager, target: EntityTarget<ObjectLiteral>, id: string): Promise<void> {
  await manager.restore(target, { id });
  const resource = resourceOf(manager.connection.getMetadata(target));
  if (resource) await recordRestore(manager, resource, id);
}

/** Deletes the row for good; the audit entry keeps what it held, so pass the row as it was. */
export async function deleteRow(manager: EntityManager, target: EntityTarget<ObjectLiteral>, row: ObjectLiteral & { id: string }): Promise<void> {
  await manager.delete(target, { id: row.id });
  const resource = resourceOf(manager.connection.getMetadata(target));
  if (resource) await recordDeletion(manager, resource, row);
}
