import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../../src/common/clock.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { VIETNAM_2023 } from '../support/fixtures.js';

/**
 * The reminders API: lists with filters and paging, one reminder, snooze and skip. No worker runs
 * (ROLE api) and the clock is pinned, so every reminder stays as the planner and the API left it.
 */

interface ReminderBody {
  id: string;
  actionId: string | null;
  kind: string;
  occurrence: number;
  recipientId: string;
  fireAt: string;
  status: string;
  version: number;
  reason: string | null;
}

interface PageBody {
  items: ReminderBody[];
  total: number;
  limit: number;
  offset: number;
}

/** 2024-01-15, 11:00 in Brussels. */
const NOW = new Date('2024-01-15T10:00:00Z');
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const STATUSES = 'planned, sending, sent, failed, cancelled, skipped';
const KINDS = 'assignment, heads_up, due_soon, due, overdue, escalation, digest';

describe('reminders API', () => {
  let api: TestApp;
  let clock: Clock;
  const users = {} as Record<'els' | 'tom' | 'an', string>;
  const names = new Map<string, string>();
  const actions = {} as Record<'goose' | 'stateVisit' | 'webinars', { id: string; version: number }>;
  let missionId: string;

  async function list(query: string): Promise<PageBody> {
    const response = await api.get<PageBody>(`reminders?${query}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  const line = (r: ReminderBody): string => `${r.fireAt} ${r.kind}#${r.occurrence} ${names.get(r.recipientId)} ${r.status}`;

  /** One reminder of an action, by kind and recipient. */
  async function reminder(actionId: string, kind: string, recipient: keyof typeof users): Promise<ReminderBody> {
    const { items } = await list(`actionId=${actionId}&kind=${kind}&recipientId=${users[recipient]}`);
    expect(items).toHaveLength(1);
    return items[0];
  }

  const validationError = (message: string, details: { field: string; message: string }[]) => ({
    statusCode: 400,
    code: 'validation_failed',
    message,
    details,
    requestId: expect.any(String),
  });

  beforeAll(async () => {
    api = await startTestApp();
    clock = api.app.get(Clock);
    jest.spyOn(clock, 'now').mockReturnValue(NOW);
    const user = async (key: keyof typeof users, body: Record<string, unknown>) => {
      users[key] = (await api.create('users', body)).id;
      names.set(users[key], key);
    };
    await user('els', { email: 'els.vermeulen@fit.example', name: 'Els Vermeulen', language: 'nl', timeZone: 'Europe/Brussels' });
    await user('tom', { email: 'tom.peeters@fit.example', name: 'Tom Peeters', language: 'en', timeZone: 'Asia/Ho_Chi_Minh', reminderMode: 'digest' });
    await user('an', { email: 'an.claes@fit.example', name: 'An Claes', language: 'en', timeZone: 'Europe/Brussels' });
    missionId = (await api.create('missions', { ...VIETNAM_2023, ownerId: users.tom })).id;

    // 9 reminders: the assignment notice, 7 for Els, the escalation to Tom.
    actions.goose = await api.create('actions', { title: 'Mission for the EU project GOOSE', missionId, ownerId: users.els, dueLabel: 'March 2024' });
    // 16: the assignment notice, 7 for An, 7 for Els, the escalation to Tom.
    actions.stateVisit = await api.create('actions', {
      title: 'State visit to Vietnam',
      missionId,
      status: 'in_progress',
      ownerId: users.an,
      watcherIds: [users.els],
      dueLabel: 'autumn 2024',
    });
    // 8, all cancelled with the action: 7 for Els, the escalation to Tom.
    const webinars = await api.create('actions', {
      title: 'Webinars for the participating companies',
      missionId,
      watcherIds: [users.els],
      dueLabel: 'March 2024',
    });
    const cancelled = await api.patch(`actions/${webinars.id}`, { status: 'cancelled', version: webinars.version });
    expect(cancelled.status).toBe(200);
    actions.webinars = cancelled.body;
  });

  beforeEach(() => {
    jest.spyOn(clock, 'now').mockReturnValue(NOW);
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('GET /reminders/{id}', () => {
    it('returns the whole record of a planned reminder', async () => {
      const { id } = await reminder(actions.goose.id, 'heads_up', 'els');

      const response = await api.get(`reminders/${id}`);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        id,
        actionId: actions.goose.id,
        kind: 'heads_up',
        occurrence: 0,
        recipientId: users.els,
        fireAt: '2024-02-16T08:00:00.000Z',
        status: 'planned',
        attempts: 0,
        sentAt: null,
        messageId: null,
        subject: null,
        lastError: null,
        reason: null,
        version: 1,
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      });
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      const unknown = await api.get(`reminders/${UNKNOWN_ID}`);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({
        statusCode: 404,
        code: 'not_found',
        message: `reminder ${UNKNOWN_ID} not found`,
        details: [],
        requestId: expect.any(String),
      });

      const malformed = await api.get('reminders/42');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toEqual(validationError('id must be a UUID', [{ field: 'id', message: 'id must be a UUID' }]));
    });
  });

  describe('GET /reminders', () => {
    it('lists every reminder by fire time', async () => {
      const page = await list('limit=200');

      expect(page).toMatchObject({ total: 33, limit: 200, offset: 0 });
      expect(page.items).toHaveLength(33);
      const fireTimes = page.items.map((r) => r.fireAt);
      expect(fireTimes).toEqual([...fireTimes].sort());
    });

    it('filters by action', async () => {
      const page = await list(`actionId=${actions.goose.id}`);

      expect(page.total).toBe(9);
      expect(page.items.map(line)).toEqual([
        '2024-01-15T10:00:00.000Z assignment#1 els planned',
        '2024-02-16T08:00:00.000Z heads_up#0 els planned',
        '2024-03-28T08:00:00.000Z due_soon#0 els planned',
        '2024-03-29T08:00:00.000Z due#0 els planned',
        '2024-04-01T07:00:00.000Z overdue#1 els planned',
        '2024-04-08T07:00:00.000Z overdue#2 els planned',
        '2024-04-15T02:00:00.000Z escalation#0 tom planned',
        '2024-04-15T07:00:00.000Z overdue#3 els planned',
        '2024-04-22T07:00:00.000Z overdue#4 els planned',
      ]);
    });

    it('filters by recipient', async () => {
      const page = await list(`recipientId=${users.tom}`);

      expect(page.total).toBe(3);
      // Two escalations fall at the same instant: compare as sorted text.
      expect(page.items.map((r) => `${line(r)} ${r.actionId}`).sort()).toEqual(
        [
          `2024-04-15T02:00:00.000Z escalation#0 tom planned ${actions.goose.id}`,
          `2024-04-15T02:00:00.000Z escalation#0 tom cancelled ${actions.webinars.id}`,
          `2024-12-16T02:00:00.000Z escalation#0 tom planned ${actions.stateVisit.id}`,
        ].sort(),
      );
    });

    it('filters by one status or several', async () => {
      const cancelled = await list('status=cancelled');
      expect(cancelled.total).toBe(8);
      expect(new Set(cancelled.items.map((r) => `${r.actionId} ${r.status} ${r.reason}`))).toEqual(
        new Set([`${actions.webinars.id} cancelled action cancelled`]),
      );
      expect((await list('status=planned')).total).toBe(25);
      expect((await list('status=planned,cancelled&limit=1')).total).toBe(33);
      expect((await list('status=sent')).total).toBe(0);
    });

    it('filters by kind, and combines filters', async () => {
      expect((await list('kind=assignment')).items.map((r) => `${line(r)} ${r.actionId}`).sort()).toEqual(
        [
          `2024-01-15T10:00:00.000Z assignment#1 an planned ${actions.stateVisit.id}`,
          `2024-01-15T10:00:00.000Z assignment#1 els planned ${actions.goose.id}`,
        ].sort(),
      );
      const headsUps = await list(`kind=heads_up&status=planned&recipientId=${users.els}`);
      expect(headsUps.items.map((r) => `${line(r)} ${r.actionId}`)).toEqual([
        `2024-02-16T08:00:00.000Z heads_up#0 els planned ${actions.goose.id}`,
        `2024-08-16T07:00:00.000Z heads_up#0 els planned ${actions.stateVisit.id}`,
      ]);
    });

    it('pages and sorts', async () => {
      const page = await list(`actionId=${actions.goose.id}&limit=3&offset=2`);
      expect(page).toMatchObject({ total: 9, limit: 3, offset: 2 });
      expect(page.items.map(line)).toEqual([
        '2024-03-28T08:00:00.000Z due_soon#0 els planned',
        '2024-03-29T08:00:00.000Z due#0 els planned',
        '2024-04-01T07:00:00.000Z overdue#1 els planned',
      ]);

      const latest = await list(`actionId=${actions.goose.id}&sort=-fireAt&limit=2`);
      expect(latest.items.map(line)).toEqual(['2024-04-22T07:00:00.000Z overdue#4 els planned', '2024-04-15T07:00:00.000Z overdue#3 els planned']);

      const beyond = await list(`actionId=${actions.goose.id}&offset=9`);
      expect(beyond).toEqual({ items: [], total: 9, totalIsEstimate: false, limit: 50, offset: 9 });
    });

    it.each([
      ['an unknown status', 'status=sent,bogus', 'status', `each value in status must be one of the following values: ${STATUSES}`],
      ['an unknown kind', 'kind=reminder', 'kind', `kind must be one of the following values: ${KINDS}`],
      ['a malformed actionId', 'actionId=42', 'actionId', 'actionId must be a UUID'],
      ['a malformed recipientId', 'recipientId=tom', 'recipientId', 'recipientId must be a UUID'],
      ['a page too large', 'limit=201', 'limit', 'limit must not be greater than 200'],
      ['a negative offset', 'offset=-1', 'offset', 'offset must not be less than 0'],
    ])('rejects %s with 400 naming the parameter', async (_case, query, field, message) => {
      const response = await api.get(`reminders?${query}`);

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed', requestId: expect.any(String) });
      expect(response.body.details).toEqual([{ field, message }]);
    });

    it('rejects a sort by anything but fireAt, createdAt or sentAt', async () => {
      const response = await api.get('reminders?sort=kind');

      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        validationError('The request is not valid; see details', [
          { field: 'sort', message: 'cannot sort by kind; sort by one of: fireAt, createdAt, sentAt' },
        ]),
      );
    });
  });

  describe('GET /actions/{id}/reminders', () => {
    it('lists the action’s reminders with the same filters', async () => {
      const response = await api.get<PageBody>(`actions/${actions.stateVisit.id}/reminders?recipientId=${users.an}&kind=overdue&limit=2&offset=1`);

      expect(response.status).toBe(200);
      expect(response.body.total).toBe(4);
      expect(response.body.items.map(line)).toEqual(['2024-12-09T08:00:00.000Z overdue#2 an planned', '2024-12-16T08:00:00.000Z overdue#3 an planned']);
    });

    it('answers 404 for an unknown action and 400 for a malformed id', async () => {
      const unknown = await api.get(`actions/${UNKNOWN_ID}/reminders`);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({
        statusCode: 404,
        code: 'not_found',
        message: `action ${UNKNOWN_ID} not found`,
        details: [],
        requestId: expect.any(String),
      });

      const malformed = await api.get('actions/goose/reminders');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toEqual(validationError('id must be a UUID', [{ field: 'id', message: 'id must be a UUID' }]));
    });

    it('refuses an actionId filter: the path names the action', async () => {
      const response = await api.get(`actions/${actions.stateVisit.id}/reminders?actionId=${actions.goose.id}`);

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        statusCode: 400,
        code: 'validation_failed',
        details: [{ field: 'actionId', message: 'unknown query parameter actionId: this list takes recipientId, status, kind, limit, offset, sort' }],
      });
    });
  });

  describe('POST /reminders/{id}/snooze', () => {
    it('moves a planned reminder to a later time', async () => {
      const dueSoon = await reminder(actions.goose.id, 'due_soon', 'els');

      const response = await api.post(`reminders/${dueSoon.id}/snooze`, { until: '2024-04-02T09:00:00+02:00', version: dueSoon.version });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: dueSoon.id,
        fireAt: '2024-04-02T07:00:00.000Z',
        status: 'planned',
        version: dueSoon.version + 1,
        reason: null,
      });
      expect((await api.get(`reminders/${dueSoon.id}`)).body).toMatchObject({ fireAt: '2024-04-02T07:00:00.000Z', status: 'planned' });
    });

    it.each([
      ['a past time', '2024-01-15T10:59:00+01:00'],
      ['the present', '2024-01-15T10:00:00Z'],
    ])('refuses %s with 400 on until', async (_case, until) => {
      const due = await reminder(actions.stateVisit.id, 'due', 'an');

      const response = await api.post(`reminders/${due.id}/snooze`, { until });

      expect(response.status).toBe(400);
      expect(response.body).toEqual(validationError('until must be in the future', [{ field: 'until', message: 'until must be in the future' }]));
      expect((await api.get(`reminders/${due.id}`)).body).toMatchObject({ fireAt: '2024-11-29T08:00:00.000Z', version: due.version });
    });

    const UNTIL_MESSAGE = 'until must be an ISO 8601 date-time with its offset, such as 2024-03-04T09:00:00+01:00, or a date such as 2024-03-04';
    // A date alone is taken (the start of that day in the recipient's zone): test/api/input-rules.test.ts.
    it.each([
      ['a date in words', { until: '2 April 2024' }, UNTIL_MESSAGE],
      ['a time without an offset', { until: '2024-04-02T09:00:00' }, UNTIL_MESSAGE],
      ['no time at all', {}, 'until is required'],
    ])('refuses %s with 400 on until', async (_case, body, message) => {
      const due = await reminder(actions.stateVisit.id, 'due', 'an');

      const response = await api.post(`reminders/${due.id}/snooze`, body);

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'validation_failed' });
      expect(response.body.details).toEqual([{ field: 'until', message }]);
    });

    it('refuses a stale version with 409', async () => {
      const due = await reminder(actions.stateVisit.id, 'due', 'els');

      const response = await api.post(`reminders/${due.id}/snooze`, { until: '2024-12-02T09:00:00+01:00', version: due.version + 1 });

      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'stale_version', details: [{ field: 'version', message: `current version is ${due.version}` }] });
    });

    it('refuses a reminder that is not planned with 409', async () => {
      const cancelled = await reminder(actions.webinars.id, 'due', 'els');

      const response = await api.post(`reminders/${cancelled.id}/snooze`, { until: '2024-04-02T09:00:00+02:00' });

      expect(response.status).toBe(409);
      expect(response.body).toEqual({
        statusCode: 409,
        code: 'conflict',
        message: `reminder ${cancelled.id} is cancelled; only a planned reminder can be snoozed`,
        details: [],
        requestId: expect.any(String),
      });
    });

    it('answers 404 for an unknown reminder', async () => {
      const response = await api.post(`reminders/${UNKNOWN_ID}/snooze`, { until: '2024-04-02T09:00:00+02:00' });

      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'not_found', message: `reminder ${UNKNOWN_ID} not found` });
    });

    it('keeps a snoozed reminder at its new time when the action is edited', async () => {
      const action = await api.create('actions', { title: 'Info session on the GOOSE project', missionId, ownerId: users.an, dueLabel: 'March 2024' });
      const headsUp = await reminder(action.id, 'heads_up', 'an');
      expect((await api.post(`reminders/${headsUp.id}/snooze`, { until: '2024-02-19T09:00:00+01:00', version: headsUp.version })).status).toBe(200);

      await api.patch(`actions/${action.id}`, { description: 'For the companies of the delegation', version: action.version });

      expect((await api.get(`reminders/${headsUp.id}`)).body).toMatchObject({ fireAt: '2024-02-19T08:00:00.000Z', status: 'planned' });
    });
  });

  describe('POST /reminders/{id}/skip', () => {
    it('skips a planned reminder and leaves the others of the action planned', async () => {
      const action = await api.create('actions', {
        title: 'Follow-up appointment with NXTPORT International',
        missionId,
        ownerId: users.an,
        dueLabel: 'March 2024',
      });
      const due = await reminder(action.id, 'due', 'an');

      const response = await api.post(`reminders/${due.id}/skip`, { version: due.version });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: due.id,
        status: 'skipped',
        reason: 'skipped by request',
        fireAt: '2024-03-29T08:00:00.000Z',
        version: due.version + 1,
      });
      const { items } = await list(`actionId=${action.id}`);
      expect(items.map((r) => `${r.kind} ${r.status}`)).toEqual([
        'assignment planned',
        'heads_up planned',
        'due_soon planned',
        'due skipped',
        'overdue planned',
        'overdue planned',
        'escalation planned',
        'overdue planned',
        'overdue planned',
      ]);
    });

    it('refuses to skip a reminder twice with 409', async () => {
      const action = await api.create('actions', { title: 'Follow-up appointment with Monument', missionId, ownerId: users.an, dueLabel: 'March 2024' });
      const due = await reminder(action.id, 'due', 'an');
      await api.post(`reminders/${due.id}/skip`, {});

      const response = await api.post(`reminders/${due.id}/skip`, {});

      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 'conflict', message: `reminder ${due.id} is skipped; only a planned reminder can be skipped` });
    });

    it('answers 404 for an unknown reminder and 400 for a bad version', async () => {
      const unknown = await api.post(`reminders/${UNKNOWN_ID}/skip`, {});
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'not_found', message: `reminder ${UNKNOWN_ID} not found` });

      const due = await reminder(actions.stateVisit.id, 'due', 'els');
      const badVersion = await api.post(`reminders/${due.id}/skip`, { version: 0 });
      expect(badVersion.status).toBe(400);
      expect(badVersion.body.details).toEqual([{ field: 'version', message: 'version must be a whole number of 1 or more: the version you last read' }]);
    });

    it('keeps a skipped reminder skipped, and plans no other in its place, when the action is edited', async () => {
      const action = await api.create('actions', {
        title: 'Follow-up appointment with CamCO Technologies',
        missionId,
        ownerId: users.an,
        dueLabel: 'March 2024',
      });
      const due = await reminder(action.id, 'due', 'an');
      expect((await api.post(`reminders/${due.id}/skip`, {})).status).toBe(200);

      await api.patch(`actions/${action.id}`, { description: 'About the MoU with Vinamarine', version: action.version });

      const { items } = await list(`actionId=${action.id}&kind=due`);
      expect(items.map((r) => `${r.id} ${r.status}`)).toEqual([`${due.id} skipped`]);
    });
  });
});
