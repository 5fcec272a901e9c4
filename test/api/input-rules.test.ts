import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { VIETNAM_2023 } from '../support/fixtures.js';

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
      message: `unknown query parameter ${name}: this operation takes no query parameters`,
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
        message: 'overdueEveryDays must be a whole number of days; leave it out for the default',
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
});
