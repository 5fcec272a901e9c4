import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { usePageTitle } from '../app/usePageTitle';
import { type Action, OPEN_STATUSES } from '../actions/actions';
import { FOLLOW_UP_GROUPS, followUpGroup } from '../actions/follow-ups';
import { QuickActions } from '../actions/QuickActions';
import { permissions, useMe } from '../auth/me';
import { todayIn, useFormat } from '../i18n/format';
import { OverdueBadge, StatusBadge } from '../ui/Badge';
import { useNames, useRecords } from '../ui/names';
import { Empty, ErrorState, Loading } from '../ui/states';

const status = OPEN_STATUSES.join(',');

/** Home: the open actions I own or watch, by how urgent they are, and my next reminders. */
export function MyFollowUpsPage() {
  const { t } = useTranslation();
  const { data: me, error: meError, refetch: refetchMe } = useMe();
  const format = useFormat();
  const owned = useQuery({
    queryKey: ['actions', 'owned', me?.id],
    queryFn: () => unwrap(api.GET('/api/v1/actions', { params: { query: { ownerId: me!.id, status, limit: 200 } } })),
    enabled: Boolean(me),
  });
  const watched = useQuery({
    queryKey: ['actions', 'watched', me?.id],
    queryFn: () => unwrap(api.GET('/api/v1/actions', { params: { query: { watcherId: me!.id, status, limit: 200 } } })),
    enabled: Boolean(me),
  });
  const reminders = useQuery({
    queryKey: ['reminders', 'mine', me?.id],
    queryFn: () => unwrap(api.GET('/api/v1/reminders', { params: { query: { recipientId: me!.id, status: 'planned', sort: 'fireAt', limit: 5 } } })),
    enabled: Boolean(me),
  });
  const actions: Action[] = [
    ...(owned.data?.items ?? []),
    ...(watched.data?.items ?? []).filter((action) => !owned.data?.items.some((mine) => mine.id === action.id)),
  ];
  const missions = useRecords(
    'missions',
    actions.map((action) => action.missionId),
  );
  const owners = useNames(
    'users',
    actions.map((action) => action.ownerId),
  );
  const reminderActions = useQuery({
    queryKey: ['actions', 'of-reminders', reminders.data?.items.map((reminder) => reminder.actionId)],
    queryFn: async () =>
      Promise.all(
        (reminders.data?.items ?? []).map((reminder) =>
          reminder.actionId
            ? unwrap(api.GET('/api/v1/actions/{id}', { params: { path: { id: reminder.actionId } } })).catch(() => null)
            : Promise.resolve(null),
        ),
      ),
    enabled: Boolean(reminders.data?.items.length),
  });
  const can = permissions(me);

  usePageTitle(t('home.title'));
  if (meError) return <ErrorState error={meError} onRetry={() => void refetchMe()} />;
  if (!me || owned.isPending || watched.isPending) return <Loading />;
  if (owned.error || watched.error)
    return (
      <ErrorState
        error={owned.error ?? watched.error}
        onRetry={() => {
          void owned.refetch();
          void watched.refetch();
        }}
      />
    );

  const today = todayIn(me.timeZone);
  const groups = FOLLOW_UP_GROUPS.map((group) => ({ group, items: actions.filter((action) => followUpGroup(action, today) === group) }));

  return (
    <>
      <div className="page-head">
        <h1>{t('home.title')}</h1>
        {can.writes && (
          <Link className="button primary" to="/actions/new">
            {t('actions.new')}
          </Link>
        )}
      </div>
      <p className="muted">{t('home.intro', { name: me.name })}</p>
      <ul className="tiles" aria-label={t('home.counts')}>
        {groups.map(({ group, items }) => (
          <li key={group} className={`tile tile-${group}`}>
            {items.length > 0 ? (
              <a href={`#group-${group}`}>
                <span className="tile-value">{items.length}</span>
                <span className="tile-label">{t(`home.groups.${group}`)}</span>
              </a>
            ) : (
              <>
                <span className="tile-value">0</span>
                <span className="tile-label">{t(`home.groups.${group}`)}</span>
              </>
            )}
          </li>
        ))}
      </ul>
      {actions.length === 0 && <Empty>{t('home.nothing')}</Empty>}
      {owned.data.total > owned.data.items.length && (
        <p className="notice card">{t('home.capped', { shown: owned.data.items.length, total: owned.data.total })}</p>
      )}
      {groups
        .filter(({ items }) => items.length > 0)
        .map(({ group, items }) => (
          <section key={group} id={`group-${group}`} aria-labelledby={`heading-${group}`} className="group">
            <h2 id={`heading-${group}`} tabIndex={-1}>
              {t(`home.groups.${group}`)} <span className="count">({items.length})</span>
            </h2>
            <ul className="follow-ups">
              {items.map((action) => {
                const mission = missions[action.missionId];
                return (
                  <li key={action.id} className="card follow-up">
                    <div className="follow-up-head">
                      <h3>
                        <Link to={`/actions/${action.id}`}>{action.title}</Link>
                      </h3>
                      <StatusBadge status={action.status} />
                      {action.overdue && <OverdueBadge />}
                    </div>
                    <p className="facts">
                      <span>
                        {t('actions.due')}: <strong>{format.due(action)}</strong>
                      </span>
                      {mission && (
                        <span>
                          {t('actions.mission')}: <Link to={`/missions/${mission.id}`}>{mission.title}</Link>
                        </span>
                      )}
                      {action.ownerId !== me.id && (
                        <span>
                          {t('actions.owner')}: {action.ownerId ? (owners[action.ownerId] ?? '') : t('actions.noOwner')}
                        </span>
                      )}
                    </p>
                    {can.changesAction(action, mission?.ownerId) && <QuickActions action={action} />}
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      <section aria-labelledby="heading-reminders" className="group">
        <h2 id="heading-reminders">{t('home.nextReminders')}</h2>
        {reminders.isPending ? (
          <Loading />
        ) : reminders.error ? (
          <ErrorState error={reminders.error} />
        ) : reminders.data.items.length === 0 ? (
          <Empty>{t('home.noReminders')}</Empty>
        ) : (
          <ul className="plain">
            {reminders.data.items.map((reminder, index) => {
              const action = reminderActions.data?.[index];
              return (
                <li key={reminder.id}>
                  {format.dateTime(reminder.fireAt)} · {t(`reminderKind.${reminder.kind}`)}
                  {action && (
                    <>
                      {' · '}
                      <Link to={`/actions/${action.id}`}>{action.title}</Link>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
