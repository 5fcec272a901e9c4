import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { RefField } from '../ui/RefField';
import { type Action, useChangeAction } from './actions';
import { DueInput } from './DueInput';

type Open = 'none' | 'postpone' | 'reassign';

/** Mark done, postpone to a new (fuzzy) date, reassign: the three things an officer does most to a follow-up. */
export function QuickActions({ action }: { action: Action }) {
  const { t } = useTranslation();
  const change = useChangeAction();
  const [open, setOpen] = useState<Open>('none');
  const [due, setDue] = useState('');
  const [owner, setOwner] = useState<string>(action.ownerId ?? '');
  const [error, setError] = useState<string | null>(null);

  const run = async (body: Parameters<typeof change.mutateAsync>[0]['change']): Promise<void> => {
    setError(null);
    try {
      await change.mutateAsync({ action, change: body });
      setOpen('none');
    } catch (failure) {
      setError(
        failure instanceof ApiError
          ? failure.body?.code === 'stale_version'
            ? t('form.stale')
            : (failure.fieldErrors.dueLabel ?? failure.body?.message ?? t('state.failed'))
          : t('state.failed'),
      );
    }
  };
  const postpone = (event: FormEvent): void => {
    event.preventDefault();
    if (due.trim() === '') return setError(t('form.required'));
    void run({ dueLabel: due.trim(), status: 'postponed' });
  };
  const reassign = (event: FormEvent): void => {
    event.preventDefault();
    void run({ ownerId: owner || null });
  };
  const finished = action.status === 'done' || action.status === 'cancelled';

  return (
    <div className="quick-actions">
      <div className="buttons">
        {!finished && (
          <button
            type="button"
            disabled={change.isPending}
            onClick={() => void run({ status: 'done' })}
            aria-label={t('quick.markDoneNamed', { title: action.title })}
          >
            {t('quick.markDone')}
          </button>
        )}
        <button
          type="button"
          aria-expanded={open === 'postpone'}
          onClick={() => setOpen(open === 'postpone' ? 'none' : 'postpone')}
          aria-label={t('quick.postponeNamed', { title: action.title })}
        >
          {t('quick.postpone')}
        </button>
        <button
          type="button"
          aria-expanded={open === 'reassign'}
          onClick={() => setOpen(open === 'reassign' ? 'none' : 'reassign')}
          aria-label={t('quick.reassignNamed', { title: action.title })}
        >
          {t('quick.reassign')}
        </button>
      </div>
      {open === 'postpone' && (
        <form className="inline-form" onSubmit={postpone}>
          <label htmlFor={`postpone-${action.id}`}>{t('quick.newDue')}</label>
          <DueInput id={`postpone-${action.id}`} name="dueLabel" value={due} onChange={setDue} />
          <button type="submit" className="primary" disabled={change.isPending}>
            {t('quick.savePostpone')}
          </button>
        </form>
      )}
      {open === 'reassign' && (
        <form className="inline-form" onSubmit={reassign}>
          <label htmlFor={`owner-${action.id}`}>{t('quick.newOwner')}</label>
          <RefField
            id={`owner-${action.id}`}
            name="ownerId"
            kind="users"
            label={t('quick.newOwner')}
            multiple={false}
            value={owner}
            onChange={(value) => setOwner(String(value))}
          />
          <button type="submit" className="primary" disabled={change.isPending}>
            {t('quick.saveReassign')}
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
