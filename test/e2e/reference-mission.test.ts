import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../../src/common/clock.service.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * The Vietnam 2023 economic mission (parliamentary question no. 434) as an officer lives it,
 * through the REST API only: register the people and organisations, plan the mission, record
 * the delegation, the meetings and the agreements, plan the follow-up, and months later pull
 * out what the parliamentary answer needs. Each test builds on the ones before it.
 *
 * What the source states is used as stated. It names only three of the thirty companies and
 * gives no hour-by-hour programme: the other companies, the delegates, the B2B meetings, the
 * survey answers and the times of day are invented (companies and people marked synthetic).
 */

const ORGANISATIONS = {
  chancellery: {
    name: 'Department of Chancellery and Foreign Affairs',
    kind: 'government_body',
    country: 'BE',
    city: 'Brussels',
    sectors: ['foreign affairs'],
  },
  mow: {
    name: 'Department of Mobility and Public Works (MOW)',
    kind: 'government_body',
    country: 'BE',
    city: 'Brussels',
    sectors: ['ports', 'water management'],
  },
  fit: { name: 'Flanders Investment & Trade', kind: 'agency', country: 'BE', city: 'Brussels', sectors: ['trade promotion'] },
  nxtport: { name: 'NXTPORT International', kind: 'company', country: 'BE', city: 'Antwerp', sectors: ['ports', 'smart logistics'] },
  camco: { name: 'CamCO Technologies', kind: 'company', country: 'BE', city: 'Ghent', sectors: ['ports', 'smart logistics'] },
  monument: { name: 'Monument', kind: 'company', country: 'BE', sectors: ['heritage renovation'] },
  scheldeCleantech: { name: 'Schelde Cleantech', kind: 'company', country: 'BE', sectors: ['cleantech'], synthetic: true },
  polderWater: { name: 'Polder Water Engineering', kind: 'company', country: 'BE', sectors: ['resilient cities'], synthetic: true },
  kempenCircular: { name: 'Kempen Circular Materials', kind: 'company', country: 'BE', sectors: ['circular economy'], synthetic: true },
  vvob: { name: 'VVOB – education for development', kind: 'ngo', country: 'BE', city: 'Brussels', sectors: ['education'] },
  kuLeuven: { name: 'KU Leuven', kind: 'university', country: 'BE', city: 'Leuven', sectors: ['education'] },
  vinamarine: { name: 'Vinamarine (Vietnam Maritime Administration)', kind: 'government_body', country: 'VN', city: 'Hanoi', sectors: ['ports'] },
  governmentVn: { name: 'Government of Vietnam', kind: 'government_body', country: 'VN', city: 'Hanoi', sectors: [] },
  transportMinistry: { name: 'Ministry of Transport of Vietnam', kind: 'government_body', country: 'VN', city: 'Hanoi', sectors: ['transport', 'ports'] },
  pcHanoi: { name: "People's Committee of Hanoi", kind: 'government_body', country: 'VN', city: 'Hanoi', sectors: [] },
  pcHaiphong: { name: "People's Committee of Haiphong", kind: 'government_body', country: 'VN', city: 'Haiphong', sectors: [] },
  pcQuangNinh: { name: "People's Committee of Quang Ninh Province", kind: 'government_body', country: 'VN', city: 'Ha Long', sectors: [] },
  pcHcmc: { name: "People's Committee of Ho Chi Minh City", kind: 'government_body', country: 'VN', city: 'Ho Chi Minh City', sectors: [] },
  hcmue: { name: 'Ho Chi Minh City University of Education', kind: 'university', country: 'VN', city: 'Ho Chi Minh City', sectors: ['education'] },
  saigonLogistics: { name: 'Saigon Logistics JSC', kind: 'company', country: 'VN', city: 'Ho Chi Minh City', sectors: ['smart logistics'], synthetic: true },
  redRiverPorts: { name: 'Red River Port Services', kind: 'company', country: 'VN', city: 'Haiphong', sectors: ['ports'], synthetic: true },
} as const;
type OrganisationKey = keyof typeof ORGANISATIONS;

/** The Flemish companies on the delegation, in the order they were registered on it. */
const DELEGATION: readonly OrganisationKey[] = ['nxtport', 'camco', 'monument', 'scheldeCleantech', 'polderWater', 'kempenCircular'];

/** The survey FIT ran after the mission; one company did not answer. */
const SURVEY: Partial<Record<OrganisationKey, { satisfactionScore: number; satisfactionComment: string }>> = {
  nxtport: { satisfactionScore: 5, satisfactionComment: 'Direct access to Vinamarine; an MoU signed on the spot.' },
  camco: { satisfactionScore: 5, satisfactionComment: 'Well-prepared meetings at the Ministry of Transport.' },
  monument: { satisfactionScore: 4, satisfactionComment: 'The cathedral visit gave our work visibility.' },
  scheldeCleantech: { satisfactionScore: 4, satisfactionComment: 'Good seminar; more B2B slots next time.' },
  polderWater: { satisfactionScore: 5, satisfactionComment: 'Useful contacts in Hanoi.' },
};

/** Vietnam is UTC+7 all year: the programme is written in local time. */
const hanoiTime = (day: number, time: string): string => `2023-09-${day}T${time}:00+07:00`;
const utc = (day: number, time: string): string => new Date(hanoiTime(day, time)).toISOString();

