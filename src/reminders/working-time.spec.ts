import { describe, expect, it } from '@jest/globals';
import { addDays, atLocalTime, isWorkingDay, localDate, nextSendTime, nextWorkingDay, nextWorkingHour, previousWorkingDay } from './working-time.js';

const iso = (instant: Date): string => instant.toISOString();

describe('atLocalTime', () => {
  it('places nine in Brussels at 08:00Z in winter and 07:00Z in summer', () => {
    expect(iso(atLocalTime('2024-03-29', 9, 'Europe/Brussels'))).toBe('2024-03-29T08:00:00.000Z');
    expect(iso(atLocalTime('2024-04-01', 9, 'Europe/Brussels'))).toBe('2024-04-01T07:00:00.000Z');
  });

  it('uses the new offset on the very day the clocks change', () => {
    expect(iso(atLocalTime('2024-03-30', 9, 'Europe/Brussels'))).toBe('2024-03-30T08:00:00.000Z');
    expect(iso(atLocalTime('2024-03-31', 9, 'Europe/Brussels'))).toBe('2024-03-31T07:00:00.000Z');
    expect(iso(atLocalTime('2023-10-28', 9, 'Europe/Brussels'))).toBe('2023-10-28T07:00:00.000Z');
    expect(iso(atLocalTime('2023-10-29', 9, 'Europe/Brussels'))).toBe('2023-10-29T08:00:00.000Z');
    expect(iso(atLocalTime('2023-10-30', 9, 'Europe/Brussels'))).toBe('2023-10-30T08:00:00.000Z');
  });

  it('follows the American change, which falls on other dates than the European one', () => {
    expect(iso(atLocalTime('2024-03-09', 9, 'America/New_York'))).toBe('2024-03-09T14:00:00.000Z');
    expect(iso(atLocalTime('2024-03-10', 9, 'America/New_York'))).toBe('2024-03-10T13:00:00.000Z');
    expect(iso(atLocalTime('2024-03-29', 9, 'America/New_York'))).toBe('2024-03-29T13:00:00.000Z');
  });

  it('places nine in Ho Chi Minh City at 02:00Z all year, having no summer time', () => {
    expect(iso(atLocalTime('2023-09-11', 9, 'Asia/Ho_Chi_Minh'))).toBe('2023-09-11T02:00:00.000Z');
    expect(iso(atLocalTime('2024-03-31', 9, 'Asia/Ho_Chi_Minh'))).toBe('2024-03-31T02:00:00.000Z');
  });

  it('is exact to the minute in zones a half or three quarters of an hour off UTC', () => {
    expect(iso(atLocalTime('2024-03-29', 9, 'Asia/Kolkata'))).toBe('2024-03-29T03:30:00.000Z');
    expect(iso(atLocalTime('2024-03-29', 9, 'Asia/Kathmandu'))).toBe('2024-03-29T03:15:00.000Z');
  });

  it('reads an hour the clocks skip as the moment just after the gap', () => {
    expect(iso(atLocalTime('2024-03-31', 2, 'Europe/Brussels'))).toBe('2024-03-31T01:00:00.000Z');
    // Chile moves its clocks at midnight, so a whole date can start at 01:00.
    expect(iso(atLocalTime('2024-09-08', 0, 'America/Santiago'))).toBe('2024-09-08T04:00:00.000Z');
  });

  it('reads an hour the clocks repeat as its first occurrence', () => {
    expect(iso(atLocalTime('2023-10-29', 2, 'Europe/Brussels'))).toBe('2023-10-29T00:00:00.000Z');
    expect(iso(atLocalTime('2024-04-06', 23, 'America/Santiago'))).toBe('2024-04-07T02:00:00.000Z');
  });

  it('refuses what is not a calendar date', () => {
    expect(() => atLocalTime('2024-02-30', 9, 'Europe/Brussels')).toThrow(RangeError);
    expect(() => atLocalTime('2024-3-1', 9, 'Europe/Brussels')).toThrow(RangeError);
  });
});

