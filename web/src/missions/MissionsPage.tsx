import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { permissions, useMe } from '../auth/me';
import { useFormat } from '../i18n/format';
import { StatusBadge } from '../ui/Badge';
import { ListPage } from '../ui/ListPage';
import { type Mission, MISSION_STATUSES, MISSION_TYPES } from './missions';

/** Missions, filtered on the server, latest first; the filters live in the URL so a list can be shared and reloaded. */
export function MissionsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { data: me } = useMe();
  return (
    <ListPage<Mission>
      title={t('missions.title')}
      queryKey="missions"
      filters={[
        { name: 'q', label: t('filters.search') },
        { name: 'status', label: t('missions.status'), options: MISSION_STATUSES.map((status) => ({ value: status, label: t(`missionStatus.${status}`) })) },
        { name: 'type', label: t('missions.type'), options: MISSION_TYPES.map((type) => ({ value: type, label: t(`missionType.${type}`) })) },
        { name: 'country', label: t('missions.country') },
      ]}
      fetch={(query) => unwrap(api.GET('/api/v1/missions', { params: { query: { sort: '-startDate', ...query } } }))}
      newLink={permissions(me).writes ? { to: '/missions/new', label: t('missions.new') } : undefined}
      exportPath="missions"
      empty={t('missions.none')}
      rowKey={(mission) => mission.id}
      columns={[
        { header: t('missions.code'), cell: (mission) => mission.code },
        { header: t('missions.name'), cell: (mission) => <Link to={`/missions/${mission.id}`}>{mission.title}</Link> },
        { header: t('missions.countries'), cell: (mission) => format.countries(mission.hostCountries) },
        { header: t('missions.dates'), cell: (mission) => format.window(mission.startDate, mission.endDate) },
        { header: t('missions.status'), cell: (mission) => <StatusBadge status={mission.status} kind="missionStatus" /> },
      ]}
    />
  );
}
