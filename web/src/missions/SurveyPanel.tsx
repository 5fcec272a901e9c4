import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Schemas, unwrap } from '../api/client';
import { fieldErrorKey } from '../api/messages';
import { useFormat } from '../i18n/format';
import { Empty, ErrorState, Loading } from '../ui/states';

/** The satisfaction survey of a mission: open it (invitations go out by e-mail), then follow who answered. */
export function SurveyPanel({ missionId, writes }: { missionId: string; writes: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const progress = useQuery({
    queryKey: ['survey', missionId],
    queryFn: async () => {
      try {
        return await unwrap(api.GET('/api/v1/missions/{id}/survey', { params: { path: { id: missionId } } }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404 && error.body?.message.includes('no survey')) return null;
        throw error;
      }
    },
  });
  const [closesOn, setClosesOn] = useState('');
  const [error, setError] = useState<string | null>(null);
  const open = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/missions/{id}/survey', { params: { path: { id: missionId } }, body: { closesOn } as Schemas['SurveyOpenDto'] })),
    onSuccess: (data) => queryClient.setQueryData(['survey', missionId], data),
    onError: (failure) => {
      const message = failure instanceof ApiError ? (failure.fieldErrors.closesOn ?? failure.body?.message ?? '') : '';
      const key = fieldErrorKey(message, i18n.language);
      setError(key ? t(key) : message || t('state.failed'));
    },
  });
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setError(null);
    if (!closesOn) return setError(t('form.required'));
    open.mutate();
  };

  return (
    <section id="survey" aria-labelledby="survey-heading" className="card">
      <h2 id="survey-heading">{t('survey.title')}</h2>
      {progress.isPending ? (
        <Loading />
      ) : progress.error ? (
        <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />
      ) : progress.data ? (
        <>
          <p>
            {progress.data.closed
              ? t('survey.closed', { day: format.day(progress.data.closesOn) })
              : t('survey.open', { day: format.day(progress.data.closesOn) })}
          </p>
          <ul className="tiles" aria-label={t('survey.progress')}>
            <li className="tile">
              <span className="tile-value">{progress.data.invited}</span>
              <span className="tile-label">{t('survey.invited')}</span>
            </li>
            <li className="tile">
              <span className="tile-value">{progress.data.answered}</span>
              <span className="tile-label">{t('survey.answered')}</span>
            </li>
            <li className="tile">
              <span className="tile-value">{progress.data.responseRate === null ? '—' : `${Math.round(progress.data.responseRate * 100)}%`}</span>
              <span className="tile-label">{t('survey.rate')}</span>
            </li>
            <li className="tile">
              <span className="tile-value">{progress.data.averageScore === null ? '—' : `${format.number(progress.data.averageScore)} / 5`}</span>
              <span className="tile-label">{t('survey.average')}</span>
            </li>
          </ul>
          {progress.data.withoutAddress > 0 && <p className="muted">{t('survey.withoutAddress', { count: progress.data.withoutAddress })}</p>}
        </>
      ) : (
        <>
          <Empty>{t('survey.none')}</Empty>
          {writes && (
            <form className="inline-form" onSubmit={submit}>
              <label htmlFor="survey-closes">{t('survey.closesOn')}</label>
              <input id="survey-closes" type="date" value={closesOn} onChange={(event) => setClosesOn(event.target.value)} />
              <button type="submit" className="primary" disabled={open.isPending}>
                {t('survey.send')}
              </button>
            </form>
          )}
        </>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
