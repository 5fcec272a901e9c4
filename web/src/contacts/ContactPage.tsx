import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Schemas, unwrap } from '../api/client';
import { usePageTitle } from '../app/usePageTitle';
import { permissions, useMe } from '../auth/me';
import { useFormat } from '../i18n/format';
import { HistoryPanel } from '../ui/HistoryPanel';
import { useNames } from '../ui/names';
import { Empty, QueryState } from '../ui/states';

type Contact = Schemas['ContactResponseDto'];

export function ContactPage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['contact', id], queryFn: () => unwrap(api.GET('/api/v1/contacts/{id}', { params: { path: { id } } })) });
  return <QueryState query={query}>{(contact) => <ContactDetails contact={contact} />}</QueryState>;
}

/** A person: where they work, how to reach them, and the meetings they were in. */
function ContactDetails({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { data: me } = useMe();
  usePageTitle(contact.name);
  const organisation = useNames('organisations', [contact.organisationId])[contact.organisationId ?? ''];
  const meetings = useQuery({
    queryKey: ['meetings', 'contact', contact.id],
    queryFn: () => unwrap(api.GET('/api/v1/meetings', { params: { query: { contactId: contact.id, limit: 200 } } })),
  });
  const missions = useNames('missions', meetings.data?.items.map((meeting) => meeting.missionId) ?? []);
  return (
    <article>
      <div className="page-head">
        <h1>{contact.name}</h1>
        {permissions(me).writes && (
          <Link className="button" to={`/contacts/${contact.id}/edit`}>
            {t('form.edit')}
          </Link>
        )}
      </div>
      <section aria-labelledby="contact-facts" className="card">
        <h2 id="contact-facts">{t('organisations.facts')}</h2>
        <dl className="facts-grid">
          <dt>{t('contacts.organisation')}</dt>
          <dd>{contact.organisationId ? <Link to={`/organisations/${contact.organisationId}`}>{organisation ?? '…'}</Link> : '—'}</dd>
          <dt>{t('contacts.role')}</dt>
          <dd>{contact.role ?? '—'}</dd>
          <dt>{t('contacts.email')}</dt>
          <dd>{contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : '—'}</dd>
          <dt>{t('contacts.phone')}</dt>
          <dd>{contact.phone ?? '—'}</dd>
          <dt>{t('users.language')}</dt>
          <dd>{t(`languages.${contact.language}`)}</dd>
        </dl>
      </section>
      <section aria-labelledby="contact-meetings" className="card">
        <h2 id="contact-meetings">{t('mission.meetings')}</h2>
        <QueryState query={meetings}>
          {(page) =>
            page.items.length === 0 ? (
              <Empty>{t('meetings.none')}</Empty>
            ) : (
              <ul className="plain">
                {page.items.map((meeting) => (
                  <li key={meeting.id}>
                    {format.dateTime(meeting.startsAt)} · {t(`meetingKind.${meeting.kind}`)} · {meeting.title}{' '}
                    <Link to={`/missions/${meeting.missionId}`} className="muted">
                      {missions[meeting.missionId] ?? ''}
                    </Link>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>
      <HistoryPanel resource="contacts" id={contact.id} />
    </article>
  );
}
