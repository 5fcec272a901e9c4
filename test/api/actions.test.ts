import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { Agreement } from '../../src/agreements/agreement.entity.js';
import { Clock } from '../../src/common/clock.service.js';
import { Meeting } from '../../src/meetings/meeting.entity.js';
import { Mission } from '../../src/missions/mission.entity.js';
import { User } from '../../src/users/user.entity.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** "Now" for every test: 20 November 2023, 11:00 in Brussels. */
const NOW = new Date('2023-11-20T10:00:00Z');
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const ONE_DUE_FORM = 'give the due date in one way only: dueLabel, or dueFrom with dueTo, or dueDate';
const DUE_LABEL_FORMS_MESSAGE =
  'dueLabel must be a due date such as 2024-03-15, 15 March 2024, 2024, 2024-03, March 2024, maart 2024, 2024-Q3, 2024-H2, early November 2023, begin november 2023, autumn 2024, najaar 2024';

interface ActionBody {
  id: string;
  title: string;
  version: number;
  [field: string]: unknown;
}

describe('actions API', () => {
  let api: TestApp;
  let clock: Clock;
  const ids = {} as Record<
    'els' | 'tom' | 'an' | 'mission2023' | 'mission2018' | 'transportMeeting' | 'meeting2018' | 'letterOfIntent' | 'mow' | 'mrc' | 'fit' | 'goose',
    string
  >;
  const actions = {} as Record<'mowVisit' | 'loiSigning' | 'goose' | 'stateVisit' | 'webinars' | 'survey' | 'followUp2018', ActionBody>;

  const titles = (body: { items: { title: string }[] }): string[] => body.items.map((item) => item.title);

  async function createAction(body: Record<string, unknown>): Promise<ActionBody> {
    const response = await api.post<ActionBody>('actions', body);
    if (response.status !== 201) throw new Error(`could not create ${String(body.title)}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** Users, missions, meetings and the agreement are stored directly: their own APIs are tested elsewhere. */
  async function storeReferenceData(): Promise<void> {
    const manager = api.app.get(DataSource).manager;
    const user = (email: string, name: string) => manager.save(User, manager.create(User, { email, name }));
    ids.els = (await user('els.vermeulen@fit.example', 'Els Vermeulen')).id;
    ids.tom = (await user('tom.peeters@fit.example', 'Tom Peeters')).id;
    ids.an = (await user('an.claes@fit.example', 'An Claes')).id;

    const mission = (code: string, title: string, startDate: string, endDate: string) =>
      manager.save(
        Mission,
        manager.create(Mission, { code, title, type: 'economic_mission', hostCountries: ['VN'], startDate, endDate, timeZone: 'Asia/Ho_Chi_Minh' }),
      );
    ids.mission2023 = (await mission('VN-2023', 'Economic mission to Vietnam 2023', '2023-09-11', '2023-09-16')).id;
    ids.mission2018 = (await mission('VN-2018', 'Economic mission to Vietnam 2018', '2018-05-13', '2018-05-18')).id;

    const meeting = (missionId: string, title: string, startsAt: string) =>
      manager.save(Meeting, manager.create(Meeting, { missionId, kind: 'official', title, startsAt: new Date(startsAt) }));
    ids.transportMeeting = (await meeting(ids.mission2023, 'Meeting with the (Vice-)Minister of Transport', '2023-09-12T08:00:00Z')).id;
    ids.meeting2018 = (await meeting(ids.mission2018, 'Meeting with the People’s Committee of Hanoi', '2018-05-14T03:00:00Z')).id;

    ids.letterOfIntent = (
      await manager.save(
        Agreement,
        manager.create(Agreement, { type: 'loi', title: 'Letter of intent MOW – Vietnamese Ministry of Transport', missionId: ids.mission2023 }),
      )
    ).id;

    const organisation = async (name: string, kind: string, country: string) =>
      (await api.post<{ id: string }>('organisations', { name, kind, country })).body.id;
    ids.mow = await organisation('Flemish Department of Mobility and Public Works (MOW)', 'government_body', 'BE');
    ids.mrc = await organisation('Mekong River Commission (MRC)', 'other', 'LA');
    ids.fit = await organisation('Flanders Investment & Trade', 'agency', 'BE');
    ids.goose = await organisation('GOOSE (EU project)', 'other', 'ES');
  }

  beforeAll(async () => {
    api = await startTestApp();
    clock = api.app.get(Clock);
    jest.spyOn(clock, 'now').mockReturnValue(NOW);
    await storeReferenceData();

    actions.mowVisit = await createAction({
      title: 'MOW visit to Vietnam for the Mekong River Commission',
      kind: 'visit',
      missionId: ids.mission2023,
      organisationIds: [ids.mow, ids.mrc],
      ownerId: ids.els,
      watcherIds: [ids.tom],
      dueLabel: 'early November 2023',
    });
    actions.loiSigning = await createAction({
      title: 'MOW secretary-general signs the letter of intent with the Ministry of Transport',
      kind: 'signing',
      missionId: ids.mission2023,
      agreementId: ids.letterOfIntent,
      meetingId: ids.transportMeeting,
      organisationIds: [ids.mow],
      ownerId: ids.els,
      watcherIds: [ids.tom, ids.an],
      dueLabel: 'November 2023',
    });
    actions.goose = await createAction({
      title: 'Mission to Vietnam for the EU project GOOSE',
      kind: 'mission',
      missionId: ids.mission2023,
      organisationIds: [ids.fit, ids.goose],
      ownerId: ids.tom,
      watcherIds: [ids.els],
      dueLabel: 'March 2024',
    });
    actions.stateVisit = await createAction({
      title: 'State visit to Vietnam',
      kind: 'state_visit',
      missionId: ids.mission2023,
      ownerId: ids.els,
      watcherIds: [ids.tom],
      dueLabel: 'autumn 2024',
    });
    actions.webinars = await createAction({
      title: 'Webinars on business opportunities in Vietnam',
      kind: 'webinar',
      missionId: ids.mission2023,
      organisationIds: [ids.fit],
      ownerId: ids.tom,
      status: 'in_progress',
      dueFrom: '2023-10-01',
      dueTo: '2023-11-15',
    });
    actions.survey = await createAction({
      title: 'Satisfaction survey of the participating companies',
      kind: 'survey',
      missionId: ids.mission2023,
      ownerId: ids.els,
      status: 'done',
      dueDate: '2023-09-30',
    });
    actions.followUp2018 = await createAction({
      title: 'Follow-up appointments after the 2018 mission',
      kind: 'follow_up_meeting',
      missionId: ids.mission2018,
      ownerId: ids.tom,
    });
  });

  afterEach(() => {
    jest.spyOn(clock, 'now').mockReturnValue(NOW);
  });

  afterAll(async () => {
    await api.close();
  });

  describe('due dates', () => {
    it('turns "early November 2023" into 1–10 November, keeps the label, and returns every field', async () => {
      const read = await api.get(`actions/${actions.mowVisit.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual({
        id: actions.mowVisit.id,
        title: 'MOW visit to Vietnam for the Mekong River Commission',
        kind: 'visit',
        description: null,
        missionId: ids.mission2023,
        agreementId: null,
        meetingId: null,
        organisationIds: [ids.mow, ids.mrc].sort(),
        ownerId: ids.els,
        watcherIds: [ids.tom],
        status: 'open',
        outcome: null,
        dueFrom: '2023-11-01',
        dueTo: '2023-11-10',
        duePrecision: 'part_of_month',
        dueLabel: 'early November 2023',
        overdue: true,
        completedAt: null,
        reminderPolicy: { headsUpDays: 14, dueSoonDays: 3, overdueEveryDays: 7, overdueMaxRepeats: 4, escalateAfterDays: 14 },
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        archivedAt: null,
      });
      expect(read.body).toEqual(actions.mowVisit);
    });

    it.each([
      ['loiSigning', '2023-11-01', '2023-11-30', 'month', 'November 2023'],
      ['goose', '2024-03-01', '2024-03-31', 'month', 'March 2024'],
      ['stateVisit', '2024-09-01', '2024-11-30', 'season', 'autumn 2024'],
    ] as const)('reads the %s label as its window', (key, dueFrom, dueTo, duePrecision, dueLabel) => {
      expect(actions[key]).toMatchObject({ dueFrom, dueTo, duePrecision, dueLabel });
      expect(actions[key]).not.toHaveProperty('dueDate');
    });

    it('reads "najaar 2024" as the same season as "autumn 2024", keeping the Dutch words', async () => {
      const created = await createAction({ title: 'Staatsbezoek aan Vietnam', kind: 'state_visit', missionId: ids.mission2018, dueLabel: 'najaar 2024' });
      expect(created).toMatchObject({ dueFrom: '2024-09-01', dueTo: '2024-11-30', duePrecision: 'season', dueLabel: 'najaar 2024' });
      await api.delete(`actions/${created.id}`);
    });

    it('stores an explicit window as a range without a label and one day as precision day', () => {
      expect(actions.webinars).toMatchObject({ dueFrom: '2023-10-01', dueTo: '2023-11-15', duePrecision: 'range', dueLabel: null });
      expect(actions.survey).toMatchObject({ dueFrom: '2023-09-30', dueTo: '2023-09-30', duePrecision: 'day', dueLabel: null });
      expect(actions.followUp2018).toMatchObject({ dueFrom: null, dueTo: null, duePrecision: null, dueLabel: null, overdue: false });
    });

    it('fills in the defaults: kind other, status open, no links', async () => {
      const created = await createAction({ title: 'Info sessions on the Vietnamese market', missionId: ids.mission2018 });
      expect(created).toMatchObject({ kind: 'other', status: 'open', organisationIds: [], watcherIds: [], ownerId: null, completedAt: null });
      await api.delete(`actions/${created.id}`);
    });
  });

  describe('overdue', () => {
    it('marks open and in-progress actions whose window closed before today, not done ones nor those still in their window', async () => {
      const overdueOf = async (key: keyof typeof actions) => (await api.get(`actions/${actions[key].id}`)).body.overdue;
      expect(await overdueOf('mowVisit')).toBe(true);
      expect(await overdueOf('webinars')).toBe(true);
      expect(await overdueOf('loiSigning')).toBe(false);
      expect(await overdueOf('survey')).toBe(false);
      expect(await overdueOf('followUp2018')).toBe(false);
    });

    it('is not overdue on the last day of its window', async () => {
      jest.spyOn(clock, 'now').mockReturnValue(new Date('2023-11-10T12:00:00Z'));
      expect((await api.get(`actions/${actions.mowVisit.id}`)).body.overdue).toBe(false);
    });

    it('takes "today" in Brussels: 23:30 UTC on 10 November is already 11 November there', async () => {
      jest.spyOn(clock, 'now').mockReturnValue(new Date('2023-11-10T23:30:00Z'));
      expect((await api.get(`actions/${actions.mowVisit.id}`)).body.overdue).toBe(true);
      const overdue = await api.get('actions?overdue=true');
      expect(titles(overdue.body)).toEqual(['MOW visit to Vietnam for the Mekong River Commission']);
    });
  });

  describe('lists', () => {
    it('sorts by end of the due window by default, actions without a due date last', async () => {
      const response = await api.get('actions');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ total: 7, limit: 50, offset: 0 });
      expect(response.body.items.map((item: ActionBody) => item.id)).toEqual(
        [actions.survey, actions.mowVisit, actions.webinars, actions.loiSigning, actions.goose, actions.stateVisit, actions.followUp2018].map(
          (action) => action.id,
        ),
      );
      expect(response.body.items[1]).toEqual(actions.mowVisit);
    });

    it('keeps actions without a due date last when sorting latest first', async () => {
      const response = await api.get('actions?sort=-dueTo');
      expect(titles(response.body)).toEqual([
        'State visit to Vietnam',
        'Mission to Vietnam for the EU project GOOSE',
        'MOW secretary-general signs the letter of intent with the Ministry of Transport',
        'Webinars on business opportunities in Vietnam',
        'MOW visit to Vietnam for the Mekong River Commission',
        'Satisfaction survey of the participating companies',
        'Follow-up appointments after the 2018 mission',
      ]);
    });

    it('sorts by the other allowed fields', async () => {
      const byTitle = await api.get('actions?sort=-title&limit=2');
      expect(titles(byTitle.body)).toEqual(['Webinars on business opportunities in Vietnam', 'State visit to Vietnam']);
      const byStart = await api.get('actions?sort=-dueFrom&limit=2');
      expect(titles(byStart.body)).toEqual(['State visit to Vietnam', 'Mission to Vietnam for the EU project GOOSE']);
      const byStatus = await api.get('actions?sort=-status,createdAt&limit=2');
      expect(titles(byStatus.body)).toEqual(['Satisfaction survey of the participating companies', 'Webinars on business opportunities in Vietnam']);
    });

    it('pages', async () => {
      const response = await api.get('actions?limit=2&offset=1');
      expect(response.body).toMatchObject({ total: 7, limit: 2, offset: 1 });
      expect(titles(response.body)).toEqual(['MOW visit to Vietnam for the Mekong River Commission', 'Webinars on business opportunities in Vietnam']);
      const last = await api.get('actions?limit=5&offset=5');
      expect(last.body).toMatchObject({ total: 7, limit: 5, offset: 5 });
      expect(titles(last.body)).toEqual(['State visit to Vietnam', 'Follow-up appointments after the 2018 mission']);
      const beyond = await api.get('actions?offset=10');
      expect(beyond.body).toEqual({ items: [], total: 7, totalIsEstimate: false, limit: 50, offset: 10 });
      const none = await api.get('actions?q=Antarctica');
      expect(none.body).toEqual({ items: [], total: 0, totalIsEstimate: false, limit: 50, offset: 0 });
    });

    it.each<[string, () => string, string[]]>([
      ['missionId', () => `missionId=${ids.mission2018}`, ['Follow-up appointments after the 2018 mission']],
      [
        'ownerId',
        () => `ownerId=${ids.tom}`,
        ['Webinars on business opportunities in Vietnam', 'Mission to Vietnam for the EU project GOOSE', 'Follow-up appointments after the 2018 mission'],
      ],
      ['one status', () => 'status=done', ['Satisfaction survey of the participating companies']],
      [
        'a list of statuses',
        () => 'status=done,in_progress',
        ['Satisfaction survey of the participating companies', 'Webinars on business opportunities in Vietnam'],
      ],
      [
        'a repeated status',
        () => 'status=done&status=in_progress',
        ['Satisfaction survey of the participating companies', 'Webinars on business opportunities in Vietnam'],
      ],
      ['kind', () => 'kind=signing', ['MOW secretary-general signs the letter of intent with the Ministry of Transport']],
      ['agreementId', () => `agreementId=${ids.letterOfIntent}`, ['MOW secretary-general signs the letter of intent with the Ministry of Transport']],
      ['meetingId', () => `meetingId=${ids.transportMeeting}`, ['MOW secretary-general signs the letter of intent with the Ministry of Transport']],
      [
        'organisationId',
        () => `organisationId=${ids.mow}`,
        ['MOW visit to Vietnam for the Mekong River Commission', 'MOW secretary-general signs the letter of intent with the Ministry of Transport'],
      ],
      ['watcherId', () => `watcherId=${ids.an}`, ['MOW secretary-general signs the letter of intent with the Ministry of Transport']],
      [
        'dueBefore: the window opens on or before the date',
        () => 'dueBefore=2023-11-01',
        [
          'Satisfaction survey of the participating companies',
          'MOW visit to Vietnam for the Mekong River Commission',
          'Webinars on business opportunities in Vietnam',
          'MOW secretary-general signs the letter of intent with the Ministry of Transport',
        ],
      ],
      [
        'dueAfter: the window closes on or after the date',
        () => 'dueAfter=2024-03-31',
        ['Mission to Vietnam for the EU project GOOSE', 'State visit to Vietnam'],
      ],
      [
        'dueAfter and dueBefore: windows that overlap a period',
        () => 'dueAfter=2023-11-16&dueBefore=2024-03-01',
        ['MOW secretary-general signs the letter of intent with the Ministry of Transport', 'Mission to Vietnam for the EU project GOOSE'],
      ],
      ['overdue=true', () => 'overdue=true', ['MOW visit to Vietnam for the Mekong River Commission', 'Webinars on business opportunities in Vietnam']],
      [
        'overdue=false: all the others, also those without a due date',
        () => 'overdue=false',
        [
          'Satisfaction survey of the participating companies',
          'MOW secretary-general signs the letter of intent with the Ministry of Transport',
          'Mission to Vietnam for the EU project GOOSE',
          'State visit to Vietnam',
          'Follow-up appointments after the 2018 mission',
        ],
      ],
      ['overdue with an owner', () => `overdue=true&ownerId=${ids.tom}`, ['Webinars on business opportunities in Vietnam']],
      [
        'q in the title, ignoring case',
        () => 'q=mow',
        ['MOW visit to Vietnam for the Mekong River Commission', 'MOW secretary-general signs the letter of intent with the Ministry of Transport'],
      ],
    ])('filters by %s', async (_filter, query, expected) => {
      const response = await api.get(`actions?${query()}`);
      expect(response.status).toBe(200);
      expect(titles(response.body)).toEqual(expected);
      expect(response.body.total).toBe(expected.length);
    });

    it('flags overdue items in the list the same way as on read', async () => {
      const response = await api.get('actions?limit=3');
      expect(response.body.items.map((item: ActionBody) => item.overdue)).toEqual([false, true, true]);
    });

    it('reads a page in one query for the rows, one for the count and one for both id lists, without joins in the paged query', async () => {
      const logger = api.app.get(DataSource).logger;
      const logQuery = jest.spyOn(logger, 'logQuery');
      let queries: string[];
      try {
        const response = await api.get(`actions?ownerId=${ids.els}&organisationId=${ids.mow}&limit=1`);
        expect(response.body.total).toBe(2);
        // The check of the caller's session is the guard's, not the list's (and is remembered for a few seconds).
        queries = logQuery.mock.calls.map(([sql]) => sql).filter((sql) => !sql.includes('FROM refresh_tokens'));
      } finally {
        logQuery.mockRestore();
      }
      expect(queries).toHaveLength(3);
      const [page, count, idLists] = queries as [string, string, string];
      expect(page).toMatch(/^SELECT .* FROM "actions" "a" WHERE .* LIMIT 1 OFFSET 0$/);
      expect(page).not.toMatch(/JOIN/);
      // Each id list of the whole page from its join table alone, the page's ids as one array, both lists in one statement.
      expect(idLists).toMatch(
        /^SELECT 0 AS list, .* FROM "action_organisations" WHERE "action_id" = ANY\(\$1::uuid\[\]\) UNION ALL SELECT 1 AS list, .* FROM "action_watchers" WHERE "action_id" = ANY\(\$1::uuid\[\]\)$/,
      );
      expect(count).toMatch(/^SELECT count\(\*\)::int AS total FROM \(SELECT 1 FROM "actions" "a" WHERE .* LIMIT 10001\) capped$/);
      expect(count).not.toMatch(/JOIN/);
    });
  });

  describe('changes', () => {
    it('sets completedAt from the clock when done, and clears it when reopened', async () => {
      const done = await api.patch(`actions/${actions.goose.id}`, { status: 'done', outcome: 'GOOSE mission held in Hanoi', version: 1 });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'done', completedAt: NOW.toISOString(), outcome: 'GOOSE mission held in Hanoi', version: 2 });

      const stillDone = await api.patch(`actions/${actions.goose.id}`, { status: 'done', description: 'Access to public procurement outside the EU' });
      expect(stillDone.body.completedAt).toBe(NOW.toISOString());

      const reopened = await api.patch(`actions/${actions.goose.id}`, { status: 'in_progress', version: 3 });
      expect(reopened.body).toMatchObject({ status: 'in_progress', completedAt: null, version: 4 });
    });

    it('changes the due window in any of the three ways and keeps it when no due field is sent', async () => {
      const id = actions.stateVisit.id;
      const dutch = await api.patch(`actions/${id}`, { dueLabel: 'najaar 2024' });
      expect(dutch.body).toMatchObject({ dueFrom: '2024-09-01', dueTo: '2024-11-30', duePrecision: 'season', dueLabel: 'najaar 2024' });

      const untouched = await api.patch(`actions/${id}`, { description: 'Belgian state visit to Vietnam' });
      expect(untouched.body).toMatchObject({ dueFrom: '2024-09-01', dueTo: '2024-11-30', duePrecision: 'season', dueLabel: 'najaar 2024' });

      const window = await api.patch(`actions/${id}`, { dueFrom: '2024-10-14', dueTo: '2024-10-18' });
      expect(window.body).toMatchObject({ dueFrom: '2024-10-14', dueTo: '2024-10-18', duePrecision: 'range', dueLabel: null });

      const day = await api.patch(`actions/${id}`, { dueDate: '2024-10-15' });
      expect(day.body).toMatchObject({ dueFrom: '2024-10-15', dueTo: '2024-10-15', duePrecision: 'day', dueLabel: null });
      expect(day.body).not.toHaveProperty('dueDate');
    });

    it.each([
      ['dueLabel: null', { dueLabel: null }],
      ['dueDate: null', { dueDate: null }],
      ['dueFrom and dueTo null', { dueFrom: null, dueTo: null }],
    ])('clears the due window with %s', async (_case, clear) => {
      const created = await createAction({
        title: 'Mission to Vietnam for the EU project GOOSE (follow-up)',
        missionId: ids.mission2023,
        dueLabel: 'early November 2023',
      });
      expect(created.overdue).toBe(true);
      const cleared = await api.patch(`actions/${created.id}`, clear);
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ dueFrom: null, dueTo: null, duePrecision: null, dueLabel: null, overdue: false });
      await api.delete(`actions/${created.id}`);
    });

    it('replaces owner, watchers and organisations; a change of links alone bumps the version', async () => {
      const id = actions.loiSigning.id;
      const watchers = await api.patch(`actions/${id}`, { watcherIds: [ids.an], version: 1 });
      expect(watchers.status).toBe(200);
      expect(watchers.body).toMatchObject({ watcherIds: [ids.an], organisationIds: [ids.mow], version: 2 });

      const more = await api.patch(`actions/${id}`, { ownerId: ids.tom, organisationIds: [ids.mow, ids.fit], watcherIds: [ids.els, ids.an], version: 2 });
      expect(more.body).toMatchObject({ ownerId: ids.tom, organisationIds: [ids.mow, ids.fit].sort(), watcherIds: [ids.els, ids.an].sort(), version: 3 });

      const none = await api.patch(`actions/${id}`, { organisationIds: [], watcherIds: null, ownerId: null });
      expect(none.body).toMatchObject({ ownerId: null, organisationIds: [], watcherIds: [], version: 4 });
      expect((await api.get(`actions/${id}`)).body).toEqual(none.body);
    });

    it('refuses a stale version with 409', async () => {
      const response = await api.patch(`actions/${actions.webinars.id}`, { status: 'done', version: 7 });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ statusCode: 409, code: 'stale_version', details: [{ field: 'version', message: 'current version is 1' }] });
    });

    it('archives an action: it leaves lists and search, and is still read by id', async () => {
      const created = await createAction({ title: 'Info sessions on the Vietnamese market', missionId: ids.mission2023 });
      expect((await api.delete(`actions/${created.id}`)).status).toBe(204);
      const read = await api.get(`actions/${created.id}`);
      // Still read by id, so that what refers to it never dangles.
      expect(read.status).toBe(200);
      expect(read.body.archivedAt).toEqual(expect.any(String));
      expect((await api.get('actions?q=Info sessions')).body.total).toBe(0);
      expect((await api.delete(`actions/${created.id}`)).body).toMatchObject({ statusCode: 409, code: 'archived' });
    });
  });

  describe('bad input', () => {
    const base = () => ({ title: 'MOW visit to Vietnam for the Mekong River Commission', missionId: ids.mission2023 });

    it.each<[string, () => Record<string, unknown>, { field: string; message: string }[]]>([
      [
        'a label and a day',
        () => ({ dueLabel: 'November 2023', dueDate: '2023-11-15' }),
        [
          { field: 'dueLabel', message: ONE_DUE_FORM },
          { field: 'dueDate', message: ONE_DUE_FORM },
        ],
      ],
      [
        'a label and a window',
        () => ({ dueLabel: 'November 2023', dueFrom: '2023-11-01', dueTo: '2023-11-30' }),
        [
          { field: 'dueLabel', message: ONE_DUE_FORM },
          { field: 'dueFrom', message: ONE_DUE_FORM },
        ],
      ],
      ['dueFrom without dueTo', () => ({ dueFrom: '2023-11-01' }), [{ field: 'dueTo', message: 'dueTo must be given together with dueFrom' }]],
      ['dueTo without dueFrom', () => ({ dueTo: '2023-11-10' }), [{ field: 'dueFrom', message: 'dueFrom must be given together with dueTo' }]],
      ['dueTo before dueFrom', () => ({ dueFrom: '2023-11-10', dueTo: '2023-11-01' }), [{ field: 'dueTo', message: 'dueTo must not be before dueFrom' }]],
      ['a label it does not understand', () => ({ dueLabel: 'after the elections' }), [{ field: 'dueLabel', message: DUE_LABEL_FORMS_MESSAGE }]],
      ['a label that is not a string', () => ({ dueLabel: 2024 }), [{ field: 'dueLabel', message: DUE_LABEL_FORMS_MESSAGE }]],
      [
        'a day that does not exist',
        () => ({ dueDate: '2023-02-29' }),
        [{ field: 'dueDate', message: 'dueDate is not a calendar date: 2023-02-29 does not exist' }],
      ],
      [
        'a window end in another format',
        () => ({ dueFrom: '2023-11-01', dueTo: '30/11/2023' }),
        [{ field: 'dueTo', message: 'dueTo must be a date written YYYY-MM-DD' }],
      ],
      [
        'an unknown kind',
        () => ({ kind: 'party' }),
        [
          {
            field: 'kind',
            message:
              'kind must be one of the following values: visit, signing, mission, state_visit, webinar, info_session, follow_up_meeting, survey, report, other',
          },
        ],
      ],
      [
        'an unknown status',
        () => ({ status: 'finished' }),
        [{ field: 'status', message: 'status must be one of the following values: open, in_progress, done, cancelled, postponed' }],
      ],
      ['a malformed owner id', () => ({ ownerId: 'els' }), [{ field: 'ownerId', message: 'ownerId must be a UUID' }]],
      ['a malformed watcher id', () => ({ watcherIds: ['tom'] }), [{ field: 'watcherIds', message: 'each value in watcherIds must be a UUID' }]],
      ['an unknown field', () => ({ dueWhen: 'soon' }), [{ field: 'dueWhen', message: 'unknown field dueWhen: it is not part of this resource' }]],
      ['an empty title', () => ({ title: '  ' }), [{ field: 'title', message: 'title should not be empty' }]],
    ])('rejects %s with 400 naming the field', async (_case, extra, details) => {
      const response = await api.post('actions', { ...base(), ...extra() });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(response.body.details).toEqual(details);
    });

    it('rejects a missing mission with 400', async () => {
      const response = await api.post('actions', { title: 'State visit to Vietnam' });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'missionId', message: 'missionId is required' }]);
    });

    it.each<[string, string, string]>([
      ['missionId', 'missionId', 'mission'],
      ['agreementId', 'agreementId', 'agreement'],
      ['meetingId', 'meetingId', 'meeting'],
      ['ownerId', 'ownerId', 'user'],
      ['organisationIds', 'organisationIds', 'organisation'],
      ['watcherIds', 'watcherIds', 'user'],
    ])('rejects an unknown %s with 400 invalid_reference naming the field', async (_case, field, resource) => {
      const value = field.endsWith('Ids') ? [UNKNOWN_ID] : UNKNOWN_ID;
      const message = `${resource} ${UNKNOWN_ID} does not exist`;
      const created = await api.post('actions', { ...base(), [field]: value });
      expect(created.status).toBe(400);
      expect(created.body).toMatchObject({ statusCode: 400, code: 'invalid_reference', message, details: [{ field, message }] });

      const updated = await api.patch(`actions/${actions.survey.id}`, { [field]: value });
      expect(updated.status).toBe(400);
      expect(updated.body).toMatchObject({ code: 'invalid_reference', details: [{ field, message }] });
    });

    it('names only the unknown ids in a list', async () => {
      const response = await api.post('actions', { ...base(), organisationIds: [ids.mow, UNKNOWN_ID] });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'organisationIds', message: `organisation ${UNKNOWN_ID} does not exist` }]);
    });

    it('rejects a meeting of another mission with 400, on create and when the mission changes', async () => {
      const message = `meeting ${ids.meeting2018} belongs to another mission; choose a meeting of mission ${ids.mission2023}`;
      const created = await api.post('actions', { ...base(), meetingId: ids.meeting2018 });
      expect(created.status).toBe(400);
      expect(created.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'meetingId', message }] });

      const moved = await api.patch(`actions/${actions.loiSigning.id}`, { missionId: ids.mission2018 });
      expect(moved.status).toBe(400);
      expect(moved.body).toMatchObject({
        code: 'validation_failed',
        details: [
          { field: 'meetingId', message: `meeting ${ids.transportMeeting} belongs to another mission; choose a meeting of mission ${ids.mission2018}` },
        ],
      });
      expect((await api.get(`actions/${actions.loiSigning.id}`)).body.missionId).toBe(ids.mission2023);
    });

    it('rejects two due forms and half a window on update too, leaving the action unchanged', async () => {
      const two = await api.patch(`actions/${actions.mowVisit.id}`, { dueLabel: null, dueDate: '2023-11-15' });
      expect(two.status).toBe(400);
      expect(two.body.details).toEqual([
        { field: 'dueLabel', message: ONE_DUE_FORM },
        { field: 'dueDate', message: ONE_DUE_FORM },
      ]);
      const half = await api.patch(`actions/${actions.mowVisit.id}`, { dueTo: '2023-11-30' });
      expect(half.status).toBe(400);
      expect(half.body.details).toEqual([{ field: 'dueFrom', message: 'dueFrom must be given together with dueTo' }]);
      expect((await api.get(`actions/${actions.mowVisit.id}`)).body).toMatchObject({ dueLabel: 'early November 2023', version: 1 });
    });

    it('rejects a null for a required field on update with 400', async () => {
      const response = await api.patch(`actions/${actions.mowVisit.id}`, { title: null });
      expect(response.status).toBe(400);
      expect(response.body.details).toContainEqual({ field: 'title', message: 'title must not be null' });
    });

    it.each([
      [
        'an unknown status',
        'status=open,finished',
        'status',
        'each value in status must be one of the following values: open, in_progress, done, cancelled, postponed',
      ],
      [
        'an unknown kind',
        'kind=party',
        'kind',
        'kind must be one of the following values: visit, signing, mission, state_visit, webinar, info_session, follow_up_meeting, survey, report, other',
      ],
      ['a malformed owner id', 'ownerId=els', 'ownerId', 'ownerId must be a UUID'],
      ['a malformed organisation id', 'organisationId=mow', 'organisationId', 'organisationId must be a UUID'],
      ['a dueBefore that is not a date', 'dueBefore=November', 'dueBefore', 'dueBefore must be a date written YYYY-MM-DD'],
      ['a dueAfter that is not a date', 'dueAfter=2023-11-31', 'dueAfter', 'dueAfter is not a calendar date: 2023-11-31 does not exist'],
      ['an overdue that is not a boolean', 'overdue=yes', 'overdue', 'overdue must be true or false'],
      ['an unknown sort field', 'sort=dueDate', 'sort', 'cannot sort by dueDate; sort by one of: dueTo, dueFrom, title, status, createdAt, updatedAt'],
      [
        'an unknown filter',
        'colour=blue',
        'colour',
        'unknown query parameter colour: this list takes missionId, ownerId, status, kind, agreementId, meetingId, organisationId, watcherId, dueBefore, dueAfter, overdue, limit, offset, sort, q, includeArchived',
      ],
    ])('rejects %s in the list filter with 400', async (_case, query, field, message) => {
      const response = await api.get(`actions?${query}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(response.body.details).toEqual([{ field, message }]);
    });

    it('rejects a malformed id with 400 and an unknown one with 404', async () => {
      const malformed = await api.get('actions/mow-visit');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ code: 'validation_failed', details: [{ field: 'id', message: 'id must be a UUID' }] });
      const unknown = await api.patch(`actions/${UNKNOWN_ID}`, { status: 'done' });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'not_found', message: `action ${UNKNOWN_ID} not found` });
    });
  });
});