const ids = (...keys: string[]): string[] => [...keys].sort();
const titles = (body: { items: { title: string }[] }): string[] => body.items.map((item) => item.title);

describe('the Vietnam 2023 economic mission, end to end over HTTP', () => {
  let api: TestApp;
  let now: jest.Spied<Clock['now']>;

  const organisation = {} as Record<OrganisationKey, string>;
  const user = {} as Record<'an' | 'linh', string>;
  const contact = {} as Record<'jambon' | 'pham' | OrganisationKey, string>;
  const mission = {} as Record<'vn2018' | 'vn2023', string>;
  const participant = {} as Record<OrganisationKey, { id: string; version: number }>;
  const meeting = {} as Record<'primeMinister' | 'transport' | 'seminarCleantech' | 'cathedral', string>;
  const agreement = {} as Record<'mouChancellery' | 'mouCompanies' | 'mou1995' | 'letterOfIntent', string>;
  const action = {} as Record<'mekong' | 'letterOfIntent' | 'goose' | 'stateVisit' | 'webinars' | 'infoSession' | 'appointments', string>;

  /** POSTs and insists on a 201: every later step depends on what this one stored. */
  async function create(path: string, body: Record<string, unknown>): Promise<any> {
    const response = await api.post(path, body);
    if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async function list(path: string): Promise<any> {
    const response = await api.get(path);
    expect(response.status).toBe(200);
    return response.body;
  }

  beforeAll(async () => {
    api = await startTestApp();
    // The officer records the follow-up on the Monday after the mission.
    now = jest.spyOn(api.app.get(Clock), 'now').mockReturnValue(new Date('2023-09-18T08:00:00Z'));
  });

  afterAll(async () => {
    now.mockRestore();
    await api.close();
  });

  it('1a. registers the two FIT officers, one working in Dutch and one in English', async () => {
    const an = await create('users', {
      email: 'An.Peeters@FIT.example',
      name: 'An Peeters',
      role: 'officer',
      language: 'nl',
      timeZone: 'Europe/Brussels',
      reminderMode: 'each',
      password: 'a long enough secret',
    });
    expect(an).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: 'an.peeters@fit.example',
      name: 'An Peeters',
      role: 'officer',
      language: 'nl',
      timeZone: 'Europe/Brussels',
      reminderMode: 'each',
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      archivedAt: null,
    });
    const linh = await create('users', {
      email: 'linh.tran@fit.example',
      name: 'Linh Tran',
      language: 'en',
      timeZone: 'Asia/Ho_Chi_Minh',
      reminderMode: 'digest',
    });
    expect(linh).toMatchObject({ role: 'officer', language: 'en', timeZone: 'Asia/Ho_Chi_Minh', reminderMode: 'digest' });
    user.an = an.id;
    user.linh = linh.id;

    const english = await list('users?language=en');
    expect(english.items.map((u: { name: string }) => u.name)).toEqual(['Linh Tran']);
  });

  it('1b. registers the Flemish and Vietnamese organisations', async () => {
    for (const [key, body] of Object.entries(ORGANISATIONS) as [OrganisationKey, (typeof ORGANISATIONS)[OrganisationKey]][]) {
      const created = await create('organisations', { ...body, country: body.country.toLowerCase() });
      expect(created).toMatchObject({ ...body, city: 'city' in body ? body.city : null, synthetic: 'synthetic' in body, enterpriseNumber: null, version: 1 });
      organisation[key] = created.id;
    }

    const vietnamese = await list('organisations?country=VN&kind=government_body&sort=name&limit=3');
    expect(vietnamese).toMatchObject({ total: 7, limit: 3, offset: 0 });
    expect(vietnamese.items.map((o: { name: string }) => o.name)).toEqual([
      'Government of Vietnam',
      'Ministry of Transport of Vietnam',
      "People's Committee of Haiphong",
    ]);
    const invented = await list('organisations?synthetic=true&sort=name');
    expect(invented.items.map((o: { name: string }) => o.name)).toEqual([
      'Kempen Circular Materials',
      'Polder Water Engineering',
      'Red River Port Services',
      'Saigon Logistics JSC',
      'Schelde Cleantech',
    ]);
  });

  it('1c. registers the Minister-President, the Prime Minister and the company delegates', async () => {
    const jambon = await create('contacts', {
      organisationId: organisation.chancellery,
      name: 'Jan Jambon',
      role: 'Minister-President of the Flemish Government',
    });
    expect(jambon).toMatchObject({
      organisationId: organisation.chancellery,
      name: 'Jan Jambon',
      role: 'Minister-President of the Flemish Government',
      email: null,
      synthetic: false,
    });
    const pham = await create('contacts', { organisationId: organisation.governmentVn, name: 'Pham Minh Chinh', role: 'Prime Minister of Vietnam' });
    expect(pham).toMatchObject({ organisationId: organisation.governmentVn, name: 'Pham Minh Chinh', role: 'Prime Minister of Vietnam' });
    contact.jambon = jambon.id;
    contact.pham = pham.id;

    const delegates: [OrganisationKey, string][] = [
      ['nxtport', 'Sofie Maes'],
      ['camco', 'Pieter Wouters'],
      ['monument', 'Lotte Jacobs'],
      ['scheldeCleantech', 'Bram De Smet'],
      ['polderWater', 'Nina Claes'],
      ['kempenCircular', 'Jonas Peeters'],
    ];
    for (const [key, name] of delegates) {
      contact[key] = (await create('contacts', { organisationId: organisation[key], name, role: 'Managing director', synthetic: true })).id;
    }

    const nxtportPeople = await list(`contacts?organisationId=${organisation.nxtport}`);
    expect(nxtportPeople.items.map((c: { name: string }) => c.name)).toEqual(['Sofie Maes']);
  });

  it('2. records the 2018 mission and the 2023 mission that follows it up', async () => {
    // The source gives only the year of the 2018 mission: its dates are illustrative.
    const vn2018 = await create('missions', {
      code: 'VN-2018',
      title: 'Economic mission to Vietnam 2018',
      type: 'economic_mission',
      hostCountries: ['VN'],
      startDate: '2018-05-13',
      endDate: '2018-05-18',
      timeZone: 'Asia/Ho_Chi_Minh',
      organiser: 'Flanders Investment & Trade',
      status: 'completed',
    });
    mission.vn2018 = vn2018.id;

    const vn2023 = await create('missions', {
      code: 'VN-2023',
      title: 'Economic mission to Vietnam',
      type: 'economic_mission',
      hostCountries: ['vn'],
      cities: ['Hanoi', 'Haiphong', 'Quang Ninh', 'Ho Chi Minh City'],
      startDate: '2023-09-11',
      endDate: '2023-09-16',
      timeZone: 'Asia/Ho_Chi_Minh',
      leaderContactId: contact.jambon,
      ownerId: user.an,
      organiser: 'Flanders Investment & Trade',
      theme: '50 years of diplomatic relations between Belgium and Vietnam',
      focusSectors: ['sustainable trade & logistics', 'resilient cities'],
      status: 'completed',
      previousMissionId: mission.vn2018,
    });
    mission.vn2023 = vn2023.id;

    const read = await api.get(`missions/${mission.vn2023}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      id: mission.vn2023,
      code: 'VN-2023',
      title: 'Economic mission to Vietnam',
      type: 'economic_mission',
      hostCountries: ['VN'],
      cities: ['Hanoi', 'Haiphong', 'Quang Ninh', 'Ho Chi Minh City'],
      startDate: '2023-09-11',
      endDate: '2023-09-16',
      timeZone: 'Asia/Ho_Chi_Minh',
      leaderContactId: contact.jambon,
      ownerId: user.an,
      organiser: 'Flanders Investment & Trade',
      theme: '50 years of diplomatic relations between Belgium and Vietnam',
      focusSectors: ['sustainable trade & logistics', 'resilient cities'],
      status: 'completed',
      previousMissionId: mission.vn2018,
      description: null,
      version: 1,
      createdAt: vn2023.createdAt,
      updatedAt: vn2023.updatedAt,
      archivedAt: null,
    });

    const toVietnam = await list('missions?country=VN&sort=startDate');
    expect(toVietnam.items.map((m: { code: string; previousMissionId: string | null }) => [m.code, m.previousMissionId])).toEqual([
      ['VN-2018', null],
      ['VN-2023', mission.vn2018],
    ]);
  });

  it('3a. puts the companies on the delegation with their delegates', async () => {
    const flemishCompanies = DELEGATION.slice(0, 3);
    for (const key of DELEGATION) {
      const body = {
        organisationId: organisation[key],
        delegateContactIds: [contact[key]],
        sectors: [...ORGANISATIONS[key].sectors],
        objectives: `Meet Vietnamese partners in ${ORGANISATIONS[key].sectors.join(' and ')}`,
        synthetic: !flemishCompanies.includes(key),
      };
      const created = await create(`missions/${mission.vn2023}/participants`, body);
      expect(created).toEqual({
        ...body,
        id: expect.any(String),
        missionId: mission.vn2023,
        satisfactionScore: null,
        satisfactionComment: null,
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      participant[key] = { id: created.id, version: created.version };
    }

    const again = await api.post(`missions/${mission.vn2023}/participants`, { organisationId: organisation.nxtport });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'conflict', details: [{ field: 'organisationId', message: 'already on this mission' }] });
  });

  it('3b. adds the satisfaction-survey answers after the mission, one PATCH per company', async () => {
    for (const [key, answer] of Object.entries(SURVEY) as [OrganisationKey, { satisfactionScore: number; satisfactionComment: string }][]) {
      const response = await api.patch(`missions/${mission.vn2023}/participants/${participant[key].id}`, { ...answer, version: participant[key].version });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ ...answer, organisationId: organisation[key], delegateContactIds: [contact[key]], version: 2 });
      participant[key].version = response.body.version;
    }

    // A second officer working from the form as it was before the answer came in.
    const stale = await api.patch(`missions/${mission.vn2023}/participants/${participant.nxtport.id}`, { satisfactionScore: 3, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale_version' });

    const answered = await list(`missions/${mission.vn2023}/participants?answered=true&sort=-satisfactionScore,createdAt`);
    expect(answered.total).toBe(5);
    expect(answered.items.map((p: { organisationId: string; satisfactionScore: number }) => [p.organisationId, p.satisfactionScore])).toEqual([
      [organisation.nxtport, 5],
      [organisation.camco, 5],
      [organisation.polderWater, 5],
      [organisation.monument, 4],
      [organisation.scheldeCleantech, 4],
    ]);
    const silent = await list(`missions/${mission.vn2023}/participants?answered=false`);
    expect(silent.items.map((p: { organisationId: string }) => p.organisationId)).toEqual([organisation.kempenCircular]);
  });

  it('4a. records the official meetings: Prime Minister, ministers, People’s Committees, university', async () => {
    const primeMinister = await create('meetings', {
      missionId: mission.vn2023,
      kind: 'official',
      title: 'Meeting with Prime Minister Pham Minh Chinh',
      startsAt: hanoiTime(12, '10:00'),
      endsAt: hanoiTime(12, '11:00'),
      location: 'Hanoi',
      organisationIds: [organisation.chancellery, organisation.fit],
      counterpartOrganisationIds: [organisation.governmentVn],
      contactIds: [contact.jambon],
      counterpartContactIds: [contact.pham],
      topics: ['port management and infrastructure', 'smart logistics', 'cleantech', 'circular economy'],
      summary: 'Builds on the working lunch at De Warande in late 2022; both are maritime nations with major ports.',
      outcome: 'The Prime Minister asks to deepen cooperation with central and regional authorities.',
    });
    expect(primeMinister).toEqual({
      id: expect.any(String),
      missionId: mission.vn2023,
      kind: 'official',
      title: 'Meeting with Prime Minister Pham Minh Chinh',
      startsAt: '2023-09-12T03:00:00.000Z',
      endsAt: '2023-09-12T04:00:00.000Z',
      location: 'Hanoi',
      organisationIds: ids(organisation.chancellery, organisation.fit),
      counterpartOrganisationIds: [organisation.governmentVn],
      contactIds: [contact.jambon],
      counterpartContactIds: [contact.pham],
      topics: ['port management and infrastructure', 'smart logistics', 'cleantech', 'circular economy'],
      attendeeCount: null,
      summary: 'Builds on the working lunch at De Warande in late 2022; both are maritime nations with major ports.',
      outcome: 'The Prime Minister asks to deepen cooperation with central and regional authorities.',
      synthetic: false,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      archivedAt: null,
    });
    meeting.primeMinister = primeMinister.id;

    await create('meetings', {
      missionId: mission.vn2023,
      kind: 'official',
      title: 'Meeting with the Minister of Foreign Affairs',
      startsAt: hanoiTime(12, '11:30'),
      location: 'Hanoi',
      organisationIds: [organisation.chancellery],
      counterpartOrganisationIds: [organisation.governmentVn],
      contactIds: [contact.jambon],
    });

    const transport = await create('meetings', {
      missionId: mission.vn2023,
      kind: 'official',
      title: 'Meeting with the Vice-Minister of Transport',
      startsAt: hanoiTime(12, '14:00'),
      location: 'Hanoi',
      organisationIds: [organisation.chancellery, organisation.mow, organisation.nxtport, organisation.camco],
      counterpartOrganisationIds: [organisation.transportMinistry, organisation.vinamarine],
      contactIds: [contact.jambon, contact.nxtport, contact.camco],
      topics: ['water management', 'transport', 'ports', 'training of Vietnamese experts at APEC'],
      summary: 'Bilateral cooperation only; China was not discussed.',
    });
    expect(transport).toMatchObject({
      organisationIds: ids(organisation.chancellery, organisation.mow, organisation.nxtport, organisation.camco),
      counterpartOrganisationIds: ids(organisation.transportMinistry, organisation.vinamarine),
      contactIds: ids(contact.jambon, contact.nxtport, contact.camco),
    });
    meeting.transport = transport.id;

    const committees: [OrganisationKey, number, string, string, OrganisationKey[]][] = [
      ['pcHanoi', 11, '16:00', 'Hanoi', ['nxtport', 'polderWater']],
      ['pcHaiphong', 13, '10:00', 'Haiphong', ['nxtport', 'camco']],
      ['pcQuangNinh', 13, '15:00', 'Ha Long', ['scheldeCleantech']],
      ['pcHcmc', 15, '14:00', 'Ho Chi Minh City', ['monument', 'kempenCircular']],
    ];
    for (const [committee, day, time, location, companies] of committees) {
      const created = await create('meetings', {
        missionId: mission.vn2023,
        kind: 'official',
        title: `Reception by the ${ORGANISATIONS[committee].name}`,
        startsAt: hanoiTime(day, time),
        location,
        organisationIds: [organisation.chancellery, ...companies.map((key) => organisation[key])],
        counterpartOrganisationIds: [organisation[committee]],
        contactIds: [contact.jambon],
      });
      expect(created.organisationIds).toEqual(ids(organisation.chancellery, ...companies.map((key) => organisation[key])));
    }

    await create('meetings', {
      missionId: mission.vn2023,
      kind: 'official',
      title: 'Visit to Ho Chi Minh City University of Education with VVOB',
      startsAt: hanoiTime(15, '16:30'),
      location: 'Ho Chi Minh City',
      organisationIds: [organisation.chancellery, organisation.vvob],
      counterpartOrganisationIds: [organisation.hcmue],
      contactIds: [contact.jambon],
      topics: ['Process-Oriented Child Monitoring (developed by KU Leuven)'],
    });
  });

  it('4b. records the forum, the two FIT seminars and the cathedral site visit', async () => {
    const forum = await create('meetings', {
      missionId: mission.vn2023,
      kind: 'forum',
      title: 'HCMC Economic Forum',
      startsAt: hanoiTime(15, '09:00'),
      location: 'Ho Chi Minh City',
      organisationIds: [organisation.chancellery, organisation.fit],
      contactIds: [contact.jambon],
      summary: 'Opening speech by the Minister-President, with the Deputy Prime Minister of Vietnam present.',
    });
    expect(forum).toMatchObject({ kind: 'forum', startsAt: utc(15, '09:00'), counterpartOrganisationIds: [], attendeeCount: null });

    const seminar = (title: string, day: number, location: string, topics: string[], attendeeCount: number) =>
      create('meetings', {
        missionId: mission.vn2023,
        kind: 'seminar',
        title,
        startsAt: hanoiTime(day, '16:30'),
        location,
        organisationIds: [organisation.fit],
        topics,
        attendeeCount,
      });
    await seminar('FIT seminar: port management and smart logistics', 12, 'Hanoi', ['port management', 'smart logistics'], 120);
    meeting.seminarCleantech = (
      await seminar('FIT seminar: cleantech and circular economy', 14, 'Ho Chi Minh City', ['cleantech', 'circular economy'], 110)
    ).id;

    const cathedral = await create('meetings', {
      missionId: mission.vn2023,
      kind: 'site_visit',
      title: 'Site visit: Notre Dame Cathedral of Ho Chi Minh City',
      startsAt: hanoiTime(16, '16:00'),
      location: 'Ho Chi Minh City',
      organisationIds: [organisation.chancellery, organisation.monument],
      contactIds: [contact.jambon, contact.monument],
      topics: ['heritage renovation'],
      summary: 'The cathedral is being renovated in full by the Flemish group Monument.',
    });
    expect(cathedral).toMatchObject({ kind: 'site_visit', organisationIds: ids(organisation.chancellery, organisation.monument) });
    meeting.cathedral = cathedral.id;
  });

  it('4c. records a dozen B2B meetings of the companies with Vietnamese partners', async () => {
    const partners: OrganisationKey[] = ['saigonLogistics', 'redRiverPorts'];
    for (let i = 0; i < 12; i += 1) {
      const company = DELEGATION[i % DELEGATION.length];
      const partner = partners[i % partners.length];
      const created = await create('meetings', {
        missionId: mission.vn2023,
        kind: 'b2b',
        title: `B2B #${i + 1}: ${ORGANISATIONS[company].name} – ${ORGANISATIONS[partner].name}`,
        startsAt: hanoiTime(i < 6 ? 14 : 16, `${String(9 + (i % 6)).padStart(2, '0')}:00`),
        location: 'Ho Chi Minh City',
        organisationIds: [organisation[company]],
        counterpartOrganisationIds: [organisation[partner]],
        contactIds: [contact[company]],
        synthetic: true,
      });
      expect(created).toMatchObject({
        kind: 'b2b',
        organisationIds: [organisation[company]],
        counterpartOrganisationIds: [organisation[partner]],
        synthetic: true,
      });
    }
  });

  it('5. records the agreements: two MoUs signed, the MOW MoU in force since 1995, the letter of intent planned', async () => {
    // Signed right after the meeting with the Vice-Minister of Transport: the mission is taken from the meeting.
    const mouChancellery = await create('agreements', {
      type: 'mou',
      title: 'MoU Vinamarine – Department of Chancellery and Foreign Affairs',
      partyIds: [organisation.vinamarine, organisation.chancellery],
      meetingId: meeting.transport,
      signedOn: '2023-09-12',
      themes: ['ports', 'maritime transport'],
      status: 'signed',
    });
    expect(mouChancellery).toEqual({
      id: expect.any(String),
      type: 'mou',
      title: 'MoU Vinamarine – Department of Chancellery and Foreign Affairs',
      partyIds: ids(organisation.vinamarine, organisation.chancellery),
      missionId: mission.vn2023,
      meetingId: meeting.transport,
      signedOn: '2023-09-12',
      themes: ['ports', 'maritime transport'],
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
    agreement.mouChancellery = mouChancellery.id;

    const mouCompanies = await create('agreements', {
      type: 'mou',
      title: 'MoU NXTPORT International and CamCO Technologies – Vinamarine',
      partyIds: [organisation.nxtport, organisation.camco, organisation.vinamarine, organisation.nxtport],
      missionId: mission.vn2023,
      themes: ['ports', 'smart logistics'],
      status: 'signed',
    });
    expect(mouCompanies).toMatchObject({ partyIds: ids(organisation.nxtport, organisation.camco, organisation.vinamarine), meetingId: null, signedOn: null });
    agreement.mouCompanies = mouCompanies.id;

    // On record long before this mission, which neither signed nor prepared it.
    const mou1995 = await create('agreements', {
      type: 'mou',
      title: 'MoU MOW – Ministry of Transport of Vietnam',
      partyIds: [organisation.mow, organisation.transportMinistry],
      themes: ['water management', 'transport', 'ports'],
      status: 'in_force',
      description: 'In force since 1995.',
    });
    expect(mou1995).toMatchObject({ status: 'in_force', missionId: null, signedOn: null });
    agreement.mou1995 = mou1995.id;

    const letterOfIntent = await create('agreements', {
      type: 'loi',
      title: 'Letter of intent MOW – Ministry of Transport of Vietnam',
      partyIds: [organisation.mow, organisation.transportMinistry],
      missionId: mission.vn2023,
      themes: ['greenhouse-gas reduction', 'energy transition'],
    });
    expect(letterOfIntent).toMatchObject({ type: 'loi', status: 'planned', missionId: mission.vn2023, signedOn: null });
    agreement.letterOfIntent = letterOfIntent.id;
  });

  it('6. plans the follow-up actions with their fuzzy due dates', async () => {
    const created = async (key: keyof typeof action, body: Record<string, unknown>, window: [string | null, string | null, string | null, string | null]) => {
      const result = await create('actions', { missionId: mission.vn2023, ...body });
      const [dueFrom, dueTo, duePrecision, dueLabel] = window;
      expect(result).toMatchObject({
        ...body,
        dueFrom,
        dueTo,
        duePrecision,
        dueLabel,
        status: 'open',
        overdue: false,
        completedAt: null,
        outcome: null,
        version: 1,
      });
      action[key] = result.id;
      return result;
    };

    await created(
      'mekong',
      {
        title: 'MOW visit to Vietnam for the Mekong River Commission',
        kind: 'visit',
        organisationIds: [organisation.mow],
        ownerId: user.an,
        dueLabel: 'early November 2023',
      },
      ['2023-11-01', '2023-11-10', 'part_of_month', 'early November 2023'],
    );
    const signing = await created(
      'letterOfIntent',
      {
        title: 'MOW secretary-general signs the letter of intent in Vietnam',
        kind: 'signing',
        agreementId: agreement.letterOfIntent,
        ownerId: user.an,
        watcherIds: [user.linh],
        dueLabel: 'November 2023',
      },
      ['2023-11-01', '2023-11-30', 'month', 'November 2023'],
    );
    expect(signing).toMatchObject({ agreementId: agreement.letterOfIntent, ownerId: user.an, watcherIds: [user.linh], organisationIds: [] });
    await created('goose', { title: 'Mission for the EU project GOOSE', kind: 'mission', ownerId: user.linh, dueLabel: 'March 2024' }, [
      '2024-03-01',
      '2024-03-31',
      'month',
      'March 2024',
    ]);
    await created('stateVisit', { title: 'State visit to Vietnam', kind: 'state_visit', ownerId: user.an, dueLabel: 'najaar 2024' }, [
      '2024-09-01',
      '2024-11-30',
      'season',
      'najaar 2024',
    ]);
    await created('webinars', { title: 'FIT webinars on the Vietnamese market', kind: 'webinar', ownerId: user.linh, dueLabel: '2023-Q4' }, [
      '2023-10-01',
      '2023-12-31',
      'quarter',
      '2023-Q4',
    ]);
    await created(
      'infoSession',
      { title: 'Info session on doing business in Vietnam', kind: 'info_session', ownerId: user.linh, meetingId: meeting.seminarCleantech },
      [null, null, null, null],
    );
    await created(
      'appointments',
      {
        title: 'Individual follow-up appointments with the participating companies',
        kind: 'follow_up_meeting',
        // Sorted, as the API returns link lists.
        organisationIds: ids(...DELEGATION.map((key) => organisation[key])),
        ownerId: user.linh,
        dueFrom: '2023-10-02',
        dueTo: '2023-12-15',
      },
      ['2023-10-02', '2023-12-15', 'range', null],
    );

    // The info session got its date later.
    const dated = await api.patch(`actions/${action.infoSession}`, { dueDate: '2023-12-05', version: 1 });
    expect(dated.status).toBe(200);
    expect(dated.body).toMatchObject({
      dueFrom: '2023-12-05',
      dueTo: '2023-12-05',
      duePrecision: 'day',
      dueLabel: null,
      meetingId: meeting.seminarCleantech,
      version: 2,
    });
  });

  describe('7. the report, as the parliamentary answer needs it', () => {
    it('reads the mission back with its delegation', async () => {
      const read = await api.get(`missions/${mission.vn2023}`);
      expect(read.body).toMatchObject({
        code: 'VN-2023',
        leaderContactId: contact.jambon,
        previousMissionId: mission.vn2018,
        startDate: '2023-09-11',
        endDate: '2023-09-16',
      });
      const previous = await api.get(`missions/${read.body.previousMissionId}`);
      expect(previous.body).toMatchObject({ code: 'VN-2018', status: 'completed' });

      const delegation = await list(`missions/${mission.vn2023}/participants`);
      expect(delegation.total).toBe(DELEGATION.length);
      expect(delegation.items.map((p: { organisationId: string }) => p.organisationId)).toEqual(DELEGATION.map((key) => organisation[key]));
      const ports = await list(`missions/${mission.vn2023}/participants?sector=ports`);
      expect(ports.items.map((p: { organisationId: string }) => p.organisationId)).toEqual([organisation.nxtport, organisation.camco]);
    });

    it('lists the meetings by kind, by organisation and by person', async () => {
      const official = await list(`meetings?missionId=${mission.vn2023}&kind=official`);
      expect(titles(official)).toEqual([
        "Reception by the People's Committee of Hanoi",
        'Meeting with Prime Minister Pham Minh Chinh',
        'Meeting with the Minister of Foreign Affairs',
        'Meeting with the Vice-Minister of Transport',
        "Reception by the People's Committee of Haiphong",
        "Reception by the People's Committee of Quang Ninh Province",
        "Reception by the People's Committee of Ho Chi Minh City",
        'Visit to Ho Chi Minh City University of Education with VVOB',
      ]);

      const seminars = await list(`meetings?missionId=${mission.vn2023}&kind=seminar`);
      expect(seminars.items.map((m: { title: string; attendeeCount: number }) => [m.title, m.attendeeCount])).toEqual([
        ['FIT seminar: port management and smart logistics', 120],
        ['FIT seminar: cleantech and circular economy', 110],
      ]);

      const b2b = await list(`meetings?missionId=${mission.vn2023}&kind=b2b&limit=5&offset=10`);
      expect(b2b).toMatchObject({ total: 12, limit: 5, offset: 10 });
      expect(titles(b2b)).toEqual(['B2B #11: Polder Water Engineering – Saigon Logistics JSC', 'B2B #12: Kempen Circular Materials – Red River Port Services']);

      const nxtport = await list(`meetings?missionId=${mission.vn2023}&organisationId=${organisation.nxtport}`);
      expect(nxtport.total).toBe(5);
      expect(titles(nxtport)).toEqual([
        "Reception by the People's Committee of Hanoi",
        'Meeting with the Vice-Minister of Transport',
        "Reception by the People's Committee of Haiphong",
        'B2B #1: NXTPORT International – Saigon Logistics JSC',
        'B2B #7: NXTPORT International – Saigon Logistics JSC',
      ]);

      // On the host side of the table.
      const vinamarine = await list(`meetings?organisationId=${organisation.vinamarine}`);
      expect(titles(vinamarine)).toEqual(['Meeting with the Vice-Minister of Transport']);
      const withPham = await list(`meetings?contactId=${contact.pham}`);
      expect(withPham.items.map((m: { id: string }) => m.id)).toEqual([meeting.primeMinister]);

      const lastDay = await list(`meetings?missionId=${mission.vn2023}&startsAfter=2023-09-16T00:00:00%2B07:00&kind=site_visit`);
      expect(lastDay.items.map((m: { id: string }) => m.id)).toEqual([meeting.cathedral]);
    });

    it('lists the agreements by mission and by party', async () => {
      const ofMission = await list(`agreements?missionId=${mission.vn2023}&sort=title`);
      expect(ofMission.items.map((a: { title: string; status: string }) => [a.title, a.status])).toEqual([
        ['Letter of intent MOW – Ministry of Transport of Vietnam', 'planned'],
        ['MoU NXTPORT International and CamCO Technologies – Vinamarine', 'signed'],
        ['MoU Vinamarine – Department of Chancellery and Foreign Affairs', 'signed'],
      ]);

      const withVinamarine = await list(`agreements?partyId=${organisation.vinamarine}`);
      expect(withVinamarine.items.map((a: { id: string }) => a.id)).toEqual([agreement.mouChancellery, agreement.mouCompanies]);

      const mowInForce = await list(`agreements?partyId=${organisation.mow}&status=in_force`);
      expect(mowInForce.items.map((a: { id: string; description: string }) => [a.id, a.description])).toEqual([[agreement.mou1995, 'In force since 1995.']]);

      const signedDuringMission = await list('agreements?signedAfter=2023-09-11&signedBefore=2023-09-16');
      expect(signedDuringMission.items.map((a: { id: string }) => a.id)).toEqual([agreement.mouChancellery]);
      const atTransportMeeting = await list(`agreements?meetingId=${meeting.transport}`);
      expect(atTransportMeeting.items.map((a: { id: string }) => a.id)).toEqual([agreement.mouChancellery]);
    });

    it('lists the actions by due date with their windows, and those due before the new year', async () => {
      now.mockReturnValue(new Date('2023-11-20T09:00:00Z'));
      const window = (a: any) => [a.title, a.dueFrom, a.dueTo, a.duePrecision, a.dueLabel, a.overdue];

      const all = await list(`actions?missionId=${mission.vn2023}&sort=dueTo`);
      expect(all.total).toBe(7);
      expect(all.items.map(window)).toEqual([
        ['MOW visit to Vietnam for the Mekong River Commission', '2023-11-01', '2023-11-10', 'part_of_month', 'early November 2023', true],
        ['MOW secretary-general signs the letter of intent in Vietnam', '2023-11-01', '2023-11-30', 'month', 'November 2023', false],
        ['Info session on doing business in Vietnam', '2023-12-05', '2023-12-05', 'day', null, false],
        ['Individual follow-up appointments with the participating companies', '2023-10-02', '2023-12-15', 'range', null, false],
        ['FIT webinars on the Vietnamese market', '2023-10-01', '2023-12-31', 'quarter', '2023-Q4', false],
        ['Mission for the EU project GOOSE', '2024-03-01', '2024-03-31', 'month', 'March 2024', false],
        ['State visit to Vietnam', '2024-09-01', '2024-11-30', 'season', 'najaar 2024', false],
      ]);

      const thisYear = await list(`actions?missionId=${mission.vn2023}&dueBefore=2023-12-31&sort=dueTo`);
      expect(titles(thisYear)).toEqual([
        'MOW visit to Vietnam for the Mekong River Commission',
        'MOW secretary-general signs the letter of intent in Vietnam',
        'Info session on doing business in Vietnam',
        'Individual follow-up appointments with the participating companies',
        'FIT webinars on the Vietnamese market',
      ]);
      const nextYear = await list(`actions?missionId=${mission.vn2023}&dueAfter=2024-01-01`);
      expect(titles(nextYear)).toEqual(['Mission for the EU project GOOSE', 'State visit to Vietnam']);

      const linhsWork = await list(`actions?ownerId=${user.linh}`);
      expect(titles(linhsWork)).toEqual([
        'Info session on doing business in Vietnam',
        'Individual follow-up appointments with the participating companies',
        'FIT webinars on the Vietnamese market',
        'Mission for the EU project GOOSE',
      ]);
      const watched = await list(`actions?watcherId=${user.linh}`);
      expect(watched.items.map((a: { id: string }) => a.id)).toEqual([action.letterOfIntent]);
      const ofLetter = await list(`actions?agreementId=${agreement.letterOfIntent}`);
      expect(ofLetter.items.map((a: { id: string }) => a.id)).toEqual([action.letterOfIntent]);
      const forNxtport = await list(`actions?organisationId=${organisation.nxtport}`);
      expect(forNxtport.items.map((a: { id: string }) => a.id)).toEqual([action.appointments]);
    });

    it("turns 'early November 2023' overdue at midnight in Brussels, not before", async () => {
      now.mockReturnValue(new Date('2023-11-10T22:59:59Z'));
      expect((await list(`actions?missionId=${mission.vn2023}&overdue=true`)).total).toBe(0);

      now.mockReturnValue(new Date('2023-11-10T23:00:00Z'));
      const overdue = await list(`actions?missionId=${mission.vn2023}&overdue=true`);
      expect(overdue.items.map((a: { id: string }) => a.id)).toEqual([action.mekong]);
    });

    it("on 20 November 2023 'early November' is overdue while 'November' is not yet", async () => {
      now.mockReturnValue(new Date('2023-11-20T09:00:00Z'));

      const overdue = await list(`actions?missionId=${mission.vn2023}&overdue=true`);
      expect(overdue.items.map((a: { id: string; overdue: boolean }) => [a.id, a.overdue])).toEqual([[action.mekong, true]]);
      const notOverdue = await list(`actions?missionId=${mission.vn2023}&overdue=false`);
      expect(notOverdue.total).toBe(6);
      expect(notOverdue.items.map((a: { id: string }) => a.id)).toContain(action.letterOfIntent);

      const signing = await api.get(`actions/${action.letterOfIntent}`);
      expect(signing.body).toMatchObject({ dueLabel: 'November 2023', overdue: false });
    });

    /**
     * The records carry the database's clock, not the one this test sets: as of the test's
     * November 2023 none of them had been entered yet. As of the real today they all had, and
     * their due windows are judged on that day.
     */
    const realToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
    async function overdueOn(day: string): Promise<number> {
      const all = await list(`actions?missionId=${mission.vn2023}&limit=200`);
      return all.items.filter((a: { status: string; dueTo: string | null }) => ['open', 'in_progress'].includes(a.status) && a.dueTo !== null && a.dueTo < day)
        .length;
    }

    it('sums up the mission: delegation, meetings, agreements, actions and satisfaction', async () => {
      const today = realToday();
      const summary = await api.get(`missions/${mission.vn2023}/summary?asOf=${today}`);
      expect(summary.status).toBe(200);
      expect(summary.body).toEqual({
        missionId: mission.vn2023,
        asOf: today,
        participants: { total: 6 },
        meetings: { total: 24, byKind: { b2b: 12, official: 8, seminar: 2, forum: 1, site_visit: 1, reception: 0, other: 0 } },
        agreements: { total: 3, byStatus: { planned: 1, signed: 2, in_force: 0, expired: 0, terminated: 0 } },
        actions: { total: 7, byStatus: { open: 7, in_progress: 0, done: 0, cancelled: 0, postponed: 0 }, overdue: await overdueOn(today) },
        satisfaction: { answers: 5, averageScore: 4.6 },
      });
    });

    it('completes the Mekong visit: it leaves the overdue list and the summary counts it as done', async () => {
      const done = await api.patch(`actions/${action.mekong}`, {
        status: 'done',
        outcome: 'MOW delegation visited Vietnam in the framework of the Mekong River Commission.',
        version: 1,
      });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({
        status: 'done',
        outcome: 'MOW delegation visited Vietnam in the framework of the Mekong River Commission.',
        completedAt: '2023-11-20T09:00:00.000Z',
        overdue: false,
        dueLabel: 'early November 2023',
        version: 2,
      });

      const overdue = await list(`actions?missionId=${mission.vn2023}&overdue=true`);
      expect(overdue).toMatchObject({ total: 0, items: [] });
      const finished = await list(`actions?missionId=${mission.vn2023}&status=done,cancelled`);
      expect(finished.items.map((a: { id: string }) => a.id)).toEqual([action.mekong]);

      const today = realToday();
      const summary = await api.get(`missions/${mission.vn2023}/summary?asOf=${today}`);
      expect(summary.body.actions).toEqual({
        total: 7,
        byStatus: { open: 6, in_progress: 0, done: 1, cancelled: 0, postponed: 0 },
        overdue: await overdueOn(today),
      });
      expect(summary.body.agreements.byStatus.planned).toBe(1);
    });
  });
});
