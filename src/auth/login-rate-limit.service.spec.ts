import { describe, expect, it } from '@jest/globals';
import { AttemptCounter, attemptedAccount } from './login-rate-limit.service.js';

describe('AttemptCounter', () => {
  const t0 = Date.parse('2023-09-11T08:00:00Z');

  it('allows the limit within a minute and answers the seconds left for the next attempt', () => {
    const counter = new AttemptCounter(3);
    expect([counter.hit('els', t0), counter.hit('els', t0 + 1000), counter.hit('els', t0 + 2000)]).toEqual([0, 0, 0]);
    expect(counter.hit('els', t0 + 15_000)).toBe(45);
    expect(counter.hit('els', t0 + 59_500)).toBe(1);
  });

  it('starts afresh when the minute is over', () => {
    const counter = new AttemptCounter(1);
    counter.hit('els', t0);
    expect(counter.hit('els', t0 + 30_000)).toBeGreaterThan(0);
    expect(counter.hit('els', t0 + 60_000)).toBe(0);
  });

  it('counts each key on its own', () => {
    const counter = new AttemptCounter(1);
    expect(counter.hit('els', t0)).toBe(0);
    expect(counter.hit('tom', t0)).toBe(0);
    expect(counter.hit('els', t0)).toBe(60);
  });
});

describe('attemptedAccount', () => {
  it('reads the e-mail address of the body as the login does: trimmed and lower-cased', () => {
    expect(attemptedAccount({ email: ' Els.Vermeulen@FIT.example ' })).toBe('els.vermeulen@fit.example');
    expect(attemptedAccount({ email: 42 })).toBe('');
    expect(attemptedAccount(undefined)).toBe('');
  });
});
