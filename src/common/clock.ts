import { Injectable } from '@nestjs/common';

/** The time, injected so that schedules and overdue checks can be tested to the minute. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  /** Today's date (YYYY-MM-DD) in a time zone. */
  today(timeZone: string): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(this.now());
  }
}
