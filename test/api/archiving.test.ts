import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../../src/common/clock.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { VIETNAM_2023 } from '../support/fixtures.js';

/**
 * DESIGN.md, "Archiving": DELETE archives; an archived record leaves lists and search but stays
 * readable by id with archivedAt, so that what refers to it never dangles; includeArchived=true
 * lists it and POST /{resource}/{id}/restore brings it back. Archiving a user ends their sessions
 * and tokens and hands their planned reminders on; the last active admin stays.
 */

/** 2024-01-15, 11:00 in Brussels: the follow-up of the Vietnam mission is under way. */
const NOW = new Date('2024-01-15T10:00:00Z');

describe('archiving', () => {
  let api: TestApp;
  const ids = {} as Record<'monument' | 'vinamarine' | 'leader' | 'earlier' | 'mission' | 'els' | 'tom' | 'meeting' | 'agreement' | 'goose', string>;
  const officerPassword = 'Haiphong-port-2023!';

  const archivedError = (resource: string, path: string, id: string) => ({
    statusCode: 409,
    code: 'archived',
    message: `${resource} ${id} is archived: restore it first (POST /api/v1/${path}/${id}/restore)`,
    details: [],
    requestId: expect.any(String),
  });

  /** The ids a list answers, archived ones only when asked for. */
  async function listed(path: string, query = ''): Promise<string[]> {
    const response = await api.get<{ items: { id: string }[] }>(`${path}?limit=200${query}`);
    expect(response.status).toBe(200);
    return response.body.items.map((item) => item.id);
  }

  /** Archives, then checks what every archivable resource promises: read by id, out of lists and search, in with includeArchived, read-only, restorable. */
  async function expectArchiveContract(path: string, resource: string, id: string, search: string): Promise<void> {
    const before = await api.get<{ version: number }>(`${path}/${id}`);
    expect((await api.delete(`${path}/${id}`)).status).toBe(204);

    const read = await api.get(`${path}/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, archivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });

    expect(await listed(path)).not.toContain(id);
    expect(await listed(path, `&q=${encodeURIComponent(search)}`)).not.toContain(id);
    expect(await listed(path, '&includeArchived=true')).toContain(id);
    expect(await listed(path, `&includeArchived=true&q=${encodeURIComponent(search)}`)).toContain(id);

    const change = await api.patch(`${path}/${id}`, { version: read.body.version });
    expect(change.status).toBe(409);
    expect(change.body).toEqual(archivedError(resource, path, id));
    const again = await api.delete(`${path}/${id}`);
    expect(again.status).toBe(409);
    expect(again.body).toEqual(archivedError(resource, path, id));

    const restored = await api.post(`${path}/${id}/restore`, undefined);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id, archivedAt: null });
    expect(restored.body.version).toBeGreaterThanOrEqual(before.body.version);
    expect(await listed(path, `&q=${encodeURIComponent(search)}`)).toContain(id);
    // Restoring what is not archived changes nothing.
    const twice = await api.post(`${path}/${id}/restore`, undefined);
    expect(twice.status).toBe(200);
    expect(twice.body).toEqual(restored.body);

    const history = await api.get<{ items: { action: string }[] }>(`${path}/${id}/history`);
    expect(history.status).toBe(200);
    // Newest first.
    expect(history.body.items.map((entry) => entry.action).slice(0, 2)).toEqual(['restore', 'archive']);
  }

  beforeAll(async () => {
    api = await startTestApp();
    jest.spyOn(api.app.get(Clock), 'now').mockReturnValue(NOW);
    ids.monument = (await api.create('organisations', { name: 'Monument', kind: 'company', country: 'BE', city: 'Gent' })).id;
    ids.vinamarine = (await api.create('organisations', { name: 'Vinamarine', kind: 'government_body', country: 'VN', city: 'Hà Nội' })).id;
    ids.leader = (await api.create('contacts', { name: 'Jan Jambon', role: 'Minister-President' })).id;
    ids.els = (await api.create('users', { email: 'els.vermeulen@fit.example', name: 'Els Vermeulen', password: officerPassword })).id;
    ids.tom = (await api.create('users', { email: 'tom.peeters@fit.example', name: 'Tom Peeters', password: officerPassword })).id;
    ids.earlier = (
      await api.create('missions', {
        ...VIETNAM_2023,
        code: 'VN-2018',
        title: 'Economic mission to Vietnam 2018',
        startDate: '2018-03-19',
        endDate: '2018-03-24',
      })
    ).id;
    ids.mission = (await api.create('missions', { ...VIETNAM_2023, leaderContactId: ids.leader, ownerId: ids.tom, previousMissionId: ids.earlier })).id;
    await api.create(`missions/${ids.mission}/participants`, { organisationId: ids.monument });
    ids.meeting = (
      await api.create('meetings', {
        missionId: ids.mission,
        kind: 'official',
        title: 'Meeting with Vinamarine',
        startsAt: '2023-09-13T09:00:00+07:00',
        organisationIds: [ids.monument],
        counterpartOrganisationIds: [ids.vinamarine],
      })
    ).id;
    ids.agreement = (
      await api.create('agreements', {
        type: 'mou',
        title: 'MoU on port digitalisation',
        partyIds: [ids.monument, ids.vinamarine],
        missionId: ids.mission,
        signedOn: '2023-09-13',
      })
    ).id;
    ids.goose = (
      await api.create('actions', {
        title: 'Mission for the EU project GOOSE',
        missionId: ids.mission,
        ownerId: ids.els,
        organisationIds: [ids.vinamarine],
        dueLabel: 'March 2024',
      })
    ).id;
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('each resource', () => {
    it('organisations: an organisation on a past delegation, a meeting, an agreement and an action stays readable', async () => {
      expect((await api.delete(`organisations/${ids.vinamarine}`)).status).toBe(204);
      // Everything that names it still does, and the name behind the id can still be read.
      expect((await api.get(`agreements/${ids.agreement}`)).body.partyIds).toContain(ids.vinamarine);
      expect((await api.get(`actions/${ids.goose}`)).body.organisationIds).toEqual([ids.vinamarine]);
      expect((await api.get(`organisations/${ids.vinamarine}`)).body).toMatchObject({ name: 'Vinamarine', archivedAt: expect.any(String) });
      expect((await api.post(`organisations/${ids.vinamarine}/restore`, undefined)).status).toBe(200);

      const participants = await api.get<{ items: { organisationId: string }[] }>(`missions/${ids.mission}/participants`);
      expect(participants.body.items.map((item) => item.organisationId)).toEqual([ids.monument]);
      await expectArchiveContract('organisations', 'organisation', ids.monument, 'Monument');
    });

    it('refuses to restore an organisation whose enterprise number was given to another since (409)', async () => {
      const first = await api.create('organisations', { name: 'NXTPORT International', kind: 'company', country: 'BE', enterpriseNumber: '0403.170.701' });
      expect((await api.delete(`organisations/${first.id}`)).status).toBe(204);
      await api.create('organisations', { name: 'NXTPORT', kind: 'company', country: 'BE', enterpriseNumber: '0403170701' });
      const restored = await api.post(`organisations/${first.id}/restore`, undefined);
      expect(restored.status).toBe(409);
      expect(restored.body).toMatchObject({ code: 'conflict', details: [{ field: 'enterpriseNumber', message: 'already used by another organisation' }] });
    });

    it("contacts: the mission's leader", async () => {
      await expectArchiveContract('contacts', 'contact', ids.leader, 'Jambon');
      expect((await api.get(`missions/${ids.mission}`)).body.leaderContactId).toBe(ids.leader);
    });

    it('missions: the previous mission, and its code must be free to come back', async () => {
      await expectArchiveContract('missions', 'mission', ids.earlier, 'VN-2018');
      expect((await api.get(`missions/${ids.mission}`)).body.previousMissionId).toBe(ids.earlier);

      expect((await api.delete(`missions/${ids.earlier}`)).status).toBe(204);
      const taken = await api.create('missions', { ...VIETNAM_2023, code: 'vn-2018', title: 'Another mission' });
      const restored = await api.post(`missions/${ids.earlier}/restore`, undefined);
      expect(restored.status).toBe(409);
      expect(restored.body).toMatchObject({ code: 'conflict', message: 'another mission already has code VN-2018' });
      expect((await api.delete(`missions/${taken.id}`)).status).toBe(204);
      expect((await api.post(`missions/${ids.earlier}/restore`, undefined)).status).toBe(200);
    });

    it('meetings', async () => {
      await expectArchiveContract('meetings', 'meeting', ids.meeting, 'Vinamarine');
    });

    it('agreements', async () => {
      await expectArchiveContract('agreements', 'agreement', ids.agreement, 'port digitalisation');
    });

    it('actions: archiving cancels the planned reminders, restoring plans them again', async () => {
      const planned = async (): Promise<string[]> => {
        const response = await api.get<{ items: { kind: string; status: string }[] }>(`actions/${ids.goose}/reminders?status=planned&limit=200`);
        // The assignment notice went out with the first plan (no worker runs here: still planned); a restore does not repeat it.
        return response.body.items
          .map((item) => item.kind)
          .filter((kind) => kind !== 'assignment')
          .sort();
      };
      const plan = await planned();
      expect(plan).toEqual(expect.arrayContaining(['heads_up', 'due', 'overdue', 'escalation']));
      await expectArchiveContract('actions', 'action', ids.goose, 'GOOSE');
      expect(await planned()).toEqual(plan);
    });

    it('answers 404 to a restore of an id that names nothing, and 400 to one that is no UUID', async () => {
      const unknown = await api.post('missions/00000000-0000-4000-8000-000000000000/restore', undefined);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'not_found', message: 'mission 00000000-0000-4000-8000-000000000000 not found' });
      const malformed = await api.post('contacts/nope/restore', undefined);
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'id', message: 'id must be a UUID' }] });
    });

    it('lets only admins restore a user, and viewers restore nothing', async () => {
      const viewer = await api.create('users', { email: 'viewer@fit.example', name: 'Viewer', role: 'viewer', password: officerPassword });
      const viewerToken = await api.signIn(viewer.email, officerPassword);
      const byViewer = await api.as(viewerToken).post(`contacts/${ids.leader}/restore`, undefined);
      expect(byViewer.status).toBe(403);
      expect(byViewer.body).toMatchObject({ code: 'forbidden' });
      const officerToken = await api.signIn('tom.peeters@fit.example', officerPassword);
      const byOfficer = await api.as(officerToken).post(`users/${viewer.id}/restore`, undefined);
      expect(byOfficer.status).toBe(403);
      expect(byOfficer.body).toMatchObject({ code: 'forbidden', message: 'Only admin users may do this; you are an officer' });
    });
  });

  describe('users', () => {
    it('ends their sessions and API tokens at once, hands escalations on and cancels their own reminders with a reason', async () => {
      const session = await api.as(null).post('auth/login', { email: 'tom.peeters@fit.example', password: officerPassword });
      expect(session.status).toBe(200);
      const tomToken = session.body.accessToken as string;
      const apiToken = await api.as(tomToken).post('auth/tokens', { name: 'calendar sync', expiresAt: '2024-06-30T00:00:00Z' });
      expect(apiToken.status).toBe(201);

      // Tom is the mission's responsible officer: the escalation of Els's action is his.
      const escalation = async () =>
        (await api.get<{ items: { recipientId: string; status: string }[] }>(`actions/${ids.goose}/reminders?kind=escalation&status=planned`)).body.items;
      expect((await escalation()).map((item) => item.recipientId)).toEqual([ids.tom]);

      expect((await api.delete(`users/${ids.tom}`)).status).toBe(204);

      for (const token of [tomToken, apiToken.body.token as string]) {
        const refused = await api.as(token).get('missions');
        expect(refused.status).toBe(401);
        expect(refused.body).toMatchObject({ statusCode: 401, code: 'unauthorized', requestId: expect.any(String) });
      }
      const refresh = await api.as(null).post('auth/refresh', { refreshToken: session.body.refreshToken });
      expect(refresh.status).toBe(401);

      // No other officer answers for the mission: the admin does.
      expect((await escalation()).map((item) => item.recipientId)).toEqual([api.admin.id]);
      expect((await api.get(`missions/${ids.mission}`)).body.ownerId).toBe(ids.tom);
      expect((await api.get(`users/${ids.tom}`)).body).toMatchObject({ name: 'Tom Peeters', archivedAt: expect.any(String) });

      // Els leaves too: what was planned for her is cancelled, and says why; the escalation stays with the admin.
      expect((await api.delete(`users/${ids.els}`)).status).toBe(204);
      const hers = await api.get<{ items: { kind: string; status: string; reason: string | null }[] }>(`reminders?recipientId=${ids.els}&limit=200`);
      expect(hers.body.items.length).toBeGreaterThan(3);
      expect(hers.body.items.filter((item) => item.status === 'planned')).toEqual([]);
      const handedBack = hers.body.items.filter((item) => item.reason === 'recipient archived');
      expect(handedBack.every((item) => item.status === 'cancelled')).toBe(true);
      expect(new Set(handedBack.map((item) => item.kind))).toEqual(new Set(['heads_up', 'due_soon', 'due', 'overdue']));
      expect((await escalation()).map((item) => item.recipientId)).toEqual([api.admin.id]);

      const restored = await api.post(`users/${ids.tom}/restore`, undefined);
      expect(restored.status).toBe(200);
      expect(restored.body).toMatchObject({ id: ids.tom, archivedAt: null });
      // Back, and able to sign in again; the sessions and tokens that ended stay ended.
      expect(await api.signIn('tom.peeters@fit.example', officerPassword)).toEqual(expect.any(String));
      expect((await api.as(apiToken.body.token as string).get('missions')).status).toBe(401);
    });

    it('refuses to archive or demote the last active admin (409), and allows it once there is another', async () => {
      const me = await api.get(`users/${api.admin.id}`);
      const archive = await api.delete(`users/${api.admin.id}`);
      expect(archive.status).toBe(409);
      expect(archive.body).toEqual({
        statusCode: 409,
        code: 'last_admin',
        message: `user ${api.admin.id} is the last active admin and cannot be archived: make another user admin first`,
        details: [],
        requestId: expect.any(String),
      });
      const demote = await api.patch(`users/${api.admin.id}`, { role: 'officer', version: me.body.version });
      expect(demote.status).toBe(409);
      expect(demote.body).toMatchObject({
        code: 'last_admin',
        message: `user ${api.admin.id} is the last active admin and cannot be demoted: make another user admin first`,
      });
      expect((await api.get(`users/${api.admin.id}`)).body).toMatchObject({ role: 'admin', archivedAt: null, version: me.body.version });

      // An archived admin does not count.
      const gone = await api.create('users', { email: 'former.admin@fit.example', name: 'Former Admin', role: 'admin' });
      expect((await api.delete(`users/${gone.id}`)).status).toBe(204);
      expect((await api.delete(`users/${api.admin.id}`)).status).toBe(409);

      const second = await api.create('users', { email: 'second.admin@fit.example', name: 'Second Admin', role: 'admin', password: officerPassword });
      const demoted = await api.patch(`users/${api.admin.id}`, { role: 'officer', version: me.body.version });
      expect(demoted.status).toBe(200);
      expect(demoted.body.role).toBe('officer');
      // Now the second admin is the last one.
      const secondToken = await api.signIn(second.email, officerPassword);
      const self = await api.as(secondToken).delete(`users/${second.id}`);
      expect(self.status).toBe(409);
      expect(self.body).toMatchObject({ code: 'last_admin' });
    });
  });
});
