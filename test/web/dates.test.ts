import { describe, expect, it } from '@jest/globals';
import { addDays, followUpGroup } from '../../web/src/actions/follow-ups.js';
import { isoToZoned, todayIn, zonedToIso } from '../../web/src/i18n/zoned-time.js';

describe('the dashboard’s dates in the user’s time zone', () => {
  it.each([
    ['2023-09-12T10:00', 'Asia/Ho_Chi_Minh', '2023-09-12T03:00:00.000Z'],
    ['2023-09-12T10:00', 'Europe/Brussels', '2023-09-12T08:00:00.000Z'],
    ['2024-01-15T09:30', 'Europe/Brussels', '2024-01-15T08:30:00.000Z'],
    ['2024-03-31T12:00', 'Europe/Brussels', '2024-03-31T10:00:00.000Z'],
  ])('reads %s in %s as %s, and back', (local, zone, iso) => {
    expect(zonedToIso(local, zone)).toBe(iso);
    expect(isoToZoned(iso, zone)).toBe(local);
  });

  it('knows which day it is in a zone while the other side of the world is still on the day before', () => {
    const instant = new Date('2023-09-10T20:00:00Z');
    expect(todayIn('Asia/Ho_Chi_Minh', instant)).toBe('2023-09-11');
    expect(todayIn('Europe/Brussels', instant)).toBe('2023-09-10');
  });
});

describe('the headings of "my follow-ups"', () => {
  const today = '2023-11-01';
  it.each([
    [{ overdue: true, dueFrom: '2023-10-01', dueTo: '2023-10-31' }, 'overdue'],
    [{ overdue: false, dueFrom: '2023-11-10', dueTo: '2023-11-30' }, 'soon'],
    [{ overdue: false, dueFrom: addDays(today, 14), dueTo: '2023-12-31' }, 'soon'],
    [{ overdue: false, dueFrom: addDays(today, 15), dueTo: '2023-12-31' }, 'later'],
    [{ overdue: false, dueFrom: null, dueTo: null }, 'undated'],
  ])('puts %o under %s', (action, group) => {
    expect(followUpGroup(action, today)).toBe(group);
  });
});

describe('wall-clock times across a change of summer time', () => {
  it.each([
    ['2025-03-30T01:30', 'Europe/Brussels', '2025-03-30T00:30:00.000Z'],
    ['2025-03-30T03:30', 'Europe/Brussels', '2025-03-30T01:30:00.000Z'],
    ['2025-10-26T12:00', 'Europe/Brussels', '2025-10-26T11:00:00.000Z'],
  ])('reads %s in %s as %s', (local, zone, iso) => {
    expect(zonedToIso(local, zone)).toBe(iso);
  });
});
