import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../../src/common/clock.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { VIETNAM_2023 } from '../support/fixtures.js';

/**
 * Every change of an action re-plans its reminders in the same transaction. No worker runs here
 * (ROLE api), so what the API shows is exactly what the planner wrote.
 */

interface ReminderBody {
  id: string;
  kind: string;
  occurrence: number;
  recipientId: string;
  fireAt: string;
  status: string;
  reason: string | null;
}

interface ActionBody {
  id: string;
  version: number;
  [field: string]: unknown;
}

/** 2024-01-15, 11:00 in Brussels: the GOOSE mission ("March 2024") is two months ahead. */
const NOW = new Date('2024-01-15T10:00:00Z');

/** The GOOSE plan of planning/reminder-schedule.spec.ts, for Els, with the escalation to Tom. */
const MARCH_PLAN = [
  '2024-02-16T08:00:00.000Z heads_up#0 els',
  '2024-03-28T08:00:00.000Z due_soon#0 els',
  '2024-03-29T08:00:00.000Z due#0 els',
  '2024-04-01T07:00:00.000Z overdue#1 els',
  '2024-04-08T07:00:00.000Z overdue#2 els',
  '2024-04-15T02:00:00.000Z escalation#0 tom',
  '2024-04-15T07:00:00.000Z overdue#3 els',
  '2024-04-22T07:00:00.000Z overdue#4 els',
];

const withStatus = (lines: string[], status: string, reason: string | null = null): string[] =>
  lines.map((line) => `${line} ${status}${reason ? ` (${reason})` : ''}`);

