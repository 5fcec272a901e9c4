import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * One page of a list and the number of rows over all pages. The count is a plain
 * COUNT(*) without ordering (TypeORM's getManyAndCount counts DISTINCT ids, many
 * times slower on a million rows); both run at once on the pool.
 */
export async function fetchPage<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, limit: number, offset: number): Promise<[T[], number]> {
  const counting = query.clone().orderBy().select('COUNT(*)', 'total');
  const [items, counted] = await Promise.all([query.limit(limit).offset(offset).getMany(), counting.getRawOne<{ total: string }>()]);
  return [items, Number(counted?.total ?? 0)];
}
