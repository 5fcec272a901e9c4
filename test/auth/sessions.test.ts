import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import jwt from 'jsonwebtoken';
import { DataSource } from 'typeorm';
import { REFRESH_REUSE_INTERVAL_MS } from '../../src/auth/auth.service.js';
import { Clock } from '../../src/common/clock.service.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/app.js';

/** Sign-in, refresh, sign-out and the check of access tokens, over HTTP. */
describe('sessions', () => {
  let api: TestApp;
  // An officer who follows up the Vietnam mission of 11–16 September 2023 (invented person).
  const els = { email: 'els.vermeulen@fit.example', name: 'Els Vermeulen', role: 'officer', password: 'Haiphong-port-2023' };
  let elsId: string;

  const WRONG = { statusCode: 401, code: 'unauthorized', message: 'The e-mail address or the password is not correct', details: [] };

  beforeAll(async () => {
    // Many sign-ins from one address in this file: the address limit has its own test.
    api = await startTestApp({ LOGIN_LIMIT_PER_ADDRESS: '1000', LOGIN_LIMIT_PER_ACCOUNT: '1000' });
    const created = await api.post('users', els);
    expect(created.status).toBe(201);
    elsId = created.body.id;
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  const login = (email: string, password: string) => api.as(null).post('auth/login', { email, password });

  describe('POST /auth/login', () => {
    it('answers an access token, a refresh token, the lifetime and the user', async () => {
      const response = await login('Els.Vermeulen@FIT.example', els.password);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 3600,
        refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        refreshExpiresAt: expect.any(String),
        user: expect.objectContaining({ id: elsId, email: els.email, name: els.name, role: 'officer' }),
      });
      expect(JSON.stringify(response.body)).not.toMatch(/password|scrypt/i);
      const days = (Date.parse(response.body.refreshExpiresAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(29.9);
      expect(days).toBeLessThanOrEqual(30);
    });

    it('signs an HS256 JWT with the user id, the role and typ "access", for JWT_ACCESS_TTL seconds', async () => {
      const { accessToken } = (await login(els.email, els.password)).body;
      const header = jwt.decode(accessToken, { complete: true })!.header;
      expect(header.alg).toBe('HS256');
      const claims = jwt.verify(accessToken, TEST_JWT_SECRET, { algorithms: ['HS256'] }) as jwt.JwtPayload;
      // sid: the sign-in the token descends from, so that a change of password can keep this session.
      expect(claims).toMatchObject({ sub: elsId, role: 'officer', typ: 'access', sid: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(claims.exp! - claims.iat!).toBe(3600);
    });

    it('stores the refresh token only as its SHA-256', async () => {
      const { refreshToken } = (await login(els.email, els.password)).body;
      const rows = await api.app.get(DataSource).query(`SELECT token_hash FROM refresh_tokens WHERE user_id = $1`, [elsId]);
      const hashes = rows.map((row: { token_hash: string }) => row.token_hash);
      expect(hashes).toContain((await import('node:crypto')).createHash('sha256').update(refreshToken).digest('hex'));
      expect(hashes).not.toContain(refreshToken);
    });

    it('answers a wrong password and an unknown address with the same 401', async () => {
      const wrongPassword = await login(els.email, 'Haiphong-port-2024');
      expect(wrongPassword.status).toBe(401);
      expect(wrongPassword.body).toEqual({ ...WRONG, requestId: expect.any(String) });
      const unknown = await login('nobody@fit.example', els.password);
      expect(unknown.status).toBe(401);
      expect(unknown.body).toEqual({ ...WRONG, requestId: expect.any(String) });
    });

    it('does not let a user without a password sign in', async () => {
      await api.post('users', { email: 'no.password@fit.example', name: 'Nog Geen Wachtwoord' });
      const response = await login('no.password@fit.example', '');
      expect(response.status).toBe(400);
      const guessed = await login('no.password@fit.example', 'anything at all');
      expect(guessed.status).toBe(401);
      expect(guessed.body).toMatchObject(WRONG);
    });

    it('does not let an archived user sign in nor refresh, nor read who they were', async () => {
      const tom = (await api.post('users', { email: 'tom.leaves@fit.example', name: 'Tom Peeters', password: 'Ho Chi Minh City 2023' })).body;
      const session = (await login('tom.leaves@fit.example', 'Ho Chi Minh City 2023')).body;
      expect((await api.as(session.accessToken).get('auth/me')).status).toBe(200);

      expect((await api.delete(`users/${tom.id}`)).status).toBe(204);
      const signIn = await login('tom.leaves@fit.example', 'Ho Chi Minh City 2023');
      expect(signIn.status).toBe(401);
      expect(signIn.body).toMatchObject(WRONG);
      const me = await api.as(session.accessToken).get('auth/me');
      expect(me.status).toBe(401);
      expect(me.body).toMatchObject({ code: 'unauthorized' });
      expect((await api.as(null).post('auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
    });

    it('rejects a body without e-mail or password with 400 naming the fields', async () => {
      const response = await api.as(null).post('auth/login', { email: 'not an address' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('validation_failed');
      expect(response.body.details).toEqual(
        expect.arrayContaining([
          { field: 'email', message: 'email must be an e-mail address' },
          { field: 'password', message: 'password is required' },
        ]),
      );
    });
  });

  describe('GET /auth/me', () => {
    it('answers the signed-in user', async () => {
      const token = await api.signIn(els.email, els.password);
      const me = await api.as(token).get('auth/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: elsId, email: els.email, role: 'officer', version: 1 });
    });

    it('answers 401 with WWW-Authenticate and the common error body without a token', async () => {
      const response = await api.as(null).get('auth/me');
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="mission-crm"');
      expect(response.body).toEqual({
        statusCode: 401,
        code: 'unauthorized',
        message: 'Sign in first: send Authorization: Bearer <token> (POST /api/v1/auth/login gives one)',
        details: [],
        requestId: response.headers.get('x-request-id'),
      });
    });

    it.each([
      ['another scheme', 'Basic ZWxzOnNlY3JldA=='],
      ['an empty bearer', 'Bearer '],
    ])('answers 401 to an Authorization header with %s', async (_case, header) => {
      const response = await api.request('GET', 'auth/me', undefined, { authorization: header });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('unauthorized');
    });
  });

  describe('access tokens', () => {
    const invalid = {
      statusCode: 401,
      code: 'unauthorized',
      message: 'The access token is not valid, or it expired or was revoked; sign in again',
      details: [],
    };

    it('refuses an expired access token with 401', async () => {
      const past = Math.floor(Date.now() / 1000) - 120;
      const expired = jwt.sign({ sub: elsId, role: 'officer', typ: 'access', iat: past - 900, exp: past }, TEST_JWT_SECRET, { algorithm: 'HS256' });
      const response = await api.as(expired).get('organisations');
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="mission-crm", error="invalid_token"');
      expect(response.body).toMatchObject({ statusCode: 401, code: 'unauthorized', message: 'The access token has expired; refresh it or sign in again' });
    });

    it('refuses a token signed with another secret with 401', async () => {
      const forged = jwt.sign({ sub: elsId, role: 'admin', typ: 'access' }, 'someone else entirely, also 32+ characters long', {
        algorithm: 'HS256',
        expiresIn: 600,
      });
      const response = await api.as(forged).get('organisations');
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject(invalid);
    });

    it('refuses an unsigned token ("alg": "none") and garbage with 401', async () => {
      const unsigned = jwt.sign({ sub: elsId, role: 'admin', typ: 'access' }, '', { algorithm: 'none' });
      expect((await api.as(unsigned).get('organisations')).body).toMatchObject(invalid);
      expect((await api.as('not-a-token').get('organisations')).body).toMatchObject(invalid);
    });

    it('refuses a correctly signed token that is not an access token', async () => {
      const other = jwt.sign({ sub: elsId, role: 'officer', typ: 'refresh' }, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: 600 });
      expect((await api.as(other).get('organisations')).body).toMatchObject(invalid);
    });

    it('refuses a correctly signed token without a user id or a known role', async () => {
      const noRole = jwt.sign({ sub: elsId, role: 'superuser', typ: 'access' }, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: 600 });
      expect((await api.as(noRole).get('organisations')).body).toMatchObject(invalid);
      const noUser = jwt.sign({ sub: 'els', role: 'officer', typ: 'access' }, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: 600 });
      expect((await api.as(noUser).get('organisations')).body).toMatchObject(invalid);
      const badSession = jwt.sign({ sub: elsId, role: 'officer', typ: 'access', sid: 'every session' }, TEST_JWT_SECRET, {
        algorithm: 'HS256',
        expiresIn: 600,
      });
      expect((await api.as(badSession).get('organisations')).body).toMatchObject(invalid);
    });
  });

  describe('POST /auth/refresh', () => {
    it('answers a new pair and uses the old refresh token up', async () => {
      const first = (await login(els.email, els.password)).body;
      const second = await api.as(null).post('auth/refresh', { refreshToken: first.refreshToken });
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600, user: { id: elsId } });
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      expect((await api.as(second.body.accessToken).get('auth/me')).status).toBe(200);
    });

    afterEach(() => {
      jest.restoreAllMocks();
    });

    /** The service's clock, this far ahead of now from here on. */
    const later = (ms: number) => jest.spyOn(api.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + ms));

    it('answers a replaced token presented again within the reuse interval with a new pair of the same session', async () => {
      // A page reloaded while the previous page's refresh was in flight: it never saw the successor.
      const first = (await login(els.email, els.password)).body;
      const second = await api.as(null).post('auth/refresh', { refreshToken: first.refreshToken });
      expect(second.status).toBe(200);
      later(REFRESH_REUSE_INTERVAL_MS - 5_000);
      const again = await api.as(null).post('auth/refresh', { refreshToken: first.refreshToken });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ tokenType: 'Bearer', user: { id: elsId } });
      expect(again.body.refreshToken).not.toBe(second.body.refreshToken);
      const sid = (token: string) => (jwt.decode(token) as jwt.JwtPayload).sid;
      expect(sid(again.body.accessToken)).toBe(sid(first.accessToken));
      // The session still works, through either successor, and so does its first access token.
      expect((await api.as(again.body.accessToken).get('auth/me')).status).toBe(200);
      expect((await api.as(first.accessToken).get('auth/me')).status).toBe(200);
      const onward = await api.as(null).post('auth/refresh', { refreshToken: again.body.refreshToken });
      expect(onward.status).toBe(200);
      expect((await api.as(null).post('auth/refresh', { refreshToken: second.body.refreshToken })).status).toBe(200);
      expect((await api.as(onward.body.accessToken).get('auth/me')).status).toBe(200);
    });

    it('refuses a signed-out refresh token even within the reuse interval, and ends its session', async () => {
      const first = (await login(els.email, els.password)).body;
      const second = (await api.as(null).post('auth/refresh', { refreshToken: first.refreshToken })).body;
      expect((await api.as(null).post('auth/logout', { refreshToken: second.refreshToken })).status).toBe(204);
      for (const refreshToken of [second.refreshToken, first.refreshToken]) {
        const replay = await api.as(null).post('auth/refresh', { refreshToken });
        expect(replay.status).toBe(401);
        expect(replay.body).toEqual({
          statusCode: 401,
          code: 'unauthorized',
          message: 'The refresh token is not valid, or it expired or was already used; sign in again',
          details: [],
          requestId: expect.any(String),
        });
      }
      expect((await api.as(second.accessToken).get('auth/me')).status).toBe(401);
    });

    it('refuses a refresh token used a second time after the reuse interval, and then also ends the session it belongs to', async () => {
      const first = (await login(els.email, els.password)).body;
      const second = (await api.as(null).post('auth/refresh', { refreshToken: first.refreshToken })).body;

      later(REFRESH_REUSE_INTERVAL_MS + 1_000);
      const replay = await api.as(null).post('auth/refresh', { refreshToken: first.refreshToken });
      expect(replay.status).toBe(401);
      expect(replay.body).toEqual({
        statusCode: 401,
        code: 'unauthorized',
        message: 'The refresh token is not valid, or it expired or was already used; sign in again',
        details: [],
        requestId: expect.any(String),
      });
      // The legitimate holder's newer token is revoked too: whoever replayed cannot keep going either.
      expect((await api.as(null).post('auth/refresh', { refreshToken: second.refreshToken })).status).toBe(401);
      // Other sessions of the same user are untouched.
      const other = (await login(els.email, els.password)).body;
      expect((await api.as(null).post('auth/refresh', { refreshToken: other.refreshToken })).status).toBe(200);
    });

    it('refuses an unknown or expired refresh token with 401', async () => {
      expect((await api.as(null).post('auth/refresh', { refreshToken: 'A'.repeat(43) })).status).toBe(401);
      const session = (await login(els.email, els.password)).body;
      await api.app
        .get(DataSource)
        .query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE revoked_at IS NULL AND user_id = $1`, [elsId]);
      expect((await api.as(null).post('auth/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
    });

    it('rejects a body without refreshToken with 400', async () => {
      const response = await api.as(null).post('auth/refresh', {});
      expect(response.status).toBe(400);
      expect(response.body.details).toContainEqual({ field: 'refreshToken', message: 'refreshToken is required' });
    });
  });

  describe('POST /auth/logout', () => {
    it('revokes the refresh token (204): it cannot be refreshed afterwards', async () => {
      const session = (await login(els.email, els.password)).body;
      const response = await api.as(null).post('auth/logout', { refreshToken: session.refreshToken });
      expect(response.status).toBe(204);
      expect(response.body).toBe('');
      const refresh = await api.as(null).post('auth/refresh', { refreshToken: session.refreshToken });
      expect(refresh.status).toBe(401);
      expect(refresh.body.code).toBe('unauthorized');
    });

    it('answers 204 again for a token already revoked or unknown', async () => {
      expect((await api.as(null).post('auth/logout', { refreshToken: 'B'.repeat(43) })).status).toBe(204);
    });
  });
});
