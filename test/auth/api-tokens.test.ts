import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock.service.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** Personal API tokens: made once, listed without their secret, read-only or not, expiring, revocable. */
describe('API tokens', () => {
  let api: TestApp;
  let tom: string;

  const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();

  beforeAll(async () => {
    api = await startTestApp();
    await api.post('users', { email: 'tom.peeters@fit.example', name: 'Tom Peeters', role: 'officer', password: 'autumn 2024 state visit' });
    tom = await api.signIn('tom.peeters@fit.example', 'autumn 2024 state visit');
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  it('creates a token shown once, stored as its SHA-256, listed afterwards by prefix only', async () => {
    const created = await api.as(tom).post('auth/tokens', { name: 'Quarterly report for parliament', expiresAt: inDays(90) });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Quarterly report for parliament',
      prefix: created.body.token.slice(0, 13),
      readOnly: false,
      expiresAt: expect.any(String),
      lastUsedAt: null,
      createdAt: expect.any(String),
      token: expect.stringMatching(/^mcrm_[A-Za-z0-9_-]{43}$/),
    });
    const token: string = created.body.token;

    const stored = await api.app.get(DataSource).query(`SELECT token_hash, prefix FROM api_tokens WHERE id = $1`, [created.body.id]);
    expect(stored).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex'), prefix: token.slice(0, 13) }]);

    const list = await api.as(tom).get('auth/tokens');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, limit: 50, offset: 0 });
    expect(list.body.items).toEqual([
      {
        id: created.body.id,
        name: 'Quarterly report for parliament',
        prefix: token.slice(0, 13),
        readOnly: false,
        expiresAt: created.body.expiresAt,
        lastUsedAt: null,
        createdAt: created.body.createdAt,
      },
    ]);
    expect(JSON.stringify(list.body)).not.toContain(token.slice(13));

    // Someone else's tokens are not in my list.
    expect((await api.get('auth/tokens')).body.total).toBe(0);
  });

  it('signs requests in as its owner, and records when it was last used', async () => {
    const { token, id } = (await api.as(tom).post('auth/tokens', { name: 'Dashboard sync', expiresAt: inDays(30) })).body;
    const me = await api.as(token).get('auth/me');
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('tom.peeters@fit.example');
    const created = await api.as(token).post('organisations', { name: 'CamCO Technologies', kind: 'company', country: 'BE' });
    expect(created.status).toBe(201);
    const listed = (await api.as(tom).get('auth/tokens')).body.items.find((item: { id: string }) => item.id === id);
    expect(listed.lastUsedAt).not.toBeNull();
  });

  it('limits a read-only token to GET: any change is a 403', async () => {
    const { token } = (await api.as(tom).post('auth/tokens', { name: 'Read-only report', expiresAt: inDays(30), readOnly: true })).body;
    expect((await api.as(token).get('organisations')).status).toBe(200);
    const write = await api.as(token).post('organisations', { name: 'Monument', kind: 'company', country: 'BE' });
    expect(write.status).toBe(403);
    expect(write.body).toEqual({
      statusCode: 403,
      code: 'forbidden',
      message: 'This API token is read-only: it may only GET',
      details: [],
      requestId: expect.any(String),
    });
    expect((await api.as(token).request('DELETE', `organisations/${'0'.repeat(8)}-0000-4000-8000-000000000000`)).status).toBe(403);
  });

  it('does not let an API token make further tokens', async () => {
    const { token } = (await api.as(tom).post('auth/tokens', { name: 'Integration', expiresAt: inDays(30) })).body;
    const response = await api.as(token).post('auth/tokens', { name: 'Successor', expiresAt: inDays(360) });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'forbidden', message: 'API tokens are made by a signed-in user, not with another API token' });
  });

  it('refuses an expired token with 401', async () => {
    const { token } = (await api.as(tom).post('auth/tokens', { name: 'Webinar sign-ups', expiresAt: inDays(1) })).body;
    expect((await api.as(token).get('organisations')).status).toBe(200);
    const later = jest.spyOn(api.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 2 * 86_400_000));
    try {
      const response = await api.as(token).get('organisations');
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="mission-crm", error="invalid_token"');
      expect(response.body).toEqual({
        statusCode: 401,
        code: 'unauthorized',
        message: 'The API token is not valid, or it expired or was revoked',
        details: [],
        requestId: expect.any(String),
      });
    } finally {
      later.mockRestore();
    }
  });

  it('revokes a token (204): it stops working at once and leaves the list', async () => {
    const { token, id } = (await api.as(tom).post('auth/tokens', { name: 'Info session mailing', expiresAt: inDays(60) })).body;
    expect((await api.as(tom).delete(`auth/tokens/${id}`)).status).toBe(204);
    const response = await api.as(token).get('organisations');
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('unauthorized');
    const ids = (await api.as(tom).get('auth/tokens')).body.items.map((item: { id: string }) => item.id);
    expect(ids).not.toContain(id);
    expect((await api.as(tom).delete(`auth/tokens/${id}`)).status).toBe(404);
  });

  it("answers 404 for revoking someone else's token, which keeps working", async () => {
    const { token, id } = (await api.as(tom).post('auth/tokens', { name: 'Kept', expiresAt: inDays(10) })).body;
    const response = await api.delete(`auth/tokens/${id}`);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'not_found', message: `API token ${id} not found` });
    expect((await api.as(token).get('auth/me')).status).toBe(200);
  });

  it('lets a viewer make and revoke tokens of their own (read-only or not, the role still only reads)', async () => {
    await api.post('users', { email: 'an.claes@fit.example', name: 'An Claes', role: 'viewer', password: 'survey of the companies' });
    const viewer = await api.signIn('an.claes@fit.example', 'survey of the companies');
    const created = await api.as(viewer).post('auth/tokens', { name: 'Viewer export', expiresAt: inDays(7) });
    expect(created.status).toBe(201);
    expect((await api.as(created.body.token).post('organisations', { name: 'X', kind: 'company', country: 'BE' })).status).toBe(403);
    expect((await api.as(viewer).delete(`auth/tokens/${created.body.id}`)).status).toBe(204);
  });

  it.each([
    [
      { name: 'Past', expiresAt: '2023-09-16T00:00:00Z' },
      { field: 'expiresAt', message: 'expiresAt must be in the future' },
    ],
    [
      { name: 'Garbled', expiresAt: 'FAR' },
      {
        field: 'expiresAt',
        message: 'expiresAt must be an ISO 8601 date-time with a UTC offset, such as 2023-09-12T11:00:00+07:00, or a date such as 2023-09-12',
      },
    ],
    [{ name: 'Missing end' }, { field: 'expiresAt', message: 'expiresAt is required' }],
    [{ expiresAt: '2099-01-01T00:00:00Z' }, { field: 'name', message: 'name is required' }],
    [
      { name: 'Flag', expiresAt: '2099-01-01T00:00:00Z', readOnly: 'yes' },
      { field: 'readOnly', message: 'readOnly must be a boolean value' },
    ],
    [
      { name: 'Secret', expiresAt: '2099-01-01T00:00:00Z', token: 'mcrm_mine' },
      { field: 'token', message: 'unknown field token: it is not part of this resource' },
    ],
  ])('rejects %j with 400 naming the field', async (body, detail) => {
    const response = await api.as(tom).post('auth/tokens', body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation_failed');
    expect(response.body.details).toContainEqual(detail);
  });

  it('refuses an end date more than one year ahead with 400', async () => {
    const response = await api.as(tom).post('auth/tokens', { name: 'Forever', expiresAt: inDays(367) });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'validation_failed',
      message: 'expiresAt must be at most one year ahead',
      details: [{ field: 'expiresAt', message: 'expiresAt must be at most one year ahead' }],
    });
    expect((await api.as(tom).post('auth/tokens', { name: 'Almost a year', expiresAt: inDays(364) })).status).toBe(201);
  });

  it('answers 400 for a token id that is not a UUID', async () => {
    const response = await api.as(tom).delete('auth/tokens/not-a-uuid');
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
  });
});
