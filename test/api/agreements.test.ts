import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { Mission } from '../../src/missions/mission.entity.js';
import { startTestApp, type TestApp } from '../support/app.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface AgreementBody {
  id: string;
  title: string;
  version: number;
  [field: string]: unknown;
}

describe('agreements API', () => {
  let api: TestApp;
  let dataSource: DataSource;
  const mission = { vietnam2023: '', vietnam2018: '' };
  const meeting = { transport: '', primeMinister: '', visit2018: '' };
  const org = { chancellery: '', mow: '', vinamarine: '', nxtport: '', camco: '', ministryOfTransport: '', mowCounterpart: '' };
  const agreement = {
    vinamarineChancellery: {} as AgreementBody,
    nxtportCamco: {} as AgreementBody,
    letterOfIntent: {} as AgreementBody,
    mow1995: {} as AgreementBody,
  };

  const titles = (body: { items: AgreementBody[] }): string[] => body.items.map((item) => item.title);
  const sorted = (...ids: string[]): string[] => [...ids].sort();

  // Missions are put in the database directly, so that these tests exercise the agreements API only.
  async function insertMission(code: string, title: string, startDate: string, endDate: string): Promise<string> {
    const saved = await dataSource.manager.save(
      dataSource.manager.create(Mission, {
        code,
        title,
        type: 'economic_mission',
        hostCountries: ['VN'],
        cities: ['Hanoi'],
        startDate,
        endDate,
        timeZone: 'Asia/Ho_Chi_Minh',
      }),
    );
    return saved.id;
  }

  async function create(path: string, body: Record<string, unknown>): Promise<string> {
    const response = await api.post(path, body);
    expect(response.status).toBe(201);
    return response.body.id;
  }

  beforeAll(async () => {
    api = await startTestApp();
    dataSource = api.app.get(DataSource);
    mission.vietnam2023 = await insertMission('VN-2023', 'Economic mission to Vietnam 2023', '2023-09-11', '2023-09-16');
    mission.vietnam2018 = await insertMission('VN-2018', 'Economic mission to Vietnam 2018', '2018-03-18', '2018-03-24');
    org.chancellery = await create('organisations', { name: 'Flemish Department of Chancellery and Foreign Affairs', kind: 'government_body', country: 'BE' });
    org.mow = await create('organisations', { name: 'Flemish Department of Mobility and Public Works (MOW)', kind: 'government_body', country: 'BE' });
    org.vinamarine = await create('organisations', { name: 'Vinamarine (Vietnam Maritime Administration)', kind: 'government_body', country: 'VN' });
    org.nxtport = await create('organisations', { name: 'NXTPORT International', kind: 'company', country: 'BE' });
    org.camco = await create('organisations', { name: 'CamCO Technologies', kind: 'company', country: 'BE' });
    org.ministryOfTransport = await create('organisations', { name: 'Ministry of Transport of Vietnam', kind: 'government_body', country: 'VN' });
    org.mowCounterpart = await create('organisations', { name: 'Vietnamese counterpart of MOW', kind: 'government_body', country: 'VN' });
    meeting.transport = await create('meetings', {
      missionId: mission.vietnam2023,
      kind: 'official',
      title: 'Meeting with the (Vice-)Minister of Transport',
      startsAt: '2023-09-12T15:00:00+07:00',
      organisationIds: [org.chancellery, org.nxtport, org.camco],
      counterpartOrganisationIds: [org.ministryOfTransport, org.vinamarine],
    });
    meeting.primeMinister = await create('meetings', {
      missionId: mission.vietnam2023,
      kind: 'official',
      title: 'Meeting with Prime Minister Pham Minh Chinh',
      startsAt: '2023-09-12T11:00:00+07:00',
    });
    meeting.visit2018 = await create('meetings', {
      missionId: mission.vietnam2018,
      kind: 'official',
      title: 'Meeting with the Ministry of Transport (2018)',
      startsAt: '2018-03-20T10:00:00+07:00',
    });
  });

  afterAll(async () => {
    await api.close();
  });

  describe('create and read', () => {
    it('records the MoU between Vinamarine and the Flemish Department of Chancellery and Foreign Affairs', async () => {
      const created = await api.post('agreements', {
        type: 'mou',
        title: ' MoU Vinamarine – Flemish Department of Chancellery and Foreign Affairs ',
        partyIds: [org.vinamarine, org.chancellery],
        missionId: mission.vietnam2023,
        meetingId: meeting.transport,
        signedOn: '2023-09-12',
        themes: ['maritime cooperation', 'ports'],
        status: 'signed',
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        type: 'mou',
        title: 'MoU Vinamarine – Flemish Department of Chancellery and Foreign Affairs',
        partyIds: sorted(org.vinamarine, org.chancellery),
        missionId: mission.vietnam2023,
        meetingId: meeting.transport,
        signedOn: '2023-09-12',
        themes: ['maritime cooperation', 'ports'],
        status: 'signed',
        validFrom: null,
        validUntil: null,
        renewalOn: null,
        description: null,
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        archivedAt: null,
      });
      agreement.vinamarineChancellery = created.body;

      const read = await api.get(`agreements/${created.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
    });

    it('records the MoU of NXTPORT International and CamCO Technologies with Vinamarine: three parties', async () => {
      const created = await api.post('agreements', {
        type: 'mou',
        title: 'MoU NXTPORT International and CamCO Technologies – Vinamarine',
        partyIds: [org.nxtport, org.camco, org.vinamarine],
        missionId: mission.vietnam2023,
        signedOn: '2023-09-12',
        themes: ['smart logistics', 'port technology'],
        status: 'signed',
        validFrom: '2023-09-12',
        validUntil: '2028-09-11',
        renewalOn: '2028-06-01',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        partyIds: sorted(org.nxtport, org.camco, org.vinamarine),
        meetingId: null,
        validFrom: '2023-09-12',
        validUntil: '2028-09-11',
        renewalOn: '2028-06-01',
      });
      agreement.nxtportCamco = created.body;
    });

    it('records the letter of intent planned for November 2023 as planned by default, taking the mission from its meeting', async () => {
      const created = await api.post('agreements', {
        type: 'loi',
        title: 'Letter of intent MOW – Vietnamese Ministry of Transport',
        partyIds: [org.mow, org.ministryOfTransport],
        meetingId: meeting.transport,
        themes: ['greenhouse-gas reduction', 'energy transition'],
        description: 'To be signed by the MOW secretary-general in November 2023.',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        type: 'loi',
        status: 'planned',
        signedOn: null,
        missionId: mission.vietnam2023,
        meetingId: meeting.transport,
        themes: ['greenhouse-gas reduction', 'energy transition'],
      });
      agreement.letterOfIntent = created.body;
    });

    it('records an agreement in force without a signing date: the MOW MoU known only as "since 1995"', async () => {
      const created = await api.post('agreements', {
        type: 'mou',
        title: 'MoU MOW – Vietnamese counterpart (since 1995)',
        partyIds: [org.mow, org.mowCounterpart],
        status: 'in_force',
        validFrom: '1995-01-01',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ status: 'in_force', signedOn: null, missionId: null, meetingId: null, themes: [] });
      agreement.mow1995 = created.body;
    });
  });

  describe('list', () => {
    it('sorts by signing date by default, unsigned ones last', async () => {
      const response = await api.get('agreements');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ total: 4, limit: 50, offset: 0 });
      expect(response.body.items.map((item: AgreementBody) => item.signedOn)).toEqual(['2023-09-12', '2023-09-12', null, null]);
      expect(response.body.items).toContainEqual(agreement.vinamarineChancellery);
    });

    it('filters by mission, meeting, status and type', async () => {
      expect(titles((await api.get(`agreements?missionId=${mission.vietnam2023}&sort=title`)).body)).toEqual([
        'Letter of intent MOW – Vietnamese Ministry of Transport',
        'MoU NXTPORT International and CamCO Technologies – Vinamarine',
        'MoU Vinamarine – Flemish Department of Chancellery and Foreign Affairs',
      ]);
      expect(titles((await api.get(`agreements?meetingId=${meeting.transport}&sort=title`)).body)).toEqual([
        'Letter of intent MOW – Vietnamese Ministry of Transport',
        'MoU Vinamarine – Flemish Department of Chancellery and Foreign Affairs',
      ]);
      expect(titles((await api.get('agreements?status=planned')).body)).toEqual(['Letter of intent MOW – Vietnamese Ministry of Transport']);
      expect(titles((await api.get('agreements?type=mou&status=in_force')).body)).toEqual(['MoU MOW – Vietnamese counterpart (since 1995)']);
    });

    it('filters by an organisation that is party', async () => {
      expect(titles((await api.get(`agreements?partyId=${org.vinamarine}&sort=title`)).body)).toEqual([
        'MoU NXTPORT International and CamCO Technologies – Vinamarine',
        'MoU Vinamarine – Flemish Department of Chancellery and Foreign Affairs',
      ]);
      expect(titles((await api.get(`agreements?partyId=${org.mow}&sort=title`)).body)).toEqual([
        'Letter of intent MOW – Vietnamese Ministry of Transport',
        'MoU MOW – Vietnamese counterpart (since 1995)',
      ]);
      const twice = await api.get(`agreements?partyId=${org.ministryOfTransport}&partyId=${org.mow}`);
      expect(twice.status).toBe(400);
      expect(twice.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'partyId', message: 'partyId must be a UUID' }] });
    });

    it('filters by signing date, both bounds inclusive, and searches titles', async () => {
      expect((await api.get('agreements?signedAfter=2023-09-12&signedBefore=2023-09-12')).body.total).toBe(2);
      expect((await api.get('agreements?signedBefore=2023-09-11')).body.total).toBe(0);
      expect((await api.get('agreements?signedAfter=2023-09-13')).body.total).toBe(0);
      expect(titles((await api.get('agreements?q=letter of')).body)).toEqual(['Letter of intent MOW – Vietnamese Ministry of Transport']);
    });

    it('pages and sorts by title and by descending creation', async () => {
      const page = await api.get('agreements?sort=-title&limit=2&offset=1');
      expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
      expect(titles(page.body)).toEqual(['MoU NXTPORT International and CamCO Technologies – Vinamarine', 'MoU MOW – Vietnamese counterpart (since 1995)']);
      expect(titles((await api.get('agreements?sort=-createdAt&limit=1')).body)).toEqual(['MoU MOW – Vietnamese counterpart (since 1995)']);
    });

    it('loads the parties of a whole page with one query and no join in the page query', async () => {
      const queries: string[] = [];
      const logger = dataSource.logger;
      const logQuery = logger.logQuery.bind(logger);
      logger.logQuery = (query, parameters, runner) => {
        queries.push(query);
        logQuery(query, parameters, runner);
      };
      try {
        const response = await api.get('agreements?limit=200');
        expect(response.body.items.map((item: AgreementBody) => (item.partyIds as string[]).length).sort()).toEqual([2, 2, 2, 3]);
      } finally {
        logger.logQuery = logQuery;
      }
      expect(queries.filter((query) => query.includes('"agreement_parties"'))).toHaveLength(1);
      const pageQueries = queries.filter((query) => query.includes('FROM "agreements"'));
      expect(pageQueries.length).toBeGreaterThan(0);
      expect(pageQueries.filter((query) => /JOIN/i.test(query))).toEqual([]);
    });
  });

  describe('update', () => {
    it('signs the letter of intent, bumps the version and refuses a stale version with 409', async () => {
      const signed = await api.patch(`agreements/${agreement.letterOfIntent.id}`, { status: 'signed', signedOn: '2023-11-20', version: 1 });
      expect(signed.status).toBe(200);
      expect(signed.body).toMatchObject({
        status: 'signed',
        signedOn: '2023-11-20',
        version: 2,
        partyIds: sorted(org.mow, org.ministryOfTransport),
        missionId: mission.vietnam2023,
      });

      const stale = await api.patch(`agreements/${agreement.letterOfIntent.id}`, { status: 'terminated', version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ statusCode: 409, code: 'stale_version', details: [{ field: 'version', message: 'current version is 2' }] });
    });

    it('replaces the parties when partyIds is given, and counts that as a change', async () => {
      const updated = await api.patch(`agreements/${agreement.letterOfIntent.id}`, {
        partyIds: [org.mow, org.ministryOfTransport, org.vinamarine],
        version: 2,
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ version: 3, partyIds: sorted(org.mow, org.ministryOfTransport, org.vinamarine) });
      expect(titles((await api.get(`agreements?partyId=${org.vinamarine}&status=signed&signedAfter=2023-11-01`)).body)).toEqual([
        'Letter of intent MOW – Vietnamese Ministry of Transport',
      ]);

      const unchanged = await api.patch(`agreements/${agreement.letterOfIntent.id}`, { partyIds: [org.vinamarine, org.mow, org.ministryOfTransport] });
      expect(unchanged.body.version).toBe(3);
    });

    it('checks validity against the stored dates', async () => {
      const response = await api.patch(`agreements/${agreement.nxtportCamco.id}`, { validUntil: '2023-09-11' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'validation_failed',
        details: [{ field: 'validUntil', message: 'validUntil must not be before validFrom' }],
      });
      const cleared = await api.patch(`agreements/${agreement.nxtportCamco.id}`, { validFrom: null, validUntil: '2023-09-11' });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ validFrom: null, validUntil: '2023-09-11' });
    });

    it('refuses to move an agreement to a mission its meeting is not part of', async () => {
      const response = await api.patch(`agreements/${agreement.vinamarineChancellery.id}`, { missionId: mission.vietnam2018 });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'validation_failed',
        details: [
          { field: 'meetingId', message: `meeting ${meeting.transport} belongs to mission ${mission.vietnam2023}, not to mission ${mission.vietnam2018}` },
        ],
      });
      const moved = await api.patch(`agreements/${agreement.vinamarineChancellery.id}`, { meetingId: meeting.primeMinister });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ meetingId: meeting.primeMinister, missionId: mission.vietnam2023, version: 2 });
    });

    it.each([
      ['title', { title: null }],
      ['partyIds', { partyIds: null }],
      ['status', { status: null }],
      ['themes', { themes: null }],
    ])('refuses to clear the required %s with 400', async (field, body) => {
      const response = await api.patch(`agreements/${agreement.mow1995.id}`, body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', details: [{ field, message: `${field} must not be null` }] });
    });

    it('refuses a single party on update and keeps the agreement as it was', async () => {
      const response = await api.patch(`agreements/${agreement.mow1995.id}`, { partyIds: [org.mow] });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'validation_failed',
        details: [{ field: 'partyIds', message: 'partyIds must name at least two different organisations' }],
      });
      expect((await api.get(`agreements/${agreement.mow1995.id}`)).body).toEqual(agreement.mow1995);
    });
  });

  describe('archive', () => {
    it('archives an agreement: it leaves lists, search and filters, and is still read by id', async () => {
      const id = await create('agreements', { type: 'contract', title: 'Port training contract', partyIds: [org.nxtport, org.vinamarine] });
      expect((await api.delete(`agreements/${id}`)).status).toBe(204);
      const read = await api.get(`agreements/${id}`);
      // Still read by id, so that what refers to it never dangles.
      expect(read.status).toBe(200);
      expect(read.body.archivedAt).toEqual(expect.any(String));
      expect((await api.get('agreements?type=contract')).body.total).toBe(0);
      expect((await api.get(`agreements?partyId=${org.nxtport}`)).body.total).toBe(1);
    });
  });

  describe('parties that are archived later', () => {
    it('keeps an archived organisation among the parties until partyIds leaves it out, and refuses it as a new party', async () => {
      const port = await create('organisations', { name: 'Port of Haiphong training centre', kind: 'agency', country: 'VN' });
      const id = await create('agreements', { type: 'cooperation_agreement', title: 'Cooperation on port training', partyIds: [org.nxtport, org.camco, port] });
      expect((await api.delete(`organisations/${port}`)).status).toBe(204);
      expect((await api.get(`agreements/${id}`)).body.partyIds).toEqual(sorted(org.nxtport, org.camco, port));
      expect(titles((await api.get(`agreements?partyId=${port}`)).body)).toEqual(['Cooperation on port training']);

      const resent = await api.patch(`agreements/${id}`, { partyIds: [org.nxtport, port, org.vinamarine] });
      expect(resent.status).toBe(200);
      expect(resent.body).toMatchObject({ partyIds: sorted(org.nxtport, port, org.vinamarine), version: 2 });

      const updated = await api.patch(`agreements/${id}`, { partyIds: [org.nxtport, org.camco] });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ partyIds: sorted(org.nxtport, org.camco), version: 3 });
      const readded = await api.patch(`agreements/${id}`, { partyIds: [org.nxtport, port] });
      expect(readded.status).toBe(400);
      expect(readded.body).toMatchObject({ code: 'invalid_reference', details: [{ field: 'partyIds', message: `organisation ${port} does not exist` }] });
      expect((await api.get(`agreements?partyId=${port}`)).body.total).toBe(0);
      expect((await api.delete(`agreements/${id}`)).status).toBe(204);
    });
  });

  describe('bad input', () => {
    const valid = (): Record<string, unknown> => ({ type: 'mou', title: 'MoU on smart ports', partyIds: [org.nxtport, org.vinamarine] });

    it.each([
      ['an unknown field', { colour: 'blue' }, 'colour', 'unknown field colour: it is not part of this resource'],
      ['an unknown type', { type: 'treaty' }, 'type', 'type must be one of the following values: mou, loi, cooperation_agreement, contract'],
      ['an unknown status', { status: 'draft' }, 'status', 'status must be one of the following values: planned, signed, in_force, expired, terminated'],
      ['a missing title', { title: undefined }, 'title', 'title is required'],
      ['missing parties', { partyIds: undefined }, 'partyIds', 'partyIds is required'],
      ['a single party', { partyIds: [UNKNOWN_ID] }, 'partyIds', 'partyIds must name at least two different organisations'],
      ['one party named twice', { partyIds: [UNKNOWN_ID, UNKNOWN_ID] }, 'partyIds', 'partyIds must name at least two different organisations'],
      ['a malformed party id', { partyIds: [UNKNOWN_ID, 'vinamarine'] }, 'partyIds', 'each value in partyIds must be a UUID'],
      ['a malformed missionId', { missionId: 'VN-2023' }, 'missionId', 'missionId must be a UUID'],
      ['a signing date that does not exist', { signedOn: '2023-09-31' }, 'signedOn', 'signedOn is not a calendar date: 2023-09-31 does not exist'],
      ['a signing date with a time', { signedOn: '2023-09-12T10:00:00+07:00' }, 'signedOn', 'signedOn must be a date written YYYY-MM-DD'],
      ['a renewal date in another format', { renewalOn: '12/09/2028' }, 'renewalOn', 'renewalOn must be a date written YYYY-MM-DD'],
      ['a validity that ends before it starts', { validFrom: '2023-09-12', validUntil: '2023-09-11' }, 'validUntil', 'validUntil must not be before validFrom'],
      ['themes that are not a list', { themes: 'ports' }, 'themes', 'themes must be an array'],
    ])('rejects %s with 400 naming the field', async (_case, changes, field, message) => {
      const response = await api.post('agreements', { ...valid(), ...changes });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(response.body.details).toContainEqual({ field, message });
    });

    it.each([
      ['partyIds', () => ({ partyIds: [org.nxtport, UNKNOWN_ID] }), `organisation ${UNKNOWN_ID} does not exist`],
      ['missionId', () => ({ missionId: UNKNOWN_ID }), `mission ${UNKNOWN_ID} does not exist`],
      ['meetingId', () => ({ meetingId: UNKNOWN_ID }), `meeting ${UNKNOWN_ID} does not exist`],
    ])('rejects an id in %s that names nothing with 400 invalid_reference', async (field, changes, message) => {
      const response = await api.post('agreements', { ...valid(), ...changes() });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'invalid_reference', details: [{ field, message }] });
    });

    it('rejects an archived meeting as a reference', async () => {
      const archived = await create('meetings', {
        missionId: mission.vietnam2023,
        kind: 'b2b',
        title: 'B2B: cancelled',
        startsAt: '2023-09-14T09:00:00+07:00',
      });
      expect((await api.delete(`meetings/${archived}`)).status).toBe(204);
      const response = await api.post('agreements', { ...valid(), meetingId: archived });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'invalid_reference', details: [{ field: 'meetingId', message: `meeting ${archived} does not exist` }] });
    });

    it('rejects a meeting that belongs to another mission than missionId', async () => {
      const response = await api.post('agreements', { ...valid(), missionId: mission.vietnam2023, meetingId: meeting.visit2018 });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'validation_failed',
        details: [
          { field: 'meetingId', message: `meeting ${meeting.visit2018} belongs to mission ${mission.vietnam2018}, not to mission ${mission.vietnam2023}` },
        ],
      });
    });

    it.each([
      ['sort', 'sort=status', 'cannot sort by status; sort by one of: signedOn, title, createdAt'],
      ['signedAfter', 'signedAfter=September', 'signedAfter must be a date written YYYY-MM-DD'],
      ['signedBefore', 'signedBefore=2023-13-01', 'signedBefore is not a calendar date: 2023-13-01 does not exist'],
      ['partyId', 'partyId=vinamarine', 'partyId must be a UUID'],
      ['status', 'status=draft', 'status must be one of the following values: planned, signed, in_force, expired, terminated'],
      ['offset', 'offset=-1', 'offset must not be less than 0'],
    ])('rejects a bad %s in a list query with 400', async (field, query, message) => {
      const response = await api.get(`agreements?${query}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', details: [{ field, message }] });
    });

    it('rejects a malformed id with 400 and an unknown one with 404', async () => {
      const malformed = await api.delete('agreements/42');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'id', message: 'id must be a UUID' }] });
      const unknown = await api.get(`agreements/${UNKNOWN_ID}`);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'not_found', message: `agreement ${UNKNOWN_ID} not found` });
    });
  });
});
