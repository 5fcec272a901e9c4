import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/me';

const locale = (language: string): string => (language === 'nl' ? 'nl-BE' : 'en-GB');

export interface DueFields {
  dueFrom?: string | null;
  dueTo?: string | null;
  duePrecision?: string | null;
  dueLabel?: string | null;
}

/** Dates and times in the user's language and time zone; due windows by the label they were given. */
export function useFormat() {
  const { i18n, t } = useTranslation();
  const { data: me } = useMe();
  const timeZone = me?.timeZone ?? 'Europe/Brussels';
  const language = locale(i18n.language);

  // Dates without a time are calendar days: formatted in UTC so no zone moves them a day.
  const day = (value: string): string =>
    new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
  const dateTime = (value: string | Date): string =>
    new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone }).format(
      new Date(value),
    );
  const time = (value: string | Date): string => new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(value));
  const window = (from: string, to: string): string => {
    if (from === to) return day(from);
    const format = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    return format.formatRange(new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`));
  };
  const due = (fields: DueFields): string => {
    if (!fields.dueFrom || !fields.dueTo) return t('due.none');
    if (fields.dueLabel) return fields.dueLabel;
    return window(fields.dueFrom, fields.dueTo);
  };
  const number = (value: number): string => new Intl.NumberFormat(language).format(value);
  return { day, dateTime, time, window, due, number, timeZone };
}

/** Today as YYYY-MM-DD in a time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The calendar and clock fields of an instant as a time zone shows them. */
function fieldsIn(timeZone: string, instant: Date): Record<string, string> {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
    .formatToParts(instant)
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});
}

/** The instant a wall-clock time in a time zone stands for ("2023-09-12T10:00" in Asia/Ho_Chi_Minh). */
export function zonedToIso(local: string, timeZone: string): string {
  const asUtc = new Date(`${local}:00Z`);
  const shown = fieldsIn(timeZone, asUtc);
  const shownAsUtc = Date.UTC(Number(shown.year), Number(shown.month) - 1, Number(shown.day), Number(shown.hour), Number(shown.minute), Number(shown.second));
  return new Date(asUtc.getTime() - (shownAsUtc - asUtc.getTime())).toISOString();
}

/** The wall-clock time ("YYYY-MM-DDTHH:mm") of an instant in a time zone, for datetime-local inputs. */
export function isoToZoned(iso: string, timeZone: string): string {
  const shown = fieldsIn(timeZone, new Date(iso));
  return `${shown.year}-${shown.month}-${shown.day}T${shown.hour}:${shown.minute}`;
}
