import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePageTitle } from '../app/usePageTitle';
import { ExportButton } from './ExportButton';
import { type NamedKind, useNames } from './names';
import { Pager } from './Pager';
import { Empty, ErrorState, Loading } from './states';

export const LIST_LIMIT = 25;

export interface ListFilter {
  name: string;
  label: string;
  options?: { value: string; label: string }[];
}

interface ListPageProps<T> {
  title: string;
  queryKey: string;
  filters: ListFilter[];
  fetch: (query: Record<string, string | number>) => Promise<{ items: T[]; total: number; totalIsEstimate?: boolean }>;
  newLink?: { to: string; label: string };
  /** The list's path under /api/v1, for the CSV export of every row its filters match. */
  exportPath?: string;
  empty: string;
  columns: { header: string; cell: (item: T, names: Record<string, string>) => ReactNode }[];
  /** References the columns show by name, looked up for the whole page at once. */
  names?: { kind: NamedKind; ids: (item: T) => (string | null | undefined)[] };
  rowKey: (item: T) => string;
}

/** A list with search and filters in the URL, filtered and paged by the API. */
export function ListPage<T>({ title, queryKey, filters, fetch, newLink, exportPath, empty, columns, rowKey, names }: ListPageProps<T>) {
  const { t } = useTranslation();
  usePageTitle(title);
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(filters.map((filter) => [filter.name, params.get(filter.name) ?? '']));
  const offset = Number(params.get('offset') ?? 0);
  const query = useQuery({
    queryKey: [queryKey, 'list', values, offset],
    queryFn: () => fetch({ limit: LIST_LIMIT, offset, ...Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '')) }),
    placeholderData: keepPreviousData,
  });
  const named = useNames(names?.kind ?? 'organisations', names ? (query.data?.items ?? []).flatMap(names.ids) : []);
  const set = (name: string, value: string): void => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== 'offset') next.delete('offset');
    setParams(next, { replace: true });
  };
  return (
    <>
      <div className="page-head">
        <h1>{title}</h1>
        {exportPath && (
          <ExportButton path={exportPath} query={Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''))} name={exportPath} />
        )}
        {newLink && (
          <Link className="button primary" to={newLink.to}>
            {newLink.label}
          </Link>
        )}
      </div>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        {filters.map((filter) => (
          <label key={filter.name}>
            {filter.label}
            {filter.options ? (
              <select value={values[filter.name]} onChange={(event) => set(filter.name, event.target.value)}>
                <option value="">{t('filters.all')}</option>
                {filter.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : (
              <input type="search" value={values[filter.name]} onChange={(event) => set(filter.name, event.target.value)} />
            )}
          </label>
        ))}
      </form>
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <>
          <table className="list">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.header} scope="col">
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {query.data.items.map((item) => (
                <tr key={rowKey(item)}>
                  {columns.map((column) => (
                    <td key={column.header}>{column.cell(item, named)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <Pager
            total={query.data.total}
            totalIsEstimate={query.data.totalIsEstimate}
            limit={LIST_LIMIT}
            offset={offset}
            onOffset={(value) => set('offset', String(value))}
          />
        </>
      )}
    </>
  );
}
