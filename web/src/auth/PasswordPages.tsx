import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { publicApi } from '../api/client';
import { fieldErrorKey } from '../api/messages';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { formText } from '../ui/Form';

/** "Forgot your password?": the same answer whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setError(null);
    const { response } = await publicApi.POST('/api/v1/auth/password-reset', { body: { email: formText(new FormData(event.currentTarget), 'email') } });
    if (response.ok) setSent(true);
    else setError(response.status === 429 ? t('signIn.tooMany') : response.status === 400 ? t('fieldError.email') : t('state.failed'));
  };
  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={(event) => void submit(event)}>
        <h1>{t('password.forgotTitle')}</h1>
        {sent ? (
          <p role="status">{t('password.linkSent')}</p>
        ) : (
          <>
            <p className="muted">{t('password.forgotIntro')}</p>
            <label>
              {t('signIn.email')}
              <input name="email" type="email" autoComplete="username" required />
            </label>
            {error && (
              <p role="alert" className="error">
                {error}
              </p>
            )}
            <button type="submit" className="primary">
              {t('password.sendLink')}
            </button>
          </>
        )}
        <Link to="/sign-in">{t('password.backToSignIn')}</Link>
        <LanguageSwitch />
      </form>
    </main>
  );
}

/** The page of an invitation or reset e-mail's link: choose a password, then sign in. */
export function ResetPasswordPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const newPassword = formText(form, 'newPassword');
    if (newPassword !== formText(form, 'repeatPassword')) return setError(t('profile.passwordsDiffer'));
    setError(null);
    const { response, error: body } = await publicApi.POST('/api/v1/auth/password-reset/confirm', { body: { token, newPassword } });
    if (response.ok) return setDone(true);
    const message = body?.details?.[0]?.message ?? body?.message ?? '';
    if (response.status === 429) return setError(t('signIn.tooMany'));
    if (/token|link|expired|used/i.test(message)) return setError(t('password.linkDead'));
    const key = fieldErrorKey(message, i18n.language);
    setError(key ? t(key) : message || t('state.failed'));
  };
  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={(event) => void submit(event)}>
        <h1>{t('password.chooseTitle')}</h1>
        {done ? (
          <p role="status">
            {t('password.set')} <Link to="/sign-in">{t('signIn.submit')}</Link>
          </p>
        ) : (
          <>
            <label>
              {t('users.newPassword')}
              <input name="newPassword" type="password" autoComplete="new-password" minLength={12} required />
            </label>
            <label>
              {t('profile.repeatPassword')}
              <input name="repeatPassword" type="password" autoComplete="new-password" required />
            </label>
            <p className="hint">{t('profile.passwordRule')}</p>
            {error && (
              <p role="alert" className="error">
                {error}
              </p>
            )}
            <button type="submit" className="primary">
              {t('password.save')}
            </button>
          </>
        )}
        <LanguageSwitch />
      </form>
    </main>
  );
}
