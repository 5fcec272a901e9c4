import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { Action } from '../actions/actions';
import { ActionsTable } from '../actions/ActionsTable';
import { useNames } from '../ui/names';
import { Empty, QueryState } from '../ui/states';

type Grouping = 'owner' | 'mission';

/** Every overdue follow-up across missions, by owner or by mission: what slipped, and whose it is. */
export function OverdueBoardPage() {
  const { t } = useTranslation();
  const [grouping, setGrouping] = useState<Grouping>('owner');
  const query = useQuery({
    queryKey: ['actions', 'overdue'],
    queryFn: async () => {
      const actions: Action[] = [];
      for (let offset = 0; offset <= 10_000; offset += 200) {
        const page = await unwrap(api.GET('/api/v1/actions', { params: { query: { overdue: true, limit: 200, offset, sort: 'dueTo' } } }));
        actions.push(...page.items);
        if (actions.length >= page.total || page.items.length === 0) break;
      }
      return actions;
    },
  });
  const owners = useNames('users', query.data?.map((action) => action.ownerId) ?? []);
  const missions = useNames('missions', query.data?.map((action) => action.missionId) ?? []);

  return (
    <>
      <div className="page-head">
        <h1>{t('overdue.title')}</h1>
        {query.data && <span className="count">({query.data.length})</span>}
      </div>
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
        {(actions) => {
          if (actions.length === 0) return <Empty>{t('overdue.none')}</Empty>;
          const groups = new Map<string, Action[]>();
          for (const action of actions) {
            const key = (grouping === 'owner' ? action.ownerId : action.missionId) ?? '';
            groups.set(key, [...(groups.get(key) ?? []), action]);
          }
          const title = (key: string): string => (grouping === 'owner' ? (key ? (owners[key] ?? '…') : t('actions.noOwner')) : (missions[key] ?? '…'));
          return [...groups.entries()]
            .sort((a, b) => b[1].length - a[1].length)
            .map(([key, items]) => (
              <section key={key || 'none'} className="card" aria-labelledby={`overdue-${key || 'none'}`}>
                <h2 id={`overdue-${key || 'none'}`}>
                  {title(key)} <span className="count">({items.length})</span>
                </h2>
                <ActionsTable actions={items} caption={title(key)} showMission={grouping === 'owner'} />
              </section>
            ));
        }}
      </QueryState>
    </>
  );
}
