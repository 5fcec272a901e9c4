import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Schemas, unwrap } from '../api/client';
import { permissions, useMe } from '../auth/me';
import { usePageTitle } from '../app/usePageTitle';
import { useFormat } from '../i18n/format';
import { StatusBadge } from '../ui/Badge';
import { HistoryPanel } from '../ui/HistoryPanel';
import { useNames, useRecords } from '../ui/names';
import { Loading, QueryState } from '../ui/states';
import { Agreements } from './Agreements';
import { Delegation } from './Delegation';
import { MissionActions } from './MissionActions';
import { Meetings } from './Meetings';
import { type Mission, useMission } from './missions';
import { ReportPanel } from './ReportPanel';
import { SurveyPanel } from './SurveyPanel';

// The chart library is only needed on this page: loaded with it, not with the first page.
const MissionCharts = lazy(() => import('./MissionCharts'));

export function MissionPage() {
  const { id = '' } = useParams();
  const mission = useMission(id);
  return <QueryState query={mission}>{(data) => <MissionDetails mission={data} />}</QueryState>;
}

function MissionDetails({ mission }: { mission: Mission }) {
  const { t } = useTranslation();
  usePageTitle(mission.title);
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
        <a href="#report">{t('mission.report')}</a>
        <a href="#survey">{t('mission.survey')}</a>
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
          <dd>{format.countries(mission.hostCountries)}</dd>
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
      <ReportPanel missionId={mission.id} code={mission.code} />
      <SurveyPanel missionId={mission.id} writes={can.writes} />
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
