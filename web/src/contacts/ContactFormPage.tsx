import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { api, type Schemas, unwrap } from '../api/client';
import type { FieldSpec } from '../ui/Form';
import { FormPage } from '../ui/FormPage';

type Contact = Schemas['ContactResponseDto'];

export function ContactFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [params] = useSearchParams();
  const existing = useQuery({
    queryKey: ['contact', id],
    queryFn: () => unwrap(api.GET('/api/v1/contacts/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
  const fields: FieldSpec[] = [
    { name: 'name', label: t('contacts.name'), kind: 'text', required: true },
    { name: 'organisationId', label: t('contacts.organisation'), kind: 'ref', ref: 'organisations' },
    { name: 'role', label: t('contacts.role'), kind: 'text' },
    { name: 'email', label: t('contacts.email'), kind: 'email' },
    { name: 'phone', label: t('contacts.phone'), kind: 'text' },
  ];
  return (
    <FormPage<Contact>
      title={id ? t('contacts.edit') : t('contacts.new')}
      fields={fields}
      existing={id ? existing : undefined}
      defaults={{ organisationId: params.get('organisationId') ?? '' }}
      create={(body) => unwrap(api.POST('/api/v1/contacts', { body: body as never }))}
      update={(contact, body) =>
        unwrap(api.PATCH('/api/v1/contacts/{id}', { params: { path: { id: contact.id } }, body: { ...body, version: contact.version } as never }))
      }
      next={(contact) => `/contacts/${contact.id}`}
      invalidates={['contacts', 'contact', 'records', 'options']}
    />
  );
}
