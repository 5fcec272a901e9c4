import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, type Schemas, unwrap } from '../api/client';
import type { FieldSpec } from '../ui/Form';
import { FormPage } from '../ui/FormPage';

type Participant = Schemas['ParticipantResponseDto'];

export function ParticipantFormPage() {
  const { t } = useTranslation();
  const { missionId = '', id } = useParams();
  const existing = useQuery({
    queryKey: ['participant', missionId, id],
    queryFn: () => unwrap(api.GET('/api/v1/missions/{missionId}/participants/{id}', { params: { path: { missionId, id: id! } } })),
    enabled: Boolean(id),
  });
  const fields: FieldSpec[] = [
    ...(id ? [] : [{ name: 'organisationId', label: t('participants.organisation'), kind: 'ref', ref: 'organisations', required: true } as FieldSpec]),
    { name: 'delegateContactIds', label: t('participants.delegates'), kind: 'refs', ref: 'contacts' },
    { name: 'sectors', label: t('participants.sectors'), kind: 'list', hint: t('form.listHint') },
    { name: 'objectives', label: t('participants.objectives'), kind: 'textarea' },
    { name: 'satisfactionScore', label: t('participants.satisfaction'), kind: 'number', hint: t('participants.scoreHint') },
    { name: 'satisfactionComment', label: t('participants.comment'), kind: 'textarea' },
  ];
  return (
    <FormPage<Participant>
      title={id ? t('participants.edit') : t('participants.new')}
      fields={fields}
      existing={id ? existing : undefined}
      create={(body) => unwrap(api.POST('/api/v1/missions/{missionId}/participants', { params: { path: { missionId } }, body: body as never }))}
      update={(participant, body) =>
        unwrap(
          api.PATCH('/api/v1/missions/{missionId}/participants/{id}', {
            params: { path: { missionId, id: participant.id } },
            body: { ...body, version: participant.version } as never,
          }),
        )
      }
      next={() => `/missions/${missionId}#delegation`}
      invalidates={['participants', 'summary']}
    />
  );
}
