import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Schemas, unwrap } from '../api/client';
import { ActionsTable } from '../actions/ActionsTable';
import { permissions, useMe } from '../auth/me';
import { usePageTitle } from '../app/usePageTitle';
import { useFormat } from '../i18n/format';
import { StatusBadge } from '../ui/Badge';
import { HistoryPanel } from '../ui/HistoryPanel';
import { useNames, useRecords } from '../ui/names';
import { Empty, QueryState } from '../ui/states';

type Organisation = Schemas['OrganisationResponseDto'];

export function OrganisationPage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['organisation', id], queryFn: () => unwrap(api.GET('/api/v1/organisations/{id}', { params: { path: { id } } })) });
  return <QueryState query={query}>{(organisation) => <OrganisationDetails organisation={organisation} />}</QueryState>;
}

/** An organisation with everything it took part in: its missions, meetings, agreements, actions and people. */
function OrganisationDetails({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { data: me } = useMe();
  const id = organisation.id;
  usePageTitle(organisation.name);
  const meetings = useQuery({
    queryKey: ['meetings', 'organisation', id],
    queryFn: () => unwrap(api.GET('/api/v1/meetings', { params: { query: { organisationId: id, limit: 200 } } })),
  });
  const agreements = useQuery({
    queryKey: ['agreements', 'organisation', id],
    queryFn: () => unwrap(api.GET('/api/v1/agreements', { params: { query: { partyId: id, limit: 200 } } })),
  });
  const actions = useQuery({
    queryKey: ['actions', 'organisation', id],
    queryFn: () => unwrap(api.GET('/api/v1/actions', { params: { query: { organisationId: id, limit: 200 } } })),
  });
  const contacts = useQuery({
    queryKey: ['contacts', 'organisation', id],
    queryFn: () => unwrap(api.GET('/api/v1/contacts', { params: { query: { organisationId: id, limit: 200 } } })),
  });
  const missionIds = [
    ...(meetings.data?.items.map((meeting) => meeting.missionId) ?? []),
    ...(agreements.data?.items.map((agreement) => agreement.missionId) ?? []),
    ...(actions.data?.items.map((action) => action.missionId) ?? []),
  ];
  const missions = useRecords('missions', missionIds);
  const missionNames = useNames('missions', missionIds);

  return (
    <article>
      <div className="page-head">
        <h1>{organisation.name}</h1>
        {organisation.synthetic && <span className="badge badge-demo">{t('common.demo')}</span>}
        {permissions(me).writes && (
          <Link className="button" to={`/organisations/${id}/edit`}>
            {t('form.edit')}
          </Link>
        )}
      </div>
      <section aria-labelledby="organisation-facts" className="card">
        <h2 id="organisation-facts">{t('organisations.facts')}</h2>
        <dl className="facts-grid">
          <dt>{t('organisations.kind')}</dt>
          <dd>{t(`organisationKind.${organisation.kind}`)}</dd>
          <dt>{t('organisations.country')}</dt>
          <dd>
            {format.country(organisation.country)}
            {organisation.city && `, ${organisation.city}`}
          </dd>
          <dt>{t('organisations.website')}</dt>
          <dd>
            {organisation.website && /^https?:\/\//i.test(organisation.website) ? (
              <a href={organisation.website}>{organisation.website}</a>
            ) : (
              (organisation.website ?? '—')
            )}
          </dd>
          <dt>{t('organisations.sectors')}</dt>
          <dd>{organisation.sectors.join(', ') || '—'}</dd>
          <dt>{t('organisations.enterpriseNumber')}</dt>
          <dd>{organisation.enterpriseNumber ?? '—'}</dd>
        </dl>
      </section>
      <section aria-labelledby="organisation-missions" className="card">
        <h2 id="organisation-missions">{t('organisations.missions')}</h2>
        {Object.keys(missions).length === 0 ? (
          <Empty>{t('missions.none')}</Empty>
        ) : (
          <ul className="plain">
            {Object.values(missions).map((mission) => (
              <li key={mission.id}>
                <Link to={`/missions/${mission.id}`}>{mission.title}</Link> <span className="muted">({format.window(mission.startDate, mission.endDate)})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="organisation-contacts" className="card">
        <h2 id="organisation-contacts">{t('contacts.title')}</h2>
        <QueryState query={contacts}>
          {(page) =>
            page.items.length === 0 ? (
              <Empty>{t('contacts.none')}</Empty>
            ) : (
              <ul className="plain">
                {page.items.map((contact) => (
                  <li key={contact.id}>
                    {contact.name}
                    {contact.role && <span className="muted">, {contact.role}</span>}
                    {contact.email && (
                      <>
                        {' · '}
                        <a href={`mailto:${contact.email}`}>{contact.email}</a>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>
      <section aria-labelledby="organisation-meetings" className="card">
        <h2 id="organisation-meetings">{t('mission.meetings')}</h2>
        <QueryState query={meetings}>
          {(page) =>
            page.items.length === 0 ? (
              <Empty>{t('meetings.none')}</Empty>
            ) : (
              <ul className="plain">
                {page.items.map((meeting) => (
                  <li key={meeting.id}>
                    {format.dateTime(meeting.startsAt)} · {t(`meetingKind.${meeting.kind}`)} · {meeting.title}{' '}
                    <span className="muted">({missionNames[meeting.missionId] ?? ''})</span>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>
      <section aria-labelledby="organisation-agreements" className="card">
        <h2 id="organisation-agreements">{t('mission.agreements')}</h2>
        <QueryState query={agreements}>
          {(page) =>
            page.items.length === 0 ? (
              <Empty>{t('agreements.none')}</Empty>
            ) : (
              <ul className="plain">
                {page.items.map((agreement) => (
                  <li key={agreement.id}>
                    {t(`agreementType.${agreement.type}`)}: {agreement.title}{' '}
                    {agreement.signedOn && <span className="muted">({format.day(agreement.signedOn)})</span>}{' '}
                    <StatusBadge status={agreement.status} kind="agreementStatus" />
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>
      <section aria-labelledby="organisation-actions" className="card">
        <h2 id="organisation-actions">{t('mission.actions')}</h2>
        <QueryState query={actions}>
          {(page) => (page.items.length === 0 ? <Empty>{t('actions.none')}</Empty> : <ActionsTable actions={page.items} caption={t('mission.actions')} />)}
        </QueryState>
      </section>
      <HistoryPanel resource="organisations" id={id} />
    </article>
  );
}
