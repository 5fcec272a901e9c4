import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { permissions, useMe } from '../auth/me';
import { signOut } from '../auth/session';
import { useProfileLanguage } from '../i18n/i18n';
import { LanguageSwitch } from './LanguageSwitch';

export function Layout() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const can = permissions(me);
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  useProfileLanguage(me?.language);

  // Keyboard and screen-reader users land on the new page's content, not on the old focus;
  // on the first page the skip link stays the first stop.
  const shown = useRef(location.pathname);
  useEffect(() => {
    if (shown.current === location.pathname) return;
    shown.current = location.pathname;
    document.getElementById('main')?.focus();
  }, [location.pathname]);

  const leave = async (): Promise<void> => {
    await signOut();
    queryClient.clear();
    await navigate('/sign-in', { replace: true });
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="top">
        <NavLink to="/" className="brand">
          {t('app.name')}
        </NavLink>
        <nav aria-label={t('nav.label')}>
          <NavLink to="/" end>
            {t('nav.myFollowUps')}
          </NavLink>
          <NavLink to="/overdue">{t('nav.overdue')}</NavLink>
          <NavLink to="/missions">{t('nav.missions')}</NavLink>
          <NavLink to="/organisations">{t('nav.organisations')}</NavLink>
          <NavLink to="/contacts">{t('nav.contacts')}</NavLink>
          {can.writes && <NavLink to="/imports">{t('nav.imports')}</NavLink>}
          {can.isAdmin && <NavLink to="/users">{t('nav.users')}</NavLink>}
          <NavLink to="/tokens">{t('nav.tokens')}</NavLink>
        </nav>
        <div className="who">
          {me && (
            <NavLink to="/profile">
              <span className="visually-hidden">{t('nav.profile')}: </span>
              {me.name} · {t(`roles.${me.role}`)}
            </NavLink>
          )}
          <LanguageSwitch me={me} />
          <button type="button" onClick={() => void leave()}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <div id="announcer" className="visually-hidden" role="status" aria-live="polite" />
    </>
  );
}
