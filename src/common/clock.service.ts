import { Injectable } from '@nestjs/common';

/**
 * One formatter per time zone for the whole process: building an Intl.DateTimeFormat loads the
 * zone's rules and costs more than the rest of a simple read, and today() runs on every request
 * that says whether an action is overdue. Time zones are a short, fixed list (IANA names), so the
 * map stays small.
 */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    // Made before it is remembered: an unknown zone throws here and is never stored.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The date (YYYY-MM-DD) of an instant in a time zone. */
export function dateInZone(instant: Date, timeZone: string): string {
  return dayFormatter(timeZone).format(instant);
}

/** The time, injected so that schedules and overdue checks can be tested to the minute. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  /** Today's date (YYYY-MM-DD) in a time zone. */
  today(timeZone: string): string {
    return dateInZone(this.now(), timeZone);
  }
}
