import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { permissions, useMe } from '../auth/me';
import { usePageTitle } from '../app/usePageTitle';
import { useFormat } from '../i18n/format';
import { HistoryPanel } from '../ui/HistoryPanel';
import { OverdueBadge, StatusBadge } from '../ui/Badge';
import { useNames, useRecords } from '../ui/names';
import { QueryState } from '../ui/states';
import type { Action } from './actions';
import { QuickActions } from './QuickActions';
import { RemindersPanel } from './RemindersPanel';

export function ActionPage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['action', id], queryFn: () => unwrap(api.GET('/api/v1/actions/{id}', { params: { path: { id } } })) });
  return <QueryState query={query}>{(action) => <ActionDetails action={action} />}</QueryState>;
}

function ActionDetails({ action }: { action: Action }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { data: me } = useMe();
  const mission = useRecords('missions', [action.missionId])[action.missionId];
  const users = useNames('users', [action.ownerId, ...action.watcherIds]);
  const organisations = useNames('organisations', action.organisationIds);
  const can = permissions(me);
  usePageTitle(action.title);
  const changes = can.changesAction(action, mission?.ownerId);

  return (
    <article>
      <p className="crumbs">
        {mission && <Link to={`/missions/${mission.id}`}>{mission.title}</Link>} › {t('actions.one')}
      </p>
      <div className="page-head">
        <h1>{action.title}</h1>
        <StatusBadge status={action.status} />
        {action.overdue && <OverdueBadge />}
        {changes && (
          <Link className="button" to={`/actions/${action.id}/edit`}>
            {t('form.edit')}
          </Link>
        )}
      </div>
      {changes && <QuickActions action={action} />}
      <section aria-labelledby="action-facts" className="card">
        <h2 id="action-facts">{t('actions.facts')}</h2>
        <dl className="facts-grid">
          <dt>{t('actions.due')}</dt>
          <dd>
            {format.due(action)}
            {action.dueFrom && action.dueTo && action.dueLabel && <span className="muted"> ({format.window(action.dueFrom, action.dueTo)})</span>}
            {action.duePrecision && <span className="muted"> · {t(`duePrecision.${action.duePrecision}`)}</span>}
          </dd>
          <dt>{t('actions.kind')}</dt>
          <dd>{t(`actionKind.${action.kind}`)}</dd>
          <dt>{t('actions.owner')}</dt>
          <dd>{action.ownerId ? (users[action.ownerId] ?? '') : t('actions.noOwner')}</dd>
          <dt>{t('actions.watchers')}</dt>
          <dd>{action.watcherIds.length === 0 ? t('actions.noWatchers') : action.watcherIds.map((watcher) => users[watcher] ?? '').join(', ')}</dd>
          <dt>{t('actions.organisations')}</dt>
          <dd>
            {action.organisationIds.length === 0
              ? '—'
              : action.organisationIds.map((organisation, index) => (
                  <span key={organisation}>
                    {index > 0 && ', '}
                    <Link to={`/organisations/${organisation}`}>{organisations[organisation] ?? '…'}</Link>
                  </span>
                ))}
          </dd>
          <dt>{t('actions.description')}</dt>
          <dd className="prose">{action.description ?? '—'}</dd>
          <dt>{t('actions.outcome')}</dt>
          <dd className="prose">{action.outcome ?? '—'}</dd>
          {action.completedAt && (
            <>
              <dt>{t('actions.completedAt')}</dt>
              <dd>{format.dateTime(action.completedAt)}</dd>
            </>
          )}
          <dt>{t('common.updatedAt')}</dt>
          <dd>{format.dateTime(action.updatedAt)}</dd>
        </dl>
      </section>
      <RemindersPanel actionId={action.id} changes={changes} />
      <HistoryPanel resource="actions" id={action.id} />
    </article>
  );
}
