/**
 * Which reminders an action should produce, and when: a pure function of the action, its
 * recipients, the policy and the current time. The engine stores the result as rows and
 * recomputes it whenever the action's due window, people or status change.
 */
import { ACTIVE_ACTION_STATUSES, type ActionStatus } from '../../actions/action.entity.js';
import { REMINDER_KINDS, type ReminderKind } from '../reminder.entity.js';
import { type ReminderPolicy, SEND_HOUR } from '../reminder-policy.js';
import { addDays, atLocalTime, localDate, nextWorkingDay, nextWorkingHour, previousWorkingDay } from '../working-time.js';
import type { ReminderMode } from '../../users/user.entity.js';

export interface PlanRecipient {
  id: string;
  timeZone: string;
  /** 'digest' users hear about their actions in a daily digest, planned elsewhere. */
  reminderMode: ReminderMode;
}

export interface PlanAction {
  status: ActionStatus;
  archived: boolean;
  dueFrom: string | null;
  dueTo: string | null;
  ownerId: string | null;
  watcherIds: readonly string[];
}

export interface PlanInput {
  action: PlanAction;
  /** The mission's responsible officer, who receives the escalation. */
  missionOwnerId: string | null;
  /** Every user the plan may name, by id; someone missing here gets nothing. */
  recipients: ReadonlyMap<string, PlanRecipient>;
  policy: ReminderPolicy;
  now: Date;
  /**
   * Overdue reminders and escalations already sent (or being sent, or given up on), by
   * settledKey(), with the time they went out: they are never planned again, and catching up
   * with missed ones keeps the policy's pace after the last one.
   */
  settled?: ReadonlyMap<string, Date>;
}

export const settledKey = (kind: PlannedReminderKind, occurrence: number, recipientId: string): string => `${kind}|${occurrence}|${recipientId}`;

export type PlannedReminderKind = Exclude<ReminderKind, 'assignment' | 'digest'>;

export interface PlannedReminder {
  kind: PlannedReminderKind;
  recipientId: string;
  /** 0, except for overdue reminders, which count 1, 2, 3… */
  occurrence: number;
  fireAt: Date;
}

/** A reminder's calendar day, before it is placed at the send hour of a recipient's zone. */
interface PlannedDay {
  kind: PlannedReminderKind;
  occurrence: number;
  date: string;
}

/**
 * Only reminders that fire strictly after `input.now`, ordered by fire time, then kind (in the order an action lives them), then recipient.
 * Reminders before the window that were missed are left out. Overdue reminders and the escalation that were missed (an action entered
 * or re-planned with its window already closed) are planned from now instead: the first at the next working hour in the recipient's
 * zone, the rest at the policy's pace after it, so a late action is heard of without a burst of stale messages.
 */
export function scheduleReminders(input: PlanInput): PlannedReminder[] {
  const { action, policy, recipients } = input;
  if (action.archived || !ACTIVE_ACTION_STATUSES.includes(action.status) || action.dueFrom === null || action.dueTo === null) return [];
  const settled = input.settled ?? new Map<string, Date>();

  const days = actionDays(action.dueFrom, action.dueTo, policy);
  const before = days.filter((day) => day.kind !== 'overdue');
  const overdue = days.filter((day) => day.kind === 'overdue');
  const planned: PlannedReminder[] = [];
  for (const recipient of actionRecipients(action, recipients)) {
    for (const { kind, occurrence, date } of before) {
      planned.push({ kind, recipientId: recipient.id, occurrence, fireAt: atLocalTime(date, SEND_HOUR, recipient.timeZone) });
    }
    planned.push(...overdueReminders(recipient, overdue, policy, input.now, settled));
  }

  const missionOwner = input.missionOwnerId === null ? undefined : recipients.get(input.missionOwnerId);
  // The action's owner is the one who is late: escalating to themselves would tell them nothing new.
  if (missionOwner && missionOwner.id !== action.ownerId && !settled.has(settledKey('escalation', 0, missionOwner.id))) {
    const date = nextWorkingDay(addDays(action.dueTo, policy.escalateAfterDays));
    const onTime = atLocalTime(date, SEND_HOUR, missionOwner.timeZone);
    const fireAt = onTime.getTime() > input.now.getTime() ? onTime : nextWorkingHour(input.now, missionOwner.timeZone);
    planned.push({ kind: 'escalation', recipientId: missionOwner.id, occurrence: 0, fireAt });
  }

  return planned.filter((reminder) => reminder.fireAt.getTime() > input.now.getTime()).sort(byFireTimeKindRecipient);
}

