import { Navigate, useParams } from 'react-router';

/** E-mails sent before the dashboard linked to /dashboard/actions/{id}: those links still arrive. */
export function LegacyLink() {
  const rest = useParams()['*'] ?? '';
  return <Navigate to={`/${rest}`} replace />;
}
