import { describe, expect, it } from '@jest/globals';
import { type PlanAction, type PlanInput, type PlanRecipient, scheduleReminders, settledKey } from './reminder-schedule.js';
import { DEFAULT_REMINDER_POLICY, effectivePolicy } from '../reminder-policy.js';

// FIT officers of the reference mission (the demo's invented users), with the zones and modes each test needs.
const els: PlanRecipient = { id: 'user-els', timeZone: 'Europe/Brussels', reminderMode: 'each' };
const tom: PlanRecipient = { id: 'user-tom', timeZone: 'Asia/Ho_Chi_Minh', reminderMode: 'each' };
const admin: PlanRecipient = { id: 'user-admin', timeZone: 'Europe/Brussels', reminderMode: 'each' };

const digest = (recipient: PlanRecipient): PlanRecipient => ({ ...recipient, reminderMode: 'digest' });
const directory = (...recipients: PlanRecipient[]): ReadonlyMap<string, PlanRecipient> => new Map(recipients.map((r) => [r.id, r]));

/** The GOOSE mission (EU project), due "March 2024", owned by Els; Tom is the mission's responsible officer. */
function goose(overrides: Partial<PlanInput> = {}, action: Partial<PlanAction> = {}): PlanInput {
  return {
    action: { status: 'open', archived: false, dueFrom: '2024-03-01', dueTo: '2024-03-31', ownerId: els.id, watcherIds: [], ...action },
    missionOwnerId: tom.id,
    recipients: directory(els, digest(tom), admin),
    policy: DEFAULT_REMINDER_POLICY,
    now: new Date('2024-01-15T10:00:00Z'),
    ...overrides,
  };
}

/** One line per reminder, so a whole plan reads (and fails) at a glance. */
const lines = (input: PlanInput): string[] => scheduleReminders(input).map((r) => `${r.fireAt.toISOString()} ${r.kind}#${r.occurrence} ${r.recipientId}`);