/** One recipient's overdue reminders not yet sent: on their days, or, when one of them was missed, from now at the policy's pace. */
function overdueReminders(
  recipient: PlanRecipient,
  days: PlannedDay[],
  policy: ReminderPolicy,
  now: Date,
  settled: ReadonlyMap<string, Date>,
): PlannedReminder[] {
  const zone = recipient.timeZone;
  const pending = days.filter((day) => !settled.has(settledKey('overdue', day.occurrence, recipient.id)));
  const onTime = pending.map((day) => ({
    kind: 'overdue' as const,
    recipientId: recipient.id,
    occurrence: day.occurrence,
    fireAt: atLocalTime(day.date, SEND_HOUR, zone),
  }));
  if (onTime.every((reminder) => reminder.fireAt.getTime() > now.getTime())) return onTime;

  let first = nextWorkingHour(now, zone);
  const sent = days.map((day) => settled.get(settledKey('overdue', day.occurrence, recipient.id))).filter((at): at is Date => at !== undefined);
  if (sent.length > 0) {
    // Not sooner after the last one sent than the policy's step.
    const last = new Date(Math.max(...sent.map((at) => at.getTime())));
    const paced = atLocalTime(nextWorkingDay(addDays(localDate(last, zone), policy.overdueEveryDays)), SEND_HOUR, zone);
    if (paced.getTime() > first.getTime()) first = paced;
  }
  let date = localDate(first, zone);
  return onTime.map((reminder, index) => {
    if (index === 0) return { ...reminder, fireAt: first };
    date = nextWorkingDay(addDays(date, policy.overdueEveryDays));
    return { ...reminder, fireAt: atLocalTime(date, SEND_HOUR, zone) };
  });
}

/** The owner and the watchers, once each, who asked for one message per reminder. */
function actionRecipients(action: PlanAction, recipients: ReadonlyMap<string, PlanRecipient>): PlanRecipient[] {
  const ids = new Set([...(action.ownerId === null ? [] : [action.ownerId]), ...action.watcherIds]);
  return [...ids].map((id) => recipients.get(id)).filter((recipient): recipient is PlanRecipient => recipient?.reminderMode === 'each');
}

/** The days of the action reminders; the same calendar days for everyone, each at nine in their own zone. */
function actionDays(dueFrom: string, dueTo: string, policy: ReminderPolicy): PlannedDay[] {
  const days: PlannedDay[] = [];
  // Early reminders move back from a weekend so they keep the notice they promise.
  const headsUp = policy.headsUpDays > 0 ? previousWorkingDay(addDays(dueFrom, -policy.headsUpDays)) : null;
  if (headsUp !== null) days.push({ kind: 'heads_up', occurrence: 0, date: headsUp });

  const due = previousWorkingDay(dueTo);
  if (policy.dueSoonDays > 0) {
    const dueSoon = previousWorkingDay(addDays(dueTo, -policy.dueSoonDays));
    if ((headsUp === null || dueSoon >= headsUp) && dueSoon < due) days.push({ kind: 'due_soon', occurrence: 0, date: dueSoon });
  }
  days.push({ kind: 'due', occurrence: 0, date: due });

  return [...days, ...overdueDays(dueTo, policy)];
}

/**
 * Overdue reminders step forward from the first working day after the window, every
 * `overdueEveryDays` calendar days, each moved to the next working day. With steps shorter
 * than a week two steps can land on the same Monday: that Monday gets one reminder, and the
 * repeats are counted in reminders sent, not in steps.
 */
function overdueDays(dueTo: string, policy: ReminderPolicy): PlannedDay[] {
  if (policy.overdueMaxRepeats <= 0) return [];
  if (!(policy.overdueEveryDays >= 1)) throw new RangeError(`overdueEveryDays must be at least 1, got ${policy.overdueEveryDays}`);
  const first = nextWorkingDay(addDays(dueTo, 1));
  const days: PlannedDay[] = [];
  for (let step = 0; days.length < policy.overdueMaxRepeats; step++) {
    const date = nextWorkingDay(addDays(first, step * policy.overdueEveryDays));
    if (days.at(-1)?.date !== date) days.push({ kind: 'overdue', occurrence: days.length + 1, date });
  }
  return days;
}

const kindRank = (kind: PlannedReminderKind): number => REMINDER_KINDS.indexOf(kind);

function byFireTimeKindRecipient(a: PlannedReminder, b: PlannedReminder): number {
  return (
    a.fireAt.getTime() - b.fireAt.getTime() ||
    kindRank(a.kind) - kindRank(b.kind) ||
    (a.recipientId < b.recipientId ? -1 : a.recipientId > b.recipientId ? 1 : 0) ||
    a.occurrence - b.occurrence
  );
}
