import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ConflictError } from '../../src/common/errors.js';
import { ReminderPlanner } from '../../src/reminders/planning/reminder-planner.service.js';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface AuditEntryBody {
  id: string;
  occurredAt: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string;
  changes: Record<string, { before?: unknown; after?: unknown }>;
}
interface AuditPage {
  items: AuditEntryBody[];
  total: number;
  limit: number;
  offset: number;
}

describe('audit trail', () => {
  let api: TestApp;
  let officer: ApiClient;
  let viewer: ApiClient;
  const ids = {} as Record<'els' | 'tom' | 'an' | 'viewer' | 'mission' | 'nxtport' | 'vinamarine' | 'camco' | 'pmContact', string>;

  async function created(path: string, body: Record<string, unknown>, client: ApiClient = api): Promise<string> {
    const response = await client.post<{ id: string }>(path, body);
    if (response.status !== 201) throw new Error(`could not create ${path}: ${JSON.stringify(response.body)}`);
    return response.body.id;
  }

  /** A resource's history, oldest first. */
  async function history(path: string, client: ApiClient = api): Promise<AuditEntryBody[]> {
    const response = await client.get<AuditPage>(`${path}/history?sort=occurredAt`);
    expect(response.status).toBe(200);
    return response.body.items;
  }

  const version = async (path: string): Promise<number> => (await api.get<{ version: number }>(path)).body.version;

  beforeAll(async () => {
    api = await startTestApp();
    const password = 'Hanoi-Haiphong-2023';
    ids.els = await created('users', { email: 'els.vermeulen@fit.example', name: 'Els Vermeulen', role: 'officer', password });
    ids.tom = await created('users', { email: 'tom.peeters@fit.example', name: 'Tom Peeters', role: 'officer' });
    ids.an = await created('users', { email: 'an.claes@fit.example', name: 'An Claes', role: 'officer' });
    ids.viewer = await created('users', { email: 'viewer@fit.example', name: 'Read Only', role: 'viewer', password });
    officer = api.as(await api.signIn('els.vermeulen@fit.example', password));
    viewer = api.as(await api.signIn('viewer@fit.example', password));

    ids.nxtport = await created('organisations', { name: 'NXTPORT International', kind: 'company', country: 'BE' });
    ids.vinamarine = await created('organisations', { name: 'Vinamarine', kind: 'government_body', country: 'VN' });
    ids.camco = await created('organisations', { name: 'CamCO Technologies', kind: 'company', country: 'BE' });
    ids.pmContact = await created('contacts', { name: 'Pham Minh Chinh', role: 'Prime Minister' });
    ids.mission = await created('missions', {
      code: 'VN-2023',
      title: 'Economic mission to Vietnam',
      type: 'economic_mission',
      hostCountries: ['VN'],
      cities: ['Hanoi', 'Ho Chi Minh City'],
      startDate: '2023-09-11',
      endDate: '2023-09-16',
      timeZone: 'Asia/Ho_Chi_Minh',
      ownerId: ids.els,
    });
  });

  afterAll(async () => {
    await api.close();
  });

  describe('missions', () => {
    it('records the creation with the signed-in user, the time and every given field', async () => {
      const [entry, ...more] = await history(`missions/${ids.mission}`);
      expect(more).toEqual([]);
      expect(entry).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        occurredAt: expect.any(String),
        actorId: api.admin.id,
        action: 'create',
        entity: 'mission',
        entityId: ids.mission,
        changes: {
          code: { after: 'VN-2023' },
          title: { after: 'Economic mission to Vietnam' },
          type: { after: 'economic_mission' },
          hostCountries: { after: ['VN'] },
          cities: { after: ['Hanoi', 'Ho Chi Minh City'] },
          startDate: { after: '2023-09-11' },
          endDate: { after: '2023-09-16' },
          timeZone: { after: 'Asia/Ho_Chi_Minh' },
          ownerId: { after: ids.els },
          status: { after: 'planned' },
        },
      });
      const mission = await api.get<{ createdAt: string }>(`missions/${ids.mission}`);
      expect(Math.abs(Date.parse(entry.occurredAt) - Date.parse(mission.body.createdAt))).toBeLessThan(5_000);
    });

    it('records an update with only the changed fields, before and after, and not the version', async () => {
      const patched = await officer.patch(`missions/${ids.mission}`, {
        theme: '50 years of diplomatic relations',
        cities: ['Hanoi', 'Haiphong', 'Quang Ninh', 'Ho Chi Minh City'],
        title: 'Economic mission to Vietnam',
        version: 1,
      });
      expect(patched.status).toBe(200);
      const entry = (await history(`missions/${ids.mission}`)).at(-1);
      expect(entry).toMatchObject({ action: 'update', actorId: ids.els, entity: 'mission', entityId: ids.mission });
      expect(entry!.changes).toEqual({
        theme: { before: null, after: '50 years of diplomatic relations' },
        cities: { before: ['Hanoi', 'Ho Chi Minh City'], after: ['Hanoi', 'Haiphong', 'Quang Ninh', 'Ho Chi Minh City'] },
      });
    });

    it('writes no entry for an update that changes nothing', async () => {
      const before = await history(`missions/${ids.mission}`);
      const patched = await api.patch(`missions/${ids.mission}`, { title: 'Economic mission to Vietnam' });
      expect(patched.status).toBe(200);
      expect(await history(`missions/${ids.mission}`)).toEqual(before);
    });

    it('records archiving, and keeps the history readable after it', async () => {
      const mission = await created('missions', {
        code: 'GOOSE-2024',
        title: 'Mission for the EU project GOOSE',
        type: 'sector_mission',
        hostCountries: ['ES'],
        startDate: '2024-03-04',
        endDate: '2024-03-08',
        timeZone: 'Europe/Madrid',
      });
      expect((await api.delete(`missions/${mission}`)).status).toBe(204);
      expect((await api.get(`missions/${mission}`)).body.archivedAt).toEqual(expect.any(String));
      const entries = await history(`missions/${mission}`);
      expect(entries.map((entry) => entry.action)).toEqual(['create', 'archive']);
      expect(entries[1]).toMatchObject({ actorId: api.admin.id, entity: 'mission', entityId: mission, changes: {} });
    });
  });

  describe('actions', () => {
    let actionId: string;

    beforeAll(async () => {
      actionId = await created('actions', {
        title: 'MOW visit to Vietnam for the Mekong River Commission',
        kind: 'visit',
        missionId: ids.mission,
        organisationIds: [ids.vinamarine],
        ownerId: ids.els,
        watcherIds: [ids.tom],
        dueLabel: 'early November 2023',
      });
    });

    it('records the creation with the id lists and the due window it was given', async () => {
      const [entry] = await history(`actions/${actionId}`);
      expect(entry).toMatchObject({ action: 'create', actorId: api.admin.id, entity: 'action', entityId: actionId });
      expect(entry.changes).toEqual({
        title: { after: 'MOW visit to Vietnam for the Mekong River Commission' },
        kind: { after: 'visit' },
        missionId: { after: ids.mission },
        organisationIds: { after: [ids.vinamarine] },
        ownerId: { after: ids.els },
        watcherIds: { after: [ids.tom] },
        status: { after: 'open' },
        dueFrom: { after: '2023-11-01' },
        dueTo: { after: '2023-11-10' },
        duePrecision: { after: 'part_of_month' },
        dueLabel: { after: 'early November 2023' },
      });
    });

    it('records a change of watchers as the lists before and after', async () => {
      const patched = await officer.patch(`actions/${actionId}`, { watcherIds: [ids.an, ids.tom, ids.els], version: await version(`actions/${actionId}`) });
      expect(patched.status).toBe(200);
      const entry = (await history(`actions/${actionId}`)).at(-1);
      expect(entry).toMatchObject({ action: 'update', actorId: ids.els });
      expect(entry!.changes).toEqual({ watcherIds: { before: [ids.tom], after: [ids.an, ids.els, ids.tom].sort() } });
    });

    it('records fields and id lists changed together as one entry', async () => {
      const patched = await officer.patch(`actions/${actionId}`, {
        status: 'in_progress',
        watcherIds: [ids.an],
        organisationIds: [ids.vinamarine, ids.nxtport],
        version: await version(`actions/${actionId}`),
      });
      expect(patched.status).toBe(200);
      const entries = await history(`actions/${actionId}`);
      expect(entries).toHaveLength(3);
      expect(entries.at(-1)!.changes).toEqual({
        status: { before: 'open', after: 'in_progress' },
        watcherIds: { before: [ids.an, ids.els, ids.tom].sort(), after: [ids.an] },
        organisationIds: { before: [ids.vinamarine], after: [ids.nxtport, ids.vinamarine].sort() },
      });
    });

    it('writes no entry when a change fails after the row was written, and keeps the row as it was', async () => {
      const planner = api.app.get(ReminderPlanner);
      const replan = jest.spyOn(planner, 'replan').mockRejectedValueOnce(new ConflictError('the reminders could not be planned'));
      try {
        const before = await history(`actions/${actionId}`);
        const failed = await officer.patch(`actions/${actionId}`, { status: 'done', watcherIds: [ids.tom], version: await version(`actions/${actionId}`) });
        expect(failed.status).toBe(409);
        expect(failed.body).toMatchObject({ code: 'conflict', message: 'the reminders could not be planned' });
        expect(replan).toHaveBeenCalled();
        expect(await history(`actions/${actionId}`)).toEqual(before);
        expect((await api.get(`actions/${actionId}`)).body).toMatchObject({ status: 'in_progress', watcherIds: [ids.an] });
      } finally {
        replan.mockRestore();
      }
    });

    it('records archiving', async () => {
      expect((await officer.delete(`actions/${actionId}`)).status).toBe(204);
      const entry = (await history(`actions/${actionId}`)).at(-1);
      expect(entry).toMatchObject({ action: 'archive', actorId: ids.els, entity: 'action', entityId: actionId, changes: {} });
    });
  });

  describe('id lists of other resources', () => {
    it('records a change of an agreement’s parties alone', async () => {
      const agreement = await created('agreements', {
        type: 'mou',
        title: 'MoU NXTPORT International and Vinamarine',
        partyIds: [ids.nxtport, ids.vinamarine],
        missionId: ids.mission,
        signedOn: '2023-09-13',
      });
      const patched = await api.patch(`agreements/${agreement}`, { partyIds: [ids.nxtport, ids.camco, ids.vinamarine], version: 1 });
      expect(patched.status).toBe(200);
      const [create, update] = await history(`agreements/${agreement}`);
      expect(create.changes.partyIds).toEqual({ after: [ids.nxtport, ids.vinamarine].sort() });
      expect(update.changes).toEqual({ partyIds: { before: [ids.nxtport, ids.vinamarine].sort(), after: [ids.nxtport, ids.camco, ids.vinamarine].sort() } });
    });

    it('records the organisations and contacts on each side of a meeting', async () => {
      const meeting = await created('meetings', {
        missionId: ids.mission,
        kind: 'official',
        title: 'Meeting with the Prime Minister',
        startsAt: '2023-09-12T10:00:00+07:00',
        organisationIds: [ids.nxtport],
        counterpartContactIds: [ids.pmContact],
      });
      const [create] = await history(`meetings/${meeting}`);
      expect(create.changes).toMatchObject({ organisationIds: { after: [ids.nxtport] }, counterpartContactIds: { after: [ids.pmContact] } });
      expect(create.changes).not.toHaveProperty('contactIds');

      const patched = await api.patch(`meetings/${meeting}`, { organisationIds: [ids.camco], counterpartOrganisationIds: [ids.vinamarine], version: 1 });
      expect(patched.status).toBe(200);
      const update = (await history(`meetings/${meeting}`)).at(-1);
      expect(update!.changes).toEqual({
        organisationIds: { before: [ids.nxtport], after: [ids.camco] },
        counterpartOrganisationIds: { before: [], after: [ids.vinamarine] },
      });
    });

    it('records a participant deleted for good with what it held', async () => {
      const participant = await created(`missions/${ids.mission}/participants`, { organisationId: ids.camco, objectives: 'Meet Vinamarine' });
      expect((await api.delete(`missions/${ids.mission}/participants/${participant}`)).status).toBe(204);
      const page = await api.get<AuditPage>(`audit?entity=participant&entityId=${participant}&sort=occurredAt`);
      expect(page.body.items.map((entry) => entry.action)).toEqual(['create', 'delete']);
      expect(page.body.items[1].changes).toMatchObject({
        missionId: { before: ids.mission },
        organisationId: { before: ids.camco },
        objectives: { before: 'Meet Vinamarine' },
      });
    });
  });

  describe('archive and restore of every archivable resource', () => {
    const makers: Record<string, () => Promise<string>> = {
      organisations: () => created('organisations', { name: 'Saigon Newport Corporation', kind: 'company', country: 'VN' }),
      contacts: () => created('contacts', { name: 'Nguyễn Thị Lan', role: 'Deputy director' }),
      users: () => created('users', { email: 'archived.officer@fit.example', name: 'Lien Tran', role: 'officer' }),
      missions: () =>
        created('missions', {
          code: 'JP-2025',
          title: 'Mission to Japan 2025',
          type: 'economic_mission',
          hostCountries: ['JP'],
          startDate: '2025-04-07',
          endDate: '2025-04-11',
          timeZone: 'Asia/Tokyo',
        }),
      meetings: () =>
        created('meetings', { missionId: ids.mission, kind: 'seminar', title: 'Seminar on port logistics', startsAt: '2023-09-14T14:00:00+07:00' }),
      agreements: () => created('agreements', { type: 'mou', title: 'MoU on dredging', partyIds: [ids.nxtport, ids.vinamarine], missionId: ids.mission }),
      actions: () => created('actions', { title: 'Send the dredging proposal', kind: 'other', missionId: ids.mission }),
    };

    it.each(Object.keys(makers))('records archiving and restoring %s, by whom, whichever service does it', async (resource) => {
      const id = await makers[resource]();
      expect((await api.delete(`${resource}/${id}`)).status).toBe(204);
      expect((await api.post(`${resource}/${id}/restore`, {})).status).toBe(200);

      const entries = await history(`${resource}/${id}`);
      expect(entries.map((entry) => entry.action)).toEqual(['create', 'archive', 'restore']);
      expect(entries.slice(1).map((entry) => [entry.actorId, entry.entityId, entry.changes])).toEqual([
        [api.admin.id, id, {}],
        [api.admin.id, id, {}],
      ]);
    });
  });

  describe('passwords', () => {
    it('never appear, as text or as hash: the entry says only that one was set or changed', async () => {
      const password = 'Quang-Ninh-2023-secret';
      const user = await created('users', { email: 'mow.secretary@fit.example', name: 'MOW secretary-general', password });
      const newPassword = 'Mekong-River-2023-secret';
      const patched = await api.patch(`users/${user}`, { password: newPassword, version: 1 });
      expect(patched.status).toBe(200);

      const entries = await history(`users/${user}`);
      expect(entries.map((entry) => entry.changes.password)).toEqual([{ after: '[hidden]' }, { before: '[hidden]', after: '[changed]' }]);
      const dataSource = api.app.get(DataSource);
      const [{ password_hash: hash }] = await dataSource.query<{ password_hash: string }[]>('SELECT password_hash FROM users WHERE id = $1', [user]);
      const stored = JSON.stringify(await dataSource.query('SELECT changes FROM audit_entries'));
      for (const secret of [password, newPassword, hash]) expect(stored).not.toContain(secret);
    });
  });

  describe('GET /audit', () => {
    it('lists every entry, newest first, with paging', async () => {
      const all = await api.get<AuditPage>('audit?limit=200');
      expect(all.status).toBe(200);
      const times = all.body.items.map((entry) => Date.parse(entry.occurredAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(all.body.total).toBe(all.body.items.length);

      const page = await api.get<AuditPage>('audit?limit=2&offset=1');
      expect(page.body).toMatchObject({ total: all.body.total, limit: 2, offset: 1 });
      expect(page.body.items.map((entry) => entry.id)).toEqual(all.body.items.slice(1, 3).map((entry) => entry.id));
    });

    it('filters by entity, by entityId alone and by actor', async () => {
      const missions = await api.get<AuditPage>('audit?entity=mission&limit=200');
      expect(missions.body.items.length).toBeGreaterThanOrEqual(4);
      expect(new Set(missions.body.items.map((entry) => entry.entity))).toEqual(new Set(['mission']));

      const oneMission = await api.get<AuditPage>(`audit?entityId=${ids.mission}&sort=occurredAt`);
      expect(oneMission.body.items.map((entry) => entry.action)).toEqual(['create', 'update']);

      const byEls = await api.get<AuditPage>(`audit?actorId=${ids.els}&limit=200`);
      expect(byEls.body.items.length).toBeGreaterThan(0);
      expect(byEls.body.items.every((entry) => entry.actorId === ids.els)).toBe(true);
      expect(byEls.body.items.map((entry) => `${entry.entity} ${entry.action}`)).toEqual(
        expect.arrayContaining(['mission update', 'action update', 'action archive']),
      );
    });

    it('filters by period: from inclusive, to exclusive', async () => {
      const all = (await api.get<AuditPage>('audit?sort=occurredAt&limit=200')).body.items;
      const third = all[2];
      const fifth = all[4];
      const period = await api.get<AuditPage>(`audit?sort=occurredAt&from=${encodeURIComponent(third.occurredAt)}&to=${encodeURIComponent(fifth.occurredAt)}`);
      expect(period.status).toBe(200);
      expect(period.body.items.map((entry) => entry.id)).toEqual([third.id, all[3].id]);

      const before = await api.get<AuditPage>('audit?to=2023-09-11T00:00:00%2B07:00');
      expect(before.body).toMatchObject({ items: [], total: 0 });
    });

    it('is for admins only', async () => {
      for (const client of [officer, viewer]) {
        const response = await client.get('audit');
        expect(response.status).toBe(403);
        expect(response.body).toMatchObject({ statusCode: 403, code: 'forbidden' });
      }
      const anonymous = await api.as(null).get('audit');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toMatchObject({ statusCode: 401, code: 'unauthorized' });
    });

    it.each([
      ['entity=widget', 'entity', 'entity must be one of the following values: user, organisation, contact, mission, participant, meeting, agreement, action'],
      ['entityId=VN-2023', 'entityId', 'entityId must be a UUID'],
      ['actorId=els', 'actorId', 'actorId must be a UUID'],
      [
        'from=2023-09-11T10:00',
        'from',
        'from must be an ISO 8601 date-time with a UTC offset, such as 2023-09-12T11:00:00+07:00, or a date such as 2023-09-12',
      ],
      ['to=2023-09-16T18:00:00', 'to', 'to must be an ISO 8601 date-time with a UTC offset, such as 2023-09-12T11:00:00+07:00, or a date such as 2023-09-12'],
      ['from=2023-09-16T00:00:00Z&to=2023-09-11T00:00:00Z', 'to', 'to must not be before from'],
      ['sort=entity', 'sort', 'cannot sort by entity; sort by one of: occurredAt'],
      ['limit=201', 'limit', 'limit must not be greater than 200'],
      ['q=Vietnam', 'q', 'unknown query parameter q: this list takes entity, entityId, actorId, from, to, limit, offset, sort'],
    ])('rejects %s with 400 naming the field', async (query, field, message) => {
      const response = await api.get(`audit?${query}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(response.body.details).toEqual([{ field, message }]);
    });
  });

  describe('GET /{resource}/{id}/history', () => {
    it('is readable by anyone who may read the resource', async () => {
      const entries = await history(`missions/${ids.mission}`, viewer);
      expect(entries.map((entry) => entry.action)).toEqual(['create', 'update']);
      const organisation = await history(`organisations/${ids.nxtport}`, officer);
      expect(organisation).toEqual([expect.objectContaining({ action: 'create', entity: 'organisation', entityId: ids.nxtport })]);
      expect((await history(`contacts/${ids.pmContact}`, viewer))[0]).toMatchObject({ entity: 'contact', changes: { name: { after: 'Pham Minh Chinh' } } });
      expect((await history(`users/${ids.tom}`, viewer))[0]).toMatchObject({ entity: 'user', action: 'create' });
    });

    it('pages newest first by default', async () => {
      const newest = await api.get<AuditPage>(`missions/${ids.mission}/history?limit=1`);
      expect(newest.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
      expect(newest.body.items.map((entry) => entry.action)).toEqual(['update']);
    });

    it('answers 404 for an id that names no resource of that kind', async () => {
      const unknown = await api.get(`missions/${UNKNOWN_ID}/history`);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ statusCode: 404, code: 'not_found', message: `mission ${UNKNOWN_ID} not found` });
      const otherKind = await api.get(`actions/${ids.mission}/history`);
      expect(otherKind.status).toBe(404);
      expect(otherKind.body).toMatchObject({ code: 'not_found', message: `action ${ids.mission} not found` });
    });

    it('answers 404 for a resource that keeps no history', async () => {
      const response = await api.get(`reminders/${UNKNOWN_ID}/history`);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({
        code: 'not_found',
        message: 'reminders has no history: history is kept for missions, organisations, contacts, meetings, agreements, actions, users',
      });
    });

    it('rejects an id that is not a UUID, and an unknown sort field, with 400', async () => {
      const badId = await api.get('missions/VN-2023/history');
      expect(badId.status).toBe(400);
      expect(badId.body.details).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
      const badSort = await api.get(`missions/${ids.mission}/history?sort=title`);
      expect(badSort.status).toBe(400);
      expect(badSort.body.details).toEqual([{ field: 'sort', message: 'cannot sort by title; sort by one of: occurredAt' }]);
    });
  });
});
