import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApp, TEST_ADMIN, TEST_JWT_SECRET, type TestApp } from '../support/app.js';

/**
 * What leaves the service about its own workings: error bodies carry no stack trace and no SQL,
 * and the log (read here at its most detailed level) carries no password, token or secret.
 */
describe('secrets stay in', () => {
  let api: TestApp;
  const log: string[] = [];
  const secrets: string[] = [TEST_JWT_SECRET, TEST_ADMIN.password];
  const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

  beforeAll(async () => {
    api = await startTestApp(
      { LOG_LEVEL: 'trace', LOGIN_LIMIT_PER_ADDRESS: '1000', LOGIN_LIMIT_PER_ACCOUNT: '1000' },
      { logDestination: { write: (line: string) => log.push(line) } },
    );
    secrets.push(api.token);
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  it('answers a failure of its own with a 500 that carries only the request id: no stack trace, no SQL, no table', async () => {
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const { token } = (await api.post('auth/tokens', { name: 'Export for the parliamentary answer', expiresAt: inAWeek })).body as { token: string };
    secrets.push(token, sha256(token));
    const dataSource = api.app.get(DataSource);
    // A real failure of the database, in the middle of checking a token.
    await dataSource.query('ALTER TABLE api_tokens RENAME TO api_tokens_away');
    try {
      const response = await api.as(token).get('organisations');
      expect(response.status).toBe(500);
      expect(response.body).toEqual({
        statusCode: 500,
        code: 'internal',
        message: 'Something went wrong on our side; the request id identifies it in the logs',
        details: [],
        requestId: response.headers.get('x-request-id'),
      });
      expect(JSON.stringify(response.body)).not.toMatch(/api_tokens|SELECT|relation|\bat\s|\.ts:|QueryFailed/);
    } finally {
      await dataSource.query('ALTER TABLE api_tokens_away RENAME TO api_tokens');
    }
    // The log has what the body does not: the error, for whoever looks into it.
    expect(log.join('')).toContain('api_tokens');
  });

  it('keeps passwords, tokens and the signing secret out of the log, whatever the requests', async () => {
    const password = 'Smart logistics seminar 2023';
    const newPassword = 'Port management seminar 2023';
    secrets.push(password, newPassword);
    expect((await api.post('users', { email: 'an.claes@fit.example', name: 'An Claes', password })).status).toBe(201);
    expect((await api.as(null).post('auth/login', { email: 'an.claes@fit.example', password: 'a wrong guess at it' })).status).toBe(401);
    secrets.push('a wrong guess at it');
    const session = (await api.as(null).post('auth/login', { email: 'an.claes@fit.example', password })).body as { accessToken: string; refreshToken: string };
    secrets.push(session.accessToken, session.refreshToken, sha256(session.refreshToken));
    const refreshed = (await api.as(null).post('auth/refresh', { refreshToken: session.refreshToken })).body as { accessToken: string; refreshToken: string };
    secrets.push(refreshed.accessToken, refreshed.refreshToken);
    expect((await api.as(refreshed.accessToken).patch('auth/me', { currentPassword: password, newPassword })).status).toBe(200);
    // Refused requests are logged louder (warn): still without what they carried.
    expect((await api.as(refreshed.accessToken).post('users', { email: 'x@fit.example', name: 'X', password: 'Refused, 12+ chars' })).status).toBe(403);
    secrets.push('Refused, 12+ chars');
    expect((await api.as(null).post('auth/logout', { refreshToken: refreshed.refreshToken })).status).toBe(204);
    // A used token of a signed-out session: refused (a used token of a live session is let through
    // for a while, see REFRESH_REUSE_INTERVAL_MS).
    expect((await api.as(null).post('auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);

    const text = log.join('');
    // The log is really there, request by request, with the headers it may keep.
    expect(text).toContain('/api/v1/auth/login');
    expect(text).toContain('"authorization":"[redacted]"');
    const leaked = secrets.filter((secret) => text.includes(secret));
    expect(leaked).toEqual([]);
    expect(text).not.toMatch(/scrypt\$/);
  });
});
