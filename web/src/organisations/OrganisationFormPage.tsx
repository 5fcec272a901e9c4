import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, type Schemas, unwrap } from '../api/client';
import type { FieldSpec } from '../ui/Form';
import { FormPage } from '../ui/FormPage';
import { ORGANISATION_KINDS } from './organisations';

type Organisation = Schemas['OrganisationResponseDto'];

export function OrganisationFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const existing = useQuery({
    queryKey: ['organisation', id],
    queryFn: () => unwrap(api.GET('/api/v1/organisations/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
  const fields: FieldSpec[] = [
    { name: 'name', label: t('organisations.name'), kind: 'text', required: true },
    {
      name: 'kind',
      label: t('organisations.kind'),
      kind: 'select',
      required: true,
      options: ORGANISATION_KINDS.map((kind) => ({ value: kind, label: t(`organisationKind.${kind}`) })),
    },
    { name: 'country', label: t('organisations.country'), kind: 'text', required: true, hint: t('organisations.countryHint') },
    { name: 'city', label: t('organisations.city'), kind: 'text' },
    { name: 'website', label: t('organisations.website'), kind: 'text' },
    { name: 'sectors', label: t('organisations.sectors'), kind: 'list', hint: t('form.listHint') },
    { name: 'enterpriseNumber', label: t('organisations.enterpriseNumber'), kind: 'text', hint: t('organisations.enterpriseNumberHint') },
  ];
  return (
    <FormPage<Organisation>
      title={id ? t('organisations.edit') : t('organisations.new')}
      fields={fields}
      existing={id ? existing : undefined}
      defaults={{ kind: 'company', country: 'BE' }}
      create={(body) => unwrap(api.POST('/api/v1/organisations', { body: body as never }))}
      update={(organisation, body) =>
        unwrap(
          api.PATCH('/api/v1/organisations/{id}', { params: { path: { id: organisation.id } }, body: { ...body, version: organisation.version } as never }),
        )
      }
      next={(organisation) => `/organisations/${organisation.id}`}
      invalidates={['organisations', 'organisation', 'records', 'options']}
    />
  );
}