describe('localDate', () => {
  it('is the date on the clocks of the zone, not in UTC', () => {
    expect(localDate(new Date('2024-03-31T22:30:00Z'), 'Europe/Brussels')).toBe('2024-04-01');
    expect(localDate(new Date('2024-03-31T21:59:00Z'), 'Europe/Brussels')).toBe('2024-03-31');
    expect(localDate(new Date('2023-11-12T17:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2023-11-13');
    expect(localDate(new Date('2023-11-12T16:59:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2023-11-12');
    expect(localDate(new Date('2023-09-11T03:00:00Z'), 'America/New_York')).toBe('2023-09-10');
  });
});

describe('addDays', () => {
  it('counts calendar days across month ends, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-31', 14)).toBe('2024-04-14');
  });

  it('goes back with a negative count', () => {
    expect(addDays('2024-03-01', -14)).toBe('2024-02-16');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
  });

  it('is not thrown off by a daylight-saving change inside the span', () => {
    expect(addDays('2024-03-30', 1)).toBe('2024-03-31');
    expect(addDays('2024-03-31', 1)).toBe('2024-04-01');
    expect(addDays('2023-10-29', 1)).toBe('2023-10-30');
  });
});

describe('working days', () => {
  it('are Monday to Friday', () => {
    expect(['2024-03-25', '2024-03-26', '2024-03-27', '2024-03-28', '2024-03-29'].every(isWorkingDay)).toBe(true);
    expect(isWorkingDay('2024-03-30')).toBe(false);
    expect(isWorkingDay('2024-03-31')).toBe(false);
  });

  it('move back from a weekend to the Friday before, and leave a working day alone', () => {
    expect(previousWorkingDay('2024-03-31')).toBe('2024-03-29');
    expect(previousWorkingDay('2024-03-30')).toBe('2024-03-29');
    expect(previousWorkingDay('2024-03-28')).toBe('2024-03-28');
  });

  it('move forward from a weekend to the Monday after, and leave a working day alone', () => {
    expect(nextWorkingDay('2024-04-13')).toBe('2024-04-15');
    expect(nextWorkingDay('2024-04-14')).toBe('2024-04-15');
    expect(nextWorkingDay('2024-04-15')).toBe('2024-04-15');
  });
});

describe('nextSendTime', () => {
  it('is nine the same day when it is still earlier on a working day', () => {
    expect(iso(nextSendTime(new Date('2024-03-28T07:59:00Z'), 'Europe/Brussels'))).toBe('2024-03-28T08:00:00.000Z');
  });

  it('is strictly after: at nine sharp the next one is the following working day', () => {
    expect(iso(nextSendTime(new Date('2024-03-28T08:00:00Z'), 'Europe/Brussels'))).toBe('2024-03-29T08:00:00.000Z');
  });

  it('skips the weekend, landing after the change to summer time', () => {
    expect(iso(nextSendTime(new Date('2024-03-29T08:00:00Z'), 'Europe/Brussels'))).toBe('2024-04-01T07:00:00.000Z');
    expect(iso(nextSendTime(new Date('2024-03-30T12:00:00Z'), 'Europe/Brussels'))).toBe('2024-04-01T07:00:00.000Z');
  });

  it('reads "after" on the clocks of the zone, where the date may already be the next one', () => {
    // Friday 23:00 in Brussels is already Saturday 05:00 in Ho Chi Minh City.
    expect(iso(nextSendTime(new Date('2024-03-29T22:00:00Z'), 'Asia/Ho_Chi_Minh'))).toBe('2024-04-01T02:00:00.000Z');
    expect(iso(nextSendTime(new Date('2024-03-29T01:59:00Z'), 'Asia/Ho_Chi_Minh'))).toBe('2024-03-29T02:00:00.000Z');
  });

  it('takes another hour when given one', () => {
    expect(iso(nextSendTime(new Date('2024-03-28T08:00:00Z'), 'Europe/Brussels', 14))).toBe('2024-03-28T13:00:00.000Z');
  });
});

describe('nextWorkingHour', () => {
  const at = (instant: string, zone = 'Europe/Brussels'): string => nextWorkingHour(new Date(instant), zone).toISOString();

  it('is the next full hour within the working day, strictly after the instant', () => {
    // Tuesday 2 April 2024, 14:20 in Brussels (summer time, UTC+2).
    expect(at('2024-04-02T12:20:00Z')).toBe('2024-04-02T13:00:00.000Z');
    // 15:00 exactly: the next one, 16:00.
    expect(at('2024-04-02T13:00:00Z')).toBe('2024-04-02T14:00:00.000Z');
    // 7:00: the working day starts at 9:00.
    expect(at('2024-04-02T05:00:00Z')).toBe('2024-04-02T07:00:00.000Z');
  });

  it('moves past the end of the working day and the weekend, in the zone of the recipient', () => {
    // Friday 16:30 in Brussels: the last hour (16:00) is gone; Monday 9:00.
    expect(at('2024-04-05T14:30:00Z')).toBe('2024-04-08T07:00:00.000Z');
    // The same instant is Friday 21:30 in Ho Chi Minh City: Monday 9:00 there.
    expect(at('2024-04-05T14:30:00Z', 'Asia/Ho_Chi_Minh')).toBe('2024-04-08T02:00:00.000Z');
    // Saturday.
    expect(at('2024-04-06T09:00:00Z')).toBe('2024-04-08T07:00:00.000Z');
  });
});
