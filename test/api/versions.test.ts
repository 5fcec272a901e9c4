import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type ApiResponse, type TestApp } from '../support/app.js';
import { VIETNAM_2023 } from '../support/fixtures.js';

/**
 * Lost updates: every resource carries a `version`; a change sent with a version that is no
 * longer current is a 409 stale_version, whether the version came in the body or as If-Match.
 */
describe('versions and lost updates', () => {
  let api: TestApp;
  let missionId: string;

  const stale = (resource: string, id: string, sent: number, current: number, response: ApiResponse) => ({
    statusCode: 409,
    code: 'stale_version',
    message: `${resource} ${id} was changed by someone else: you sent version ${sent}, the current version is ${current}; reload it and apply your change again`,
    details: [{ field: 'version', message: `current version is ${current}` }],
    requestId: response.headers.get('x-request-id'),
  });

  const newAction = async (title: string): Promise<{ id: string; version: number }> => {
    const created = await api.post('actions', { title, missionId, dueLabel: 'March 2024' });
    expect(created.status).toBe(201);
    return created.body;
  };

  beforeAll(async () => {
    api = await startTestApp();
    const mission = await api.post('missions', VIETNAM_2023);
    expect(mission.status).toBe(201);
    missionId = mission.body.id;
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  describe('two PATCHes of one action sent at once with the same version', () => {
    it('let exactly one win (200); the other is a 409 stale_version and changes nothing, round after round', async () => {
      const action = await newAction('Mission for the EU project GOOSE');
      for (let round = 0; round < 5; round += 1) {
        const version = action.version + round;
        const [first, second] = await Promise.all([
          api.patch(`actions/${action.id}`, { outcome: `first, round ${round}`, version }),
          api.patch(`actions/${action.id}`, { outcome: `second, round ${round}`, version }),
        ]);
        const statuses = [first.status, second.status].sort();
        expect(statuses).toEqual([200, 409]);
        const [winner, loser] = first.status === 200 ? [first, second] : [second, first];
        expect(winner.body.version).toBe(version + 1);
        expect(loser.body).toEqual(stale('action', action.id, version, version + 1, loser));
        const stored = await api.get(`actions/${action.id}`);
        expect(stored.body).toMatchObject({ version: version + 1, outcome: winner.body.outcome });
      }
    });

    it('let exactly one of five win when the version comes as If-Match', async () => {
      const action = await newAction('State visit to Vietnam');
      const responses = await Promise.all(
        [1, 2, 3, 4, 5].map((n) => api.request('PATCH', `actions/${action.id}`, { outcome: `attempt ${n}` }, { 'if-match': `"${action.version}"` })),
      );
      expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
      const losers = responses.filter((response) => response.status !== 200);
      expect(losers).toHaveLength(4);
      for (const loser of losers) expect(loser.body).toEqual(stale('action', action.id, action.version, action.version + 1, loser));
      expect((await api.get(`actions/${action.id}`)).body.version).toBe(action.version + 1);
    });
  });

  describe('ETag and If-Match', () => {
    it('answers a single resource with its version as ETag, on create, read and change', async () => {
      const created = await api.post('actions', { title: 'Webinar on doing business in Vietnam', missionId });
      expect(created.headers.get('etag')).toBe('"1"');
      expect((await api.get(`actions/${created.body.id}`)).headers.get('etag')).toBe('"1"');
      const changed = await api.request('PATCH', `actions/${created.body.id}`, { status: 'in_progress' }, { 'if-match': '"1"' });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).toBe('"2"');
      // Lists have no single version.
      expect((await api.get('actions')).headers.get('etag')).toBeNull();
    });

    it('refuses a stale If-Match with the same 409 as a stale version in the body, and changes nothing', async () => {
      const action = await newAction('Info session for the participating companies');
      expect((await api.patch(`actions/${action.id}`, { outcome: 'Planned for October' })).status).toBe(200);
      const before = (await api.get(`actions/${action.id}`)).body;
      const response = await api.request('PATCH', `actions/${action.id}`, { outcome: 'Overwritten' }, { 'if-match': '"1"' });
      expect(response.status).toBe(409);
      expect(response.body).toEqual(stale('action', action.id, 1, 2, response));
      expect((await api.get(`actions/${action.id}`)).body).toEqual(before);
    });

    it('takes the tag quoted or bare, and * as any version', async () => {
      const action = await newAction('Individual follow-up appointments');
      expect((await api.request('PATCH', `actions/${action.id}`, { outcome: 'a' }, { 'if-match': '1' })).status).toBe(200);
      expect((await api.request('PATCH', `actions/${action.id}`, { outcome: 'b' }, { 'if-match': '*' })).status).toBe(200);
      expect((await api.request('PATCH', `actions/${action.id}`, { outcome: 'c', version: 3 }, { 'if-match': '"3"' })).status).toBe(200);
    });

    const body = (resource: 'mission' | 'organisation' | 'user'): Record<string, string> =>
      resource === 'mission' ? { theme: '50 years of diplomatic relations' } : resource === 'organisation' ? { city: 'Antwerp' } : { language: 'en' };

    it('works the same on every resource: a mission, an organisation, a user', async () => {
      const organisation = (await api.post('organisations', { name: 'NXTPORT International', kind: 'company', country: 'BE' })).body;
      const user = (await api.post('users', { email: 'els.vermeulen@fit.example', name: 'Els Vermeulen' })).body;
      for (const [resource, path] of [
        ['mission', `missions/${missionId}`],
        ['organisation', `organisations/${organisation.id}`],
        ['user', `users/${user.id}`],
      ] as const) {
        const { version, id } = (await api.get(path)).body;
        const stalePatch = await api.request('PATCH', path, body(resource), { 'if-match': `"${version + 1}"` });
        expect([resource, stalePatch.status]).toEqual([resource, 409]);
        expect(stalePatch.body).toEqual(stale(resource, id, version + 1, version, stalePatch));
        const fresh = await api.request('PATCH', path, body(resource), { 'if-match': `"${version}"` });
        expect([resource, fresh.status, fresh.headers.get('etag')]).toEqual([resource, 200, `"${version + 1}"`]);
      }
    });

    it.each([
      ['"abc"', 'If-Match'],
      ['W/"1"', 'If-Match'],
      ['"1", "2"', 'If-Match'],
      ['"0"', 'If-Match'],
    ])('rejects If-Match %s with 400 naming the header', async (header, field) => {
      const action = await newAction('Satisfaction survey of the participating companies');
      const response = await api.request('PATCH', `actions/${action.id}`, { outcome: 'x' }, { 'if-match': header });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        statusCode: 400,
        code: 'validation_failed',
        message: 'If-Match must be the version you last read, as its ETag gives it, such as "3"',
        details: [{ field, message: 'If-Match must be the version you last read, as its ETag gives it, such as "3"' }],
        requestId: response.headers.get('x-request-id'),
      });
      expect((await api.get(`actions/${action.id}`)).body.version).toBe(1);
    });

    it('rejects a version in the body that disagrees with If-Match with 400', async () => {
      const action = await newAction('MOW visit to Vietnam for the Mekong River Commission');
      const response = await api.request('PATCH', `actions/${action.id}`, { outcome: 'x', version: 1 }, { 'if-match': '"2"' });
      expect(response.status).toBe(400);
      const message = 'version 1 in the body and If-Match "2" disagree; send the version once';
      expect(response.body).toEqual({
        statusCode: 400,
        code: 'validation_failed',
        message,
        details: [{ field: 'version', message }],
        requestId: expect.any(String),
      });
    });

    it('answers 401 before looking at If-Match when there is no token', async () => {
      const action = await newAction('Letter of intent signed by the MOW secretary-general');
      const response = await api.as(null).request('PATCH', `actions/${action.id}`, { outcome: 'x' }, { 'if-match': 'nonsense' });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ statusCode: 401, code: 'unauthorized' });
    });

    it('documents If-Match on every PATCH of the OpenAPI document', async () => {
      const document = (await api.as(null).get('/api/docs-json')).body as {
        paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
      };
      const patches = Object.entries(document.paths).filter(([, methods]) => methods.patch);
      expect(patches.length).toBeGreaterThanOrEqual(8);
      for (const [path, methods] of patches) {
        expect([path, methods.patch.parameters?.some((parameter) => parameter.in === 'header' && parameter.name === 'If-Match')]).toEqual([path, true]);
      }
    });
  });
});
