import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** An id list of an entity: the ids a many-to-many relation links a row to, by the property the API names it. */
export interface IdList {
  property: string;
  relation: string;
}

const ID_LISTS = new Map<unknown, IdList[]>();

/**
 * Marks a property as the ids of a many-to-many relation (every linked row, archived or not).
 * Unlike TypeORM's @RelationId, which loads them with one OR-chained condition per row and
 * costs most of a list's time, nothing loads them by itself: the domain's repository does,
 * with loadIdLists, one `= ANY($1)` query per list for a whole page.
 */
export function IdsOf(relation: string): PropertyDecorator {
  return (target, property) => {
    const lists = ID_LISTS.get(target.constructor) ?? [];
    lists.push({ property: String(property), relation });
    ID_LISTS.set(target.constructor, lists);
  };
}

/** The id lists an entity class declares (none for most). */
export const idListsOf = (target: unknown): readonly IdList[] => ID_LISTS.get(target) ?? [];

/**
 * Fills every id list of the rows in one statement, whatever their number: one `= ANY($1)` branch
 * per list, read from the join tables alone, with the owners' ids as one array parameter.
 * Returns the rows, for chaining.
 */
export async function loadIdLists<E extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<E>, rows: E[]): Promise<E[]> {
  const metadata = manager.connection.getMetadata(target);
  const lists = idListsOf(metadata.target);
  if (lists.length === 0 || rows.length === 0) return rows;
  const ids = rows.map((row) => row.id as string);
  const branches = lists.map(({ relation }, index) => {
    const junction = metadata.findRelationWithPropertyPath(relation)?.junctionEntityMetadata;
    const [owner] = junction?.ownerColumns ?? [];
    const [linked] = junction?.inverseColumns ?? [];
    if (!junction || !owner || !linked) throw new Error(`${metadata.name}.${relation} is not a many-to-many relation`);
    return `SELECT ${index} AS list, "${owner.databaseName}" AS owner, "${linked.databaseName}" AS linked FROM "${junction.tablePath}" WHERE "${owner.databaseName}" = ANY($1::uuid[])`;
  });
  const links = await manager.query<{ list: number; owner: string; linked: string }[]>(branches.join(' UNION ALL '), [ids]);
  const byList = lists.map(() => new Map<string, string[]>(ids.map((id) => [id, []])));
  for (const link of links) byList[link.list]?.get(link.owner)?.push(link.linked);
  lists.forEach(({ property }, index) => {
    for (const row of rows) (row as Record<string, unknown>)[property] = byList[index]?.get(row.id as string) ?? [];
  });
  return rows;
}
