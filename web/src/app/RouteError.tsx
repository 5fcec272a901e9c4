import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

/**
 * What a page that failed to show says, in the user's language. The usual cause after a new
 * release is a page part of the old build that is gone: reloading fetches the new one.
 */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const stale = error instanceof Error && /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(error.message);
  return (
    <main id="main" className="state error-state" role="alert">
      <h1>{isRouteErrorResponse(error) && error.status === 404 ? t('notFound.title') : t('routeError.title')}</h1>
      <p>{stale ? t('routeError.newRelease') : t('routeError.text')}</p>
      <div className="buttons">
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          {t('routeError.reload')}
        </button>
        <Link to="/">{t('nav.myFollowUps')}</Link>
      </div>
    </main>
  );
}
