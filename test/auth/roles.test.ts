import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * Who may do what: admins everything; officers read everything and change the mission data
 * (but not users); viewers only read. Officers change only their own follow-up actions.
 */
describe('roles', () => {
  let api: TestApp;
  const tokens = {} as Record<'els' | 'tom' | 'viewer', string>;
  const ids = {} as Record<'els' | 'tom' | 'viewer' | 'mission2023' | 'mission2018' | 'mowVisit' | 'followUp2018', string>;

  const user = async (email: string, name: string, role: string): Promise<[string, string]> => {
    const password = `${name} follows up Vietnam 2023`;
    const created = await api.post('users', { email, name, role, password });
    expect(created.status).toBe(201);
    return [created.body.id, await api.signIn(email, password)];
  };

  const mission = async (code: string, title: string, startDate: string, endDate: string, ownerId?: string): Promise<string> => {
    const created = await api.post('missions', {
      code,
      title,
      type: 'economic_mission',
      hostCountries: ['VN'],
      startDate,
      endDate,
      timeZone: 'Asia/Ho_Chi_Minh',
      ownerId,
    });
    expect(created.status).toBe(201);
    return created.body.id;
  };

  const action = async (token: string, body: Record<string, unknown>): Promise<{ id: string; version: number }> => {
    const created = await api.as(token).post('actions', body);
    expect(created.status).toBe(201);
    return created.body;
  };

  beforeAll(async () => {
    api = await startTestApp();
    [ids.els, tokens.els] = await user('els.vermeulen@fit.example', 'Els Vermeulen', 'officer');
    [ids.tom, tokens.tom] = await user('tom.peeters@fit.example', 'Tom Peeters', 'officer');
    [ids.viewer, tokens.viewer] = await user('an.claes@fit.example', 'An Claes', 'viewer');
    ids.mission2023 = await mission('VN-2023', 'Economic mission to Vietnam 2023', '2023-09-11', '2023-09-16');
    // Tom is the responsible officer of the earlier mission.
    ids.mission2018 = await mission('VN-2018', 'Economic mission to Vietnam 2018', '2018-05-13', '2018-05-18', ids.tom);
    ids.mowVisit = (
      await action(api.token, {
        title: 'MOW visit to Vietnam for the Mekong River Commission',
        missionId: ids.mission2023,
        ownerId: ids.els,
        dueLabel: 'early November 2023',
      })
    ).id;
    ids.followUp2018 = (await action(api.token, { title: 'Individual follow-up appointments (2018)', missionId: ids.mission2018, ownerId: ids.els })).id;
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  const anyId = randomUUID();
  const WRITES: [string, string][] = [
    ['POST', 'organisations'],
    ['PATCH', `organisations/${anyId}`],
    ['DELETE', `organisations/${anyId}`],
    ['POST', 'contacts'],
    ['PATCH', `contacts/${anyId}`],
    ['DELETE', `contacts/${anyId}`],
    ['POST', 'missions'],
    ['PATCH', `missions/${anyId}`],
    ['DELETE', `missions/${anyId}`],
    ['POST', `missions/${anyId}/participants`],
    ['PATCH', `missions/${anyId}/participants/${anyId}`],
    ['DELETE', `missions/${anyId}/participants/${anyId}`],
    ['POST', 'meetings'],
    ['PATCH', `meetings/${anyId}`],
    ['DELETE', `meetings/${anyId}`],
    ['POST', 'agreements'],
    ['PATCH', `agreements/${anyId}`],
    ['DELETE', `agreements/${anyId}`],
    ['POST', 'actions'],
    ['PATCH', `actions/${anyId}`],
    ['DELETE', `actions/${anyId}`],
    ['POST', `reminders/${anyId}/snooze`],
    ['POST', `reminders/${anyId}/skip`],
    ['POST', 'users'],
    ['PATCH', `users/${anyId}`],
    ['DELETE', `users/${anyId}`],
  ];

  describe('a viewer', () => {
    it.each(WRITES)('cannot %s /%s (403)', async (method, path) => {
      const response = await api.as(tokens.viewer).request(method, path, method === 'DELETE' ? undefined : {});
      expect(response.status).toBe(403);
      expect(response.body).toEqual({
        statusCode: 403,
        code: 'forbidden',
        message: path.startsWith('users') ? 'Only admin users may do this; you are a viewer' : 'A viewer may only read; changes need the officer or admin role',
        details: [],
        requestId: expect.any(String),
      });
    });

    it('changes nothing by trying: a refused PATCH leaves the action as it was', async () => {
      const before = (await api.get(`actions/${ids.mowVisit}`)).body;
      expect((await api.as(tokens.viewer).patch(`actions/${ids.mowVisit}`, { title: 'Changed', version: before.version })).status).toBe(403);
      expect((await api.get(`actions/${ids.mowVisit}`)).body).toEqual(before);
    });

    it.each(['organisations', 'contacts', 'missions', 'meetings', 'agreements', 'actions', 'reminders', 'users'])('reads /%s', async (path) => {
      expect((await api.as(tokens.viewer).get(path)).status).toBe(200);
    });

    it('reads one mission, its participants and its summary', async () => {
      expect((await api.as(tokens.viewer).get(`missions/${ids.mission2023}`)).status).toBe(200);
      expect((await api.as(tokens.viewer).get(`missions/${ids.mission2023}/participants`)).status).toBe(200);
      expect((await api.as(tokens.viewer).get(`missions/${ids.mission2023}/summary`)).status).toBe(200);
    });
  });

  describe('an officer', () => {
    it('reads users but cannot add, change or archive them (403)', async () => {
      expect((await api.as(tokens.tom).get('users')).status).toBe(200);
      expect((await api.as(tokens.tom).get(`users/${ids.els}`)).status).toBe(200);
      const create = await api.as(tokens.tom).post('users', { email: 'new.officer@fit.example', name: 'New Officer' });
      expect(create.status).toBe(403);
      expect(create.body).toMatchObject({ code: 'forbidden', message: 'Only admin users may do this; you are an officer' });
      expect((await api.as(tokens.tom).patch(`users/${ids.els}`, { role: 'admin' })).status).toBe(403);
      expect((await api.as(tokens.tom).patch(`users/${ids.tom}`, { role: 'admin' })).status).toBe(403);
      expect((await api.as(tokens.tom).delete(`users/${ids.els}`)).status).toBe(403);
      expect((await api.get(`users/${ids.tom}`)).body.role).toBe('officer');
    });

    it('adds and changes organisations, contacts, missions, participants and meetings', async () => {
      const nxtport = await api.as(tokens.tom).post('organisations', { name: 'NXTPORT International', kind: 'company', country: 'BE' });
      expect(nxtport.status).toBe(201);
      expect((await api.as(tokens.tom).patch(`organisations/${nxtport.body.id}`, { city: 'Antwerp', version: 1 })).status).toBe(200);
      expect((await api.as(tokens.tom).post('contacts', { organisationId: nxtport.body.id, name: 'Delegate of NXTPORT' })).status).toBe(201);
      expect((await api.as(tokens.tom).post(`missions/${ids.mission2023}/participants`, { organisationId: nxtport.body.id })).status).toBe(201);
      expect(
        (await api.as(tokens.tom).post('meetings', { missionId: ids.mission2023, kind: 'b2b', title: 'B2B with Vinamarine', startsAt: '2023-09-13T03:00:00Z' }))
          .status,
      ).toBe(201);
      expect((await api.as(tokens.tom).patch(`missions/${ids.mission2023}`, { theme: '50 years of diplomatic relations', version: 1 })).status).toBe(200);
    });

    it('creates follow-up actions on any mission', async () => {
      const created = await api
        .as(tokens.tom)
        .post('actions', { title: 'Mission for the EU project GOOSE', missionId: ids.mission2023, ownerId: ids.els, dueLabel: 'March 2024' });
      expect(created.status).toBe(201);
    });

    it("cannot change or archive another officer's action (403), an action of a mission that is not theirs", async () => {
      const current = (await api.get(`actions/${ids.mowVisit}`)).body;
      const patch = await api.as(tokens.tom).patch(`actions/${ids.mowVisit}`, { status: 'done', version: current.version });
      expect(patch.status).toBe(403);
      expect(patch.body).toEqual({
        statusCode: 403,
        code: 'forbidden',
        message: `action ${ids.mowVisit} is not yours: only its owner, the responsible officer of its mission or an admin may change it`,
        details: [],
        requestId: expect.any(String),
      });
      expect((await api.as(tokens.tom).delete(`actions/${ids.mowVisit}`)).status).toBe(403);
      expect((await api.get(`actions/${ids.mowVisit}`)).body).toEqual(current);
    });

    it('changes an action they own', async () => {
      const current = (await api.get(`actions/${ids.mowVisit}`)).body;
      const patch = await api.as(tokens.els).patch(`actions/${ids.mowVisit}`, { status: 'in_progress', version: current.version });
      expect(patch.status).toBe(200);
      expect(patch.body.status).toBe('in_progress');
    });

    it('changes an action of a mission they are the responsible officer of, whoever owns it', async () => {
      const current = (await api.get(`actions/${ids.followUp2018}`)).body;
      const patch = await api.as(tokens.tom).patch(`actions/${ids.followUp2018}`, { outcome: 'Appointments held', version: current.version });
      expect(patch.status).toBe(200);
    });

    it('archives an action they own', async () => {
      const own = await action(tokens.els, { title: 'Info session on Vietnam', missionId: ids.mission2023, ownerId: ids.els });
      expect((await api.as(tokens.els).delete(`actions/${own.id}`)).status).toBe(204);
    });
  });

  describe('an admin', () => {
    it('changes any action', async () => {
      const current = (await api.get(`actions/${ids.mowVisit}`)).body;
      expect((await api.patch(`actions/${ids.mowVisit}`, { status: 'done', version: current.version })).status).toBe(200);
    });
  });

  describe('the acting user', () => {
    const assignmentNotices = async (actionId: string): Promise<number> =>
      ((await api.get(`actions/${actionId}/reminders?kind=assignment`)).body.items as { kind: string; recipientId: string }[]).filter(
        (reminder) => reminder.kind === 'assignment',
      ).length;

    it('gets no assignment notice for an action they give themselves; someone given one by another does', async () => {
      const own = await action(tokens.els, { title: 'Webinar on business in Vietnam', missionId: ids.mission2023, ownerId: ids.els });
      expect(await assignmentNotices(own.id)).toBe(0);
      const given = await action(tokens.els, { title: 'State visit preparations', missionId: ids.mission2023, ownerId: ids.tom });
      expect(await assignmentNotices(given.id)).toBe(1);
    });
  });
});
