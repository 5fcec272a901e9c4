import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { useFormat } from '../i18n/format';
import { useNames } from './names';
import { Empty, QueryState } from './states';

type Resource = 'missions' | 'organisations' | 'contacts' | 'meetings' | 'agreements' | 'actions' | 'users';

/** Who changed what and when, from the audit trail. */
export function HistoryPanel({ resource, id }: { resource: Resource; id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery({
    queryKey: ['history', resource, id],
    queryFn: () => unwrap(api.GET('/api/v1/{resource}/{id}/history', { params: { path: { resource, id }, query: { limit: 50 } } })),
  });
  const actors = useNames('users', query.data?.items.map((entry) => entry.actorId) ?? []);
  return (
    <section aria-labelledby="history-heading" className="card">
      <h2 id="history-heading">{t('history.title')}</h2>
      <QueryState query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('history.none')}</Empty>
          ) : (
            <ol className="history">
              {page.items.map((entry) => (
                <li key={entry.id}>
                  <time dateTime={entry.occurredAt}>{format.dateTime(entry.occurredAt)}</time> ·{' '}
                  {entry.actorId ? (actors[entry.actorId] ?? '') : t('history.system')} · {t(`history.${entry.action}`)}
                  {entry.changes && Object.keys(entry.changes).length > 0 && <span className="muted"> ({Object.keys(entry.changes).join(', ')})</span>}
                </li>
              ))}
            </ol>
          )
        }
      </QueryState>
    </section>
  );
}
