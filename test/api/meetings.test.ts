import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { Contact } from '../../src/contacts/contact.entity.js';
import { Mission } from '../../src/missions/mission.entity.js';
import { startTestApp, type TestApp } from '../support/app.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface MeetingBody {
  id: string;
  title: string;
  version: number;
  [field: string]: unknown;
}

describe('meetings API', () => {
  let api: TestApp;
  let dataSource: DataSource;
  const mission = { vietnam2023: '', vietnam2018: '' };
  const org = { flemishGovernment: '', fit: '', governmentOfVietnam: '', ministryOfTransport: '', vinamarine: '', nxtport: '', camco: '', monument: '' };
  const contact = { phamMinhChinh: '', ministerPresident: '', viceMinisterOfTransport: '' };
  let primeMinister: MeetingBody;

  const titles = (body: { items: MeetingBody[] }): string[] => body.items.map((meeting) => meeting.title);

  // Missions and contacts are put in the database directly, so that these tests exercise the meetings API only.
  async function insertMission(code: string, title: string, startDate: string, endDate: string): Promise<string> {
    const saved = await dataSource.manager.save(
      dataSource.manager.create(Mission, {
        code,
        title,
        type: 'economic_mission',
        hostCountries: ['VN'],
        cities: ['Hanoi', 'Ho Chi Minh City'],
        startDate,
        endDate,
        timeZone: 'Asia/Ho_Chi_Minh',
      }),
    );
    return saved.id;
  }

  async function insertContact(name: string, role: string, organisationId: string): Promise<string> {
    return (await dataSource.manager.save(dataSource.manager.create(Contact, { name, role, organisationId }))).id;
  }

  async function createOrganisation(name: string, kind: string, country: string): Promise<string> {
    const response = await api.post('organisations', { name, kind, country });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  async function createMeeting(body: Record<string, unknown>): Promise<MeetingBody> {
    const response = await api.post('meetings', body);
    expect(response.status).toBe(201);
    return response.body;
  }

  beforeAll(async () => {
    api = await startTestApp();
    dataSource = api.app.get(DataSource);
    mission.vietnam2023 = await insertMission('VN-2023', 'Economic mission to Vietnam 2023', '2023-09-11', '2023-09-16');
    mission.vietnam2018 = await insertMission('VN-2018', 'Economic mission to Vietnam 2018', '2018-03-18', '2018-03-24');
    org.flemishGovernment = await createOrganisation('Flemish Government', 'government_body', 'BE');
    org.fit = await createOrganisation('Flanders Investment & Trade', 'agency', 'BE');
    org.governmentOfVietnam = await createOrganisation('Government of Vietnam', 'government_body', 'VN');
    org.ministryOfTransport = await createOrganisation('Ministry of Transport of Vietnam', 'government_body', 'VN');
    org.vinamarine = await createOrganisation('Vinamarine (Vietnam Maritime Administration)', 'government_body', 'VN');
    org.nxtport = await createOrganisation('NXTPORT International', 'company', 'BE');
    org.camco = await createOrganisation('CamCO Technologies', 'company', 'BE');
    org.monument = await createOrganisation('Monument', 'company', 'BE');
    contact.phamMinhChinh = await insertContact('Pham Minh Chinh', 'Prime Minister', org.governmentOfVietnam);
    contact.ministerPresident = await insertContact('Jan Jambon', 'Minister-President of Flanders', org.flemishGovernment);
    contact.viceMinisterOfTransport = await insertContact('Vice-Minister of Transport', 'Vice-Minister', org.ministryOfTransport);
  });

  afterAll(async () => {
    await api.close();
  });

  describe('create and read', () => {
    it('records the meeting with Prime Minister Pham Minh Chinh with both sides and returns all four id lists', async () => {
      const created = await api.post('meetings', {
        missionId: mission.vietnam2023,
        kind: 'official',
        title: 'Meeting with Prime Minister Pham Minh Chinh',
        startsAt: '2023-09-12T11:00:00+07:00',
        endsAt: '2023-09-12T12:00:00+07:00',
        location: '  Hanoi ',
        organisationIds: [org.flemishGovernment, org.fit],
        counterpartOrganisationIds: [org.governmentOfVietnam],
        contactIds: [contact.ministerPresident],
        counterpartContactIds: [contact.phamMinhChinh],
        topics: ['port management and infrastructure', 'smart logistics', 'cleantech'],
        outcome: 'The Prime Minister asked to deepen cooperation with central and regional authorities.',
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        missionId: mission.vietnam2023,
        kind: 'official',
        title: 'Meeting with Prime Minister Pham Minh Chinh',
        startsAt: '2023-09-12T04:00:00.000Z',
        endsAt: '2023-09-12T05:00:00.000Z',
        location: 'Hanoi',
        organisationIds: [org.flemishGovernment, org.fit].sort(),
        counterpartOrganisationIds: [org.governmentOfVietnam],
        contactIds: [contact.ministerPresident],
        counterpartContactIds: [contact.phamMinhChinh],
        topics: ['port management and infrastructure', 'smart logistics', 'cleantech'],
        attendeeCount: null,
        summary: null,
        outcome: 'The Prime Minister asked to deepen cooperation with central and regional authorities.',
        synthetic: false,
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        archivedAt: null,
      });
      primeMinister = created.body;

      const read = await api.get(`meetings/${primeMinister.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);
    });

    it('records the two FIT seminars and the HCMC Economic Forum with their attendee counts', async () => {
      const portSeminar = await createMeeting({
        missionId: mission.vietnam2023,
        kind: 'seminar',
        title: 'FIT seminar: port management and smart logistics',
        startsAt: '2023-09-13T09:00:00+07:00',
        endsAt: '2023-09-13T12:00:00+07:00',
        location: 'Haiphong',
        organisationIds: [org.fit, org.nxtport, org.camco],
        attendeeCount: 101,
      });
      expect(portSeminar).toMatchObject({
        kind: 'seminar',
        attendeeCount: 101,
        organisationIds: [org.fit, org.nxtport, org.camco].sort(),
        counterpartOrganisationIds: [],
        contactIds: [],
        counterpartContactIds: [],
        topics: [],
      });

      await createMeeting({
        missionId: mission.vietnam2023,
        kind: 'forum',
        title: 'HCMC Economic Forum',
        startsAt: '2023-09-15T08:30:00+07:00',
        location: 'Ho Chi Minh City',
        organisationIds: [org.flemishGovernment, org.fit],
      });
      const cleantech = await createMeeting({
        missionId: mission.vietnam2023,
        kind: 'seminar',
        title: 'FIT seminar: cleantech and circular economy',
        startsAt: '2023-09-15T14:00:00+07:00',
        location: 'Ho Chi Minh City',
        organisationIds: [org.fit, org.monument],
        attendeeCount: 104,
      });
      expect(cleantech).toMatchObject({ attendeeCount: 104, endsAt: null, startsAt: '2023-09-15T07:00:00.000Z' });
    });

    it('records synthetic B2B meetings and an official meeting of the 2018 mission', async () => {
      await createMeeting({
        missionId: mission.vietnam2023,
        kind: 'b2b',
        title: 'B2B: NXTPORT International – Vinamarine',
        startsAt: '2023-09-12T14:00:00+07:00',
        organisationIds: [org.nxtport],
        counterpartOrganisationIds: [org.vinamarine],
        synthetic: true,
      });
      await createMeeting({
        missionId: mission.vietnam2023,
        kind: 'b2b',
        title: 'B2B: CamCO Technologies – Vinamarine',
        startsAt: '2023-09-12T15:00:00+07:00',
        organisationIds: [org.camco],
        counterpartOrganisationIds: [org.vinamarine],
        synthetic: true,
      });
      await createMeeting({
        missionId: mission.vietnam2018,
        kind: 'official',
        title: 'Meeting with the Ministry of Transport (2018)',
        startsAt: '2018-03-20T10:00:00+07:00',
        counterpartOrganisationIds: [org.ministryOfTransport],
      });
    });

    it('ignores an id repeated within one list', async () => {
      const meeting = await createMeeting({
        missionId: mission.vietnam2023,
        kind: 'other',
        title: 'Delegation briefing',
        startsAt: '2023-09-11T08:00:00+07:00',
        organisationIds: [org.fit, org.fit],
      });
      expect(meeting.organisationIds).toEqual([org.fit]);
      expect((await api.delete(`meetings/${meeting.id}`)).status).toBe(204);
    });
  });

  describe('list', () => {
    it('sorts by startsAt by default and filters by mission', async () => {
      const response = await api.get(`meetings?missionId=${mission.vietnam2023}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ total: 6, limit: 50, offset: 0 });
      expect(titles(response.body)).toEqual([
        'Meeting with Prime Minister Pham Minh Chinh',
        'B2B: NXTPORT International – Vinamarine',
        'B2B: CamCO Technologies – Vinamarine',
        'FIT seminar: port management and smart logistics',
        'HCMC Economic Forum',
        'FIT seminar: cleantech and circular economy',
      ]);
      expect(response.body.items[0]).toEqual(primeMinister);
    });

    it('filters by kind', async () => {
      const response = await api.get('meetings?kind=seminar');
      expect(titles(response.body)).toEqual(['FIT seminar: port management and smart logistics', 'FIT seminar: cleantech and circular economy']);
    });

    it('filters by an organisation on either side', async () => {
      const delegation = await api.get(`meetings?organisationId=${org.nxtport}`);
      expect(titles(delegation.body)).toEqual(['B2B: NXTPORT International – Vinamarine', 'FIT seminar: port management and smart logistics']);
      const counterpart = await api.get(`meetings?organisationId=${org.vinamarine}`);
      expect(titles(counterpart.body)).toEqual(['B2B: NXTPORT International – Vinamarine', 'B2B: CamCO Technologies – Vinamarine']);
    });

    it('filters by a person on either side', async () => {
      const host = await api.get(`meetings?contactId=${contact.phamMinhChinh}`);
      expect(titles(host.body)).toEqual(['Meeting with Prime Minister Pham Minh Chinh']);
      const delegation = await api.get(`meetings?contactId=${contact.ministerPresident}`);
      expect(titles(delegation.body)).toEqual(['Meeting with Prime Minister Pham Minh Chinh']);
    });

    it('filters by start time, from startsAfter inclusive to startsBefore exclusive, in any offset', async () => {
      const day = await api.get(
        `meetings?startsAfter=${encodeURIComponent('2023-09-12T11:00:00+07:00')}&startsBefore=${encodeURIComponent('2023-09-12T08:00:00Z')}`,
      );
      expect(day.status).toBe(200);
      expect(titles(day.body)).toEqual(['Meeting with Prime Minister Pham Minh Chinh', 'B2B: NXTPORT International – Vinamarine']);
      const before2019 = await api.get(`meetings?startsBefore=${encodeURIComponent('2019-01-01T00:00:00+07:00')}`);
      expect(titles(before2019.body)).toEqual(['Meeting with the Ministry of Transport (2018)']);
    });

    it('filters by synthetic and searches titles', async () => {
      const synthetic = await api.get('meetings?synthetic=true');
      expect(titles(synthetic.body)).toEqual(['B2B: NXTPORT International – Vinamarine', 'B2B: CamCO Technologies – Vinamarine']);
      const real = await api.get('meetings?synthetic=false');
      expect(real.body.total).toBe(5);
      const search = await api.get('meetings?q=pham minh');
      expect(titles(search.body)).toEqual(['Meeting with Prime Minister Pham Minh Chinh']);
      const wildcard = await api.get('meetings?q=%25');
      expect(wildcard.body.total).toBe(0);
    });

    it('pages and sorts by title and by descending start', async () => {
      const byTitle = await api.get('meetings?sort=title&limit=2&offset=1');
      expect(byTitle.body).toMatchObject({ total: 7, limit: 2, offset: 1 });
      expect(titles(byTitle.body)).toEqual(['B2B: NXTPORT International – Vinamarine', 'FIT seminar: cleantech and circular economy']);
      const latest = await api.get('meetings?sort=-startsAt&limit=1');
      expect(titles(latest.body)).toEqual(['FIT seminar: cleantech and circular economy']);
      const created = await api.get('meetings?sort=createdAt&limit=1');
      expect(titles(created.body)).toEqual(['Meeting with Prime Minister Pham Minh Chinh']);
    });

    it('loads the parties of a whole page with one query per join table and no join in the page query', async () => {
      const queries: string[] = [];
      const logger = dataSource.logger;
      const logQuery = logger.logQuery.bind(logger);
      logger.logQuery = (query, parameters, runner) => {
        queries.push(query);
        logQuery(query, parameters, runner);
      };
      try {
        const response = await api.get('meetings?limit=200');
        expect(response.body.items).toHaveLength(7);
      } finally {
        logger.logQuery = logQuery;
      }
      expect(queries.filter((query) => query.includes('"meeting_organisations"'))).toHaveLength(1);
      expect(queries.filter((query) => query.includes('"meeting_contacts"'))).toHaveLength(1);
      expect(queries.filter((query) => /JOIN/i.test(query))).toEqual([]);
    });
  });

  describe('update', () => {
    it('changes fields, bumps the version and refuses a stale version with 409', async () => {
      const updated = await api.patch(`meetings/${primeMinister.id}`, { summary: 'Constructive talk, following the 2018 mission.', version: 1 });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        summary: 'Constructive talk, following the 2018 mission.',
        version: 2,
        title: 'Meeting with Prime Minister Pham Minh Chinh',
        counterpartContactIds: [contact.phamMinhChinh],
      });

      const stale = await api.patch(`meetings/${primeMinister.id}`, { summary: 'Overwritten', version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ statusCode: 409, code: 'stale_version', details: [{ field: 'version', message: 'current version is 2' }] });
    });

    it('replaces only the side whose list is given, and counts that as a change', async () => {
      const updated = await api.patch(`meetings/${primeMinister.id}`, {
        counterpartOrganisationIds: [org.governmentOfVietnam, org.ministryOfTransport],
        version: 2,
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        version: 3,
        organisationIds: [org.flemishGovernment, org.fit].sort(),
        counterpartOrganisationIds: [org.governmentOfVietnam, org.ministryOfTransport].sort(),
        contactIds: [contact.ministerPresident],
        counterpartContactIds: [contact.phamMinhChinh],
      });
      expect(Date.parse(updated.body.updatedAt)).toBeGreaterThan(Date.parse(primeMinister.updatedAt as string));
      const filtered = await api.get(`meetings?organisationId=${org.ministryOfTransport}&missionId=${mission.vietnam2023}`);
      expect(titles(filtered.body)).toEqual(['Meeting with Prime Minister Pham Minh Chinh']);

      const cleared = await api.patch(`meetings/${primeMinister.id}`, { contactIds: [] });
      expect(cleared.body).toMatchObject({ version: 4, contactIds: [], counterpartContactIds: [contact.phamMinhChinh] });
    });

    it('moves an organisation across the table when both lists are given', async () => {
      const b2b = await createMeeting({
        missionId: mission.vietnam2023,
        kind: 'b2b',
        title: 'B2B: Monument – Vinamarine',
        startsAt: '2023-09-14T10:00:00+07:00',
        organisationIds: [org.monument],
        counterpartOrganisationIds: [org.vinamarine],
        synthetic: true,
      });
      const swapped = await api.patch(`meetings/${b2b.id}`, { organisationIds: [org.vinamarine], counterpartOrganisationIds: [org.monument] });
      expect(swapped.status).toBe(200);
      expect(swapped.body).toMatchObject({ organisationIds: [org.vinamarine], counterpartOrganisationIds: [org.monument], version: 2 });
      expect((await api.delete(`meetings/${b2b.id}`)).status).toBe(204);
    });

    it('leaves the version alone when the same parties are sent again', async () => {
      const current = await api.get(`meetings/${primeMinister.id}`);
      const same = await api.patch(`meetings/${primeMinister.id}`, { counterpartContactIds: current.body.counterpartContactIds });
      expect(same.body.version).toBe(current.body.version);
    });

    it('checks endsAt against the stored startsAt', async () => {
      const response = await api.patch(`meetings/${primeMinister.id}`, { endsAt: '2023-09-12T10:59:00+07:00' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'endsAt', message: 'endsAt must not be before startsAt' }] });
      const cleared = await api.patch(`meetings/${primeMinister.id}`, { endsAt: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body.endsAt).toBeNull();
    });

    it('refuses a list that puts an organisation on the side it is not already on', async () => {
      const response = await api.patch(`meetings/${primeMinister.id}`, { counterpartOrganisationIds: [org.fit] });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'validation_failed',
        details: [
          { field: 'counterpartOrganisationIds', message: `organisation ${org.fit} is also in organisationIds: each organisation is on one side only` },
        ],
      });
    });

    it.each([
      ['missionId', { missionId: null }],
      ['title', { title: null }],
      ['startsAt', { startsAt: null }],
      ['organisationIds', { organisationIds: null }],
    ])('refuses to clear the required %s with 400', async (field, body) => {
      const response = await api.patch(`meetings/${primeMinister.id}`, body);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', details: [{ field, message: `${field} must not be null` }] });
    });

    it('accepts an organisation archived after the meeting when its list is sent back, but not as a new one', async () => {
      const cleantech = (await api.get('meetings?q=cleantech')).body.items[0] as MeetingBody;
      expect((await api.delete(`organisations/${org.monument}`)).status).toBe(204);
      const resent = await api.patch(`meetings/${cleantech.id}`, { organisationIds: [org.fit, org.monument, org.camco] });
      expect(resent.status).toBe(200);
      expect(resent.body.organisationIds).toEqual([org.fit, org.monument, org.camco].sort());
      const moved = await api.patch(`meetings/${primeMinister.id}`, { organisationIds: [org.fit, org.monument] });
      expect(moved.status).toBe(400);
      expect(moved.body).toMatchObject({
        code: 'invalid_reference',
        details: [{ field: 'organisationIds', message: `organisation ${org.monument} does not exist` }],
      });
    });

    it('refuses an unknown reference on update and keeps the meeting as it was', async () => {
      const before = await api.get(`meetings/${primeMinister.id}`);
      const response = await api.patch(`meetings/${primeMinister.id}`, { title: 'Changed', contactIds: [UNKNOWN_ID] });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'invalid_reference', details: [{ field: 'contactIds', message: `contact ${UNKNOWN_ID} does not exist` }] });
      expect((await api.get(`meetings/${primeMinister.id}`)).body).toEqual(before.body);
    });
  });

  describe('archive', () => {
    it('archives a meeting: it leaves lists, search and filters, and is still read by id', async () => {
      const reception = await createMeeting({
        missionId: mission.vietnam2023,
        kind: 'reception',
        title: "Reception by the People's Committee of Haiphong",
        startsAt: '2023-09-13T14:00:00+07:00',
        counterpartOrganisationIds: [org.vinamarine],
      });
      expect((await api.delete(`meetings/${reception.id}`)).status).toBe(204);
      const read = await api.get(`meetings/${reception.id}`);
      // Still read by id, so that what refers to it never dangles.
      expect(read.status).toBe(200);
      expect(read.body.archivedAt).toEqual(expect.any(String));
      expect((await api.get('meetings?q=Haiphong')).body.total).toBe(0);
      expect(titles((await api.get(`meetings?organisationId=${org.vinamarine}`)).body)).not.toContain("Reception by the People's Committee of Haiphong");
      const again = await api.delete(`meetings/${reception.id}`);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('archived');
    });
  });

  describe('bad input', () => {
    const valid = (): Record<string, unknown> => ({
      missionId: mission.vietnam2023,
      kind: 'b2b',
      title: 'B2B: NXTPORT International – CamCO Technologies',
      startsAt: '2023-09-14T09:00:00+07:00',
    });

    it.each([
      ['an unknown field', { colour: 'blue' }, 'colour', 'unknown field colour: it is not part of this resource'],
      ['a missing missionId', { missionId: undefined }, 'missionId', 'missionId is required'],
      ['an unknown kind', { kind: 'banquet' }, 'kind', 'kind must be one of the following values: b2b, official, seminar, forum, site_visit, reception, other'],
      ['a blank title', { title: '   ' }, 'title', 'title should not be empty'],
      [
        'a start without a UTC offset',
        { startsAt: '2023-09-12T11:00:00' },
        'startsAt',
        'startsAt must be an ISO 8601 date-time with a UTC offset, such as 2023-09-12T11:00:00+07:00, or a date such as 2023-09-12',
      ],
      ['a start on a date that does not exist', { startsAt: '2023-09-31' }, 'startsAt', 'startsAt is not a calendar date: 2023-09-31 does not exist'],
      [
        'a start on a day that does not exist',
        { startsAt: '2023-02-30T11:00:00+07:00' },
        'startsAt',
        'startsAt is not a calendar date: 2023-02-30 does not exist',
      ],
      [
        'a start given as a number',
        { startsAt: 1694491200000 },
        'startsAt',
        'startsAt must be an ISO 8601 date-time with a UTC offset, such as 2023-09-12T11:00:00+07:00, or a date such as 2023-09-12',
      ],
      [
        'an end that is not a time',
        { endsAt: 'noon' },
        'endsAt',
        'endsAt must be an ISO 8601 date-time with a UTC offset, such as 2023-09-12T11:00:00+07:00, or a date such as 2023-09-12',
      ],
      ['a negative attendee count', { attendeeCount: -1 }, 'attendeeCount', 'attendeeCount must not be less than 0'],
      ['a fractional attendee count', { attendeeCount: 100.5 }, 'attendeeCount', 'attendeeCount must be an integer number'],
      ['an id list that is not a list', { organisationIds: org.nxtport }, 'organisationIds', 'organisationIds must be an array'],
      ['a malformed contact id', { counterpartContactIds: ['pham'] }, 'counterpartContactIds', 'each value in counterpartContactIds must be a UUID'],
      ['topics that are not strings', { topics: [42] }, 'topics', 'each value in topics must be a string'],
    ])('rejects %s with 400 naming the field', async (_case, changes, field, message) => {
      const response = await api.post('meetings', { ...valid(), ...changes });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(response.body.details).toContainEqual({ field, message });
    });

    it('rejects an end before the start with 400', async () => {
      const response = await api.post('meetings', { ...valid(), endsAt: '2023-09-14T01:59:59Z' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'endsAt', message: 'endsAt must not be before startsAt' }] });
    });

    it.each([
      ['missionId', { missionId: UNKNOWN_ID }, `mission ${UNKNOWN_ID} does not exist`],
      ['organisationIds', { organisationIds: [UNKNOWN_ID] }, `organisation ${UNKNOWN_ID} does not exist`],
      ['counterpartOrganisationIds', { counterpartOrganisationIds: [UNKNOWN_ID] }, `organisation ${UNKNOWN_ID} does not exist`],
      ['contactIds', { contactIds: [UNKNOWN_ID] }, `contact ${UNKNOWN_ID} does not exist`],
      ['counterpartContactIds', { counterpartContactIds: [UNKNOWN_ID] }, `contact ${UNKNOWN_ID} does not exist`],
    ])('rejects an id in %s that names nothing with 400 invalid_reference', async (field, changes, message) => {
      const response = await api.post('meetings', { ...valid(), ...changes });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'invalid_reference', details: [{ field, message }] });
    });

    it('rejects an archived organisation as a reference', async () => {
      const archived = await createOrganisation('Closed trading company', 'company', 'BE');
      expect((await api.delete(`organisations/${archived}`)).status).toBe(204);
      const response = await api.post('meetings', { ...valid(), organisationIds: [archived] });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        code: 'invalid_reference',
        details: [{ field: 'organisationIds', message: `organisation ${archived} does not exist` }],
      });
    });

    it('rejects an organisation and a person on both sides at once', async () => {
      const response = await api.post('meetings', {
        ...valid(),
        organisationIds: [org.nxtport, org.vinamarine],
        counterpartOrganisationIds: [org.vinamarine],
        contactIds: [contact.phamMinhChinh],
        counterpartContactIds: [contact.phamMinhChinh],
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed' });
      expect(response.body.details).toEqual([
        { field: 'counterpartOrganisationIds', message: `organisation ${org.vinamarine} is also in organisationIds: each organisation is on one side only` },
        { field: 'counterpartContactIds', message: `contact ${contact.phamMinhChinh} is also in contactIds: each contact is on one side only` },
      ]);
    });

    it.each([
      ['sort', 'sort=location', 'cannot sort by location; sort by one of: startsAt, title, createdAt'],
      ['startsAfter', 'startsAfter=2023-09-32', 'startsAfter is not a calendar date: 2023-09-32 does not exist'],
      [
        'startsBefore',
        'startsBefore=tomorrow',
        'startsBefore must be an ISO 8601 date-time with a UTC offset, such as 2023-09-12T11:00:00+07:00, or a date such as 2023-09-12',
      ],
      ['organisationId', 'organisationId=nxtport', 'organisationId must be a UUID'],
      ['kind', 'kind=banquet', 'kind must be one of the following values: b2b, official, seminar, forum, site_visit, reception, other'],
      ['synthetic', 'synthetic=yes', 'synthetic must be true or false'],
      ['limit', 'limit=201', 'limit must not be greater than 200'],
    ])('rejects a bad %s in a list query with 400', async (field, query, message) => {
      const response = await api.get(`meetings?${query}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', details: [{ field, message }] });
    });

    it('rejects a malformed id with 400 and an unknown one with 404', async () => {
      const malformed = await api.get('meetings/not-a-uuid');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'id', message: 'id must be a UUID' }] });
      const unknown = await api.patch(`meetings/${UNKNOWN_ID}`, { title: 'X' });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'not_found', message: `meeting ${UNKNOWN_ID} not found` });
    });
  });
});
