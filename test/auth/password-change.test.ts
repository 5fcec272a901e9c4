import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/app.js';

interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; version: number };
}

/** PATCH /auth/me: a signed-in user changes their own password, and their other sessions end. */
describe('changing my password', () => {
  let api: TestApp;
  let people = 0;

  beforeAll(async () => {
    // Many sign-ins from one address in this file; the limit per account is the default, 5 a minute.
    api = await startTestApp({ LOGIN_LIMIT_PER_ADDRESS: '1000' });
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  /** A new user of the given role, and a first session of theirs. */
  const person = async (role = 'officer') => {
    people += 1;
    const email = `officer${people}@fit.example`;
    const password = `Haiphong port ${people} 2023`;
    const created = await api.post('users', { email, name: `Officer ${people}`, role, password });
    expect(created.status).toBe(201);
    return { id: created.body.id as string, email, password, session: await login(email, password) };
  };
  const login = async (email: string, password: string): Promise<Session> => {
    const response = await api.as(null).post<Session>('auth/login', { email, password });
    expect(response.status).toBe(200);
    return response.body;
  };
  const change = (token: string, body: unknown, headers: Record<string, string> = {}) => api.as(token).request('PATCH', 'auth/me', body, headers);
  const refreshes = async (session: Session): Promise<number> => (await api.as(null).post('auth/refresh', { refreshToken: session.refreshToken })).status;

  it('sets the new password: answers the user with a new version, the old password stops working, the new one signs in', async () => {
    const els = await person();
    const newPassword = 'Mekong River Commission, November';
    const response = await change(els.session.accessToken, { currentPassword: els.password, newPassword });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: els.id,
      email: els.email,
      name: expect.any(String),
      role: 'officer',
      language: 'nl',
      timeZone: 'Europe/Brussels',
      reminderMode: 'each',
      version: 2,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      archivedAt: null,
    });
    expect(JSON.stringify(response.body)).not.toMatch(/password|scrypt/i);
    const old = await api.as(null).post('auth/login', { email: els.email, password: els.password });
    expect(old.status).toBe(401);
    expect(old.body).toMatchObject({ statusCode: 401, code: 'unauthorized', message: 'The e-mail address or the password is not correct' });
    expect((await api.as(null).post('auth/login', { email: els.email, password: newPassword })).status).toBe(200);
  });

  it('signs out every other session of mine, and keeps the one I changed it in', async () => {
    const tom = await person();
    const laptop = tom.session;
    const phone = await login(tom.email, tom.password);
    const other = await person();
    expect((await change(laptop.accessToken, { currentPassword: tom.password, newPassword: 'State visit in autumn 2024' })).status).toBe(200);

    expect(await refreshes(phone)).toBe(401);
    expect(await refreshes(laptop)).toBe(200);
    // Someone else's sessions are not touched.
    expect(await refreshes(other.session)).toBe(200);
  });

  it('keeps the session going through its refreshes: an access token from a refresh changes the password like the first one', async () => {
    const an = await person();
    const phone = await login(an.email, an.password);
    const refreshed = (await api.as(null).post<Session>('auth/refresh', { refreshToken: an.session.refreshToken })).body;
    expect((await change(refreshed.accessToken, { currentPassword: an.password, newPassword: 'GOOSE project in March 2024' })).status).toBe(200);
    expect(await refreshes(refreshed)).toBe(200);
    expect(await refreshes(phone)).toBe(401);
  });

  it('is open to viewers for their own account', async () => {
    const viewer = await person('viewer');
    const response = await change(viewer.session.accessToken, { currentPassword: viewer.password, newPassword: 'Read-only, but my own password' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: viewer.id, role: 'viewer', version: 2 });
  });

  it('is recorded in the audit trail as a change of password by the user themself, without the password', async () => {
    const lies = await person();
    const newPassword = 'HCMC University of Education';
    expect((await change(lies.session.accessToken, { currentPassword: lies.password, newPassword })).status).toBe(200);
    const history = (await api.get(`users/${lies.id}/history`)).body;
    expect(history.items[0]).toMatchObject({
      action: 'update',
      entity: 'user',
      entityId: lies.id,
      actorId: lies.id,
      changes: { password: { before: '[hidden]', after: '[changed]' } },
    });
    const stored = JSON.stringify(await api.app.get(DataSource).query('SELECT changes FROM audit_entries WHERE entity_id = $1', [lies.id]));
    for (const secret of [lies.password, newPassword]) expect(stored).not.toContain(secret);
  });

  describe('refuses', () => {
    it('a wrong current password with 400 naming the field, changing nothing', async () => {
      const jan = await person();
      const phone = await login(jan.email, jan.password);
      const response = await change(jan.session.accessToken, { currentPassword: 'a guess at the password', newPassword: 'Taken over, if it worked' });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        statusCode: 400,
        code: 'validation_failed',
        message: 'The request is not valid; see details',
        details: [{ field: 'currentPassword', message: 'currentPassword is not your current password' }],
        requestId: response.headers.get('x-request-id'),
      });
      expect((await api.get(`users/${jan.id}`)).body.version).toBe(1);
      expect(await refreshes(phone)).toBe(200);
      expect((await api.as(null).post('auth/login', { email: jan.email, password: jan.password })).status).toBe(200);
    });

    it.each([
      [
        'no current password',
        { newPassword: 'long enough new password' },
        [{ field: 'currentPassword', message: 'currentPassword is required with newPassword' }],
      ],
      [
        'an empty current password',
        { currentPassword: '', newPassword: 'long enough new password' },
        [{ field: 'currentPassword', message: 'currentPassword should not be empty' }],
      ],
      ['no new password', { currentPassword: 'whatever it is' }, [{ field: 'newPassword', message: 'newPassword is required with currentPassword' }]],
      [
        'a new password of 11 characters',
        { currentPassword: 'whatever it is', newPassword: '12345678901' },
        [{ field: 'newPassword', message: 'newPassword must be longer than or equal to 12 characters' }],
      ],
      [
        'a new password of 201 characters',
        { currentPassword: 'whatever it is', newPassword: 'x'.repeat(201) },
        [{ field: 'newPassword', message: 'newPassword must be shorter than or equal to 200 characters' }],
      ],
      [
        'a new password that is not text',
        { currentPassword: 'whatever it is', newPassword: 123456789012 },
        [{ field: 'newPassword', message: 'newPassword must be a string' }],
      ],
      [
        'a role along with it',
        { currentPassword: 'whatever it is', newPassword: 'long enough new password', role: 'admin' },
        [{ field: 'role', message: 'unknown field role: it is not part of this resource' }],
      ],
      [
        'an e-mail address along with it',
        { currentPassword: 'whatever it is', newPassword: 'long enough new password', email: 'x@fit.example' },
        [{ field: 'email', message: 'unknown field email: it is not part of this resource' }],
      ],
      [
        'a new password equal to the current one',
        { currentPassword: 'the same password', newPassword: 'the same password' },
        [{ field: 'newPassword', message: 'newPassword must differ from currentPassword' }],
      ],
    ])('%s with 400 naming the field', async (_case, body, details) => {
      const piet = await person();
      const response = await change(piet.session.accessToken, body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed', message: 'The request is not valid; see details' });
      expect(response.body.details).toEqual(expect.arrayContaining(details));
      expect(JSON.stringify(response.body)).not.toContain('long enough new password');
      expect((await api.get(`users/${piet.id}`)).body).toMatchObject({ version: 1, role: 'officer', email: piet.email });
    });

    it('a stale version with 409, in the body or as If-Match', async () => {
      const kim = await person();
      const body = { currentPassword: kim.password, newPassword: 'Quang Ninh province 2023' };
      for (const response of [
        await change(kim.session.accessToken, { ...body, version: 7 }),
        await change(kim.session.accessToken, body, { 'if-match': '"7"' }),
      ]) {
        expect(response.status).toBe(409);
        expect(response.body).toMatchObject({ statusCode: 409, code: 'stale_version', details: [{ field: 'version', message: 'current version is 1' }] });
      }
      expect((await change(kim.session.accessToken, body, { 'if-match': '"1"' })).status).toBe(200);
    });

    it('an API token with 403, read-only or not: a leaked token must not take the account over', async () => {
      const bart = await person();
      const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString();
      const token = (await api.as(bart.session.accessToken).post('auth/tokens', { name: 'Report script', expiresAt: inAMonth })).body.token as string;
      const readOnly = (await api.as(bart.session.accessToken).post('auth/tokens', { name: 'Dashboard', expiresAt: inAMonth, readOnly: true })).body
        .token as string;
      const body = { currentPassword: bart.password, newPassword: 'Chosen by a script' };
      const response = await change(token, body);
      expect(response.status).toBe(403);
      expect(response.body).toEqual({
        statusCode: 403,
        code: 'forbidden',
        message: 'The password is changed by a signed-in user, not with an API token',
        details: [],
        requestId: expect.any(String),
      });
      const read = await change(readOnly, body);
      expect(read.status).toBe(403);
      expect(read.body).toMatchObject({ statusCode: 403, code: 'forbidden', message: 'This API token is read-only: it may only GET' });
      expect((await api.get(`users/${bart.id}`)).body.version).toBe(1);
    });

    it('no token with 401', async () => {
      const response = await api.as(null).request('PATCH', 'auth/me', { currentPassword: 'x', newPassword: 'long enough new password' });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ statusCode: 401, code: 'unauthorized' });
    });

    it('a sixth attempt within a minute with 429 and Retry-After, even with the right password: guessing the current password is limited like signing in', async () => {
      const guessed = await person();
      for (let i = 1; i <= 5; i += 1) {
        expect((await change(guessed.session.accessToken, { currentPassword: `guess number ${i}`, newPassword: 'long enough new password' })).status).toBe(400);
      }
      const sixth = await change(guessed.session.accessToken, { currentPassword: guessed.password, newPassword: 'long enough new password' });
      expect(sixth.status).toBe(429);
      const wait = Number(sixth.headers.get('retry-after'));
      expect(wait).toBeGreaterThan(0);
      expect(sixth.body).toEqual({
        statusCode: 429,
        code: 'rate_limited',
        message: `Too many password attempts; try again in ${wait} s`,
        details: [],
        requestId: expect.any(String),
      });
      expect((await api.get(`users/${guessed.id}`)).body.version).toBe(1);
    });
  });
});
