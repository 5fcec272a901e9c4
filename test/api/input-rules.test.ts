import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../../src/common/clock.service.js';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.js';
import { VIETNAM_2023 } from '../support/fixtures.js';

const refused = (field: string, message: string) => ({
  statusCode: 400,
  code: 'validation_failed',
  message: 'The request is not valid; see details',
  details: [{ field, message }],
  requestId: expect.any(String),
});

/** One set of input rules on every route: unknown query parameters, missing fields, impossible dates, dates for date-times. */
describe('input rules', () => {
  let api: TestApp;
  let missionId: string;

  beforeAll(async () => {
    api = await startTestApp();
    missionId = (await api.create('missions', VIETNAM_2023)).id;
  });

  afterAll(async () => {
    await api?.close();
  });

  it.each([
    ['a single mission', () => `missions/${missionId}?foo=bar`, 'foo'],
    ['the signed-in user', () => 'auth/me?expand=tokens', 'expand'],
  ])('refuses an unknown query parameter on %s with 400', async (_what, path, name) => {
    const response = await api.get(path());
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      code: 'validation_failed',
      message: 'The request is not valid; see details',
      details: [{ field: name, message: `unknown query parameter ${name}: this operation takes no query parameters` }],
      requestId: expect.any(String),
    });
  });

  it('refuses an unknown query parameter on the summary of a mission, which takes only asOf', async () => {
    const response = await api.get(`missions/${missionId}/summary?asOf=2023-12-31&foo=bar`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      statusCode: 400,
      code: 'validation_failed',
      details: [{ field: 'foo', message: 'unknown query parameter foo: this operation takes only asOf' }],
      requestId: expect.any(String),
    });
  });

  it('names the filter a list does take when given a field name instead', async () => {
    const response = await api.get('missions?hostCountries=VN');
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([
      {
        field: 'hostCountries',
        message:
          'unknown query parameter hostCountries: this list takes status, type, country, ownerId, startsAfter, startsBefore, limit, offset, sort, q, includeArchived, id',
      },
    ]);
    expect((await api.get('missions?country=VN')).body.total).toBe(1);
  });

  it('says "is required" once for each missing field', async () => {
    const response = await api.post('missions', { title: 'Economic mission to Japan' });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual(
      ['code', 'type', 'hostCountries', 'startDate', 'endDate', 'timeZone'].map((field) => ({ field, message: `${field} is required` })),
    );
  });

  it('tells an impossible date that it is not a calendar date', async () => {
    const response = await api.post('missions', { ...VIETNAM_2023, code: 'JP-2024', startDate: '2024-02-30', endDate: '2024-03-02' });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'startDate', message: 'startDate is not a calendar date: 2024-02-30 does not exist' }]);
  });

  it("takes a date where a date-time is asked: a snooze to a day is the start of that day in the recipient's zone", async () => {
    jest.spyOn(api.app.get(Clock), 'now').mockReturnValue(new Date('2024-01-15T10:00:00Z'));
    try {
      const tom = await api.create('users', { email: 'tom.peeters@fit.example', name: 'Tom Peeters', timeZone: 'Asia/Ho_Chi_Minh' });
      const action = await api.create('actions', { title: 'State visit to Vietnam', missionId, ownerId: tom.id, dueLabel: 'autumn 2024' });
      const reminders = await api.get(`actions/${action.id}/reminders?kind=heads_up`);
      const [headsUp] = reminders.body.items as { id: string; version: number }[];
      const snoozed = await api.post(`reminders/${headsUp.id}/snooze`, { until: '2024-09-02', version: headsUp.version });
      expect(snoozed.status).toBe(200);
      // Midnight in Ho Chi Minh City (UTC+7).
      expect(snoozed.body).toMatchObject({ fireAt: '2024-09-01T17:00:00.000Z', status: 'planned' });
      const impossible = await api.post(`reminders/${headsUp.id}/snooze`, { until: '2024-02-30' });
      expect(impossible.status).toBe(400);
      expect(impossible.body.details).toEqual([{ field: 'until', message: 'until is not a calendar date: 2024-02-30 does not exist' }]);
    } finally {
      jest.restoreAllMocks();
    }
  });

  describe("the fuzzer's 500s", () => {
    it('refuses null in a reminder policy field with 400, on create and on change', async () => {
      const refused = await api.post('actions', {
        title: 'Mission for the EU project GOOSE',
        missionId,
        dueLabel: 'March 2024',
        reminderPolicy: { overdueEveryDays: null },
      });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
      expect(refused.body.details).toContainEqual({
        field: 'reminderPolicy.overdueEveryDays',
        message: 'reminderPolicy.overdueEveryDays must not be null',
      });
      const action = await api.create('actions', {
        title: 'Mission for the EU project GOOSE',
        missionId,
        dueLabel: 'March 2024',
        reminderPolicy: { overdueEveryDays: 14 },
      });
      const changed = await api.patch(`actions/${action.id}`, { reminderPolicy: { headsUpDays: null, escalateAfterDays: null }, version: action.version });
      expect(changed.status).toBe(400);
      expect(new Set(changed.body.details.map((detail: { field: string }) => detail.field))).toEqual(
        new Set(['reminderPolicy.headsUpDays', 'reminderPolicy.escalateAfterDays']),
      );
      expect((await api.get(`actions/${action.id}`)).body).toMatchObject({ version: action.version, reminderPolicy: { overdueEveryDays: 14 } });
    });

    it.each([
      ['dueDate', { dueDate: '9999-12-10' }],
      ['dueTo', { dueFrom: '2024-01-01', dueTo: '9999-12-31' }],
      ['dueFrom', { dueFrom: '1899-12-31', dueTo: '2024-01-31' }],
    ])('refuses %s outside the accepted dates with 400 naming the range', async (field, due) => {
      const response = await api.post('actions', { title: 'State visit to Vietnam', missionId, ...due });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field, message: `${field} must be a date from 1900-01-01 to 2199-12-31` }]);
    });

    it('accepts the last accepted day and plans its reminders without failing', async () => {
      const response = await api.post('actions', { title: 'State visit to Vietnam', missionId, dueDate: '2199-12-31' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ dueFrom: '2199-12-31', dueTo: '2199-12-31', duePrecision: 'day' });
    });
  });
  describe('bodies, versions and methods', () => {
    it.each([
      ['null', { version: null }],
      ['a text', { version: 'three' }],
      ['a fraction', { version: 1.5 }],
      ['zero', { version: 0 }],
    ])('refuses a version that is %s with 400 naming the field, not 409', async (_what, body) => {
      const action = await api.create('actions', { title: 'MOW visit for the Mekong River Commission', missionId, dueLabel: 'early November 2023' });
      const response = await api.patch(`actions/${action.id}`, { ...body, title: 'MOW visit to Vietnam' });
      expect(response.status).toBe(400);
      const message = body.version === null ? 'version must not be null' : 'version must be a whole number of 1 or more: the version you last read';
      expect(response.body).toEqual(refused('version', message));
      expect((await api.get(`actions/${action.id}`)).body).toMatchObject({ title: 'MOW visit for the Mekong River Commission', version: 1 });
    });

    it.each([
      ['null', 'null'],
      ['a list', '[{"title":"x"}]'],
      ['a number', '5'],
      ['a text', '"MOW"'],
      ['absent', undefined],
    ])('refuses a PATCH whose body is %s with 400 in the common body, changing nothing', async (_what, body) => {
      const mission = await api.get(`missions/${missionId}`);
      const response = await api.request('PATCH', `missions/${missionId}`, body, body === undefined ? {} : { 'content-type': 'application/json' });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ ...refused('body', 'The request body must be a JSON object'), message: 'The request body must be a JSON object' });
      expect((await api.get(`missions/${missionId}`)).body.version).toBe(mission.body.version);
    });

    it('answers a method a path does not have with 405 and Allow, and an unknown path still with 404', async () => {
      const put = await api.request('PUT', `missions/${missionId}`, {});
      expect(put.status).toBe(405);
      expect(put.headers.get('allow')).toBe('DELETE, GET, HEAD, PATCH');
      expect(put.body).toEqual({
        statusCode: 405,
        code: 'method_not_allowed',
        message: `PUT is not an operation of /api/v1/missions/${missionId}: it takes DELETE, GET, HEAD, PATCH`,
        details: [],
        requestId: put.headers.get('x-request-id'),
      });
      const deleteList = await api.delete('missions');
      expect(deleteList.status).toBe(405);
      expect(deleteList.headers.get('allow')).toBe('GET, HEAD, POST');
      const unknown = await api.request('PUT', 'nothing-here', {});
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('allow')).toBeNull();
      expect(unknown.body).toMatchObject({ statusCode: 404, code: 'not_found', details: [] });
    });

    it.each([
      ['an action', () => 'actions', () => ({ title: 'Info sessions for the delegation', missionId: null })],
      [
        'a meeting',
        () => 'meetings',
        () => ({ missionId: null, kind: 'official', title: 'People’s Committee of Haiphong', startsAt: '2023-09-13T09:00:00+07:00' }),
      ],
    ])('tells %s whose missionId is null by its API field, before the database', async (_what, path, body) => {
      const response = await api.post(path(), body());
      expect(response.status).toBe(400);
      expect(response.body).toEqual(refused('missionId', 'missionId must not be null'));
    });

    it('names API fields, not columns, when the database refuses a value', async () => {
      const first = await api.post('organisations', { name: 'NXTPORT International', kind: 'company', country: 'BE', enterpriseNumber: '0123456749' });
      expect(first.status).toBe(201);
      const duplicate = await api.post('organisations', { name: 'NXTPORT (copy)', kind: 'company', country: 'BE', enterpriseNumber: '0123456749' });
      expect(duplicate.status).toBe(409);
      expect(JSON.stringify(duplicate.body)).not.toMatch(/enterprise_number|uq_/);
    });

    it('words an unknown field one way in a body, nested or not, and in a query', async () => {
      const body = await api.post('actions', { title: 'Webinar', missionId, colour: 'red', reminderPolicy: { colour: 'red' } });
      expect(body.status).toBe(400);
      expect(body.body.details).toEqual([
        { field: 'colour', message: 'unknown field colour: it is not part of this resource' },
        { field: 'reminderPolicy.colour', message: 'unknown field colour: it is not part of this resource' },
      ]);
      const query = await api.get('actions?colour=red');
      expect(query.body.details[0].message).toMatch(/^unknown query parameter colour: this list takes /);
      const single = await api.get(`actions/${missionId}?colour=red`);
      expect(single.body).toEqual(refused('colour', 'unknown query parameter colour: this operation takes no query parameters'));
    });
  });

  describe("a date where a date-time is asked: the start of that day in the signed-in user's zone", () => {
    let hanoi: ApiClient;

    beforeAll(async () => {
      const password = 'an officer posted in Hanoi, 2023';
      await api.create('users', { email: 'lan.nguyen@fit.example', name: 'Lan Nguyễn', role: 'officer', timeZone: 'Asia/Ho_Chi_Minh', password });
      hanoi = api.as(await api.signIn('lan.nguyen@fit.example', password));
    });

    it('takes a date for a meeting start and end', async () => {
      const meeting = await hanoi.post('meetings', {
        missionId,
        kind: 'site_visit',
        title: 'Notre Dame cathedral',
        startsAt: '2023-09-15',
        endsAt: '2023-09-16',
      });
      expect(meeting.status).toBe(201);
      expect(meeting.body).toMatchObject({ startsAt: '2023-09-14T17:00:00.000Z', endsAt: '2023-09-15T17:00:00.000Z' });
      const changed = await hanoi.patch(`meetings/${meeting.body.id}`, { startsAt: '2023-09-14', version: meeting.body.version });
      expect(changed.body).toMatchObject({ startsAt: '2023-09-13T17:00:00.000Z' });
      const listed = await hanoi.get(`meetings?missionId=${missionId}&startsAfter=2023-09-14&startsBefore=2023-09-15`);
      expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([meeting.body.id]);
    });

    it("takes a date for a token's end, and in the service's zone for the admin without one of their own", async () => {
      const token = await hanoi.post('auth/tokens', { name: 'Survey export', expiresAt: '2027-06-30' });
      expect(token.status).toBe(201);
      expect(token.body.expiresAt).toBe('2027-06-29T17:00:00.000Z');
    });

    it('takes dates for the audit filters', async () => {
      const response = await api.get('audit?from=2023-09-11&to=2199-12-31');
      expect(response.status).toBe(200);
    });

    it('tells an impossible date in a date-time that it is not a calendar date', async () => {
      const response = await hanoi.post('meetings', { missionId, kind: 'forum', title: 'HCMC Economic Forum', startsAt: '2023-09-31' });
      expect(response.status).toBe(400);
      expect(response.body).toEqual(refused('startsAt', 'startsAt is not a calendar date: 2023-09-31 does not exist'));
    });
  });
});
