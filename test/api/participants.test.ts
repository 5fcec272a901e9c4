import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/app.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const sorted = (ids: string[]): string[] => [...ids].sort();

describe('participants API', () => {
  let api: TestApp;
  let missionId: string;
  let otherMissionId: string;
  const organisations: Record<string, string> = {};
  const contacts: Record<string, string> = {};

  const mission = (code: string) => ({
    code,
    title: `Economic mission ${code}`,
    type: 'economic_mission',
    hostCountries: ['VN'],
    startDate: '2023-09-11',
    endDate: '2023-09-16',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  const path = (id = missionId) => `missions/${id}/participants`;
  const organisationNames = (body: { items: { organisationId: string }[] }): string[] =>
    body.items.map((item) => Object.keys(organisations).find((name) => organisations[name] === item.organisationId) ?? item.organisationId);

  async function create(path: string, body: Record<string, unknown>): Promise<string> {
    const response = await api.post(path, body);
    expect({ path, status: response.status, body: response.body }).toMatchObject({ status: 201 });
    return response.body.id;
  }

  beforeAll(async () => {
    api = await startTestApp();
    missionId = await create('missions', mission('VN-2023'));
    otherMissionId = await create('missions', mission('VN-2018'));
    for (const [name, synthetic] of [
      ['NXTPORT International', false],
      ['CamCO Technologies', false],
      ['Monument', false],
      ['Synthetic Logistics NV', true],
    ] as const) {
      organisations[name] = await create('organisations', { name, kind: 'company', country: 'BE', synthetic });
    }
    for (const [name, organisation] of [
      ['NXTPORT delegate', 'NXTPORT International'],
      ['NXTPORT engineer', 'NXTPORT International'],
      ['CamCO delegate', 'CamCO Technologies'],
    ] as const) {
      contacts[name] = await create('contacts', { name, organisationId: organisations[organisation] });
    }
  });

  afterAll(async () => {
    await api.close();
  });

  describe('on a delegation', () => {
    let nxtportId: string;

    it('adds an organisation with its delegates and reads it back', async () => {
      const created = await api.post(path(), {
        organisationId: organisations['NXTPORT International'],
        delegateContactIds: [contacts['NXTPORT delegate'], contacts['NXTPORT engineer']],
        sectors: ['port management', 'smart logistics'],
        objectives: 'An MoU with Vinamarine',
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        missionId,
        organisationId: organisations['NXTPORT International'],
        delegateContactIds: sorted([contacts['NXTPORT delegate'], contacts['NXTPORT engineer']]),
        sectors: ['port management', 'smart logistics'],
        objectives: 'An MoU with Vinamarine',
        satisfactionScore: null,
        satisfactionComment: null,
        synthetic: false,
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      nxtportId = created.body.id;

      const read = await api.get(`${path()}/${nxtportId}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
    });

    it('answers the satisfaction survey, bumping the version, and refuses a stale version with 409', async () => {
      const answered = await api.patch(`${path()}/${nxtportId}`, { satisfactionScore: 5, satisfactionComment: 'The MoU was signed.', version: 1 });
      expect(answered.status).toBe(200);
      expect(answered.body).toMatchObject({
        satisfactionScore: 5,
        satisfactionComment: 'The MoU was signed.',
        version: 2,
        delegateContactIds: sorted([contacts['NXTPORT delegate'], contacts['NXTPORT engineer']]),
      });

      const stale = await api.patch(`${path()}/${nxtportId}`, { satisfactionScore: 1, version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'stale_version', details: [{ field: 'version', message: 'current version is 2' }] });
      expect((await api.get(`${path()}/${nxtportId}`)).body.satisfactionScore).toBe(5);
    });

    it('replaces the delegates, bumping the version, and clears them with an empty list', async () => {
      const replaced = await api.patch(`${path()}/${nxtportId}`, { delegateContactIds: [contacts['NXTPORT engineer']], version: 2 });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ delegateContactIds: [contacts['NXTPORT engineer']], version: 3, satisfactionScore: 5 });

      const cleared = await api.patch(`${path()}/${nxtportId}`, { delegateContactIds: [] });
      expect(cleared.body).toMatchObject({ delegateContactIds: [], version: 4 });
      expect((await api.get(`${path()}/${nxtportId}`)).body.delegateContactIds).toEqual([]);
    });

    it('removes an organisation from the delegation for good; it can be added again', async () => {
      const monument = await create(path(), { organisationId: organisations.Monument, delegateContactIds: [contacts['CamCO delegate']] });
      const removed = await api.delete(`${path()}/${monument}`);
      expect(removed.status).toBe(204);
      expect(removed.body).toBe('');

      const read = await api.get(`${path()}/${monument}`);
      expect(read.status).toBe(404);
      expect(read.body).toMatchObject({ code: 'not_found', message: `participant ${monument} not found` });
      const rows = await api.app.get(DataSource).query('SELECT count(*)::int AS count FROM participants WHERE id = $1', [monument]);
      expect(rows).toEqual([{ count: 0 }]);
      expect((await api.get(`contacts/${contacts['CamCO delegate']}`)).status).toBe(200);

      expect((await api.post(path(), { organisationId: organisations.Monument })).status).toBe(201);
    });
  });

  describe('list', () => {
    let missionForList: string;

    beforeAll(async () => {
      missionForList = await create('missions', mission('LIST-1'));
      await create(path(missionForList), {
        organisationId: organisations['NXTPORT International'],
        sectors: ['ports', 'logistics'],
        satisfactionScore: 4,
        delegateContactIds: [contacts['NXTPORT delegate'], contacts['NXTPORT engineer']],
      });
      await create(path(missionForList), {
        organisationId: organisations['CamCO Technologies'],
        sectors: ['cleantech'],
        satisfactionScore: 5,
        delegateContactIds: [contacts['CamCO delegate']],
      });
      await create(path(missionForList), { organisationId: organisations.Monument, sectors: ['construction'] });
      await create(path(missionForList), {
        organisationId: organisations['Synthetic Logistics NV'],
        sectors: ['logistics'],
        satisfactionScore: 2,
        synthetic: true,
      });
      // Another mission's delegation stays out of this one's list.
      await create(path(otherMissionId), { organisationId: organisations['CamCO Technologies'], sectors: ['logistics'], satisfactionScore: 1 });
    });

    it('lists the delegation in the order it was added, with every delegate, and pages with a total', async () => {
      const all = await api.get(path(missionForList));
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({ total: 4, limit: 50, offset: 0 });
      expect(organisationNames(all.body)).toEqual(['NXTPORT International', 'CamCO Technologies', 'Monument', 'Synthetic Logistics NV']);
      expect(all.body.items.map((item: { delegateContactIds: string[] }) => item.delegateContactIds)).toEqual([
        sorted([contacts['NXTPORT delegate'], contacts['NXTPORT engineer']]),
        [contacts['CamCO delegate']],
        [],
        [],
      ]);

      const page = await api.get(`${path(missionForList)}?limit=2&offset=1`);
      expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
      expect(organisationNames(page.body)).toEqual(['CamCO Technologies', 'Monument']);
    });

    it('loads the delegates of a whole page in one query', async () => {
      const logger = api.app.get(DataSource).logger;
      const logQuery = jest.spyOn(logger, 'logQuery');
      try {
        const response = await api.get(path(missionForList));
        expect(response.body.items).toHaveLength(4);
        const delegateQueries = logQuery.mock.calls.filter(([sql]) => sql.includes('participant_delegates'));
        expect(delegateQueries).toHaveLength(1);
        expect(logQuery.mock.calls.length).toBeLessThanOrEqual(4);
      } finally {
        logQuery.mockRestore();
      }
    });

    it.each([
      ['organisation', () => `organisationId=${organisations['CamCO Technologies']}`, ['CamCO Technologies']],
      ['sector', () => 'sector=logistics', ['NXTPORT International', 'Synthetic Logistics NV']],
      ['answered the survey', () => 'answered=true', ['NXTPORT International', 'CamCO Technologies', 'Synthetic Logistics NV']],
      ['not answered the survey', () => 'answered=false', ['Monument']],
      ['synthetic', () => 'synthetic=true', ['Synthetic Logistics NV']],
      ['real and in a sector', () => 'synthetic=false&sector=logistics', ['NXTPORT International']],
    ])('filters by %s', async (_case, query, expected) => {
      const response = await api.get(`${path(missionForList)}?${query()}`);
      expect(response.status).toBe(200);
      expect(organisationNames(response.body)).toEqual(expected);
      expect(response.body.total).toBe(expected.length);
    });

    it.each([
      [
        'satisfaction, those without an answer last',
        'sort=satisfactionScore',
        ['Synthetic Logistics NV', 'NXTPORT International', 'CamCO Technologies', 'Monument'],
      ],
      [
        'satisfaction descending, those without an answer still last',
        'sort=-satisfactionScore',
        ['CamCO Technologies', 'NXTPORT International', 'Synthetic Logistics NV', 'Monument'],
      ],
      ['latest added first', 'sort=-createdAt', ['Synthetic Logistics NV', 'Monument', 'CamCO Technologies', 'NXTPORT International']],
    ])('sorts by %s', async (_case, query, expected) => {
      const response = await api.get(`${path(missionForList)}?${query}`);
      expect(response.status).toBe(200);
      expect(organisationNames(response.body)).toEqual(expected);
    });

    it.each([
      ['answered that is not a boolean', 'answered=yes', { field: 'answered', message: 'answered must be true or false' }],
      ['synthetic that is not a boolean', 'synthetic=1', { field: 'synthetic', message: 'synthetic must be true or false' }],
      ['a malformed organisation id', 'organisationId=nxtport', { field: 'organisationId', message: 'organisationId must be a UUID' }],
      [
        'an unknown sort field',
        'sort=organisationId',
        { field: 'sort', message: 'cannot sort by organisationId; sort by one of: createdAt, satisfactionScore' },
      ],
      ['an oversized page', 'limit=500', { field: 'limit', message: 'limit must not be greater than 200' }],
      [
        'an unknown filter',
        'country=BE',
        { field: 'country', message: 'unknown query parameter country: this list takes organisationId, sector, answered, synthetic, limit, offset, sort' },
      ],
    ])('rejects %s with 400 naming the parameter', async (_case, query, detail) => {
      const response = await api.get(`${path(missionForList)}?${query}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(response.body.details).toContainEqual(detail);
    });
  });

  describe('bad input', () => {
    it.each([
      ['an unknown field', { colour: 'blue' }, 'colour', 'unknown field colour: it is not part of this resource'],
      ['a missing organisation', { organisationId: undefined }, 'organisationId', 'organisationId is required'],
      ['a score above 5', { satisfactionScore: 6 }, 'satisfactionScore', 'satisfactionScore must not be greater than 5'],
      ['a score below 1', { satisfactionScore: 0 }, 'satisfactionScore', 'satisfactionScore must not be less than 1'],
      ['a score that is not a whole number', { satisfactionScore: 3.5 }, 'satisfactionScore', 'satisfactionScore must be an integer number'],
      ['a delegate id that is not a UUID', { delegateContactIds: ['jan'] }, 'delegateContactIds', 'each value in delegateContactIds must be a UUID'],
      ['a delegate named twice', { delegateContactIds: [UNKNOWN_ID, UNKNOWN_ID] }, 'delegateContactIds', 'delegateContactIds must not name a contact twice'],
      ['sectors that are not a list', { sectors: 'ports' }, 'sectors', 'sectors must be an array'],
    ])('rejects %s with 400 naming the field', async (_case, change, field, message) => {
      const response = await api.post(path(), { organisationId: organisations['CamCO Technologies'], ...change });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(response.body.details).toContainEqual({ field, message });
    });

    it('rejects an unknown organisation and unknown delegates with 400 invalid_reference', async () => {
      const organisation = await api.post(path(), { organisationId: UNKNOWN_ID });
      expect(organisation.status).toBe(400);
      expect(organisation.body).toMatchObject({
        code: 'invalid_reference',
        details: [{ field: 'organisationId', message: `organisation ${UNKNOWN_ID} does not exist` }],
      });

      const delegates = await api.post(path(), {
        organisationId: organisations['CamCO Technologies'],
        delegateContactIds: [contacts['CamCO delegate'], UNKNOWN_ID],
      });
      expect(delegates.status).toBe(400);
      expect(delegates.body).toMatchObject({
        code: 'invalid_reference',
        details: [{ field: 'delegateContactIds', message: `contact ${UNKNOWN_ID} does not exist` }],
      });
      expect((await api.get(`${path()}?organisationId=${organisations['CamCO Technologies']}`)).body.total).toBe(0);
    });

    it('rejects an organisation that is already on the delegation with 409, on create and on update', async () => {
      const duplicate = await api.post(path(), { organisationId: organisations['NXTPORT International'] });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({ statusCode: 409, code: 'conflict', details: [{ field: 'organisationId', message: 'already on this mission' }] });

      const camco = await create(path(), { organisationId: organisations['CamCO Technologies'] });
      const moved = await api.patch(`${path()}/${camco}`, { organisationId: organisations['NXTPORT International'] });
      expect(moved.status).toBe(409);
      expect(moved.body).toMatchObject({ code: 'conflict', details: [{ field: 'organisationId', message: 'already on this mission' }] });
      await api.delete(`${path()}/${camco}`);
    });

    it('gives one of two simultaneous additions of the same organisation a 409', async () => {
      const body = { organisationId: organisations['Synthetic Logistics NV'] };
      const responses = await Promise.all([api.post(path(), body), api.post(path(), body)]);
      expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
      expect(responses.find((response) => response.status === 409)?.body.details).toEqual([{ field: 'organisationId', message: 'already on this mission' }]);
    });

    it('rejects a null for a required field on update with 400', async () => {
      const list = await api.get(path());
      const response = await api.patch(`${path()}/${list.body.items[0].id}`, { sectors: null });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed' });
      expect(response.body.details).toContainEqual({ field: 'sectors', message: 'sectors must not be null' });
    });

    it('answers 404 for an unknown or archived mission on every route', async () => {
      const archived = await create('missions', mission('GONE-1'));
      const participant = await create(path(archived), { organisationId: organisations.Monument });
      expect((await api.delete(`missions/${archived}`)).status).toBe(204);

      for (const id of [UNKNOWN_ID, archived]) {
        const responses = [
          await api.get(path(id)),
          await api.post(path(id), { organisationId: organisations.Monument }),
          await api.get(`${path(id)}/${participant}`),
          await api.patch(`${path(id)}/${participant}`, { satisfactionScore: 3 }),
          await api.delete(`${path(id)}/${participant}`),
        ];
        for (const response of responses) {
          expect(response.status).toBe(404);
          expect(response.body).toMatchObject({ code: 'not_found', message: `mission ${id} not found` });
        }
      }
    });

    it("answers 404 for a participant of another mission's delegation", async () => {
      const elsewhere = await create(path(otherMissionId), { organisationId: organisations.Monument });
      for (const response of [
        await api.get(`${path()}/${elsewhere}`),
        await api.patch(`${path()}/${elsewhere}`, { satisfactionScore: 3, version: 99 }),
        await api.delete(`${path()}/${elsewhere}`),
      ]) {
        expect(response.status).toBe(404);
        expect(response.body).toMatchObject({ code: 'not_found', message: `participant ${elsewhere} not found` });
      }
      expect((await api.get(`${path(otherMissionId)}/${elsewhere}`)).body.satisfactionScore).toBeNull();
    });

    it('rejects malformed ids in the path with 400 naming the parameter', async () => {
      const mission = await api.get('missions/VN-2023/participants');
      expect(mission.status).toBe(400);
      expect(mission.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'missionId', message: 'missionId must be a UUID' }] });
      const participant = await api.get(`${path()}/42`);
      expect(participant.status).toBe(400);
      expect(participant.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'id', message: 'id must be a UUID' }] });
    });
  });
});
