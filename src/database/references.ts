import { type EntityManager, type EntityTarget, In, type ObjectLiteral } from 'typeorm';
import { InvalidReferenceError } from '../common/errors.js';

/** The ids a request names in one field: one id, a list, or none (null or left out). */
export type IdsGiven = readonly (string | null | undefined)[] | string | null | undefined;

/**
 * Checks that every id a request names exists (and is not archived) in one query,
 * so that a wrong id is a 400 naming the field instead of a foreign-key failure.
 */
export async function assertReferencesExist<T extends ObjectLiteral & { id: string }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  resource: string,
  field: string,
  ids: IdsGiven,
): Promise<void> {
  const wanted = [...new Set((Array.isArray(ids) ? ids : [ids]).filter((id): id is string => typeof id === 'string'))];
  if (wanted.length === 0) return;
  const found = await manager.find(entity, { select: { id: true } as never, where: { id: In(wanted) } as never });
  const foundIds = new Set(found.map((row) => row.id));
  const missing = wanted.filter((id) => !foundIds.has(id));
  if (missing.length > 0) throw new InvalidReferenceError(field, resource, missing);
}
