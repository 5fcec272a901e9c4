import type { EntityManager, EntityTarget, FindOptionsWhere } from 'typeorm';
import { NotFoundError, StaleVersionError } from '../common/errors.js';
import type { BaseEntity } from './base.entity.js';

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
  const row = await manager.findOne(entity, { where: { id } as FindOptionsWhere<T>, lock: { mode: 'pessimistic_write' } });
  if (!row) throw new NotFoundError(resource, id);
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    throw new StaleVersionError(resource, id, expectedVersion, row.version);
  }
  return row;
}

/** Escapes LIKE wildcards so a search for "50%" finds "50%". */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
