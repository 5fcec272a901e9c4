import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Up to this many matching rows a list's total is counted exactly; past it, the planner's
 * estimate is given (and said to be one). As deep as paging goes (MAX_OFFSET), so every page a
 * client can ask for is counted exactly whenever that is cheap, and a broad list over a million
 * rows no longer scans them all for every page.
 */
export const EXACT_TOTAL_UP_TO = 10_000;

export interface FoundPage<T> {
  items: T[];
  total: number;
  /** True when more than EXACT_TOTAL_UP_TO rows match and `total` is PostgreSQL's estimate. */
  totalIsEstimate: boolean;
}

/**
 * One page of a list and the number of rows over all pages. A short page tells the total by
 * itself (the common case for filtered lists). Otherwise the matching rows are counted up to
 * EXACT_TOTAL_UP_TO + 1, which reads at most that many index entries or rows, and only when
 * there are more is the planner asked for its estimate: an EXPLAIN, no scan.
 */
export async function fetchPage<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, limit: number, offset: number): Promise<FoundPage<T>> {
  const items = await query.clone().limit(limit).offset(offset).getMany();
  if (items.length > 0 && items.length < limit) return { items, total: offset + items.length, totalIsEstimate: false };
  if (items.length === 0 && offset === 0) return { items, total: 0, totalIsEstimate: false };
  const [matching, parameters] = query.clone().orderBy().select('1').getQueryAndParameters();
  // On the data source's pool: lists are read outside any transaction.
  const runner = query.connection;
  const counted = await runner.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM (${matching} LIMIT ${EXACT_TOTAL_UP_TO + 1}) capped`, parameters);
  const total = counted[0]?.total ?? 0;
  if (total <= EXACT_TOTAL_UP_TO) return { items, total, totalIsEstimate: false };
  const plans = await runner.query<{ 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }[]>(`EXPLAIN (FORMAT JSON) ${matching}`, parameters);
  const estimate = Math.round(plans[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0);
  // Never fewer than the rows already seen: an estimate below them would contradict the count.
  return { items, total: Math.max(estimate, EXACT_TOTAL_UP_TO + 1), totalIsEstimate: true };
}

/**
 * Orders a list by its sort keys, then by id so that paging is stable. The id follows the first
 * key's direction, so that one index on (field, id) serves a sort both ways (scanned backwards
 * for a descending one). Only columns that can be null get NULLS LAST (records without the value
 * come last either way): on the others it would change nothing but keep the index out of use.
 */
export function orderPage<T extends ObjectLiteral, F extends string>(
  query: SelectQueryBuilder<T>,
  alias: string,
  sort: readonly { field: F; direction: 'ASC' | 'DESC' }[],
  nullable: readonly F[] = [],
): SelectQueryBuilder<T> {
  for (const { field, direction } of sort) query.addOrderBy(`${alias}.${field}`, direction, nullable.includes(field) ? 'NULLS LAST' : undefined);
  return query.addOrderBy(`${alias}.id`, sort[0]?.direction ?? 'ASC');
}
