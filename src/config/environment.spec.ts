import { describe, expect, it } from '@jest/globals';
import { EnvironmentError, loadEnvironment } from './environment.js';

describe('loadEnvironment', () => {
  it('applies the defaults when nothing is set', () => {
    const env = loadEnvironment({});
    expect(env).toMatchObject({ PORT: 3000, ROLE: 'all', DATA_DIR: './data', DEMO_DATA: true, LOG_LEVEL: 'info' });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('reads numbers and booleans from strings', () => {
    const env = loadEnvironment({ PORT: '8080', DEMO_DATA: 'false', DATABASE_URL: 'postgres://u@h/db' });
    expect(env).toMatchObject({ PORT: 8080, DEMO_DATA: false, DATABASE_URL: 'postgres://u@h/db' });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT: PORT must be a whole number from 0 to 65535'],
    [{ ROLE: 'cron' }, 'ROLE: ROLE must be one of: api, worker, all'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL: DATABASE_URL must be a postgres:// connection URL'],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA: DEMO_DATA must be true or false'],
    [{ DEFAULT_TIME_ZONE: 'Mars/Olympus' }, 'DEFAULT_TIME_ZONE: Mars/Olympus is not an IANA time zone'],
  ])('rejects %j naming the variable', (source, message) => {
    expect(() => loadEnvironment(source)).toThrow(EnvironmentError);
    expect(() => loadEnvironment(source)).toThrow(message);
  });

  describe('TRUST_PROXY', () => {
    it('believes no X-Forwarded-For by default', () => {
      expect(loadEnvironment({}).TRUST_PROXY).toBe(false);
    });

    it.each([
      ['false', false],
      ['off', false],
      ['true', true],
      ['127.0.0.1', ['127.0.0.1']],
      ['loopback, 10.0.0.0/8, fd00::/8', ['loopback', '10.0.0.0/8', 'fd00::/8']],
    ])('reads %s', (value, expected) => {
      expect(loadEnvironment({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
    });

    it.each(['maybe', '2', '10.0.0.0/33', '10.0.0', 'proxy.fit.example', '::1/129', '10.0.0.1/8/2'])(
      'rejects %s, naming the variable and what it takes',
      (value) => {
        expect(() => loadEnvironment({ TRUST_PROXY: value })).toThrow(
          'TRUST_PROXY: TRUST_PROXY must be false, true, or a comma-separated list of proxy addresses (IP addresses, CIDR ranges such as 10.0.0.0/8, or loopback, linklocal, uniquelocal)',
        );
      },
    );
  });
});
