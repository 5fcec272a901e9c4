import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/me';

export { isoToZoned, todayIn, zonedToIso } from './zoned-time';

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
  /** A meeting's time where it happens (a Hanoi schedule reads in Hanoi time). */
  const dateTimeIn = (value: string | Date, zone: string): string =>
    new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: zone }).format(new Date(value));
  const country = (code: string): string => new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  const countries = (codes: string[]): string => codes.map(country).join(', ');
  return { day, dateTime, dateTimeIn, time, window, due, number, country, countries, timeZone, ready: Boolean(me) };
}
