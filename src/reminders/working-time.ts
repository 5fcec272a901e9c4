/**
 * Calendar dates ('YYYY-MM-DD') and wall-clock times in IANA time zones, for planning reminders.
 *
 * Dates are plain calendar days: arithmetic on them runs in UTC, where no day is 23 or 25 hours
 * long. Only turning a date and an hour into an instant (and back) asks Intl for the zone's
 * offset, so the result is exact across daylight-saving changes. Public holidays are not known:
 * a working day is Monday to Friday.
 */
import { SEND_HOUR, WORKING_DAY_END_HOUR } from './reminder-policy.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds since the epoch of midnight UTC on a calendar date; refuses anything but a real YYYY-MM-DD. */
function utcMidnight(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const time = Date.UTC(year, month - 1, day);
    if (new Date(time).getUTCDate() === day) return time;
  }
  throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
}

const formatUtcDate = (time: number): string => new Date(time).toISOString().slice(0, 10);

// One formatter per zone: building them is the expensive part of Intl.
const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall clock in the zone at an instant, expressed as if it were UTC (milliseconds). */
function wallClock(time: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const { type, value } of wallClockFormat(timeZone).formatToParts(time)) parts[type] = Number(value);
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** How far the zone's wall clock is ahead of UTC at an instant. */
const offsetAt = (time: number, timeZone: string): number => wallClock(time, timeZone) - Math.floor(time / 1000) * 1000;

/**
 * The instant when the zone's clocks show `hour`:00 on `date`. A time that occurs twice (clocks
 * going back) is the first of the two; a time that is skipped (clocks going forward) is read with
 * the offset from before the change, so it lands just after the gap, as a person would expect.
 */
export function atLocalTime(date: string, hour: number, timeZone: string): Date {
  const wall = utcMidnight(date) + hour * 60 * 60 * 1000;
  // No zone changes its offset twice within two days, so the offsets a day either side cover every reading.
  const offsetBefore = offsetAt(wall - DAY_MS, timeZone);
  const offsetAfter = offsetAt(wall + DAY_MS, timeZone);
  const readings = [wall - offsetBefore, wall - offsetAfter].filter((time) => time + offsetAt(time, timeZone) === wall);
  return new Date(readings.length > 0 ? Math.min(...readings) : wall - offsetBefore);
}

/** The calendar date in the zone at an instant. */
export const localDate = (instant: Date, timeZone: string): string => formatUtcDate(wallClock(instant.getTime(), timeZone));

export const addDays = (date: string, days: number): string => formatUtcDate(utcMidnight(date) + days * DAY_MS);

/** Monday to Friday. */
export function isWorkingDay(date: string): boolean {
  const weekday = new Date(utcMidnight(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The date itself when it is a working day, else the last working day before it. */
export function previousWorkingDay(date: string): string {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, -1);
  return day;
}

/** The date itself when it is a working day, else the first working day after it. */
export function nextWorkingDay(date: string): string {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The first working day's `hour`:00 in the zone that comes strictly after `after`. */
export function nextSendTime(after: Date, timeZone: string, hour = SEND_HOUR): Date {
  let day = nextWorkingDay(localDate(after, timeZone));
  for (;;) {
    const sendAt = atLocalTime(day, hour, timeZone);
    if (sendAt.getTime() > after.getTime()) return sendAt;
    day = nextWorkingDay(addDays(day, 1));
  }
}

/**
 * The next full hour of a working day in the zone strictly after `after`: 14:20 on a Tuesday is
 * 15:00, 17:30 is 9:00 the next working day, a Saturday is Monday 9:00.
 */
export function nextWorkingHour(after: Date, timeZone: string): Date {
  let day = localDate(after, timeZone);
  for (;;) {
    if (isWorkingDay(day)) {
      for (let hour = SEND_HOUR; hour < WORKING_DAY_END_HOUR; hour++) {
        const at = atLocalTime(day, hour, timeZone);
        if (at.getTime() > after.getTime()) return at;
      }
    }
    day = addDays(day, 1);
  }
}
