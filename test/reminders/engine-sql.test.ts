import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Action } from '../../src/actions/action.entity.js';
import { ReminderDeliveryRepository } from '../../src/reminders/delivery/reminder-delivery.repository.js';
import { ReminderPlanner } from '../../src/reminders/planning/reminder-planner.service.js';
import { ReminderPlanningRepository } from '../../src/reminders/planning/reminder-planning.repository.js';
import type { PlannedReminder } from '../../src/reminders/planning/reminder-schedule.js';
import { openTestData, type TestData } from '../support/data.js';

// The engine's hardest SQL on a real PostgreSQL, without HTTP: the plan's upsert, the claim,
// the sweep's query and the planner, each put in the states the API reaches only by waiting.

interface Row {
  id: string;
  kind: string;
  occurrence: number;
  recipient_id: string;
  fire_at: Date;
  status: string;
  reason: string | null;
  attempts: number;
}

let data: TestData;
let planning: ReminderPlanningRepository;
let delivery: ReminderDeliveryRepository;
let els: string;
let tom: string;
let missionId: string;

const at = (iso: string): Date => new Date(iso);
const rowsOf = async (actionId: string): Promise<Row[]> =>
  data.dataSource.query(
    `SELECT id, kind, occurrence, recipient_id, fire_at, status, reason, attempts FROM reminders WHERE action_id = $1 ORDER BY fire_at, kind, occurrence, status`,
    [actionId],
  );
const replace = (actionId: string, plan: PlannedReminder[], change: { reason?: string; now?: Date; inactive?: boolean } = {}) =>
  data.dataSource.transaction((manager) =>
    planning.replaceFuture(manager, actionId, plan, {
      reason: change.reason ?? 're-planned',
      now: change.now ?? data.clock.now(),
      inactive: change.inactive ?? false,
    }),
  );

beforeAll(async () => {
  data = await openTestData('2023-09-18T08:00:00Z');
  planning = new ReminderPlanningRepository(data.dataSource);
  delivery = new ReminderDeliveryRepository(data.dataSource);
  els = await data.rows.user({ name: 'Els Vermeulen', timeZone: 'Europe/Brussels' });
  tom = await data.rows.user({ name: 'Tom Peeters', timeZone: 'Asia/Ho_Chi_Minh' });
  missionId = await data.rows.mission({ ownerId: tom, code: 'VN-2023' });
});

afterAll(async () => {
  await data.close();
});

beforeEach(() => data.clock.set('2023-09-18T08:00:00Z'));

describe("the plan's upsert (replaceFuture)", () => {
  const plan = (recipient: string): PlannedReminder[] => [
    { kind: 'heads_up', occurrence: 0, recipientId: recipient, fireAt: at('2023-10-16T07:00:00Z') },
    { kind: 'due_soon', occurrence: 0, recipientId: recipient, fireAt: at('2023-10-27T07:00:00Z') },
    { kind: 'overdue', occurrence: 1, recipientId: recipient, fireAt: at('2023-11-06T08:00:00Z') },
  ];

  it('inserts the plan once; the same plan again changes and returns nothing', async () => {
    const actionId = await data.rows.action({ missionId, ownerId: els, dueFrom: '2023-10-30', dueTo: '2023-10-31' });
    const first = await replace(actionId, plan(els));
    expect(first.map((reminder) => [reminder.kind, reminder.occurrence, reminder.fireAt.toISOString()])).toEqual([
      ['heads_up', 0, '2023-10-16T07:00:00.000Z'],
      ['due_soon', 0, '2023-10-27T07:00:00.000Z'],
      ['overdue', 1, '2023-11-06T08:00:00.000Z'],
    ]);
    const before = await rowsOf(actionId);

    expect(await replace(actionId, plan(els))).toEqual([]);
    expect(await rowsOf(actionId)).toEqual(before);
  });

  it('moves a reminder whose time changed, keeping its row, and cancels what left the plan with the reason', async () => {
    const actionId = await data.rows.action({ missionId, ownerId: els, dueFrom: '2023-10-30', dueTo: '2023-10-31' });
    await replace(actionId, plan(els));
    const [headsUp] = await rowsOf(actionId);
    const moved = [{ ...plan(els)[0], fireAt: at('2023-10-18T07:00:00Z') }];

    const woken = await replace(actionId, moved, { reason: 'due window changed' });

    expect(woken.map((reminder) => [reminder.id, reminder.fireAt.toISOString()])).toEqual([[headsUp.id, '2023-10-18T07:00:00.000Z']]);
    expect((await rowsOf(actionId)).map((row) => [row.kind, row.status, row.reason])).toEqual([
      ['heads_up', 'planned', null],
      ['due_soon', 'cancelled', 'due window changed'],
      ['overdue', 'cancelled', 'due window changed'],
    ]);
  });

  it('never plans again what was sent, and leaves a snoozed reminder at the time someone chose', async () => {
    const actionId = await data.rows.action({ missionId, ownerId: els, dueFrom: '2023-10-30', dueTo: '2023-10-31' });
    await data.rows.reminder({ actionId, recipientId: els, kind: 'heads_up', fireAt: at('2023-09-17T07:00:00Z'), status: 'sent' });
    await replace(actionId, plan(els));
    const dueSoon = (await rowsOf(actionId)).find((row) => row.kind === 'due_soon')!;
    await data.dataSource.query(`UPDATE reminders SET snoozed = true, fire_at = '2023-10-29T07:00:00Z' WHERE id = $1`, [dueSoon.id]);

    expect(await replace(actionId, plan(els))).toEqual([]);
    expect((await rowsOf(actionId)).map((row) => [row.kind, row.status, row.fire_at.toISOString()])).toEqual([
      ['heads_up', 'sent', '2023-09-17T07:00:00.000Z'],
      ['due_soon', 'planned', '2023-10-29T07:00:00.000Z'],
      ['overdue', 'planned', '2023-11-06T08:00:00.000Z'],
    ]);
  });

  it('keeps a reminder already due but unsent through an edit, and cancels it once the action needs none', async () => {
    const actionId = await data.rows.action({ missionId, ownerId: els, dueFrom: '2023-09-20', dueTo: '2023-09-21' });
    await data.rows.reminder({ actionId, recipientId: els, kind: 'due_soon', fireAt: at('2023-09-18T07:00:00Z') });

    await replace(actionId, []);
    expect((await rowsOf(actionId)).map((row) => row.status)).toEqual(['planned']);

    await replace(actionId, [], { reason: 'action done', inactive: true });
    expect((await rowsOf(actionId)).map((row) => [row.status, row.reason])).toEqual([['cancelled', 'action done']]);
  });
});

