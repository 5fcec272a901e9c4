import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Outlet, useParams } from 'react-router';
import { api, ApiError, unwrap } from '../api/client';
import { useMission } from '../missions/missions';
import { ErrorState, Loading } from '../ui/states';
import { permissions, useMe } from './me';

const forbidden = <ErrorState error={new ApiError(403, undefined)} />;

/** The new and edit forms: a viewer, whose save would answer 403, gets the API's answer instead of the form. */
export function RequireWrites() {
  const { data: me } = useMe();
  if (!me) return <Loading />;
  return permissions(me).writes ? <Outlet /> : forbidden;
}

/**
 * An action's edit form: only for who may change the action, as the action page decides whether
 * to offer it (its owner, the responsible officer of its mission, an admin).
 */
export function RequireActionChange({ children }: { children: ReactNode }) {
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const action = useQuery({ queryKey: ['action', id], queryFn: () => unwrap(api.GET('/api/v1/actions/{id}', { params: { path: { id } } })) });
  const can = permissions(me);
  // The mission's responsible officer matters only to an officer who does not own the action.
  const asksMission = me?.role === 'officer' && action.data !== undefined && action.data.ownerId !== me.id;
  const mission = useMission(asksMission ? action.data?.missionId : undefined);
  if (action.error) return <ErrorState error={action.error} onRetry={() => void action.refetch()} />;
  if (!me || !action.data || (asksMission && mission.isPending)) return <Loading />;
  return can.changesAction(action.data, mission.data?.ownerId) ? <>{children}</> : forbidden;
}
