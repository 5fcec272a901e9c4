import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt from 'jsonwebtoken';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/app.js';

interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; version: number };
}

/**
 * An access token names its session, and every request checks that the session still holds:
 * sign-out, a new password, a role change and an archive take effect at the next request, not
 * when the token expires (JWT_ACCESS_TTL is an hour in tests).
 */
describe('revoking access tokens', () => {
  let api: TestApp;
  let people = 0;

  beforeAll(async () => {
    api = await startTestApp({ LOGIN_LIMIT_PER_ADDRESS: '1000' });
  });

  afterAll(async () => {
    await api.close();
  });

  const person = async (role = 'officer') => {
    people += 1;
    const email = `officer${people}@fit.example`;
    const password = `Ho Chi Minh City ${people} 2023`;
    const created = await api.post('users', { email, name: `Officer ${people}`, role, password });
    expect(created.status).toBe(201);
    const signIn = async (): Promise<Session> => {
      const response = await api.as(null).post<Session>('auth/login', { email, password });
      expect(response.status).toBe(200);
      return response.body;
    };
    return { id: created.body.id as string, email, password, signIn };
  };

  const expectRevoked = async (token: string): Promise<void> => {
    const response = await api.as(token).get('organisations');
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      statusCode: 401,
      code: 'unauthorized',
      message: 'The access token is not valid, or it expired or was revoked; sign in again',
      details: [],
      requestId: expect.any(String),
    });
  };

  it('sign-out ends the access tokens of that session at once, and only of that one', async () => {
    const els = await person();
    const [laptop, phone] = [await els.signIn(), await els.signIn()];
    expect((await api.as(laptop.accessToken).get('organisations')).status).toBe(200);
    expect((await api.as(null).post('auth/logout', { refreshToken: laptop.refreshToken })).status).toBe(204);
    await expectRevoked(laptop.accessToken);
    expect((await api.as(phone.accessToken).get('organisations')).status).toBe(200);
  });

  it('keeps a session working through its refreshes: the older access token too, until it expires', async () => {
    const els = await person();
    const first = await els.signIn();
    const refreshed = await api.as(null).post<Session>('auth/refresh', { refreshToken: first.refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await api.as(refreshed.body.accessToken).get('organisations')).status).toBe(200);
    expect((await api.as(first.accessToken).get('organisations')).status).toBe(200);
  });

  it('a new password ends the other sessions at once', async () => {
    const els = await person();
    const [here, elsewhere] = [await els.signIn(), await els.signIn()];
    const changed = await api
      .as(here.accessToken)
      .patch('auth/me', { currentPassword: els.password, newPassword: 'a new password for Hanoi', version: here.user.version });
    expect(changed.status).toBe(200);
    await expectRevoked(elsewhere.accessToken);
    expect((await api.as(here.accessToken).get('organisations')).status).toBe(200);
  });

  it('a new password set by an admin ends all of them', async () => {
    const els = await person();
    const session = await els.signIn();
    const changed = await api.patch(`users/${els.id}`, { password: 'set by the admin for Els', version: session.user.version });
    expect(changed.status).toBe(200);
    await expectRevoked(session.accessToken);
  });

  it('a role change holds from the next request: the token says officer, the user is a viewer now', async () => {
    const els = await person();
    const session = await els.signIn();
    const write = () => api.as(session.accessToken).post('organisations', { name: `Monument ${people}`, kind: 'company', country: 'BE' });
    expect((await write()).status).toBe(201);
    expect((await api.patch(`users/${els.id}`, { role: 'viewer', version: session.user.version })).status).toBe(200);
    const refused = await write();
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'forbidden', message: 'A viewer may only read; changes need the officer or admin role' });
    expect((await api.as(session.accessToken).get('organisations')).status).toBe(200);
  });

  it('archiving a user ends their access tokens at once', async () => {
    const els = await person();
    const session = await els.signIn();
    expect((await api.delete(`users/${els.id}`)).status).toBe(204);
    await expectRevoked(session.accessToken);
  });

  it('refuses a well-signed token that names no session, or a session that does not exist', async () => {
    const els = await person();
    const noSession = jwt.sign({ sub: els.id, role: 'officer', typ: 'access' }, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: 600 });
    await expectRevoked(noSession);
    const madeUp = jwt.sign({ sub: els.id, role: 'officer', typ: 'access', sid: '00000000-0000-4000-8000-000000000000' }, TEST_JWT_SECRET, {
      algorithm: 'HS256',
      expiresIn: 600,
    });
    await expectRevoked(madeUp);
    // A session is one user's: another user's token cannot borrow it.
    const { refreshToken } = await els.signIn();
    expect(refreshToken).toEqual(expect.any(String));
    const claims = jwt.decode((await els.signIn()).accessToken) as { sid: string };
    const borrowed = jwt.sign({ sub: api.admin.id, role: 'admin', typ: 'access', sid: claims.sid }, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: 600 });
    await expectRevoked(borrowed);
  });
});
