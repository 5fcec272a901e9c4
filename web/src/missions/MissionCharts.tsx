import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Schemas } from '../api/client';
import { ACTION_STATUSES } from '../actions/actions';
import { useFormat } from '../i18n/format';
import { Loading } from '../ui/states';
import { MEETING_KINDS, meetingsPerDay, type Mission, useAllMeetings } from './missions';

const STATUS_COLOURS: Record<string, string> = { open: '#1d4e89', in_progress: '#3a7bd5', postponed: '#b7791f', done: '#2f855a', cancelled: '#718096' };
const KIND_COLOURS: Record<string, string> = {
  b2b: '#1d4e89',
  official: '#9b2c2c',
  seminar: '#2f855a',
  forum: '#b7791f',
  site_visit: '#6b46c1',
  reception: '#c05621',
  other: '#718096',
};

/** Follow-up progress by status and meetings per day by kind; each chart has its numbers in a table beside it. */
export default function MissionCharts({ mission, summary }: { mission: Mission; summary: Schemas['MissionSummaryDto'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const meetings = useAllMeetings(mission.id);
  const byStatus = summary.actions.byStatus as Record<string, number>;
  const progress = ACTION_STATUSES.map((status) => ({ status: t(`actionStatus.${status}`), key: status, count: byStatus[status] ?? 0 }));
  const perDay = meetings.data ? meetingsPerDay(meetings.data, mission.timeZone) : [];
  const kinds = MEETING_KINDS.filter((kind) => perDay.some((day) => typeof day[kind] === 'number'));

  return (
    <div className="charts">
      <figure className="card chart">
        <figcaption>
          <h3>{t('charts.progress')}</h3>
        </figcaption>
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={progress} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="status" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="count" name={t('charts.actions')} isAnimationActive={false}>
              {progress.map((row) => (
                <Cell key={row.key} fill={STATUS_COLOURS[row.key]} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
        <details>
          <summary>{t('charts.numbers')}</summary>
          <table className="list compact">
            <caption className="visually-hidden">{t('charts.progress')}</caption>
            <tbody>
              {progress.map((row) => (
                <tr key={row.key}>
                  <th scope="row">
                    <span className="swatch" style={{ background: STATUS_COLOURS[row.key] }} aria-hidden="true" /> {row.status}
                  </th>
                  <td>{format.number(row.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figure>
      <figure className="card chart">
        <figcaption>
          <h3>{t('charts.meetingsPerDay')}</h3>
        </figcaption>
        {meetings.isPending ? (
          <Loading />
        ) : perDay.length === 0 ? (
          <p className="muted">{t('meetings.none')}</p>
        ) : (
          <>
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={perDay.map((day) => ({ ...day, label: format.day(day.day) }))} accessibilityLayer>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="label" />
                <YAxis allowDecimals={false} />
                <Tooltip />
                <Legend />
                {kinds.map((kind) => (
                  <Bar key={kind} dataKey={kind} name={t(`meetingKind.${kind}`)} stackId="kinds" fill={KIND_COLOURS[kind]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
            <details>
              <summary>{t('charts.numbers')}</summary>
              <table className="list compact">
                <caption className="visually-hidden">{t('charts.meetingsPerDay')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('charts.day')}</th>
                    {kinds.map((kind) => (
                      <th key={kind} scope="col">
                        {t(`meetingKind.${kind}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {perDay.map((day) => (
                    <tr key={day.day}>
                      <th scope="row">{format.day(day.day)}</th>
                      {kinds.map((kind) => (
                        <td key={kind}>{day[kind] ?? 0}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        )}
      </figure>
    </div>
  );
}
