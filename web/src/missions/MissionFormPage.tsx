import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import type { FieldSpec } from '../ui/Form';
import { FormPage } from '../ui/FormPage';
import { MISSION_STATUSES, MISSION_TYPES, type Mission, useMission } from './missions';

export function MissionFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const existing = useMission(id);
  const fields: FieldSpec[] = [
    { name: 'code', label: t('missions.code'), kind: 'text', required: true },
    { name: 'title', label: t('missions.name'), kind: 'text', required: true },
    {
      name: 'type',
      label: t('missions.type'),
      kind: 'select',
      required: true,
      options: MISSION_TYPES.map((type) => ({ value: type, label: t(`missionType.${type}`) })),
    },
    {
      name: 'status',
      label: t('missions.status'),
      kind: 'select',
      required: true,
      options: MISSION_STATUSES.map((status) => ({ value: status, label: t(`missionStatus.${status}`) })),
    },
    { name: 'hostCountries', label: t('missions.countries'), kind: 'list', required: true, hint: t('missions.countriesHint') },
    { name: 'cities', label: t('missions.cities'), kind: 'list', hint: t('form.listHint') },
    { name: 'startDate', label: t('missions.startDate'), kind: 'date', required: true },
    { name: 'endDate', label: t('missions.endDate'), kind: 'date', required: true },
    { name: 'timeZone', label: t('missions.timeZone'), kind: 'text', required: true, hint: t('missions.timeZoneHint') },
    { name: 'leaderContactId', label: t('missions.leader'), kind: 'ref', ref: 'contacts' },
    { name: 'ownerId', label: t('missions.officer'), kind: 'ref', ref: 'users' },
    { name: 'organiser', label: t('missions.organiser'), kind: 'text' },
    { name: 'theme', label: t('missions.theme'), kind: 'text' },
    { name: 'focusSectors', label: t('missions.focusSectors'), kind: 'list', hint: t('form.listHint') },
    { name: 'previousMissionId', label: t('missions.previous'), kind: 'ref', ref: 'missions' },
    { name: 'description', label: t('missions.description'), kind: 'textarea' },
  ];
  return (
    <FormPage<Mission>
      title={id ? t('missions.edit') : t('missions.new')}
      fields={fields}
      existing={id ? existing : undefined}
      defaults={{ type: 'economic_mission', status: 'planned', timeZone: 'Europe/Brussels' }}
      create={(body) => unwrap(api.POST('/api/v1/missions', { body: body as never }))}
      update={(mission, body) =>
        unwrap(api.PATCH('/api/v1/missions/{id}', { params: { path: { id: mission.id } }, body: { ...body, version: mission.version } as never }))
      }
      next={(mission) => `/missions/${mission.id}`}
      invalidates={['missions', 'mission', 'records']}
    />
  );
}
