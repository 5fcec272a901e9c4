import { useSyncExternalStore } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { hasSession, subscribe } from './session';

/** Pages behind sign-in: without a session, sign in first and then come back here. */
export function RequireSession() {
  const signedIn = useSyncExternalStore(subscribe, hasSession);
  const location = useLocation();
  if (!signedIn) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
