import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { useFormat } from '../i18n/format';
import type { FieldSpec } from '../ui/Form';
import { FormPage } from '../ui/FormPage';
import { MEETING_KINDS, type Meeting } from './missions';

export function MeetingFormPage() {
  const { t } = useTranslation();
  const { timeZone } = useFormat();
  const { id } = useParams();
  const [params] = useSearchParams();
  const existing = useQuery({
    queryKey: ['meeting', id],
    queryFn: () => unwrap(api.GET('/api/v1/meetings/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
  const missionId = existing.data?.missionId ?? params.get('missionId') ?? '';
  const fields: FieldSpec[] = [
    { name: 'missionId', label: t('actions.mission'), kind: 'ref', ref: 'missions', required: true },
    {
      name: 'kind',
      label: t('meetings.kind'),
      kind: 'select',
      required: true,
      options: MEETING_KINDS.map((kind) => ({ value: kind, label: t(`meetingKind.${kind}`) })),
    },
    { name: 'title', label: t('meetings.title'), kind: 'text', required: true },
    { name: 'startsAt', label: t('meetings.startsAt'), kind: 'datetime', required: true, timeZone, hint: t('form.inYourZone', { zone: timeZone }) },
    { name: 'endsAt', label: t('meetings.endsAt'), kind: 'datetime', timeZone },
    { name: 'location', label: t('meetings.location'), kind: 'text' },
    { name: 'organisationIds', label: t('meetings.ourSide'), kind: 'refs', ref: 'organisations' },
    { name: 'counterpartOrganisationIds', label: t('meetings.counterparts'), kind: 'refs', ref: 'organisations' },
    { name: 'contactIds', label: t('meetings.ourContacts'), kind: 'refs', ref: 'contacts' },
    { name: 'counterpartContactIds', label: t('meetings.counterpartContacts'), kind: 'refs', ref: 'contacts' },
    { name: 'topics', label: t('meetings.topics'), kind: 'list', hint: t('form.listHint') },
    { name: 'attendeeCount', label: t('meetings.attendees'), kind: 'number' },
    { name: 'summary', label: t('meetings.summary'), kind: 'textarea' },
    { name: 'outcome', label: t('meetings.outcome'), kind: 'textarea' },
  ];
  return (
    <FormPage<Meeting>
      title={id ? t('meetings.edit') : t('meetings.new')}
      fields={fields}
      existing={id ? existing : undefined}
      defaults={{ missionId, kind: 'b2b' }}
      create={(body) => unwrap(api.POST('/api/v1/meetings', { body: body as never }))}
      update={(meeting, body) =>
        unwrap(api.PATCH('/api/v1/meetings/{id}', { params: { path: { id: meeting.id } }, body: { ...body, version: meeting.version } as never }))
      }
      next={(meeting) => `/missions/${meeting.missionId}#meetings`}
      invalidates={['meetings', 'meeting', 'summary']}
    />
  );
}
