import { Outlet } from 'react-router';
import { ApiError } from '../api/client';
import { ErrorState, Loading } from '../ui/states';
import { permissions, useMe } from './me';

/** Pages for admins only (users): others get the same answer the API would give them. */
export function RequireAdmin() {
  const { data: me } = useMe();
  if (!me) return <Loading />;
  return permissions(me).isAdmin ? <Outlet /> : <ErrorState error={new ApiError(403, undefined)} />;
}
