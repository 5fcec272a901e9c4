import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Schemas, unwrap } from '../api/client';
import { ActionsTable } from '../actions/ActionsTable';
import { ACTION_STATUSES } from '../actions/actions';
import { permissions, useMe } from '../auth/me';
import { useFormat } from '../i18n/format';
import { StatusBadge } from '../ui/Badge';
import { HistoryPanel } from '../ui/HistoryPanel';
import { Pager } from '../ui/Pager';
import { useNames, useRecords } from '../ui/names';
import { Empty, ErrorState, Loading, QueryState } from '../ui/states';
import { MEETING_KINDS, type Mission, useMission } from './missions';

// The chart library is only needed on this page: loaded with it, not with the first page.
const MissionCharts = lazy(() => import('./MissionCharts'));

export function MissionPage() {
  const { id = '' } = useParams();
  const mission = useMission(id);
  return <QueryState query={mission}>{(data) => <MissionDetails mission={data} />}</QueryState>;
}

function MissionDetails({ mission }: { mission: Mission }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { data: me } = useMe();
  const can = permissions(me);
  const summary = useQuery({
    queryKey: ['summary', mission.id],
    queryFn: () => unwrap(api.GET('/api/v1/missions/{id}/summary', { params: { path: { id: mission.id } } })),
  });
  const officer = useNames('users', [mission.ownerId])[mission.ownerId ?? ''];
  const leader = useNames('contacts', [mission.leaderContactId])[mission.leaderContactId ?? ''];
  const previous = useRecords('missions', [mission.previousMissionId])[mission.previousMissionId ?? ''];

  return (
    <article>
      <div className="page-head">
        <h1>{mission.title}</h1>
        <StatusBadge status={mission.status} kind="missionStatus" />
        {can.writes && (
          <Link className="button" to={`/missions/${mission.id}/edit`}>
            {t('form.edit')}
          </Link>
        )}
      </div>
      <nav className="in-page" aria-label={t('mission.sections')}>
        <a href="#kpis">{t('mission.kpis')}</a>
        <a href="#delegation">{t('mission.delegation')}</a>
        <a href="#meetings">{t('mission.meetings')}</a>
        <a href="#agreements">{t('mission.agreements')}</a>
        <a href="#actions">{t('mission.actions')}</a>
      </nav>
      <section aria-labelledby="mission-facts" className="card">
        <h2 id="mission-facts">{t('mission.facts')}</h2>
        <dl className="facts-grid">
          <dt>{t('missions.code')}</dt>
          <dd>{mission.code}</dd>
          <dt>{t('missions.type')}</dt>
          <dd>{t(`missionType.${mission.type}`)}</dd>
          <dt>{t('missions.dates')}</dt>
          <dd>
            {format.window(mission.startDate, mission.endDate)} <span className="muted">({mission.timeZone})</span>
          </dd>
          <dt>{t('missions.countries')}</dt>
          <dd>{mission.hostCountries.join(', ')}</dd>
          <dt>{t('missions.cities')}</dt>
          <dd>{mission.cities.join(', ') || '—'}</dd>
          <dt>{t('missions.leader')}</dt>
          <dd>{leader ?? '—'}</dd>
          <dt>{t('missions.officer')}</dt>
          <dd>{officer ?? '—'}</dd>
          <dt>{t('missions.organiser')}</dt>
          <dd>{mission.organiser ?? '—'}</dd>
          <dt>{t('missions.theme')}</dt>
          <dd>{mission.theme ?? '—'}</dd>
          <dt>{t('missions.focusSectors')}</dt>
          <dd>{mission.focusSectors.join(', ') || '—'}</dd>
          {previous && (
            <>
              <dt>{t('missions.previous')}</dt>
              <dd>
                <Link to={`/missions/${previous.id}`}>{previous.title}</Link>
              </dd>
            </>
          )}
        </dl>
      </section>
      <section id="kpis" aria-labelledby="kpis-heading">
        <h2 id="kpis-heading">{t('mission.kpis')}</h2>
        <QueryState query={summary}>
          {(data) => (
            <>
              <Kpis summary={data} />
              <Suspense fallback={<Loading />}>
                <MissionCharts mission={mission} summary={data} />
              </Suspense>
            </>
          )}
        </QueryState>
      </section>
      <Delegation mission={mission} writes={can.writes} />
      <Meetings mission={mission} writes={can.writes} />
      <Agreements mission={mission} writes={can.writes} />
      <MissionActions mission={mission} writes={can.writes} />
      <HistoryPanel resource="missions" id={mission.id} />
    </article>
  );
}