describe('re-planning reminders when an action changes', () => {
  let api: TestApp;
  let clock: Clock;
  const users = {} as Record<'els' | 'tom' | 'an', string>;
  const names = new Map<string, string>();
  let missionId: string;

  async function change(action: ActionBody, body: Record<string, unknown>): Promise<ActionBody> {
    const response = await api.patch(`actions/${action.id}`, { ...body, version: action.version });
    if (response.status !== 200) throw new Error(`PATCH action: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  const goose = (body: Record<string, unknown> = {}) =>
    api.create('actions', { title: 'Mission for the EU project GOOSE', missionId, ownerId: users.els, dueLabel: 'March 2024', ...body });

  /** Every reminder of the action, archived or not, in the order of the fire times. */
  async function reminders(actionId: string): Promise<ReminderBody[]> {
    const response = await api.get<{ items: ReminderBody[]; total: number }>(`reminders?actionId=${actionId}&limit=200`);
    expect(response.status).toBe(200);
    return response.body.items;
  }

  /** Lines sorted as text: fire time first, so chronological, and stable for reminders at the same instant. */
  async function plan(actionId: string, { withAssignments = true } = {}): Promise<string[]> {
    return (await reminders(actionId))
      .filter((r) => withAssignments || r.kind !== 'assignment')
      .map((r) => `${r.fireAt} ${r.kind}#${r.occurrence} ${names.get(r.recipientId)} ${r.status}${r.reason ? ` (${r.reason})` : ''}`)
      .sort();
  }

  const keyed = (rows: ReminderBody[]): Map<string, string> =>
    new Map(rows.filter((r) => r.kind !== 'assignment').map((r) => [`${r.kind}#${r.occurrence} ${r.recipientId}`, r.id]));

  beforeAll(async () => {
    api = await startTestApp();
    clock = api.app.get(Clock);
    const user = async (key: keyof typeof users, body: Record<string, unknown>) => {
      users[key] = (await api.create('users', body)).id;
      names.set(users[key], key);
    };
    await user('els', { email: 'els.vermeulen@fit.example', name: 'Els Vermeulen', language: 'nl', timeZone: 'Europe/Brussels' });
    await user('tom', { email: 'tom.peeters@fit.example', name: 'Tom Peeters', language: 'en', timeZone: 'Asia/Ho_Chi_Minh', reminderMode: 'digest' });
    await user('an', { email: 'an.claes@fit.example', name: 'An Claes', language: 'en', timeZone: 'Europe/Brussels' });
    missionId = (await api.create('missions', { ...VIETNAM_2023, ownerId: users.tom })).id;
  });

  beforeEach(() => {
    jest.spyOn(clock, 'now').mockReturnValue(NOW);
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('due window', () => {
    it('moves every planned reminder to the new window when dueLabel changes, keeping each row and adding none', async () => {
      const action = await goose();
      const before = keyed(await reminders(action.id));

      await change(action, { dueLabel: 'April 2024' });

      expect(await plan(action.id)).toEqual([
        '2024-01-15T10:00:00.000Z assignment#1 els planned',
        '2024-03-18T08:00:00.000Z heads_up#0 els planned', // Monday 14 days before 1 April, still winter time
        '2024-04-26T07:00:00.000Z due_soon#0 els planned', // 27 April is a Saturday
        '2024-04-30T07:00:00.000Z due#0 els planned',
        '2024-05-01T07:00:00.000Z overdue#1 els planned',
        '2024-05-08T07:00:00.000Z overdue#2 els planned',
        '2024-05-14T02:00:00.000Z escalation#0 tom planned',
        '2024-05-15T07:00:00.000Z overdue#3 els planned',
        '2024-05-22T07:00:00.000Z overdue#4 els planned',
      ]);
      expect(keyed(await reminders(action.id))).toEqual(before);
    });

    it('moves them back when the window is changed back, still without a duplicate', async () => {
      const action = await goose();
      const before = keyed(await reminders(action.id));

      const april = await change(action, { dueLabel: 'April 2024' });
      await change(april, { dueFrom: '2024-03-01', dueTo: '2024-03-31' });

      expect(await plan(action.id)).toEqual(['2024-01-15T10:00:00.000Z assignment#1 els planned', ...withStatus(MARCH_PLAN, 'planned')]);
      expect(keyed(await reminders(action.id))).toEqual(before);
    });

    it('cancels every planned reminder when the due date is removed', async () => {
      const action = await goose();

      await change(action, { dueLabel: null });

      expect(await plan(action.id, { withAssignments: false })).toEqual(withStatus(MARCH_PLAN, 'cancelled', 'no due date'));
    });
  });

  describe('reminder policy', () => {
    it('cancels what an override drops and keeps the rest in place', async () => {
      const action = await goose();

      const changed = await change(action, { reminderPolicy: { headsUpDays: 0, overdueMaxRepeats: 1 } });

      expect(changed.reminderPolicy).toEqual({ headsUpDays: 0, dueSoonDays: 3, overdueEveryDays: 7, overdueMaxRepeats: 1, escalateAfterDays: 14 });
      expect(await plan(action.id, { withAssignments: false })).toEqual([
        '2024-02-16T08:00:00.000Z heads_up#0 els cancelled (re-planned)',
        '2024-03-28T08:00:00.000Z due_soon#0 els planned',
        '2024-03-29T08:00:00.000Z due#0 els planned',
        '2024-04-01T07:00:00.000Z overdue#1 els planned',
        '2024-04-08T07:00:00.000Z overdue#2 els cancelled (re-planned)',
        '2024-04-15T02:00:00.000Z escalation#0 tom planned',
        '2024-04-15T07:00:00.000Z overdue#3 els cancelled (re-planned)',
        '2024-04-22T07:00:00.000Z overdue#4 els cancelled (re-planned)',
      ]);
    });

    it('plans the dropped reminders again when the override is removed', async () => {
      const action = await goose({ reminderPolicy: { headsUpDays: 0, overdueMaxRepeats: 1 } });
      expect(await plan(action.id, { withAssignments: false })).toEqual([
        '2024-03-28T08:00:00.000Z due_soon#0 els planned',
        '2024-03-29T08:00:00.000Z due#0 els planned',
        '2024-04-01T07:00:00.000Z overdue#1 els planned',
        '2024-04-15T02:00:00.000Z escalation#0 tom planned',
      ]);

      const changed = await change(action, { reminderPolicy: null });

      expect(changed.reminderPolicy).toEqual({ headsUpDays: 14, dueSoonDays: 3, overdueEveryDays: 7, overdueMaxRepeats: 4, escalateAfterDays: 14 });
      expect(await plan(action.id, { withAssignments: false })).toEqual(withStatus(MARCH_PLAN, 'planned'));
    });

    it('moves the escalation when escalateAfterDays changes', async () => {
      const action = await goose();

      await change(action, { reminderPolicy: { escalateAfterDays: 5 } });

      // 31 March + 5 is Friday 5 April, 09:00 in Ho Chi Minh City.
      expect((await plan(action.id)).filter((line) => line.includes('escalation'))).toEqual(['2024-04-05T02:00:00.000Z escalation#0 tom planned']);
    });
  });

  describe('people', () => {
    it('gives a new owner an assignment notice and the reminders, and cancels the former owner’s', async () => {
      const action = await goose();

      const changed = await change(action, { ownerId: users.an });

      expect(changed.version).toBe(2);
      expect(await plan(action.id)).toEqual([
        '2024-01-15T10:00:00.000Z assignment#1 els cancelled (owner changed)',
        '2024-01-15T10:00:00.000Z assignment#2 an planned',
        '2024-02-16T08:00:00.000Z heads_up#0 an planned',
        '2024-02-16T08:00:00.000Z heads_up#0 els cancelled (re-planned)',
        '2024-03-28T08:00:00.000Z due_soon#0 an planned',
        '2024-03-28T08:00:00.000Z due_soon#0 els cancelled (re-planned)',
        '2024-03-29T08:00:00.000Z due#0 an planned',
        '2024-03-29T08:00:00.000Z due#0 els cancelled (re-planned)',
        '2024-04-01T07:00:00.000Z overdue#1 an planned',
        '2024-04-01T07:00:00.000Z overdue#1 els cancelled (re-planned)',
        '2024-04-08T07:00:00.000Z overdue#2 an planned',
        '2024-04-08T07:00:00.000Z overdue#2 els cancelled (re-planned)',
        '2024-04-15T02:00:00.000Z escalation#0 tom planned',
        '2024-04-15T07:00:00.000Z overdue#3 an planned',
        '2024-04-15T07:00:00.000Z overdue#3 els cancelled (re-planned)',
        '2024-04-22T07:00:00.000Z overdue#4 an planned',
        '2024-04-22T07:00:00.000Z overdue#4 els cancelled (re-planned)',
      ]);
    });

    it('sends no new assignment notice when the owner stays, and leaves the plan untouched', async () => {
      const action = await goose();
      const before = await reminders(action.id);

      await change(action, { ownerId: users.els, title: 'Mission for the EU project GOOSE (Valencia)' });

      expect(await reminders(action.id)).toEqual(before);
    });

    it('sends no assignment notice to someone who gives the action to themselves', async () => {
      names.set(api.admin.id, 'admin');

      const action = await goose({ ownerId: api.admin.id });

      expect(await plan(action.id)).toEqual(
        withStatus(
          MARCH_PLAN.map((line) => line.replace(/ els$/, ' admin')),
          'planned',
        ).sort(),
      );
    });

    it('gives the mission owner the escalation only when someone else owns the action', async () => {
      const action = await goose({ ownerId: users.tom });

      expect(await plan(action.id)).toEqual(['2024-01-15T10:00:00.000Z assignment#1 tom planned']);
    });

    it('plans the reminders of an added watcher and cancels them when the watcher is removed', async () => {
      const action = await goose();

      const watched = await change(action, { watcherIds: [users.an] });
      const anLines = MARCH_PLAN.filter((line) => line.endsWith(' els')).map((line) => line.replace(/ els$/, ' an'));
      expect(await plan(action.id, { withAssignments: false })).toEqual([...withStatus(MARCH_PLAN, 'planned'), ...withStatus(anLines, 'planned')].sort());

      await change(watched, { watcherIds: [] });
      expect(await plan(action.id, { withAssignments: false })).toEqual(
        [...withStatus(MARCH_PLAN, 'planned'), ...withStatus(anLines, 'cancelled', 're-planned')].sort(),
      );
    });
  });

  describe('status', () => {
    it.each(['done', 'cancelled', 'postponed'])('cancels every planned reminder of an action marked %s, saying why', async (status) => {
      const action = await goose();

      await change(action, { status });

      expect(await plan(action.id, { withAssignments: false })).toEqual(withStatus(MARCH_PLAN, 'cancelled', `action ${status}`));
    });

    it('cancels the owner’s unsent assignment notice of an action marked done', async () => {
      const action = await goose();

      await change(action, { status: 'done' });

      expect((await plan(action.id)).filter((line) => line.includes('assignment'))).toEqual([
        '2024-01-15T10:00:00.000Z assignment#1 els cancelled (action done)',
      ]);
    });

    it('plans again what is still ahead when the action is reopened', async () => {
      const action = await goose();
      const done = await change(action, { status: 'done' });

      jest.spyOn(clock, 'now').mockReturnValue(new Date('2024-04-02T10:00:00Z'));
      await change(done, { status: 'open' });

      expect(await plan(action.id, { withAssignments: false })).toEqual(
        [
          ...withStatus(MARCH_PLAN, 'cancelled', 'action done'),
          // The first overdue reminder never went out: it goes at the next working hour (13:00 in Brussels), the others a week apart.
          '2024-04-02T11:00:00.000Z overdue#1 els planned',
          '2024-04-09T07:00:00.000Z overdue#2 els planned',
          '2024-04-15T02:00:00.000Z escalation#0 tom planned',
          '2024-04-16T07:00:00.000Z overdue#3 els planned',
          '2024-04-23T07:00:00.000Z overdue#4 els planned',
        ].sort(),
      );
    });

    it('cancels every planned reminder of a deleted action, saying why', async () => {
      const action = await goose();

      expect((await api.delete(`actions/${action.id}`)).status).toBe(204);

      expect(await plan(action.id, { withAssignments: false })).toEqual(withStatus(MARCH_PLAN, 'cancelled', 'action archived'));
      expect((await api.get(`actions/${action.id}/reminders`)).status).toBe(404);
    });

    it('cancels the owner’s unsent assignment notice of a deleted action, saying the action was deleted', async () => {
      const action = await goose();

      await api.delete(`actions/${action.id}`);

      expect((await plan(action.id)).filter((line) => line.includes('assignment'))).toEqual([
        '2024-01-15T10:00:00.000Z assignment#1 els cancelled (action archived)',
      ]);
    });
  });

  describe('reminders that are due but not sent yet', () => {
    it('keeps a due reminder that no worker has sent yet when the action is edited, so that a worker still sends it', async () => {
      const action = await goose();
      // The heads-up fell due at 09:00; no worker has taken it yet.
      jest.spyOn(clock, 'now').mockReturnValue(new Date('2024-02-16T08:30:00Z'));

      await change(action, { description: 'Kick-off with the Valencia port authority' });

      expect((await plan(action.id)).filter((line) => line.includes('heads_up'))).toEqual(['2024-02-16T08:00:00.000Z heads_up#0 els planned']);
    });
  });
});
