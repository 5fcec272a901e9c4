import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Schemas, unwrap } from '../api/client';
import { permissions, useMe } from '../auth/me';
import { useFormat } from '../i18n/format';
import { ListPage } from '../ui/ListPage';
import { ORGANISATION_KINDS } from './organisations';

type Organisation = Schemas['OrganisationResponseDto'];

export function OrganisationsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const format = useFormat();
  return (
    <ListPage<Organisation>
      title={t('organisations.title')}
      queryKey="organisations"
      filters={[
        { name: 'q', label: t('filters.search') },
        { name: 'kind', label: t('organisations.kind'), options: ORGANISATION_KINDS.map((kind) => ({ value: kind, label: t(`organisationKind.${kind}`) })) },
        { name: 'country', label: t('organisations.country') },
      ]}
      fetch={(query) => unwrap(api.GET('/api/v1/organisations', { params: { query: { sort: 'name', ...query } } }))}
      newLink={permissions(me).writes ? { to: '/organisations/new', label: t('organisations.new') } : undefined}
      exportPath="organisations"
      empty={t('organisations.none')}
      rowKey={(organisation) => organisation.id}
      columns={[
        {
          header: t('organisations.name'),
          cell: (organisation) => (
            <>
              <Link to={`/organisations/${organisation.id}`}>{organisation.name}</Link>
              {organisation.synthetic && <span className="badge badge-demo">{t('common.demo')}</span>}
            </>
          ),
        },
        { header: t('organisations.kind'), cell: (organisation) => t(`organisationKind.${organisation.kind}`) },
        { header: t('organisations.country'), cell: (organisation) => format.country(organisation.country) },
        { header: t('organisations.city'), cell: (organisation) => organisation.city ?? '—' },
        { header: t('organisations.sectors'), cell: (organisation) => organisation.sectors.join(', ') },
      ]}
    />
  );
}
