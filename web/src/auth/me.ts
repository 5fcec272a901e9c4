import { useQuery } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../api/client';

export type Me = Schemas['UserResponseDto'];

export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: () => unwrap(api.GET('/api/v1/auth/me')), staleTime: 60_000 });
}

/** What the interface offers, mirroring the API's rules so no button answers 403. */
export function permissions(me: Me | undefined) {
  const role = me?.role;
  const writes = role === 'admin' || role === 'officer';
  return {
    isAdmin: role === 'admin',
    /** Missions and what hangs under them, organisations, contacts. */
    writes,
    /** An action: admins any; officers those they own or whose mission they are responsible for. */
    changesAction: (action: { ownerId?: string | null }, missionOwnerId?: string | null): boolean =>
      role === 'admin' || (role === 'officer' && (action.ownerId === me?.id || (missionOwnerId != null && missionOwnerId === me?.id))),
  };
}
