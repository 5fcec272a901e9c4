import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { ACTION_STATUSES } from '../actions/actions';
import { ActionsTable } from '../actions/ActionsTable';
import { ExportButton } from '../ui/ExportButton';
import { Pager } from '../ui/Pager';
import { Empty, ErrorState, Loading } from '../ui/states';
import type { Mission } from './missions';

const ACTION_PAGE = 25;

/** The follow-up actions of a mission, by status or overdue, paged on the server. */
export function MissionActions({ mission, writes }: { mission: Mission; writes: boolean }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [offset, setOffset] = useState(0);
  const query = useQuery({
    queryKey: ['actions', 'mission', mission.id, status, overdue, offset],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/actions', {
          params: { query: { missionId: mission.id, limit: ACTION_PAGE, offset, ...(status ? { status } : {}), ...(overdue ? { overdue: true } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <section id="actions" aria-labelledby="actions-heading" className="card">
      <div className="section-head">
        <h2 id="actions-heading">
          {t('mission.actions')} {query.data && <span className="count">({query.data.total})</span>}
        </h2>
        <label>
          {t('actions.status')}
          <select
            value={status}
            onChange={(event) => {
              setStatus(event.target.value);
              setOffset(0);
            }}
          >
            <option value="">{t('filters.all')}</option>
            {ACTION_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`actionStatus.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={overdue}
            onChange={(event) => {
              setOverdue(event.target.checked);
              setOffset(0);
            }}
          />
          {t('actions.onlyOverdue')}
        </label>
        <ExportButton path="actions" query={{ missionId: mission.id, status, overdue: overdue || undefined }} name={`${mission.code}-follow-ups`} />
        {writes && (
          <Link className="button" to={`/actions/new?missionId=${mission.id}`}>
            {t('actions.new')}
          </Link>
        )}
      </div>
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Empty>{t('actions.none')}</Empty>
      ) : (
        <>
          <ActionsTable actions={query.data.items} caption={t('mission.actions')} showMission={false} />
          <Pager total={query.data.total} totalIsEstimate={query.data.totalIsEstimate} limit={ACTION_PAGE} offset={offset} onOffset={setOffset} />
        </>
      )}
    </section>
  );
}
