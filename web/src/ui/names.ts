import { useQuery } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../api/client';

export type NamedKind = 'organisations' | 'contacts' | 'users' | 'missions';

interface Records {
  organisations: Schemas['OrganisationResponseDto'];
  contacts: Schemas['ContactResponseDto'];
  users: Schemas['UserResponseDto'];
  missions: Schemas['MissionResponseDto'];
}

/** The query every list of these kinds takes: ids, text search, paging, archived ones. */
export interface NamedListQuery {
  id?: string;
  q?: string;
  limit: number;
  includeArchived?: boolean;
}

/** One page of a kind's list: the one place that knows which path each kind lives at. */
export async function listOf<K extends NamedKind>(kind: K, query: NamedListQuery): Promise<Records[K][]> {
  switch (kind) {
    case 'organisations':
      return (await unwrap(api.GET('/api/v1/organisations', { params: { query } }))).items as Records[K][];
    case 'contacts':
      return (await unwrap(api.GET('/api/v1/contacts', { params: { query } }))).items as Records[K][];
    case 'users':
      return (await unwrap(api.GET('/api/v1/users', { params: { query } }))).items as Records[K][];
    case 'missions':
      return (await unwrap(api.GET('/api/v1/missions', { params: { query } }))).items as Records[K][];
  }
}

// Archived records are still named where they are referred to (a past delegation, an old owner).
const fetchPage = <K extends NamedKind>(kind: K, ids: string[]): Promise<Records[K][]> =>
  listOf(kind, { id: ids.join(','), limit: 200, includeArchived: true });

async function fetchRecords<K extends NamedKind>(kind: K, ids: string[]): Promise<Record<string, Records[K]>> {
  const records: Record<string, Records[K]> = {};
  for (let start = 0; start < ids.length; start += 200) {
    for (const item of await fetchPage(kind, ids.slice(start, start + 200))) records[item.id] = item;
  }
  return records;
}

/** The records behind a page of references, in one request per 200 ids. */
export function useRecords<K extends NamedKind>(kind: K, ids: readonly (string | null | undefined)[]): Record<string, Records[K]> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))].sort();
  const query = useQuery({ queryKey: ['records', kind, wanted], queryFn: () => fetchRecords(kind, wanted), enabled: wanted.length > 0, staleTime: 60_000 });
  return query.data ?? {};
}

export const nameOf = (record: { name?: string; title?: string } | undefined): string | undefined => record?.name ?? record?.title;

/** The names behind a page of references. */
export function useNames(kind: NamedKind, ids: readonly (string | null | undefined)[]): Record<string, string> {
  const records = useRecords(kind, ids);
  return Object.fromEntries(Object.entries(records).map(([id, record]) => [id, nameOf(record as { name?: string; title?: string }) ?? id]));
}