describe('the claim', () => {
  it('gives a due reminder to exactly one of many claimants at once', async () => {
    const actionId = await data.rows.action({ missionId, ownerId: els, dueFrom: '2023-09-20', dueTo: '2023-09-21' });
    const id = await data.rows.reminder({ actionId, recipientId: els, kind: 'due_soon', fireAt: at('2023-09-18T07:00:00Z') });

    const claims = await Promise.all(Array.from({ length: 10 }, () => delivery.claim(id, data.clock.now(), 60)));

    expect(claims.filter((claim) => claim !== null)).toHaveLength(1);
    expect((await rowsOf(actionId)).map((row) => [row.status, row.attempts])).toEqual([['sending', 1]]);
  });

  it('refuses a reminder not yet due, and one whose claim is still live; takes over an expired claim', async () => {
    const actionId = await data.rows.action({ missionId, ownerId: els, dueFrom: '2023-09-20', dueTo: '2023-09-21' });
    const later = await data.rows.reminder({ actionId, recipientId: els, kind: 'due', fireAt: at('2023-09-20T07:00:00Z') });
    const held = await data.rows.reminder({
      actionId,
      recipientId: tom,
      kind: 'due_soon',
      fireAt: at('2023-09-18T07:00:00Z'),
      status: 'sending',
      claimedAt: at('2023-09-18T07:59:30Z'),
      attempts: 1,
    });

    expect(await delivery.claim(later, data.clock.now(), 60)).toBeNull();
    expect(await delivery.claim(held, data.clock.now(), 60)).toBeNull();

    data.clock.set('2023-09-18T08:01:00Z');
    const taken = await delivery.claim(held, data.clock.now(), 60);
    expect(taken).toMatchObject({ id: held, status: 'sending', attempts: 2 });
  });

  it('records an outcome only while the row is being sent', async () => {
    const actionId = await data.rows.action({ missionId, ownerId: els, dueFrom: '2023-09-20', dueTo: '2023-09-21' });
    const id = await data.rows.reminder({ actionId, recipientId: els, kind: 'due_soon', fireAt: at('2023-09-18T07:00:00Z') });

    await delivery.markSent(id, data.clock.now(), 'reminder-early@mission-crm', 'Early');
    expect((await rowsOf(actionId)).map((row) => row.status)).toEqual(['planned']);

    await delivery.claim(id, data.clock.now(), 60);
    await delivery.markAttemptFailed(id, '421 try again later', at('2023-09-18T08:05:00Z'));
    expect((await rowsOf(actionId)).map((row) => [row.status, row.fire_at.toISOString(), row.attempts])).toEqual([['planned', '2023-09-18T08:05:00.000Z', 1]]);
  });
});

