import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../i18n/format';
import { OverdueBadge, StatusBadge } from '../ui/Badge';
import { useNames } from '../ui/names';
import type { Action } from './actions';

/** A list of actions as a table: what, of which mission, when, whose, where it stands. */
export function ActionsTable({
  actions,
  caption,
  showMission = true,
  names,
}: {
  actions: Action[];
  caption: string;
  showMission?: boolean;
  /** Names the caller has already looked up (a board of many tables looks them up once). */
  names?: { missions: Record<string, string>; owners: Record<string, string> };
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const ownMissions = useNames('missions', names ? [] : actions.map((action) => action.missionId));
  const ownOwners = useNames('users', names ? [] : actions.map((action) => action.ownerId));
  const missions = names?.missions ?? ownMissions;
  const owners = names?.owners ?? ownOwners;
  return (
    <table className="list">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('actions.title')}</th>
          {showMission && <th scope="col">{t('actions.mission')}</th>}
          <th scope="col">{t('actions.due')}</th>
          <th scope="col">{t('actions.owner')}</th>
          <th scope="col">{t('actions.status')}</th>
        </tr>
      </thead>
      <tbody>
        {actions.map((action) => (
          <tr key={action.id}>
            <td>
              <Link to={`/actions/${action.id}`}>{action.title}</Link>
            </td>
            {showMission && <td>{missions[action.missionId] ?? ''}</td>}
            <td>
              {format.due(action)} {action.overdue && <OverdueBadge />}
            </td>
            <td>{action.ownerId ? (owners[action.ownerId] ?? '') : t('actions.noOwner')}</td>
            <td>
              <StatusBadge status={action.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
