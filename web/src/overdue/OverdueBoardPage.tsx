import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../app/usePageTitle';
import { api, unwrap } from '../api/client';
import type { Action } from '../actions/actions';
import { ActionsTable } from '../actions/ActionsTable';
import { useNames } from '../ui/names';
import { ExportButton } from '../ui/ExportButton';
import { RefField } from '../ui/RefField';
import { Empty, QueryState } from '../ui/states';

type Grouping = 'owner' | 'mission';

/** The board draws at most this many (the longest overdue first); the filters narrow it on the server. */
export const BOARD_LIMIT = 1000;

/** Every overdue follow-up across missions, by owner or by mission: what slipped, and whose it is. */
export function OverdueBoardPage() {
  const { t } = useTranslation();
  usePageTitle(t('overdue.title'));
  const [grouping, setGrouping] = useState<Grouping>('owner');
  const [params, setParams] = useSearchParams();
  const missionId = params.get('missionId') ?? '';
  const ownerId = params.get('ownerId') ?? '';
  const query = useQuery({
    queryKey: ['actions', 'overdue', missionId, ownerId],
    queryFn: async () => {
      const pageAt = (offset: number) =>
        unwrap(
          api.GET('/api/v1/actions', {
            params: { query: { overdue: true, limit: 200, offset, sort: 'dueTo', ...(missionId ? { missionId } : {}), ...(ownerId ? { ownerId } : {}) } },
          }),
        );
      // The first page says how many there are; the rest are asked for together.
      const first = await pageAt(0);
      const offsets: number[] = [];
      for (let offset = 200; offset < Math.min(first.total, BOARD_LIMIT); offset += 200) offsets.push(offset);
      const rest = await Promise.all(offsets.map(pageAt));
      const actions: Action[] = [first, ...rest].flatMap((page) => page.items);
      return { actions, total: first.total };
    },
  });
  const owners = useNames('users', query.data?.actions.map((action) => action.ownerId) ?? []);
  const missions = useNames('missions', query.data?.actions.map((action) => action.missionId) ?? []);
  const filter = (name: string, value: string): void => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('overdue.title')}</h1>
        {query.data && <span className="count">({query.data.total})</span>}
        <ExportButton path="actions" query={{ overdue: true, missionId, ownerId }} name="overdue-follow-ups" />
      </div>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="overdue-mission">{t('actions.mission')}</label>
          <RefField
            id="overdue-mission"
            name="missionId"
            kind="missions"
            label={t('actions.mission')}
            multiple={false}
            emptyLabel={t('filters.all')}
            value={missionId}
            onChange={(value) => filter('missionId', String(value))}
          />
        </div>
        <div className="field">
          <label htmlFor="overdue-owner">{t('actions.owner')}</label>
          <RefField
            id="overdue-owner"
            name="ownerId"
            kind="users"
            label={t('actions.owner')}
            multiple={false}
            emptyLabel={t('filters.all')}
            value={ownerId}
            onChange={(value) => filter('ownerId', String(value))}
          />
        </div>
      </form>
      <fieldset className="segmented">
        <legend>{t('overdue.groupBy')}</legend>
        {(['owner', 'mission'] as const).map((value) => (
          <label key={value}>
            <input type="radio" name="grouping" value={value} checked={grouping === value} onChange={() => setGrouping(value)} />
            {t(`overdue.by.${value}`)}
          </label>
        ))}
      </fieldset>
      <QueryState query={query}>
        {({ actions, total }) => {
          if (actions.length === 0) return <Empty>{t('overdue.none')}</Empty>;
          const groups = new Map<string, Action[]>();
          for (const action of actions) {
            const key = (grouping === 'owner' ? action.ownerId : action.missionId) ?? '';
            groups.set(key, [...(groups.get(key) ?? []), action]);
          }
          const title = (key: string): string => (grouping === 'owner' ? (key ? (owners[key] ?? '…') : t('actions.noOwner')) : (missions[key] ?? '…'));
          const sections = [...groups.entries()]
            .sort((a, b) => b[1].length - a[1].length)
            .map(([key, items]) => (
              <section key={key || 'none'} className="card" aria-labelledby={`overdue-${key || 'none'}`}>
                <h2 id={`overdue-${key || 'none'}`}>
                  {title(key)} <span className="count">({items.length})</span>
                </h2>
                <ActionsTable actions={items} caption={title(key)} showMission={grouping === 'owner'} names={{ missions, owners }} />
              </section>
            ));
          return (
            <>
              {total > actions.length && <p className="notice card">{t('overdue.capped', { shown: actions.length, total })}</p>}
              {sections}
            </>
          );
        }}
      </QueryState>
    </>
  );
}
