import type { EntityManager, EntityTarget, FindOptionsWhere } from 'typeorm';
import { ArchivedError, NotFoundError, StaleVersionError } from '../common/errors.js';
import type { BaseEntity } from './base.entity.js';
import { loadIdLists } from './id-lists.js';

/**
 * Loads a row for change inside a transaction, locked so that concurrent changes
 * queue up, and checks the version the client last saw: of two changes sent with
 * the same version, exactly one wins and the other gets a 409.
 */
export async function lockForChange<T extends BaseEntity>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  resource: string,
  id: string,
  expectedVersion?: number,
): Promise<T> {
  const row = await manager.findOne(entity, { where: { id } as FindOptionsWhere<T>, lock: { mode: 'pessimistic_write' }, withDeleted: true });
  if (!row) throw new NotFoundError(resource, id);
  // Readable by id, but changed only once restored.
  if ((row as { archivedAt?: Date | null }).archivedAt) throw new ArchivedError(resource, pathOf(resource), id);
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    throw new StaleVersionError(resource, id, expectedVersion, row.version);
  }
  // Its id lists as they are, to compare a change with and to audit.
  await loadIdLists(manager, entity, [row]);
  return row;
}

/**
 * Loads a row, archived or not, locked for a restore. Restoring one that is not archived
 * changes nothing: the call is safe to repeat.
 */
export async function lockForRestore<T extends BaseEntity & { archivedAt: Date | null }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  resource: string,
  id: string,
): Promise<T> {
  const row = await manager.findOne(entity, { where: { id } as FindOptionsWhere<T>, lock: { mode: 'pessimistic_write' }, withDeleted: true });
  if (!row) throw new NotFoundError(resource, id);
  await loadIdLists(manager, entity, [row]);
  return row;
}

/** The API path of a resource: mission → missions. */
const pathOf = (resource: string): string => `${resource}s`;

/** Escapes LIKE wildcards so a search for "50%" finds "50%". */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
