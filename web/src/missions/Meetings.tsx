import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { useFormat } from '../i18n/format';
import { ExportButton } from '../ui/ExportButton';
import { useNames } from '../ui/names';
import { MissionSection, SectionFilter, SectionList } from './MissionSection';
import { MEETING_KINDS, type Mission } from './missions';

const MEETING_PAGE = 25;

/** The meetings of a mission, by kind, paged on the server, with the parties on each side, in the mission's time zone. */
export function Meetings({ mission, writes }: { mission: Mission; writes: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [kind, setKind] = useState<(typeof MEETING_KINDS)[number] | ''>('');
  const [offset, setOffset] = useState(0);
  const query = useQuery({
    queryKey: ['meetings', mission.id, kind, offset],
    queryFn: () =>
      unwrap(api.GET('/api/v1/meetings', { params: { query: { missionId: mission.id, limit: MEETING_PAGE, offset, ...(kind ? { kind } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  const organisations = useNames(
    'organisations',
    query.data?.items.flatMap((meeting) => [...meeting.organisationIds, ...meeting.counterpartOrganisationIds]) ?? [],
  );
  const names = (ids: string[]): string => ids.map((id) => organisations[id] ?? '…').join(', ') || '—';
  return (
    <MissionSection
      id="meetings"
      title={t('mission.meetings')}
      total={query.data?.total}
      tools={
        <>
          <SectionFilter
            label={t('meetings.kind')}
            value={kind}
            values={MEETING_KINDS}
            labelOf={(value) => t(`meetingKind.${value}`)}
            onChange={(value) => {
              setKind(value);
              setOffset(0);
            }}
          />
          <ExportButton path="meetings" query={{ missionId: mission.id, kind }} name={`${mission.code}-meetings`} />
          {writes && (
            <Link className="button" to={`/meetings/new?missionId=${mission.id}`}>
              {t('meetings.new')}
            </Link>
          )}
        </>
      }
    >
      <SectionList query={query} empty={t('meetings.none')} paging={{ limit: MEETING_PAGE, offset, onOffset: setOffset }}>
        {(items) => (
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
              {items.map((meeting) => (
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
        )}
      </SectionList>
    </MissionSection>
  );
}
