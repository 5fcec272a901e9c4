import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { api, type Schemas, unwrap } from '../api/client';
import type { FieldSpec } from '../ui/Form';
import { FormPage } from '../ui/FormPage';
import { AGREEMENT_STATUSES, AGREEMENT_TYPES } from './missions';

type Agreement = Schemas['AgreementResponseDto'];

export function AgreementFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [params] = useSearchParams();
  const existing = useQuery({
    queryKey: ['agreement', id],
    queryFn: () => unwrap(api.GET('/api/v1/agreements/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
  const fields: FieldSpec[] = [
    {
      name: 'type',
      label: t('agreements.type'),
      kind: 'select',
      required: true,
      options: AGREEMENT_TYPES.map((type) => ({ value: type, label: t(`agreementType.${type}`) })),
    },
    { name: 'title', label: t('agreements.title'), kind: 'text', required: true },
    { name: 'partyIds', label: t('agreements.parties'), kind: 'refs', ref: 'organisations', required: true, hint: t('agreements.partiesHint') },
    { name: 'missionId', label: t('actions.mission'), kind: 'ref', ref: 'missions' },
    {
      name: 'status',
      label: t('agreements.status'),
      kind: 'select',
      required: true,
      options: AGREEMENT_STATUSES.map((status) => ({ value: status, label: t(`agreementStatus.${status}`) })),
    },
    { name: 'signedOn', label: t('agreements.signedOn'), kind: 'date' },
    { name: 'validFrom', label: t('agreements.validFrom'), kind: 'date' },
    { name: 'validUntil', label: t('agreements.validUntil'), kind: 'date' },
    { name: 'renewalOn', label: t('agreements.renewalOn'), kind: 'date' },
    { name: 'themes', label: t('agreements.themes'), kind: 'list', hint: t('form.listHint') },
    { name: 'description', label: t('agreements.description'), kind: 'textarea' },
  ];
  return (
    <FormPage<Agreement>
      title={id ? t('agreements.edit') : t('agreements.new')}
      fields={fields}
      existing={id ? existing : undefined}
      defaults={{ missionId: params.get('missionId') ?? '', type: 'mou', status: 'planned' }}
      create={(body) => unwrap(api.POST('/api/v1/agreements', { body: body as never }))}
      update={(agreement, body) =>
        unwrap(api.PATCH('/api/v1/agreements/{id}', { params: { path: { id: agreement.id } }, body: { ...body, version: agreement.version } as never }))
      }
      next={(agreement) => (agreement.missionId ? `/missions/${agreement.missionId}#agreements` : '/missions')}
      invalidates={['agreements', 'agreement', 'summary']}
    />
  );
}