describe("the sweep's query (findOverdueUnsent)", () => {
  it('pages through every due unsent reminder in fire order, skipping live claims and taking expired ones', async () => {
    const fresh = await openTestData('2023-09-18T08:00:00Z');
    try {
      const sweepDelivery = new ReminderDeliveryRepository(fresh.dataSource);
      const user = await fresh.rows.user();
      const mission = await fresh.rows.mission();
      const actionId = await fresh.rows.action({ missionId: mission, ownerId: user, dueFrom: '2023-09-01', dueTo: '2023-09-10' });
      const due: string[] = [];
      for (let occurrence = 1; occurrence <= 5; occurrence += 1) {
        due.push(await fresh.rows.reminder({ actionId, recipientId: user, kind: 'overdue', occurrence, fireAt: at(`2023-09-1${occurrence}T07:00:00Z`) }));
      }
      const expired = await fresh.rows.reminder({
        actionId,
        recipientId: user,
        kind: 'escalation',
        fireAt: at('2023-09-17T07:00:00Z'),
        status: 'sending',
        claimedAt: at('2023-09-18T07:00:00Z'),
      });
      await fresh.rows.reminder({
        actionId,
        recipientId: user,
        kind: 'due',
        fireAt: at('2023-09-17T08:00:00Z'),
        status: 'sending',
        claimedAt: at('2023-09-18T07:59:50Z'),
      });
      await fresh.rows.reminder({ actionId, recipientId: user, kind: 'due_soon', fireAt: at('2023-09-16T07:00:00Z'), status: 'sent' });
      await fresh.rows.reminder({ actionId, recipientId: user, kind: 'heads_up', fireAt: at('2023-09-19T07:00:00Z') });

      const seen: string[] = [];
      let after: { id: string; fireAt: Date } | undefined;
      for (;;) {
        const page = await sweepDelivery.findOverdueUnsent(fresh.clock.now(), 60, 2, after);
        if (page.length === 0) break;
        seen.push(...page.map((row) => row.id));
        after = page.at(-1);
      }

      expect(seen).toEqual([...due, expired]);
    } finally {
      await fresh.close();
    }
  });
});

describe('the planner, in the transaction that changes the action', () => {
  const actionFor = async (fields: { ownerId: string; status?: 'open' | 'done'; dueFrom: string; dueTo: string }): Promise<Action> => {
    const id = await data.rows.action({ missionId, ...fields });
    return Object.assign(new Action(), {
      id,
      missionId,
      ownerId: fields.ownerId,
      watcherIds: [],
      status: fields.status ?? 'open',
      archivedAt: null,
      dueFrom: fields.dueFrom,
      dueTo: fields.dueTo,
      reminderPolicy: null,
      version: 1,
    });
  };
  const planner = (): ReminderPlanner => new ReminderPlanner(planning, data.clock);

  it("plans the owner's reminders at 9:00 in their zone, the escalation for the mission's officer, and the assignment notice", async () => {
    const action = await actionFor({ ownerId: els, dueFrom: '2023-10-30', dueTo: '2023-10-31' });

    const woken = await data.dataSource.transaction((manager) => planner().replan(manager, action, { actorId: tom }));

    const rows = await rowsOf(action.id);
    expect(woken.map((reminder) => reminder.id).sort()).toEqual(rows.map((row) => row.id).sort());
    const summary = rows.map((row) => [row.kind, row.occurrence, row.recipient_id === els ? 'els' : 'tom', row.fire_at.toISOString()]);
    expect(summary[0]).toEqual(['assignment', 1, 'els', '2023-09-18T08:00:00.000Z']);
    expect(summary).toContainEqual(['heads_up', 0, 'els', '2023-10-16T07:00:00.000Z']); // 9:00 in Brussels (summer time)
    expect(summary).toContainEqual(['due_soon', 0, 'els', '2023-10-27T07:00:00.000Z']);
    expect(summary).toContainEqual(['escalation', 0, 'tom', '2023-11-14T02:00:00.000Z']); // 9:00 in Ho Chi Minh City
    expect(summary.filter(([kind]) => kind === 'overdue').map(([, occurrence]) => occurrence)).toEqual([1, 2, 3, 4]);
  });

  it('sends no assignment notice for an action one gives oneself, and cancels everything once it is done', async () => {
    const action = await actionFor({ ownerId: els, dueFrom: '2023-10-30', dueTo: '2023-10-31' });
    await data.dataSource.transaction((manager) => planner().replan(manager, action, { actorId: els }));
    expect((await rowsOf(action.id)).map((row) => row.kind)).not.toContain('assignment');

    action.status = 'done';
    expect(await data.dataSource.transaction((manager) => planner().replan(manager, action, { previousOwnerId: els, actorId: els }))).toEqual([]);

    const rows = await rowsOf(action.id);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((row) => [row.status, row.reason])).toEqual(rows.map(() => ['cancelled', 'action done']));
  });

  it('leaves the plan as it was when the transaction rolls back', async () => {
    const action = await actionFor({ ownerId: els, dueFrom: '2023-10-30', dueTo: '2023-10-31' });
    await expect(
      data.dataSource.transaction(async (manager) => {
        await planner().replan(manager, action, { actorId: tom });
        throw new Error('the change of the action failed');
      }),
    ).rejects.toThrow('the change of the action failed');

    expect(await rowsOf(action.id)).toEqual([]);
  });
});
