import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { ExportButton } from '../ui/ExportButton';
import { useNames } from '../ui/names';
import { MissionSection, SectionList } from './MissionSection';
import type { Mission } from './missions';

/** A mission's delegation: the companies and organisations on it, with their sectors, delegates and survey answer. */
export function Delegation({ mission, writes }: { mission: Mission; writes: boolean }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['participants', mission.id],
    queryFn: () => unwrap(api.GET('/api/v1/missions/{missionId}/participants', { params: { path: { missionId: mission.id }, query: { limit: 200 } } })),
  });
  const organisations = useNames('organisations', query.data?.items.map((participant) => participant.organisationId) ?? []);
  return (
    <MissionSection
      id="delegation"
      title={t('mission.delegation')}
      total={query.data?.total}
      tools={
        <>
          <ExportButton path={`missions/${mission.id}/participants`} query={{}} name={`${mission.code}-delegation`} />
          {writes && (
            <Link className="button" to={`/imports?missionId=${mission.id}`}>
              {t('nav.imports')}
            </Link>
          )}
          {writes && (
            <Link className="button" to={`/missions/${mission.id}/participants/new`}>
              {t('participants.new')}
            </Link>
          )}
        </>
      }
    >
      <SectionList query={query} empty={t('participants.none')}>
        {(items) => (
          <table className="list">
            <caption className="visually-hidden">{t('mission.delegation')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('participants.organisation')}</th>
                <th scope="col">{t('participants.sectors')}</th>
                <th scope="col">{t('participants.delegates')}</th>
                <th scope="col">{t('participants.satisfaction')}</th>
                {writes && <th scope="col">{t('form.change')}</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((participant) => (
                <tr key={participant.id}>
                  <td>
                    <Link to={`/organisations/${participant.organisationId}`}>{organisations[participant.organisationId] ?? '…'}</Link>
                    {participant.synthetic && <span className="badge badge-demo">{t('common.demo')}</span>}
                  </td>
                  <td>{participant.sectors.join(', ')}</td>
                  <td>{participant.delegateContactIds.length}</td>
                  <td>{participant.satisfactionScore ?? '—'}</td>
                  {writes && (
                    <td>
                      <Link
                        to={`/missions/${mission.id}/participants/${participant.id}/edit`}
                        aria-label={t('form.editNamed', { name: organisations[participant.organisationId] ?? '' })}
                      >
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
