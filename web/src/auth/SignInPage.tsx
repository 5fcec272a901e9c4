import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../app/usePageTitle';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { formText } from '../ui/Form';
import { signIn } from './session';

/** Only paths of the dashboard itself are followed after sign-in. */
const safeNext = (next: string | null): string => (next && /^\/(?![/\\])/.test(next) ? next : '/');

export function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t('signIn.submit'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const response = await signIn(formText(form, 'email'), formText(form, 'password'));
      if (response.ok) {
        queryClient.clear();
        await navigate(safeNext(params.get('next')), { replace: true });
        return;
      }
      setError(response.status === 429 ? t('signIn.tooMany') : response.status === 401 ? t('signIn.wrong') : t('signIn.failed'));
    } catch {
      setError(t('signIn.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={(event) => void submit(event)} noValidate={false}>
        <h1>{t('app.name')}</h1>
        <p className="muted">{t('signIn.intro')}</p>
        <label>
          {t('signIn.email')}
          <input name="email" type="email" autoComplete="username" required autoFocus />
        </label>
        <label>
          {t('signIn.password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
        <Link to="/forgot-password">{t('password.forgot')}</Link>
        <LanguageSwitch />
      </form>
    </main>
  );
}
