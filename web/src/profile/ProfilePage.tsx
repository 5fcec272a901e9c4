import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../app/usePageTitle';
import { api, ApiError, unwrap } from '../api/client';
import { fieldErrorKey } from '../api/messages';
import { type Me, useMe } from '../auth/me';
import { chooseLanguage } from '../i18n/i18n';
import { type FieldSpec, formText, payload, ResourceForm, toFormValue } from '../ui/Form';
import { Loading } from '../ui/states';

/** My own settings: name, language, time zone, how I get reminders; my password; my calendar link. */
export function ProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('profile.title'));
  const { data: me } = useMe();
  if (!me) return <Loading />;
  return (
    <>
      <h1>{t('profile.title')}</h1>
      <Settings me={me} />
      <PasswordChange me={me} />
      <CalendarFeed />
    </>
  );
}

function Settings({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const fields: FieldSpec[] = [
    { name: 'name', label: t('users.name'), kind: 'text', required: true },
    {
      name: 'language',
      label: t('users.language'),
      kind: 'select',
      required: true,
      options: ['nl', 'en'].map((language) => ({ value: language, label: t(`languages.${language}`) })),
    },
    { name: 'timeZone', label: t('users.timeZone'), kind: 'text', required: true, hint: t('missions.timeZoneHint') },
    {
      name: 'reminderMode',
      label: t('users.reminderMode'),
      kind: 'select',
      required: true,
      options: ['each', 'digest'].map((mode) => ({ value: mode, label: t(`reminderMode.${mode}`) })),
    },
  ];
  const initial = Object.fromEntries(fields.map((field) => [field.name, toFormValue(field, (me as Record<string, unknown>)[field.name])]));
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('profile.settings')}</h2>
      <ResourceForm
        key={me.version}
        fields={fields}
        initial={initial}
        submitLabel={t('form.save')}
        onSubmit={async (values) => {
          setSaved(false);
          const updated = await unwrap(api.PATCH('/api/v1/auth/me', { body: { ...payload(fields, values, initial), version: me.version } as never }));
          queryClient.setQueryData(['me'], updated);
          chooseLanguage(updated.language);
          setSaved(true);
        }}
      />
      {saved && (
        <p role="status" className="muted">
          {t('profile.saved')}
        </p>
      )}
    </section>
  );
}

function PasswordChange({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      unwrap(api.PATCH('/api/v1/auth/me', { body: { ...body, version: me.version } as never })),
    onSuccess: (updated) => {
      queryClient.setQueryData(['me'], updated);
      setMessage({ ok: true, text: t('profile.passwordChanged') });
    },
    onError: (error) => {
      const text = error instanceof ApiError ? (Object.values(error.fieldErrors)[0] ?? error.body?.message ?? '') : '';
      const key = error instanceof ApiError && error.status === 401 ? 'profile.wrongPassword' : fieldErrorKey(text, i18n.language);
      setMessage({ ok: false, text: key ? t(key) : text || t('state.failed') });
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = formText(form, 'newPassword');
    if (next !== formText(form, 'repeatPassword')) return setMessage({ ok: false, text: t('profile.passwordsDiffer') });
    change.mutate({ currentPassword: formText(form, 'currentPassword'), newPassword: next });
  };
  return (
    <section aria-labelledby="password-heading">
      <h2 id="password-heading">{t('profile.password')}</h2>
      <form className="card resource-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="current-password">{t('profile.currentPassword')}</label>
          <input id="current-password" name="currentPassword" type="password" autoComplete="current-password" required />
        </div>
        <div className="field">
          <label htmlFor="new-password">{t('users.newPassword')}</label>
          <input
            id="new-password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            minLength={12}
            required
            aria-describedby="new-password-hint"
          />
          <p id="new-password-hint" className="hint">
            {t('profile.passwordRule')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="repeat-password">{t('profile.repeatPassword')}</label>
          <input id="repeat-password" name="repeatPassword" type="password" autoComplete="new-password" required />
        </div>
        {message && (
          <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'muted' : 'error'}>
            {message.text}
          </p>
        )}
        <div className="buttons">
          <button type="submit" className="primary" disabled={change.isPending}>
            {t('profile.changePassword')}
          </button>
        </div>
      </form>
    </section>
  );
}

function CalendarFeed() {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const rotate = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/calendar-feed')),
    onSuccess: (feed) => {
      setUrl(feed.url);
      setNote(null);
    },
    onError: () => setNote(t('state.failed')),
  });
  const revoke = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/auth/calendar-feed')),
    onSuccess: () => {
      setUrl(null);
      setNote(t('profile.calendarRevoked'));
    },
    onError: (error) => setNote(error instanceof ApiError && error.status === 404 ? t('profile.calendarNone') : t('state.failed')),
  });
  return (
    <section aria-labelledby="calendar-heading" className="card">
      <h2 id="calendar-heading">{t('profile.calendar')}</h2>
      <p className="muted">{t('profile.calendarIntro')}</p>
      {url && (
        <div className="notice card" role="status">
          <p>{t('profile.calendarShownOnce')}</p>
          <code className="secret">{url}</code>
        </div>
      )}
      {note && <p role="status">{note}</p>}
      <div className="buttons">
        <button type="button" className="primary" onClick={() => rotate.mutate()} disabled={rotate.isPending}>
          {t('profile.calendarRotate')}
        </button>
        <button type="button" onClick={() => revoke.mutate()} disabled={revoke.isPending}>
          {t('profile.calendarRevoke')}
        </button>
      </div>
    </section>
  );
}
