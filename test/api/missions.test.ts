import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock.service.js';
import { Meeting } from '../../src/meetings/meeting.entity.js';
import { startTestApp, type TestApp } from '../support/app.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const codes = (body: { items: { code: string }[] }): string[] => body.items.map((mission) => mission.code);

describe('missions API', () => {
  let api: TestApp;
  let officerId: string;
  let leaderId: string;

  const vietnam2023 = () => ({
    code: 'VN-2023',
    title: 'Economic mission to Vietnam',
    type: 'economic_mission',
    hostCountries: ['vn'],
    cities: ['Hanoi', 'Haiphong', 'Quang Ninh', 'Ho Chi Minh City'],
    startDate: '2023-09-11',
    endDate: '2023-09-16',
    // The IANA alias of Asia/Ho_Chi_Minh, which IsTimeZone refuses today: it only knows ICU's canonical names.
    timeZone: 'Asia/Ho_Chi_Minh',
    leaderContactId: leaderId,
    ownerId: officerId,
    organiser: 'Flanders Investment & Trade',
    theme: '50 years of diplomatic relations between Belgium and Vietnam',
    focusSectors: ['sustainable trade & logistics', 'resilient cities'],
  });

  const minimal = (code: string, overrides: Record<string, unknown> = {}) => ({
    code,
    title: `Mission ${code}`,
    type: 'economic_mission',
    hostCountries: ['VN'],
    startDate: '2024-03-04',
    endDate: '2024-03-08',
    timeZone: 'Asia/Ho_Chi_Minh',
    ...overrides,
  });

  beforeAll(async () => {
    api = await startTestApp();
    const officer = await api.post('users', { email: 'officer.vietnam@fitagency.be', name: 'FIT officer Vietnam', role: 'officer' });
    expect(officer.status).toBe(201);
    officerId = officer.body.id;
    const leader = await api.post('contacts', { name: 'Jan Jambon', role: 'Minister-President of Flanders' });
    expect(leader.status).toBe(201);
    leaderId = leader.body.id;
  });

  afterAll(async () => {
    await api.close();
  });

  describe('create and read', () => {
    it('creates a mission with every field, upper-casing host countries and defaulting the status to planned', async () => {
      const earlier = await api.post(
        'missions',
        minimal('VN-2018', { title: 'Economic mission to Vietnam 2018', startDate: '2018-03-19', endDate: '2018-03-24', status: 'completed' }),
      );
      expect(earlier.status).toBe(201);

      const created = await api.post('missions', { ...vietnam2023(), previousMissionId: earlier.body.id, description: 'Led by the Minister-President.' });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        ...vietnam2023(),
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        hostCountries: ['VN'],
        status: 'planned',
        previousMissionId: earlier.body.id,
        description: 'Led by the Minister-President.',
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        archivedAt: null,
      });

      const read = await api.get(`missions/${created.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
    });

    it('creates a mission with only the required fields, leaving lists empty and references null', async () => {
      const created = await api.post('missions', minimal('GOOSE-2024', { title: 'Mission for the EU project GOOSE', type: 'sector_mission' }));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        cities: [],
        focusSectors: [],
        leaderContactId: null,
        ownerId: null,
        previousMissionId: null,
        organiser: null,
        theme: null,
        description: null,
        status: 'planned',
      });
    });
  });

  describe('list', () => {
    beforeAll(async () => {
      for (const mission of [
        minimal('STATE-VN-2024', {
          title: 'State visit to Vietnam',
          type: 'state_visit',
          startDate: '2024-10-14',
          endDate: '2024-10-18',
          ownerId: officerId,
          status: 'draft',
        }),
        minimal('SYN-TH-2024', {
          title: 'Synthetic sector mission to Thailand and Vietnam',
          type: 'sector_mission',
          hostCountries: ['TH', 'VN'],
          startDate: '2024-05-06',
          endDate: '2024-05-10',
        }),
        minimal('SYN-KH-2022', {
          title: 'Synthetic mission to Cambodia',
          hostCountries: ['KH'],
          startDate: '2022-11-07',
          endDate: '2022-11-09',
          status: 'completed',
          timeZone: 'Asia/Phnom_Penh',
        }),
      ]) {
        expect((await api.post('missions', mission)).status).toBe(201);
      }
    });

    it('lists the latest start first by default and pages with a total', async () => {
      const all = await api.get('missions');
      expect(all.status).toBe(200);
      expect(codes(all.body)).toEqual(['STATE-VN-2024', 'SYN-TH-2024', 'GOOSE-2024', 'VN-2023', 'SYN-KH-2022', 'VN-2018']);
      expect(all.body).toMatchObject({ total: 6, limit: 50, offset: 0 });

      const page = await api.get('missions?limit=2&offset=2');
      expect(page.body).toMatchObject({ total: 6, limit: 2, offset: 2 });
      expect(codes(page.body)).toEqual(['GOOSE-2024', 'VN-2023']);
    });

    it.each([
      ['status', 'status=completed', ['SYN-KH-2022', 'VN-2018']],
      ['type', 'type=sector_mission', ['SYN-TH-2024', 'GOOSE-2024']],
      ['host country, in any case, among several hosts', 'country=th', ['SYN-TH-2024']],
      ['host country shared by several missions', 'country=VN&startsAfter=2024-01-01', ['STATE-VN-2024', 'SYN-TH-2024', 'GOOSE-2024']],
      ['start window, both ends included', 'startsAfter=2023-09-11&startsBefore=2024-03-04', ['GOOSE-2024', 'VN-2023']],
      ['start before, the day included', 'startsBefore=2022-11-07', ['SYN-KH-2022', 'VN-2018']],
      ['text in the title, ignoring case', 'q=state%20VISIT', ['STATE-VN-2024']],
      ['text in the code only', 'q=kh-20', ['SYN-KH-2022']],
    ])('filters by %s', async (_case, query, expected) => {
      const response = await api.get(`missions?${query}`);
      expect(response.status).toBe(200);
      expect(codes(response.body)).toEqual(expected);
      expect(response.body.total).toBe(expected.length);
    });

    it('filters by responsible officer', async () => {
      const response = await api.get(`missions?ownerId=${officerId}&sort=code`);
      expect(codes(response.body)).toEqual(['STATE-VN-2024', 'VN-2023']);
      expect((await api.get(`missions?ownerId=${UNKNOWN_ID}`)).body).toMatchObject({ items: [], total: 0 });
    });

    it.each([
      ['code', 'sort=code', ['GOOSE-2024', 'STATE-VN-2024', 'SYN-KH-2022', 'SYN-TH-2024', 'VN-2018', 'VN-2023']],
      ['title descending', 'sort=-title', ['SYN-TH-2024', 'SYN-KH-2022', 'STATE-VN-2024', 'GOOSE-2024', 'VN-2018', 'VN-2023']],
      ['start date', 'sort=startDate', ['VN-2018', 'SYN-KH-2022', 'VN-2023', 'GOOSE-2024', 'SYN-TH-2024', 'STATE-VN-2024']],
    ])('sorts by %s', async (_case, query, expected) => {
      const response = await api.get(`missions?${query}`);
      expect(response.status).toBe(200);
      expect(codes(response.body)).toEqual(expected);
    });

    it('sorts by creation time', async () => {
      const ascending = codes((await api.get('missions?sort=createdAt')).body);
      const descending = codes((await api.get('missions?sort=-createdAt')).body);
      expect(ascending.slice(0, 2)).toEqual(['VN-2018', 'VN-2023']);
      expect(descending).toEqual([...ascending].reverse());
    });

    it.each([
      ['an invalid country', 'country=XX', { field: 'country', message: 'country must be an ISO 3166-1 alpha-2 country code such as BE or VN' }],
      [
        'an unknown status',
        'status=finished',
        { field: 'status', message: 'status must be one of the following values: draft, planned, ongoing, completed, cancelled' },
      ],
      [
        'an unknown type',
        'type=holiday',
        { field: 'type', message: 'type must be one of the following values: economic_mission, state_visit, sector_mission, trade_fair, other' },
      ],
      ['a malformed officer id', 'ownerId=42', { field: 'ownerId', message: 'ownerId must be a UUID' }],
      ['a malformed date', 'startsAfter=11-09-2023', { field: 'startsAfter', message: 'startsAfter must be a date written YYYY-MM-DD' }],
      [
        'a window that ends before it starts',
        'startsAfter=2024-01-01&startsBefore=2023-01-01',
        { field: 'startsBefore', message: 'startsBefore must not be before startsAfter' },
      ],
      ['an unknown sort field', 'sort=leader', { field: 'sort', message: 'cannot sort by leader; sort by one of: startDate, code, title, createdAt' }],
      ['an oversized page', 'limit=201', { field: 'limit', message: 'limit must not be greater than 200' }],
      [
        'an unknown filter',
        'colour=blue',
        {
          field: 'colour',
          message:
            'unknown query parameter colour: this list takes status, type, country, ownerId, startsAfter, startsBefore, limit, offset, sort, q, includeArchived, id',
        },
      ],
    ])('rejects %s with 400 naming the parameter', async (_case, query, detail) => {
      const response = await api.get(`missions?${query}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(response.body.details).toContainEqual(detail);
    });
  });

  describe('update', () => {
    it('changes some fields, bumps the version and refuses a stale version with 409', async () => {
      const created = await api.post('missions', minimal('UPD-1'));
      const updated = await api.patch(`missions/${created.body.id}`, { status: 'ongoing', cities: ['Hanoi'], hostCountries: ['vn', 'la'], version: 1 });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ status: 'ongoing', cities: ['Hanoi'], hostCountries: ['VN', 'LA'], code: 'UPD-1', version: 2 });

      const stale = await api.patch(`missions/${created.body.id}`, { status: 'completed', version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'stale_version', details: [{ field: 'version', message: 'current version is 2' }] });
      expect((await api.get(`missions/${created.body.id}`)).body.status).toBe('ongoing');
    });

    it('sets and clears references', async () => {
      const created = await api.post('missions', minimal('UPD-2'));
      const set = await api.patch(`missions/${created.body.id}`, { ownerId: officerId, leaderContactId: leaderId });
      expect(set.body).toMatchObject({ ownerId: officerId, leaderContactId: leaderId });
      const cleared = await api.patch(`missions/${created.body.id}`, { ownerId: null, leaderContactId: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ ownerId: null, leaderContactId: null, version: 3 });
    });

    it('checks a new end date against the stored start date, and a new start date against the stored end date', async () => {
      const created = await api.post('missions', minimal('UPD-3'));
      const early = await api.patch(`missions/${created.body.id}`, { endDate: '2024-03-03' });
      expect(early.status).toBe(400);
      expect(early.body).toMatchObject({
        code: 'validation_failed',
        details: [{ field: 'endDate', message: 'endDate must not be before startDate (2024-03-04)' }],
      });

      const late = await api.patch(`missions/${created.body.id}`, { startDate: '2024-03-09' });
      expect(late.status).toBe(400);
      expect(late.body).toMatchObject({
        code: 'validation_failed',
        details: [{ field: 'endDate', message: 'endDate must not be before startDate (2024-03-09)' }],
      });

      const both = await api.patch(`missions/${created.body.id}`, { startDate: '2024-04-01', endDate: '2024-03-30' });
      expect(both.status).toBe(400);
      expect(both.body.details).toEqual([{ field: 'endDate', message: 'endDate must not be before startDate' }]);

      const moved = await api.patch(`missions/${created.body.id}`, { startDate: '2024-03-08' });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ startDate: '2024-03-08', endDate: '2024-03-08', version: 2 });
    });

    it('refuses a code another mission has, in any case, with 409 on code', async () => {
      const created = await api.post('missions', minimal('UPD-4'));
      const response = await api.patch(`missions/${created.body.id}`, { code: 'vn-2023' });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'conflict', details: [{ field: 'code', message: 'already used by another mission' }] });
      const ownCode = await api.patch(`missions/${created.body.id}`, { code: 'upd-4' });
      expect(ownCode.status).toBe(200);
      expect(ownCode.body.code).toBe('upd-4');
    });

    it('refuses a mission that follows itself', async () => {
      const created = await api.post('missions', minimal('UPD-5'));
      const response = await api.patch(`missions/${created.body.id}`, { previousMissionId: created.body.id });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'previousMissionId', message: 'a mission cannot follow itself' }] });
    });

    it('refuses unknown references, a null for a required field and an unknown mission', async () => {
      const created = await api.post('missions', minimal('UPD-6'));
      const reference = await api.patch(`missions/${created.body.id}`, { ownerId: UNKNOWN_ID });
      expect(reference.status).toBe(400);
      expect(reference.body).toMatchObject({ code: 'invalid_reference', details: [{ field: 'ownerId', message: `user ${UNKNOWN_ID} does not exist` }] });

      const nulled = await api.patch(`missions/${created.body.id}`, { title: null });
      expect(nulled.status).toBe(400);
      expect(nulled.body.details).toContainEqual({ field: 'title', message: 'title must not be null' });

      const unknown = await api.patch(`missions/${UNKNOWN_ID}`, { title: 'X' });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'not_found', message: `mission ${UNKNOWN_ID} not found` });
    });
  });

  describe('archive', () => {
    it('archives a mission that others refer to: it leaves lists and search but is still read by id, its meetings stay, its code is free again', async () => {
      const earlier = await api.post('missions', minimal('ARCH-1'));
      const follower = await api.post('missions', minimal('ARCH-2', { previousMissionId: earlier.body.id }));
      const meeting = await api.post('meetings', {
        missionId: earlier.body.id,
        kind: 'official',
        title: 'Meeting with Vinamarine',
        startsAt: '2024-03-05T03:00:00Z',
      });
      expect(meeting.status).toBe(201);

      const archived = await api.delete(`missions/${earlier.body.id}`);
      expect(archived.status).toBe(204);

      const read = await api.get(`missions/${earlier.body.id}`);
      // Still read by id: the mission that follows it names it.
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ code: 'ARCH-1', archivedAt: expect.any(String) });
      expect((await api.get('missions?q=ARCH')).body.items.map((m: { code: string }) => m.code)).toEqual(['ARCH-2']);
      expect((await api.get(`missions/${follower.body.id}`)).body.previousMissionId).toBe(earlier.body.id);
      expect(await api.app.get(DataSource).getRepository(Meeting).findOneBy({ id: meeting.body.id })).toMatchObject({
        missionId: earlier.body.id,
        archivedAt: null,
      });

      expect((await api.post('missions', minimal('arch-1'))).status).toBe(201);
      expect((await api.delete(`missions/${earlier.body.id}`)).body).toMatchObject({ statusCode: 409, code: 'archived' });
    });
  });

  describe('bad input on create', () => {
    it.each([
      ['an unknown field', { colour: 'blue' }, 'colour', 'unknown field colour: it is not part of this resource'],
      ['a code with spaces', { code: 'VN 2023' }, 'code', 'code may contain only letters, digits and dashes'],
      ['a code that is too long', { code: 'X'.repeat(41) }, 'code', 'code must be shorter than or equal to 40 characters'],
      ['a missing title', { title: undefined }, 'title', 'title is required'],
      ['a blank title', { title: '   ' }, 'title', 'title should not be empty'],
      [
        'an unknown type',
        { type: 'holiday' },
        'type',
        'type must be one of the following values: economic_mission, state_visit, sector_mission, trade_fair, other',
      ],
      ['no host country', { hostCountries: [] }, 'hostCountries', 'hostCountries must name at least one country'],
      [
        'an invalid host country',
        { hostCountries: ['VN', 'XX'] },
        'hostCountries',
        'each value in hostCountries must be an ISO 3166-1 alpha-2 country code such as BE or VN',
      ],
      ['a host country twice', { hostCountries: ['VN', 'vn'] }, 'hostCountries', 'hostCountries must not name a country twice'],
      ['host countries as a string', { hostCountries: 'VN' }, 'hostCountries', 'hostCountries must be an array'],
      ['an impossible date', { startDate: '2023-02-30' }, 'startDate', 'startDate is not a calendar date: 2023-02-30 does not exist'],
      ['a date with a time', { endDate: '2023-09-16T10:00:00Z' }, 'endDate', 'endDate must be a date written YYYY-MM-DD'],
      ['an end before the start', { startDate: '2023-09-16', endDate: '2023-09-11' }, 'endDate', 'endDate must not be before startDate'],
      ['an unknown time zone', { timeZone: 'Asia/Saigon City' }, 'timeZone', 'timeZone must be an IANA time zone such as Europe/Brussels'],
      ['a malformed leader id', { leaderContactId: 'jambon' }, 'leaderContactId', 'leaderContactId must be a UUID'],
      ['an unknown status', { status: 'finished' }, 'status', 'status must be one of the following values: draft, planned, ongoing, completed, cancelled'],
      ['cities that are not strings', { cities: [1] }, 'cities', 'each value in cities must be a string'],
    ])('rejects %s with 400 naming the field', async (_case, change, field, message) => {
      const response = await api.post('missions', { ...minimal('BAD-1'), ...change });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(response.body.details).toContainEqual({ field, message });
    });

    it.each([
      ['leaderContactId', 'contact'],
      ['ownerId', 'user'],
      ['previousMissionId', 'mission'],
    ])('rejects an unknown %s with 400 invalid_reference', async (field, resource) => {
      const response = await api.post('missions', minimal('BAD-2', { [field]: UNKNOWN_ID }));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        statusCode: 400,
        code: 'invalid_reference',
        details: [{ field, message: `${resource} ${UNKNOWN_ID} does not exist` }],
      });
    });

    it('rejects a code another mission has, in any case, with 409 on code', async () => {
      const response = await api.post('missions', minimal('vn-2023'));
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ statusCode: 409, code: 'conflict', details: [{ field: 'code', message: 'already used by another mission' }] });
    });

    it('gives one of two simultaneous creations with the same code a 409', async () => {
      const responses = await Promise.all([api.post('missions', minimal('RACE-1')), api.post('missions', minimal('race-1'))]);
      expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
      expect(responses.find((response) => response.status === 409)?.body.details).toEqual([{ field: 'code', message: 'already used by another mission' }]);
    });

    it('rejects a malformed id with 400 and an unknown one with 404', async () => {
      const malformed = await api.get('missions/VN-2023');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'id', message: 'id must be a UUID' }] });
      const unknown = await api.get(`missions/${UNKNOWN_ID}`);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'not_found', message: `mission ${UNKNOWN_ID} not found` });
    });
  });

  describe('summary', () => {
    let missionId: string;
    const organisations: Record<string, string> = {};

    async function organisation(name: string, kind: string, country: string): Promise<string> {
      const response = await api.post('organisations', { name, kind, country });
      expect(response.status).toBe(201);
      organisations[name] = response.body.id;
      return response.body.id;
    }

    async function created(path: string, body: Record<string, unknown>): Promise<string> {
      const response = await api.post(path, body);
      expect({ path, status: response.status, body: response.body }).toMatchObject({ status: 201 });
      return response.body.id;
    }

    beforeAll(async () => {
      missionId = (await api.get('missions?q=VN-2023')).body.items[0].id;
      for (const [name, kind, country] of [
        ['NXTPORT International', 'company', 'BE'],
        ['CamCO Technologies', 'company', 'BE'],
        ['Monument', 'company', 'BE'],
        ['Vinamarine', 'government_body', 'VN'],
        ['Flemish Department of Chancellery and Foreign Affairs', 'government_body', 'BE'],
        ['Flemish Department of Mobility and Public Works', 'government_body', 'BE'],
        ['Ministry of Transport of Vietnam', 'government_body', 'VN'],
      ] as const) {
        await organisation(name, kind, country);
      }

      await created(`missions/${missionId}/participants`, { organisationId: organisations['NXTPORT International'], satisfactionScore: 5 });
      await created(`missions/${missionId}/participants`, { organisationId: organisations['CamCO Technologies'], satisfactionScore: 4 });
      await created(`missions/${missionId}/participants`, { organisationId: organisations.Monument, satisfactionScore: 4 });

      const meeting = (kind: string, title: string, startsAt: string) => created('meetings', { missionId, kind, title, startsAt });
      await meeting('official', 'Meeting with Prime Minister Pham Minh Chinh', '2023-09-12T03:00:00Z');
      await meeting('official', "People's Committee of Haiphong", '2023-09-13T03:00:00Z');
      await meeting('seminar', 'FIT seminar: port management & smart logistics', '2023-09-13T07:00:00Z');
      await meeting('seminar', 'FIT seminar: cleantech & circular economy', '2023-09-15T07:00:00Z');
      await meeting('forum', 'HCMC Economic Forum', '2023-09-14T02:00:00Z');
      await meeting('site_visit', 'Notre Dame cathedral, renovated by a Flemish firm', '2023-09-15T09:00:00Z');
      await meeting('b2b', 'NXTPORT International meets Vinamarine', '2023-09-12T08:00:00Z');
      const archivedMeeting = await meeting('b2b', 'Cancelled B2B', '2023-09-12T09:00:00Z');
      expect((await api.delete(`meetings/${archivedMeeting}`)).status).toBe(204);

      const agreement = (type: string, title: string, parties: string[], status: string) =>
        created('agreements', { missionId, type, title, partyIds: parties.map((name) => organisations[name]), status });
      await agreement(
        'mou',
        'MoU Vinamarine – Department of Chancellery and Foreign Affairs',
        ['Vinamarine', 'Flemish Department of Chancellery and Foreign Affairs'],
        'signed',
      );
      await agreement(
        'mou',
        'MoU NXTPORT International and CamCO Technologies with Vinamarine',
        ['NXTPORT International', 'CamCO Technologies', 'Vinamarine'],
        'signed',
      );
      await agreement(
        'mou',
        'MoU MOW with its Vietnamese counterpart (since 1995)',
        ['Flemish Department of Mobility and Public Works', 'Ministry of Transport of Vietnam'],
        'in_force',
      );
      await agreement(
        'loi',
        'Letter of intent on greenhouse-gas reduction and energy transition',
        ['Flemish Department of Mobility and Public Works', 'Ministry of Transport of Vietnam'],
        'planned',
      );

      const action = (title: string, status: string, dueFrom: string, dueTo: string) => created('actions', { missionId, title, status, dueFrom, dueTo });
      await action('MOW visit for the Mekong River Commission', 'open', '2023-11-01', '2023-11-10');
      await action('FIT webinar for the participating companies', 'in_progress', '2023-10-01', '2023-10-31');
      await action('MOW secretary-general signs the letter of intent', 'done', '2023-11-01', '2023-11-30');
      await action('Info session on the mission results', 'cancelled', '2023-10-01', '2023-10-15');
      await action('Mission for the EU project GOOSE', 'open', '2024-03-01', '2024-03-31');
      await action('State visit', 'postponed', '2024-09-22', '2024-12-20');

      // Another mission's results must not leak into this one's report.
      const other = await api.post('missions', minimal('OTHER-1'));
      await created(`missions/${other.body.id}/participants`, { organisationId: organisations.Monument, satisfactionScore: 1 });
      await created('meetings', { missionId: other.body.id, kind: 'b2b', title: 'Other B2B', startsAt: '2024-03-05T03:00:00Z' });
      await created('actions', { missionId: other.body.id, title: 'Other follow-up', status: 'open', dueFrom: '2023-10-01', dueTo: '2023-10-02' });
    });

    it("reports what the mission produced by the agency's today, with the actions overdue then", async () => {
      const response = await api.get(`missions/${missionId}/summary`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        missionId,
        asOf: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date()),
        participants: { total: 3 },
        meetings: { total: 7, byKind: { b2b: 1, official: 2, seminar: 2, forum: 1, site_visit: 1, reception: 0, other: 0 } },
        agreements: { total: 4, byStatus: { planned: 1, signed: 2, in_force: 1, expired: 0, terminated: 0 } },
        // Every window lies in the past now: the open Mekong visit and GOOSE mission and the webinar in progress are overdue.
        actions: { total: 6, byStatus: { open: 2, in_progress: 1, done: 1, cancelled: 1, postponed: 1 }, overdue: 3 },
        satisfaction: { answers: 3, averageScore: 4.33 },
      });
    });

    it('counts an action as overdue only once its last due day has passed, on the day asked for', async () => {
      const mission = await api.post('missions', minimal('OVERDUE-1'));
      const today = api.app.get(Clock).today('Europe/Brussels');
      const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      await created('actions', { missionId: mission.body.id, title: 'Due today', status: 'open', dueFrom: today, dueTo: today });
      const onTheDay = await api.get(`missions/${mission.body.id}/summary?asOf=${today}`);
      expect(onTheDay.body).toMatchObject({ asOf: today, actions: { total: 1, overdue: 0 } });
      const dayAfter = await api.get(`missions/${mission.body.id}/summary?asOf=${tomorrow}`);
      expect(dayAfter.body).toMatchObject({ asOf: tomorrow, actions: { total: 1, overdue: 1 } });
    });

    it('reports zeros and no average for a mission that produced nothing yet', async () => {
      const empty = await api.post('missions', minimal('EMPTY-1'));
      const response = await api.get(`missions/${empty.body.id}/summary`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        participants: { total: 0 },
        meetings: { total: 0, byKind: { b2b: 0 } },
        agreements: { total: 0 },
        actions: { total: 0, overdue: 0 },
        satisfaction: { answers: 0, averageScore: null },
      });
    });

    it('answers 404 for an unknown mission, and the summary of an archived one (its history stays readable)', async () => {
      const unknown = await api.get(`missions/${UNKNOWN_ID}/summary`);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'not_found', message: `mission ${UNKNOWN_ID} not found` });
      const archived = await api.post('missions', minimal('GONE-1'));
      await api.delete(`missions/${archived.body.id}`);
      const summary = await api.get(`missions/${archived.body.id}/summary`);
      expect(summary.status).toBe(200);
      expect(summary.body).toMatchObject({ missionId: archived.body.id, actions: { total: 0 } });
    });
  });
});
