import { Injectable } from '@nestjs/common';
import type { Transaction } from '../../database/transaction.js';
import { ACTIVE_ACTION_STATUSES, type Action } from '../../actions/action.entity.js';
import { Clock } from '../../common/clock.service.js';
import { scheduleReminders, type PlanRecipient } from './reminder-schedule.js';
import { effectivePolicy } from '../reminder-policy.js';
import type { Reminder } from '../reminder.entity.js';
import { ReminderPlanningRepository } from './reminder-planning.repository.js';

export interface ActionChange {
  /** The owner before the change; undefined for a new action. */
  previousOwnerId?: string | null;
  /** Who made the change, when known: no assignment notice for giving an action to oneself. */
  actorId?: string | null;
}

/**
 * Recomputes an action's future reminders in the transaction that changes the action,
 * so that the plan and the action never disagree. Returns the rows to queue after commit.
 */
@Injectable()
export class ReminderPlanner {
  constructor(
    private readonly reminders: ReminderPlanningRepository,
    private readonly clock: Clock,
  ) {}

  async replan(tx: Transaction, action: Action, change: ActionChange = {}): Promise<Reminder[]> {
    const now = this.clock.now();
    const people = [action.ownerId, ...action.watcherIds].filter((id): id is string => id !== null);
    const { missionOwnerId, recipients: users, settled } = await this.reminders.findPlanningFacts(action, people, tx);
    const recipients = new Map<string, PlanRecipient>(users.map((user) => [user.id, user]));
    const plan = scheduleReminders({
      action: {
        status: action.status,
        archived: action.archivedAt !== null,
        dueFrom: action.dueFrom,
        dueTo: action.dueTo,
        ownerId: action.ownerId,
        watcherIds: action.watcherIds,
      },
      missionOwnerId,
      recipients,
      policy: effectivePolicy(action.reminderPolicy),
      now,
      settled,
    });
    const active = action.archivedAt === null && ACTIVE_ACTION_STATUSES.includes(action.status);
    const reason =
      action.archivedAt !== null
        ? 'action archived'
        : !active
          ? `action ${action.status.replace('_', ' ')}`
          : action.dueTo === null
            ? 'no due date'
            : 're-planned';
    const woken = await this.reminders.replaceFuture(tx, action.id, plan, { reason, now, inactive: !active || action.dueTo === null });

    await this.reminders.cancelStaleAssignments(tx, action.id, active ? action.ownerId : null, active ? 'owner changed' : reason);
    const newOwner = active && action.ownerId !== null && action.ownerId !== change.previousOwnerId;
    if (newOwner && action.ownerId !== change.actorId) {
      const notice = await this.reminders.insertAssignment(tx, action.id, action.ownerId!, action.version, now);
      if (notice) woken.push(notice);
    }
    return woken;
  }
}