function Kpis({ summary }: { summary: Schemas['MissionSummaryDto'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const byStatus = summary.actions.byStatus as Record<string, number>;
  const agreements = summary.agreements.byStatus as Record<string, number>;
  const meetings = summary.meetings.byKind as Record<string, number>;
  const tiles = [
    { key: 'companies', value: format.number(summary.participants.total) },
    { key: 'b2b', value: format.number(meetings.b2b ?? 0) },
    { key: 'signed', value: format.number((agreements.signed ?? 0) + (agreements.in_force ?? 0)) },
    { key: 'openActions', value: format.number((byStatus.open ?? 0) + (byStatus.in_progress ?? 0) + (byStatus.postponed ?? 0)) },
    { key: 'doneActions', value: format.number(byStatus.done ?? 0) },
    { key: 'overdue', value: format.number(summary.actions.overdue) },
    {
      key: 'satisfaction',
      value: summary.satisfaction.averageScore === null ? '—' : `${format.number(summary.satisfaction.averageScore)} / 5`,
      note: t('kpi.answers', { count: summary.satisfaction.answers }),
    },
  ];
  return (
    <ul className="tiles" aria-label={t('mission.kpis')}>
      {tiles.map((tile) => (
        <li key={tile.key} className={`tile tile-${tile.key}`}>
          <span className="tile-value">{tile.value}</span>
          <span className="tile-label">{t(`kpi.${tile.key}`)}</span>
          {tile.note && <span className="tile-note">{tile.note}</span>}
        </li>
      ))}
    </ul>
  );
}

function Delegation({ mission, writes }: { mission: Mission; writes: boolean }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['participants', mission.id],
    queryFn: () => unwrap(api.GET('/api/v1/missions/{missionId}/participants', { params: { path: { missionId: mission.id }, query: { limit: 200 } } })),
  });
  const organisations = useNames('organisations', query.data?.items.map((participant) => participant.organisationId) ?? []);
  return (
    <section id="delegation" aria-labelledby="delegation-heading" className="card">
      <div className="section-head">
        <h2 id="delegation-heading">
          {t('mission.delegation')} {query.data && <span className="count">({query.data.total})</span>}
        </h2>
        {writes && (
          <Link className="button" to={`/missions/${mission.id}/participants/new`}>
            {t('participants.new')}
          </Link>
        )}
      </div>
      <QueryState query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('participants.none')}</Empty>
          ) : (
            <table className="list">
              <caption className="visually-hidden">{t('mission.delegation')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('participants.organisation')}</th>
                  <th scope="col">{t('participants.sectors')}</th>
                  <th scope="col">{t('participants.delegates')}</th>
                  <th scope="col">{t('participants.satisfaction')}</th>
                  {writes && <th scope="col">{t('form.change')}</th>}
                </tr>
              </thead>
              <tbody>
                {page.items.map((participant) => (
                  <tr key={participant.id}>
                    <td>
                      <Link to={`/organisations/${participant.organisationId}`}>{organisations[participant.organisationId] ?? '…'}</Link>
                      {participant.synthetic && <span className="badge badge-demo">{t('common.demo')}</span>}
                    </td>
                    <td>{participant.sectors.join(', ')}</td>
                    <td>{participant.delegateContactIds.length}</td>
                    <td>{participant.satisfactionScore ?? '—'}</td>
                    {writes && (
                      <td>
                        <Link
                          to={`/missions/${mission.id}/participants/${participant.id}/edit`}
                          aria-label={t('form.editNamed', { name: organisations[participant.organisationId] ?? '' })}
                        >
                          {t('form.edit')}
                        </Link>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}

const MEETING_PAGE = 25;

function Meetings({ mission, writes }: { mission: Mission; writes: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [kind, setKind] = useState('');
  const [offset, setOffset] = useState(0);
  const query = useQuery({
    queryKey: ['meetings', mission.id, kind, offset],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/meetings', { params: { query: { missionId: mission.id, limit: MEETING_PAGE, offset, ...(kind ? { kind: kind as never } : {}) } } }),
      ),
    placeholderData: keepPreviousData,
  });
  const organisations = useNames(
    'organisations',
    query.data?.items.flatMap((meeting) => [...meeting.organisationIds, ...meeting.counterpartOrganisationIds]) ?? [],
  );
  const names = (ids: string[]): string => ids.map((id) => organisations[id] ?? '…').join(', ') || '—';
  return (
    <section id="meetings" aria-labelledby="meetings-heading" className="card">
      <div className="section-head">
        <h2 id="meetings-heading">
          {t('mission.meetings')} {query.data && <span className="count">({query.data.total})</span>}
        </h2>
        <label>
          {t('meetings.kind')}
          <select
            value={kind}
            onChange={(event) => {
              setKind(event.target.value);
              setOffset(0);
            }}
          >
            <option value="">{t('filters.all')}</option>
            {MEETING_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`meetingKind.${value}`)}
              </option>
            ))}
          </select>
        </label>
        {writes && (
          <Link className="button" to={`/meetings/new?missionId=${mission.id}`}>
            {t('meetings.new')}
          </Link>
        )}
      </div>
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Empty>{t('meetings.none')}</Empty>
      ) : (
        <>
          <table className="list">
            <caption className="visually-hidden">{t('mission.meetings')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('meetings.when')}</th>
                <th scope="col">{t('meetings.kind')}</th>
                <th scope="col">{t('meetings.title')}</th>
                <th scope="col">{t('meetings.ourSide')}</th>
                <th scope="col">{t('meetings.counterparts')}</th>
                <th scope="col">{t('meetings.attendees')}</th>
                {writes && <th scope="col">{t('form.change')}</th>}
              </tr>
            </thead>
            <tbody>
              {query.data.items.map((meeting) => (
                <tr key={meeting.id}>
                  <td>{format.dateTime(meeting.startsAt)}</td>
                  <td>{t(`meetingKind.${meeting.kind}`)}</td>
                  <td>
                    {meeting.title}
                    {meeting.location && <span className="muted small"> · {meeting.location}</span>}
                  </td>
                  <td>{names(meeting.organisationIds)}</td>
                  <td>{names(meeting.counterpartOrganisationIds)}</td>
                  <td>{meeting.attendeeCount ?? '—'}</td>
                  {writes && (
                    <td>
                      <Link to={`/meetings/${meeting.id}/edit`} aria-label={t('form.editNamed', { name: meeting.title })}>
                        {t('form.edit')}
                      </Link>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <Pager total={query.data.total} limit={MEETING_PAGE} offset={offset} onOffset={setOffset} />
        </>
      )}
    </section>
  );
}

function Agreements({ mission, writes }: { mission: Mission; writes: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery({
    queryKey: ['agreements', mission.id],
    queryFn: () => unwrap(api.GET('/api/v1/agreements', { params: { query: { missionId: mission.id, limit: 200 } } })),
  });
  const parties = useNames('organisations', query.data?.items.flatMap((agreement) => agreement.partyIds) ?? []);
  return (
    <section id="agreements" aria-labelledby="agreements-heading" className="card">
      <div className="section-head">
        <h2 id="agreements-heading">
          {t('mission.agreements')} {query.data && <span className="count">({query.data.total})</span>}
        </h2>
        {writes && (
          <Link className="button" to={`/agreements/new?missionId=${mission.id}`}>
            {t('agreements.new')}
          </Link>
        )}
      </div>
      <QueryState query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('agreements.none')}</Empty>
          ) : (
            <table className="list">
              <caption className="visually-hidden">{t('mission.agreements')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('agreements.type')}</th>
                  <th scope="col">{t('agreements.title')}</th>
                  <th scope="col">{t('agreements.parties')}</th>
                  <th scope="col">{t('agreements.signedOn')}</th>
                  <th scope="col">{t('agreements.status')}</th>
                  {writes && <th scope="col">{t('form.change')}</th>}
                </tr>
              </thead>
              <tbody>
                {page.items.map((agreement) => (
                  <tr key={agreement.id}>
                    <td>{t(`agreementType.${agreement.type}`)}</td>
                    <td>{agreement.title}</td>
                    <td>{agreement.partyIds.map((id) => parties[id] ?? '…').join(', ')}</td>
                    <td>{agreement.signedOn ? format.day(agreement.signedOn) : '—'}</td>
                    <td>
                      <StatusBadge status={agreement.status} kind="agreementStatus" />
                    </td>
                    {writes && (
                      <td>
                        <Link to={`/agreements/${agreement.id}/edit`} aria-label={t('form.editNamed', { name: agreement.title })}>
                          {t('form.edit')}
                        </Link>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}

const ACTION_PAGE = 25;

function MissionActions({ mission, writes }: { mission: Mission; writes: boolean }) {
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
          <Pager total={query.data.total} limit={ACTION_PAGE} offset={offset} onOffset={setOffset} />
        </>
      )}
    </section>
  );
}
