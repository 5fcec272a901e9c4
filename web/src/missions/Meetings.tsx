import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { useFormat } from '../i18n/format';
import { ExportButton } from '../ui/ExportButton';
import { useNames } from '../ui/names';
import { Pager } from '../ui/Pager';
import { Empty, ErrorState, Loading } from '../ui/states';
import { MEETING_KINDS, type Mission } from './missions';

const MEETING_PAGE = 25;

/** The meetings of a mission, by kind, paged on the server, with the parties on each side, in the mission's time zone. */
export function Meetings({ mission, writes }: { mission: Mission; writes: boolean }) {
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
        <ExportButton path="meetings" query={{ missionId: mission.id, kind }} name={`${mission.code}-meetings`} />
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
                <th scope="col">{t('meetings.whenIn', { zone: mission.timeZone })}</th>
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
                  <td>{format.dateTimeIn(meeting.startsAt, mission.timeZone)}</td>
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
          <Pager total={query.data.total} totalIsEstimate={query.data.totalIsEstimate} limit={MEETING_PAGE} offset={offset} onOffset={setOffset} />
        </>
      )}
    </section>
  );
}
