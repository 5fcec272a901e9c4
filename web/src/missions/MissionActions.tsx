import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { ACTION_STATUSES } from '../actions/actions';
import { ActionsTable } from '../actions/ActionsTable';
import { ExportButton } from '../ui/ExportButton';
import { MissionSection, SectionFilter, SectionList } from './MissionSection';
import type { Mission } from './missions';

const ACTION_PAGE = 25;

/** The follow-up actions of a mission, by status or overdue, paged on the server. */
export function MissionActions({ mission, writes }: { mission: Mission; writes: boolean }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<(typeof ACTION_STATUSES)[number] | ''>('');
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
    <MissionSection
      id="actions"
      title={t('mission.actions')}
      total={query.data?.total}
      tools={
        <>
          <SectionFilter
            label={t('actions.status')}
            value={status}
            values={ACTION_STATUSES}
            labelOf={(value) => t(`actionStatus.${value}`)}
            onChange={(value) => {
              setStatus(value);
              setOffset(0);
            }}
          />
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
        </>
      }
    >
      <SectionList query={query} empty={t('actions.none')} paging={{ limit: ACTION_PAGE, offset, onOffset: setOffset }}>
        {(items) => <ActionsTable actions={items} caption={t('mission.actions')} showMission={false} />}
      </SectionList>
    </MissionSection>
  );
}
