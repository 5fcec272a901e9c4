import { describe, expect, it } from '@jest/globals';
import { Clock } from './clock.service.js';

/** A clock pinned at one instant, as tests of schedules use it. */
const at = (iso: string): Clock =>
  new (class extends Clock {
    override now(): Date {
      return new Date(iso);
    }
  })();

describe('Clock.today', () => {
  it('gives the date in the zone asked for, not in the process zone', () => {
    // 23:30 UTC on 31 December is already 1 January in Brussels and still 31 December in New York.
    const clock = at('2023-12-31T23:30:00Z');
    expect(clock.today('Europe/Brussels')).toBe('2024-01-01');
    expect(clock.today('America/New_York')).toBe('2023-12-31');
    expect(clock.today('UTC')).toBe('2023-12-31');
  });

  it('answers each zone for itself when zones are asked in turn (a formatter kept per zone)', () => {
    const clock = at('2023-09-11T20:00:00Z');
    const zones = ['Asia/Ho_Chi_Minh', 'Europe/Brussels', 'Asia/Ho_Chi_Minh', 'Pacific/Honolulu', 'Europe/Brussels'];
    expect(zones.map((zone) => clock.today(zone))).toEqual(['2023-09-12', '2023-09-11', '2023-09-12', '2023-09-11', '2023-09-11']);
  });

  it('follows the clock: the same zone gives a new date once the instant moves past midnight', () => {
    let instant = '2023-09-11T21:59:59Z';
    const clock = new (class extends Clock {
      override now(): Date {
        return new Date(instant);
      }
    })();
    expect(clock.today('Europe/Brussels')).toBe('2023-09-11');
    instant = '2023-09-11T22:00:00Z';
    expect(clock.today('Europe/Brussels')).toBe('2023-09-12');
  });

  it('refuses an unknown zone every time rather than remembering it', () => {
    const clock = at('2023-09-11T12:00:00Z');
    expect(() => clock.today('Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => clock.today('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
