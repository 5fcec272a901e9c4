import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { useFormat } from '../i18n/format';
import { StatusBadge } from '../ui/Badge';
import { useNames } from '../ui/names';
import { Empty, QueryState } from '../ui/states';
import type { Mission } from './missions';

/** The agreements of a mission, with their parties and signing dates. */
export function Agreements({ mission, writes }: { mission: Mission; writes: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery({
    queryKey: ['agreements', mission.id],
    queryFn: () => unwrap(api.GET('/api/v1/agreements', { params: { query: { missionId: mission.id, limit: 200 } } })),
  });
  const parties = useNames('organisations', query.data?.items.flatMap((agreement) => agreement.partyIds) ?? []);
  return (
    <section id="agreements" aria-labelledby="agreements-heading" className="card">
      <div className="section-head">
        <h2 id="agreements-heading">
          {t('mission.agreements')} {query.data && <span className="count">({query.data.total})</span>}
        </h2>
        {writes && (
          <Link className="button" to={`/agreements/new?missionId=${mission.id}`}>
            {t('agreements.new')}
          </Link>
        )}
      </div>
      <QueryState query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('agreements.none')}</Empty>
          ) : (
            <table className="list">
              <caption className="visually-hidden">{t('mission.agreements')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('agreements.type')}</th>
                  <th scope="col">{t('agreements.title')}</th>
                  <th scope="col">{t('agreements.parties')}</th>
                  <th scope="col">{t('agreements.signedOn')}</th>
                  <th scope="col">{t('agreements.status')}</th>
                  {writes && <th scope="col">{t('form.change')}</th>}
                </tr>
              </thead>
              <tbody>
                {page.items.map((agreement) => (
                  <tr key={agreement.id}>
                    <td>{t(`agreementType.${agreement.type}`)}</td>
                    <td>{agreement.title}</td>
                    <td>{agreement.partyIds.map((id) => parties[id] ?? '…').join(', ')}</td>
                    <td>{agreement.signedOn ? format.day(agreement.signedOn) : '—'}</td>
                    <td>
                      <StatusBadge status={agreement.status} kind="agreementStatus" />
                    </td>
                    {writes && (
                      <td>
                        <Link to={`/agreements/${agreement.id}/edit`} aria-label={t('form.editNamed', { name: agreement.title })}>
                          {t('form.edit')}
                        </Link>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}
