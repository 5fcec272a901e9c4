import { containsPattern } from './versioned.js';

/**
 * A list's text search, the way the index behind it reads (migration AccentInsensitiveSearch):
 * the fields lower-cased and without accents, matched against the words asked for, read the same
 * way, anywhere in them. "Hai Phong" finds "Hải Phòng", "nguyen" finds "Nguyễn". `fields` is the
 * index's array expression, in the query builder's property paths (`ARRAY[o.name, o.city]`).
 */
export function textSearch(fields: string, q: string): [where: string, parameters: { q: string }] {
  return [`mcrm_search_text(${fields}) LIKE mcrm_search_text(ARRAY[:q]::text[])`, { q: containsPattern(q) }];
}
