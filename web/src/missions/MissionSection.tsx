import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Pager } from '../ui/Pager';
import { Empty, ErrorState, Loading } from '../ui/states';

/** A section of a mission's page: a card with its heading, the number of records it holds, and its tools (filters, exports, links). */
export function MissionSection({ id, title, total, tools, children }: { id: string; title: string; total?: number; tools?: ReactNode; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="card">
      <div className="section-head">
        <h2 id={`${id}-heading`}>
          {title} {total !== undefined && <span className="count">({total})</span>}
        </h2>
        {tools}
      </div>
      {children}
    </section>
  );
}

/** A filter of a section's list: one of `values`, or all of them (the empty string). */
export function SectionFilter<V extends string>({
  label,
  value,
  values,
  labelOf,
  onChange,
}: {
  label: string;
  value: V | '';
  values: readonly V[];
  labelOf: (value: V) => string;
  onChange: (value: V | '') => void;
}) {
  const { t } = useTranslation();
  return (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value as V | '')}>
        <option value="">{t('filters.all')}</option>
        {values.map((option) => (
          <option key={option} value={option}>
            {labelOf(option)}
          </option>
        ))}
      </select>
    </label>
  );
}

interface Page<T> {
  items: T[];
  total: number;
  totalIsEstimate?: boolean;
}

/** A section's list as it loads: loading, failed, empty, or its rows (`children`) with a pager when `limit` pages it on the server. */
export function SectionList<T>({
  query,
  empty,
  paging,
  children,
}: {
  query: { data?: Page<T>; error: unknown; isPending: boolean; refetch: () => unknown };
  empty: string;
  paging?: { limit: number; offset: number; onOffset: (offset: number) => void };
  children: (items: T[]) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.error || query.data === undefined) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) return <Empty>{empty}</Empty>;
  return (
    <>
      {children(query.data.items)}
      {paging && <Pager total={query.data.total} totalIsEstimate={query.data.totalIsEstimate} {...paging} />}
    </>
  );
}
