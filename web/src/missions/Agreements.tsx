import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { useFormat } from '../i18n/format';
import { ExportButton } from '../ui/ExportButton';
import { StatusBadge } from '../ui/Badge';
import { useNames } from '../ui/names';
import { MissionSection, SectionList } from './MissionSection';
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
    <MissionSection
      id="agreements"
      title={t('mission.agreements')}
      total={query.data?.total}
      tools={
        <>
          <ExportButton path="agreements" query={{ missionId: mission.id }} name={`${mission.code}-agreements`} />
          {writes && (
            <Link className="button" to={`/agreements/new?missionId=${mission.id}`}>
              {t('agreements.new')}
            </Link>
          )}
        </>
      }
    >
      <SectionList query={query} empty={t('agreements.none')}>
        {(items) => (
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
              {items.map((agreement) => (
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
        )}
      </SectionList>
    </MissionSection>
  );
}
