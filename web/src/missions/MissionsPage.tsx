import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { permissions, useMe } from '../auth/me';
import { useFormat } from '../i18n/format';
import { StatusBadge } from '../ui/Badge';
import { Pager } from '../ui/Pager';
import { Empty, ErrorState, Loading } from '../ui/states';
import { MISSION_STATUSES, MISSION_TYPES } from './missions';

const LIMIT = 25;

/** Missions, filtered on the server; the filters live in the URL so a list can be shared and reloaded. */
export function MissionsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const filters = { q: params.get('q') ?? '', status: params.get('status') ?? '', type: params.get('type') ?? '', country: params.get('country') ?? '' };
  const offset = Number(params.get('offset') ?? 0);
  const query = useQuery({
    queryKey: ['missions', filters, offset],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/missions', {
          params: {
            query: { limit: LIMIT, offset, sort: '-startDate', ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== '')) } as never,
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const set = (name: string, value: string): void => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== 'offset') next.delete('offset');
    setParams(next, { replace: true });
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('missions.title')}</h1>
        {permissions(me).writes && (
          <Link className="button primary" to="/missions/new">
            {t('missions.new')}
          </Link>
        )}
      </div>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('filters.search')}
          <input type="search" value={filters.q} onChange={(event) => set('q', event.target.value)} />
        </label>
        <label>
          {t('missions.status')}
          <select value={filters.status} onChange={(event) => set('status', event.target.value)}>
            <option value="">{t('filters.all')}</option>
            {MISSION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`missionStatus.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('missions.type')}
          <select value={filters.type} onChange={(event) => set('type', event.target.value)}>
            <option value="">{t('filters.all')}</option>
            {MISSION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`missionType.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('missions.country')}
          <input value={filters.country} maxLength={2} size={3} onChange={(event) => set('country', event.target.value.toUpperCase())} />
        </label>
      </form>
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Empty>{t('missions.none')}</Empty>
      ) : (
        <>
          <table className="list">
            <caption className="visually-hidden">{t('missions.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('missions.code')}</th>
                <th scope="col">{t('missions.name')}</th>
                <th scope="col">{t('missions.countries')}</th>
                <th scope="col">{t('missions.dates')}</th>
                <th scope="col">{t('missions.status')}</th>
              </tr>
            </thead>
            <tbody>
              {query.data.items.map((mission) => (
                <tr key={mission.id}>
                  <td>{mission.code}</td>
                  <td>
                    <Link to={`/missions/${mission.id}`}>{mission.title}</Link>
                  </td>
                  <td>{mission.hostCountries.join(', ')}</td>
                  <td>{format.window(mission.startDate, mission.endDate)}</td>
                  <td>
                    <StatusBadge status={mission.status} kind="missionStatus" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager total={query.data.total} limit={LIMIT} offset={offset} onOffset={(value) => set('offset', String(value))} />
        </>
      )}
    </>
  );
}
