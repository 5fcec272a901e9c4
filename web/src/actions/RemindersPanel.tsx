import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Schemas, unwrap } from '../api/client';
import { describeFailure } from '../api/failures';
import { announce } from '../ui/announce';
import { useFormat, zonedToIso } from '../i18n/format';
import { StatusBadge } from '../ui/Badge';
import { useNames } from '../ui/names';
import { Empty, QueryState } from '../ui/states';

type Reminder = Schemas['ReminderResponseDto'];

/** The reminder plan of an action and what became of each message; planned ones can be snoozed or skipped. */
export function RemindersPanel({ actionId, changes }: { actionId: string; changes: boolean }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['reminders', 'action', actionId],
    queryFn: () => unwrap(api.GET('/api/v1/actions/{id}/reminders', { params: { path: { id: actionId }, query: { limit: 200, sort: 'fireAt' } } })),
  });
  const recipients = useNames('users', query.data?.items.map((reminder) => reminder.recipientId) ?? []);
  return (
    <section aria-labelledby="reminders-heading" className="card">
      <h2 id="reminders-heading">{t('reminders.title')}</h2>
      <QueryState query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t('reminders.none')}</Empty>
          ) : (
            <table className="list">
              <caption className="visually-hidden">{t('reminders.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reminders.fireAt')}</th>
                  <th scope="col">{t('reminders.kind')}</th>
                  <th scope="col">{t('reminders.recipient')}</th>
                  <th scope="col">{t('reminders.status')}</th>
                  <th scope="col">{t('reminders.delivery')}</th>
                  {changes && <th scope="col">{t('reminders.change')}</th>}
                </tr>
              </thead>
              <tbody>
                {page.items.map((reminder) => (
                  <ReminderRow key={reminder.id} reminder={reminder} recipient={recipients[reminder.recipientId] ?? ''} changes={changes} />
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}

function ReminderRow({ reminder, recipient, changes }: { reminder: Reminder; recipient: string; changes: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [snoozing, setSnoozing] = useState(false);
  const [until, setUntil] = useState('');
  const [error, setError] = useState<string | null>(null);
  const done = async (said: string): Promise<void> => {
    setSnoozing(false);
    announce(said);
    await queryClient.invalidateQueries({ queryKey: ['reminders'] });
  };
  const fail = (failure: unknown): void => setError(describeFailure(failure, t, i18n.language));
  const skip = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/reminders/{id}/skip', { params: { path: { id: reminder.id } }, body: { version: reminder.version } })),
    onSuccess: () => done(t('reminders.skipped')),
    onError: fail,
  });
  const snooze = useMutation({
    mutationFn: (at: string) =>
      unwrap(api.POST('/api/v1/reminders/{id}/snooze', { params: { path: { id: reminder.id } }, body: { version: reminder.version, until: at } })),
    onSuccess: () => done(t('reminders.snoozed')),
    onError: fail,
  });
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!until) return setError(t('form.required'));
    snooze.mutate(zonedToIso(until, format.timeZone));
  };
  const delivery = [
    reminder.sentAt ? t('reminders.sentAt', { at: format.dateTime(reminder.sentAt) }) : null,
    reminder.attempts > 0 ? t('reminders.attempts', { count: reminder.attempts }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <tr>
      <td>{format.dateTime(reminder.fireAt)}</td>
      <td>{t(`reminderKind.${reminder.kind}`)}</td>
      <td>{recipient}</td>
      <td>
        <StatusBadge status={reminder.status} kind="reminderStatus" />
      </td>
      <td className="small">
        {delivery || (reminder.lastError || reminder.reason ? '' : '—')}
        {(reminder.lastError || reminder.reason) && (
          // The mail server's own words are technical and not translated; the API's known reasons are.
          <details>
            <summary>{reminder.lastError ? t('reminders.error') : t('reminders.why')}</summary>
            {[reminder.lastError, reminder.reason && reasonText(reminder.reason, t)].filter(Boolean).join(' · ')}
          </details>
        )}
      </td>
      {changes && (
        <td>
          {reminder.status === 'planned' && (
            <div className="buttons">
              <button type="button" aria-expanded={snoozing} onClick={() => setSnoozing(!snoozing)}>
                {t('reminders.snooze')}
              </button>
              <button type="button" onClick={() => skip.mutate()} disabled={skip.isPending}>
                {t('reminders.skip')}
              </button>
            </div>
          )}
          {snoozing && (
            <form className="inline-form" onSubmit={submit}>
              <label htmlFor={`until-${reminder.id}`}>{t('reminders.until')}</label>
              <input id={`until-${reminder.id}`} type="datetime-local" value={until} onChange={(event) => setUntil(event.target.value)} />
              <button type="submit" className="primary" disabled={snooze.isPending}>
                {t('reminders.saveSnooze')}
              </button>
            </form>
          )}
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
        </td>
      )}
    </tr>
  );
}

/** The API's reasons (src/reminders) in the user's language; one it does not know, as it came. */
const REASONS = [
  'action archived',
  'action done',
  'action cancelled',
  'action postponed',
  'no due date',
  're-planned',
  'owner changed',
  'recipient archived',
  'skipped by request',
  'nothing due or overdue',
  'action deleted',
] as const;

function reasonText(reason: string, t: (key: string) => string): string {
  return (REASONS as readonly string[]).includes(reason)
    ? t(`reminderReason.${reason.replace(/[^a-z]+(.)/g, (_, next: string) => next.toUpperCase())}`)
    : reason;
}