describe('scheduleReminders', () => {
  describe('for the GOOSE mission, due "March 2024" (2024-03-01..2024-03-31)', () => {
    it('plans every reminder at nine in Brussels, following the change to summer time, and escalates at nine in the mission owner’s zone', () => {
      expect(lines(goose())).toEqual([
        '2024-02-16T08:00:00.000Z heads_up#0 user-els', // Friday, 14 days before the window opens
        '2024-03-28T08:00:00.000Z due_soon#0 user-els', // Thursday, 3 days before it closes
        '2024-03-29T08:00:00.000Z due#0 user-els', // the 31st is a Sunday: the Friday before, still winter time
        '2024-04-01T07:00:00.000Z overdue#1 user-els', // Monday, summer time
        '2024-04-08T07:00:00.000Z overdue#2 user-els',
        '2024-04-15T02:00:00.000Z escalation#0 user-tom', // 03-31 + 14 is a Sunday: Monday, 09:00 in Ho Chi Minh City
        '2024-04-15T07:00:00.000Z overdue#3 user-els',
        '2024-04-22T07:00:00.000Z overdue#4 user-els',
      ]);
    });

    it('returns exact instants with the occurrence of each reminder', () => {
      const plan = scheduleReminders(goose());
      expect(plan[0]).toEqual({ kind: 'heads_up', recipientId: 'user-els', occurrence: 0, fireAt: new Date('2024-02-16T08:00:00Z') });
      expect(plan.filter((r) => r.kind === 'overdue').map((r) => r.occurrence)).toEqual([1, 2, 3, 4]);
    });

    it('sends the escalation even to a mission owner who reads digests, in their own zone', () => {
      const escalation = scheduleReminders(goose()).filter((r) => r.kind === 'escalation');
      expect(escalation).toEqual([{ kind: 'escalation', recipientId: 'user-tom', occurrence: 0, fireAt: new Date('2024-04-15T02:00:00Z') }]);
    });

    it('sends a watcher the same reminders, and orders reminders at the same instant by kind, then recipient', () => {
      const input = goose({ missionOwnerId: admin.id }, { watcherIds: [admin.id] });
      expect(lines(input).filter((line) => line.startsWith('2024-04-15'))).toEqual([
        '2024-04-15T07:00:00.000Z overdue#3 user-admin',
        '2024-04-15T07:00:00.000Z overdue#3 user-els',
        '2024-04-15T07:00:00.000Z escalation#0 user-admin',
      ]);
    });
  });

  describe('for the state visit, due "autumn 2024" (2024-09-01..2024-11-30)', () => {
    const stateVisit: PlanInput = {
      action: { status: 'in_progress', archived: false, dueFrom: '2024-09-01', dueTo: '2024-11-30', ownerId: els.id, watcherIds: [tom.id] },
      missionOwnerId: admin.id,
      recipients: directory(digest(els), tom, admin),
      policy: DEFAULT_REMINDER_POLICY,
      now: new Date('2024-06-03T08:00:00Z'),
    };

    it('sends the watcher in Ho Chi Minh City every kind at 09:00 there, and the owner on digest nothing', () => {
      expect(lines(stateVisit)).toEqual([
        '2024-08-16T02:00:00.000Z heads_up#0 user-tom', // 08-18 is a Sunday: the Friday before
        '2024-11-27T02:00:00.000Z due_soon#0 user-tom',
        '2024-11-29T02:00:00.000Z due#0 user-tom', // the 30th is a Saturday
        '2024-12-02T02:00:00.000Z overdue#1 user-tom',
        '2024-12-09T02:00:00.000Z overdue#2 user-tom',
        '2024-12-16T02:00:00.000Z overdue#3 user-tom',
        '2024-12-16T08:00:00.000Z escalation#0 user-admin', // 11-30 + 14 is a Saturday: Monday, 09:00 in Brussels
        '2024-12-23T02:00:00.000Z overdue#4 user-tom',
      ]);
    });
  });

  describe('for the MOW visit, due "early November 2023" (2023-11-01..2023-11-10), planned on 2023-10-20', () => {
    const mowVisit: PlanInput = {
      action: { status: 'open', archived: false, dueFrom: '2023-11-01', dueTo: '2023-11-10', ownerId: els.id, watcherIds: [tom.id] },
      missionOwnerId: els.id,
      recipients: directory(els, digest(tom)),
      policy: DEFAULT_REMINDER_POLICY,
      now: new Date('2023-10-20T12:00:00Z'),
    };

    it('drops the heads-up of 2023-10-18, already past, and sends no escalation to the mission owner who owns the action', () => {
      expect(lines(mowVisit)).toEqual([
        '2023-11-07T08:00:00.000Z due_soon#0 user-els',
        '2023-11-10T08:00:00.000Z due#0 user-els',
        '2023-11-13T08:00:00.000Z overdue#1 user-els',
        '2023-11-20T08:00:00.000Z overdue#2 user-els',
        '2023-11-27T08:00:00.000Z overdue#3 user-els',
        '2023-12-04T08:00:00.000Z overdue#4 user-els',
      ]);
    });

    it('keeps only what is strictly after now when recomputed later', () => {
      expect(lines({ ...mowVisit, now: new Date('2023-11-10T08:00:00Z') })).toEqual([
        '2023-11-13T08:00:00.000Z overdue#1 user-els',
        '2023-11-20T08:00:00.000Z overdue#2 user-els',
        '2023-11-27T08:00:00.000Z overdue#3 user-els',
        '2023-12-04T08:00:00.000Z overdue#4 user-els',
      ]);
      expect(lines({ ...mowVisit, now: new Date('2023-11-10T07:59:59.999Z') })[0]).toBe('2023-11-10T08:00:00.000Z due#0 user-els');
    });

    it('plans the overdue reminders it missed from the next working hour, at the policy pace, when none went out', () => {
      // Monday 4 December 2023, 9:00 in Brussels: the fourth overdue reminder's own time. None of the four went out.
      expect(lines({ ...mowVisit, now: new Date('2023-12-04T08:00:00Z') })).toEqual([
        '2023-12-04T09:00:00.000Z overdue#1 user-els',
        '2023-12-11T08:00:00.000Z overdue#2 user-els',
        '2023-12-18T08:00:00.000Z overdue#3 user-els',
        '2023-12-25T08:00:00.000Z overdue#4 user-els',
      ]);
      // Friday 17:30: Monday 9:00 is the next working hour.
      expect(lines({ ...mowVisit, now: new Date('2023-12-08T16:30:00Z') })[0]).toBe('2023-12-11T08:00:00.000Z overdue#1 user-els');
    });

    it('never plans again what went out, and keeps the pace after the last one sent', () => {
      const sent = (occurrences: number[], at: string) =>
        new Map(occurrences.map((occurrence) => [settledKey('overdue', occurrence, 'user-els'), new Date(at)] as const));
      expect(scheduleReminders({ ...mowVisit, now: new Date('2023-12-04T08:00:00Z'), settled: sent([1, 2, 3, 4], '2023-11-13T08:00:00Z') })).toEqual([]);
      // Two went out, on 13 and 20 November; the worker was down since: the third a week after the second at the earliest, then now.
      expect(lines({ ...mowVisit, now: new Date('2023-11-24T10:15:00Z'), settled: sent([1, 2], '2023-11-20T08:00:00Z') })).toEqual([
        '2023-11-27T08:00:00.000Z overdue#3 user-els',
        '2023-12-04T08:00:00.000Z overdue#4 user-els',
      ]);
      expect(lines({ ...mowVisit, now: new Date('2023-12-06T10:15:00Z'), settled: sent([1, 2], '2023-11-20T08:00:00Z') })).toEqual([
        '2023-12-06T11:00:00.000Z overdue#3 user-els',
        '2023-12-13T08:00:00.000Z overdue#4 user-els',
      ]);
    });
  });

  describe('plans nothing', () => {
    it.each(['done', 'cancelled', 'postponed'] as const)('for a %s action', (status) => {
      expect(scheduleReminders(goose({}, { status }))).toEqual([]);
    });

    it('for an archived action, even an open one', () => {
      expect(scheduleReminders(goose({}, { archived: true }))).toEqual([]);
    });

    it('for an action without a due window', () => {
      expect(scheduleReminders(goose({}, { dueFrom: null, dueTo: null }))).toEqual([]);
      expect(scheduleReminders(goose({}, { dueFrom: '2024-03-01', dueTo: null }))).toEqual([]);
      expect(scheduleReminders(goose({}, { dueFrom: null, dueTo: '2024-03-31' }))).toEqual([]);
    });
  });

  describe('recipients', () => {
    it('gives an owner who also watches one set of reminders', () => {
      const plan = scheduleReminders(goose({ missionOwnerId: null }, { watcherIds: [els.id, els.id] }));
      expect(plan).toHaveLength(7);
      expect(new Set(plan.map((r) => r.recipientId))).toEqual(new Set([els.id]));
    });

    it('skips owners and watchers not among the recipients', () => {
      const plan = scheduleReminders(goose({ recipients: directory(digest(tom)) }, { watcherIds: ['user-unknown'] }));
      expect(plan.map((r) => `${r.kind} ${r.recipientId}`)).toEqual(['escalation user-tom']);
    });

    it('sends action reminders to watchers when the action has no owner, and then escalates', () => {
      const plan = scheduleReminders(goose({}, { ownerId: null, watcherIds: [admin.id] }));
      expect(new Set(plan.map((r) => `${r.kind} ${r.recipientId}`))).toEqual(
        new Set(['heads_up user-admin', 'due_soon user-admin', 'due user-admin', 'overdue user-admin', 'escalation user-tom']),
      );
    });
  });

  describe('escalation', () => {
    it('is not sent when the mission owner is the action owner', () => {
      expect(scheduleReminders(goose({ missionOwnerId: els.id })).filter((r) => r.kind === 'escalation')).toEqual([]);
    });

    it('is not sent when the mission has no owner, or its owner is not among the recipients', () => {
      expect(scheduleReminders(goose({ missionOwnerId: null })).filter((r) => r.kind === 'escalation')).toEqual([]);
      expect(scheduleReminders(goose({ recipients: directory(els) })).filter((r) => r.kind === 'escalation')).toEqual([]);
    });

    it('goes to a mission owner who also watches, besides their watcher reminders', () => {
      const plan = scheduleReminders(goose({}, { watcherIds: [tom.id] }));
      expect(plan.filter((r) => r.recipientId === tom.id).map((r) => r.kind)).toEqual(['escalation']);
      const watching = scheduleReminders(goose({ recipients: directory(els, tom) }, { watcherIds: [tom.id] }));
      expect(watching.filter((r) => r.recipientId === tom.id)).toHaveLength(8);
    });

    it('waits the policy’s number of days, moved forward off a weekend', () => {
      const plan = scheduleReminders(goose({ policy: effectivePolicy({ escalateAfterDays: 5 }) }));
      // 03-31 + 5 = Friday 04-05
      expect(plan.find((r) => r.kind === 'escalation')?.fireAt).toEqual(new Date('2024-04-05T02:00:00Z'));
    });
  });

  describe('with per-action policy overrides', () => {
    it('sends no heads-up when headsUpDays is 0', () => {
      const kinds = scheduleReminders(goose({ policy: effectivePolicy({ headsUpDays: 0 }) })).map((r) => r.kind);
      expect(kinds).not.toContain('heads_up');
      expect(kinds).toContain('due_soon');
    });

    it('sends a single overdue reminder when overdueMaxRepeats is 1, and none when it is 0', () => {
      expect(lines(goose({ missionOwnerId: null, policy: effectivePolicy({ overdueMaxRepeats: 1 }) })).slice(-1)).toEqual([
        '2024-04-01T07:00:00.000Z overdue#1 user-els',
      ]);
      expect(scheduleReminders(goose({ policy: effectivePolicy({ overdueMaxRepeats: 0 }) })).filter((r) => r.kind === 'overdue')).toEqual([]);
    });

    it('repeats overdue reminders every so many calendar days, each moved forward to a working day', () => {
      const policy = effectivePolicy({ overdueEveryDays: 10, overdueMaxRepeats: 3 });
      expect(lines(goose({ missionOwnerId: null, policy })).filter((line) => line.includes('overdue'))).toEqual([
        '2024-04-01T07:00:00.000Z overdue#1 user-els',
        '2024-04-11T07:00:00.000Z overdue#2 user-els', // Thursday
        '2024-04-22T07:00:00.000Z overdue#3 user-els', // 04-21 is a Sunday
      ]);
    });

    it('sends one overdue reminder per working day when repeats are daily, counting reminders rather than days', () => {
      const policy = effectivePolicy({ overdueEveryDays: 1, overdueMaxRepeats: 4 });
      const plan = scheduleReminders(goose({ missionOwnerId: null, policy }, { dueTo: '2024-03-28' }));
      expect(plan.filter((r) => r.kind === 'overdue').map((r) => `${r.occurrence} ${r.fireAt.toISOString()}`)).toEqual([
        '1 2024-03-29T08:00:00.000Z',
        '2 2024-04-01T07:00:00.000Z',
        '3 2024-04-02T07:00:00.000Z',
        '4 2024-04-03T07:00:00.000Z',
      ]);
    });

    it('refuses a policy whose overdue reminders would never move on', () => {
      expect(() => scheduleReminders(goose({ policy: effectivePolicy({ overdueEveryDays: 0 }) }))).toThrow(RangeError);
    });
  });

  describe('the due-soon reminder', () => {
    const kindsOf = (input: PlanInput): string[] => scheduleReminders(input).map((r) => `${r.kind} ${r.fireAt.toISOString().slice(0, 10)}`);

    it('is not sent when dueSoonDays is 0', () => {
      expect(scheduleReminders(goose({ policy: effectivePolicy({ dueSoonDays: 0 }) })).some((r) => r.kind === 'due_soon')).toBe(false);
    });

    it('is not sent when moving it off the weekend would put it on the day of the due reminder', () => {
      // 03-31 - 1 is Saturday 03-30, moved back to Friday 03-29, when "due" already goes out.
      const plan = scheduleReminders(goose({ missionOwnerId: null, policy: effectivePolicy({ dueSoonDays: 1 }) }));
      expect(plan.some((r) => r.kind === 'due_soon')).toBe(false);
      expect(plan.find((r) => r.kind === 'due')?.fireAt).toEqual(new Date('2024-03-29T08:00:00Z'));
    });

    it('is not sent before the heads-up', () => {
      // Window 03-04..03-08: heads-up on Friday 03-01, due soon would be 02-27.
      const plan = scheduleReminders(goose({ policy: effectivePolicy({ headsUpDays: 3, dueSoonDays: 10 }) }, { dueFrom: '2024-03-04', dueTo: '2024-03-08' }));
      expect(plan.map((r) => r.kind).slice(0, 2)).toEqual(['heads_up', 'due']);
    });

    it('may come before the window opens for a one-day window, after the heads-up', () => {
      expect(kindsOf(goose({ missionOwnerId: null }, { dueFrom: '2024-03-15', dueTo: '2024-03-15' })).slice(0, 3)).toEqual([
        'heads_up 2024-03-01',
        'due_soon 2024-03-12',
        'due 2024-03-15',
      ]);
    });
  });
});
