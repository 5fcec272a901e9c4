import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../app/usePageTitle';
import { api, ApiError, type Schemas, unwrap } from '../api/client';
import { describeFailure } from '../api/failures';
import { readMessage } from '../api/messages';
import { useFormat, zonedToIso } from '../i18n/format';
import { formText } from '../ui/Form';
import { Empty, QueryState } from '../ui/states';

type Created = Schemas['ApiTokenCreatedDto'];

/** My personal API tokens: make one (shown once), see when each was last used, revoke. */
export function TokensPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('tokens.title'));
  const format = useFormat();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => unwrap(api.GET('/api/v1/auth/tokens', { params: { query: { limit: 200 } } })) });
  const [created, setCreated] = useState<Created | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: (body: Schemas['ApiTokenCreateDto']) => unwrap(api.POST('/api/v1/auth/tokens', { body })),
    onSuccess: async (token) => {
      setCreated(token);
      await queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
    onError: (error) =>
      setErrors(
        error instanceof ApiError
          ? {
              ...Object.fromEntries(Object.entries(error.fieldErrors).map(([field, message]) => [field, readMessage(message, t, i18n.language)])),
              general: describeFailure(error, t, i18n.language),
            }
          : { general: t('state.failed') },
      ),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/auth/tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tokens'] }),
  });
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const expires = formText(form, 'expiresAt');
    setErrors({});
    create.mutate({
      name: formText(form, 'name'),
      expiresAt: expires ? zonedToIso(`${expires}T23:59`, format.timeZone) : '',
      readOnly: form.get('readOnly') === 'on',
    });
  };
  return (
    <>
      <h1>{t('tokens.title')}</h1>
      <p className="muted">{t('tokens.intro')}</p>
      <form className="card resource-form" onSubmit={submit}>
        <h2>{t('tokens.new')}</h2>
        <div className={`field${errors.name ? ' has-error' : ''}`}>
          <label htmlFor="token-name">{t('tokens.name')}</label>
          <input id="token-name" name="name" required aria-describedby={errors.name ? 'token-name-error' : undefined} />
          {errors.name && (
            <p id="token-name-error" className="field-error">
              {errors.name}
            </p>
          )}
        </div>
        <div className={`field${errors.expiresAt ? ' has-error' : ''}`}>
          <label htmlFor="token-expires">{t('tokens.expiresAt')}</label>
          <input id="token-expires" name="expiresAt" type="date" required aria-describedby={errors.expiresAt ? 'token-expires-error' : undefined} />
          {errors.expiresAt && (
            <p id="token-expires-error" className="field-error">
              {errors.expiresAt}
            </p>
          )}
        </div>
        <label className="check">
          <input type="checkbox" name="readOnly" defaultChecked /> {t('tokens.readOnly')}
        </label>
        {errors.general && (
          <p role="alert" className="error">
            {errors.general}
          </p>
        )}
        <div className="buttons">
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('tokens.create')}
          </button>
        </div>
      </form>
      {created && (
        <div className="card notice" role="status">
          <p>{t('tokens.shownOnce')}</p>
          <code className="secret">{created.token}</code>
        </div>
      )}
      <section className="card" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">{t('tokens.mine')}</h2>
        <QueryState query={tokens}>
          {(page) =>
            page.items.length === 0 ? (
              <Empty>{t('tokens.none')}</Empty>
            ) : (
              <table className="list">
                <caption className="visually-hidden">{t('tokens.mine')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('tokens.name')}</th>
                    <th scope="col">{t('tokens.prefix')}</th>
                    <th scope="col">{t('tokens.access')}</th>
                    <th scope="col">{t('tokens.expiresAt')}</th>
                    <th scope="col">{t('tokens.lastUsedAt')}</th>
                    <th scope="col">{t('tokens.revoke')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((token) => (
                    <tr key={token.id}>
                      <td>{token.name}</td>
                      <td>
                        <code>{token.prefix}</code>
                      </td>
                      <td>{token.readOnly ? t('tokens.readOnlyShort') : t('tokens.readWrite')}</td>
                      <td>{format.dateTime(token.expiresAt)}</td>
                      <td>{token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('tokens.never')}</td>
                      <td>
                        <button type="button" onClick={() => revoke.mutate(token.id)} aria-label={t('tokens.revokeNamed', { name: token.name })}>
                          {t('tokens.revoke')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </QueryState>
      </section>
    </>
  );
}
