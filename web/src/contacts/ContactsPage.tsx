import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Schemas, unwrap } from '../api/client';
import { permissions, useMe } from '../auth/me';
import { ListPage } from '../ui/ListPage';

type Contact = Schemas['ContactResponseDto'];

export function ContactsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const writes = permissions(me).writes;
  return (
    <ListPage<Contact>
      title={t('contacts.title')}
      queryKey="contacts"
      filters={[{ name: 'q', label: t('filters.search') }]}
      fetch={(query) => unwrap(api.GET('/api/v1/contacts', { params: { query: { sort: 'name', ...query } } }))}
      newLink={writes ? { to: '/contacts/new', label: t('contacts.new') } : undefined}
      exportPath="contacts"
      empty={t('contacts.none')}
      rowKey={(contact) => contact.id}
      names={{ kind: 'organisations', ids: (contact) => [contact.organisationId] }}
      columns={[
        { header: t('contacts.name'), cell: (contact) => <Link to={`/contacts/${contact.id}`}>{contact.name}</Link> },
        {
          header: t('contacts.organisation'),
          cell: (contact, organisations) =>
            contact.organisationId ? <Link to={`/organisations/${contact.organisationId}`}>{organisations[contact.organisationId] ?? '…'}</Link> : '—',
        },
        { header: t('contacts.role'), cell: (contact) => contact.role ?? '—' },
        { header: t('contacts.email'), cell: (contact) => (contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : '—') },
        { header: t('contacts.phone'), cell: (contact) => contact.phone ?? '—' },
      ]}
    />
  );
}
