import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeFailure } from '../api/failures';
import { announce, focusNear } from '../ui/announce';
import { RefField } from '../ui/RefField';
import { type Action, type ActionChange, useChangeAction } from './actions';
import { DueInput } from './DueInput';

type Open = 'none' | 'postpone' | 'reassign';

/** Mark done, postpone to a new (fuzzy) date, reassign: the three things an officer does most to a follow-up. */
export function QuickActions({ action }: { action: Action }) {
  const { t, i18n } = useTranslation();
  const change = useChangeAction();
  const container = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<Open>('none');
  const [due, setDue] = useState('');
  const [owner, setOwner] = useState<string>(action.ownerId ?? '');
  const [error, setError] = useState<string | null>(null);

  const run = async (body: Omit<ActionChange, 'version'>, said: string): Promise<void> => {
    setError(null);
    try {
      await change.mutateAsync({ action, change: body });
      setOpen('none');
      announce(said);
      // The card may have left the list (done): focus goes to what is still there.
      focusNear(container.current);
    } catch (failure) {
      setError(describeFailure(failure, t, i18n.language));
    }
  };
  const postpone = (event: FormEvent): void => {
    event.preventDefault();
    if (due.trim() === '') return setError(t('form.required'));
    // A new window, the action stays active: the API's `postponed` (on hold) would cancel every reminder.
    void run({ dueLabel: due.trim() }, t('quick.postponed', { title: action.title, due: due.trim() }));
  };
  const reassign = (event: FormEvent): void => {
    event.preventDefault();
    void run({ ownerId: owner || null }, t('quick.reassigned', { title: action.title }));
  };
  const close = (event: { key: string }): void => {
    if (event.key === 'Escape') setOpen('none');
  };
  const finished = action.status === 'done' || action.status === 'cancelled';

  return (
    <div className="quick-actions" ref={container}>
      <div className="buttons">
        {!finished && (
          <button
            type="button"
            disabled={change.isPending}
            onClick={() => void run({ status: 'done' }, t('quick.done', { title: action.title }))}
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
        <form className="inline-form" onSubmit={postpone} onKeyDown={close}>
          <label htmlFor={`postpone-${action.id}`}>{t('quick.newDue')}</label>
          <DueInput id={`postpone-${action.id}`} name="dueLabel" value={due} onChange={setDue} autoFocus />
          <button type="submit" className="primary" disabled={change.isPending}>
            {t('quick.savePostpone')}
          </button>
        </form>
      )}
      {open === 'reassign' && (
        <form className="inline-form" onSubmit={reassign} onKeyDown={close}>
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
