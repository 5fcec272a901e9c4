import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ACTIVE_ACTION_STATUSES } from '../../actions/action.entity.js';
import { PLACE_HOLDING_SQL, Reminder, reminderFromRow } from '../reminder.entity.js';
import { localDate } from '../working-time.js';
import { type PlannedReminder, type PlannedReminderKind, type PlanRecipient, settledKey } from './reminder-schedule.js';

/**
 * Planning's reads and writes, inside the transaction that changes an action (or a user):
 * who a plan may address, what has gone out already, and the upsert that makes the future
 * reminders match the schedule; digests planned by the sweep.
 */
/**
 * Who hears of mission $1's overdue actions: its responsible officer, or when that officer is
 * archived the longest-serving active admin. A mission without an officer has no escalations.
 */
const MISSION_OWNER_SQL = `COALESCE(
  (SELECT u.id FROM missions m JOIN users u ON u.id = m.owner_id AND u.archived_at IS NULL WHERE m.id = $1),
  (SELECT u.id FROM users u WHERE u.role = 'admin' AND u.archived_at IS NULL
      AND EXISTS (SELECT 1 FROM missions m WHERE m.id = $1 AND m.owner_id IS NOT NULL) ORDER BY u.created_at, u.id LIMIT 1))`;

/** Reminders that went out, are going, or were given up on: never planned again. */
const SETTLED_SQL = `('sending', 'sent', 'failed', 'skipped')`;

@Injectable()
export class ReminderPlanningRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * What a plan of the action needs to know, in one statement: who hears of the mission's overdue
   * actions (MISSION_OWNER_SQL), the active users among its people and that officer, with their
   * time zones and reminder preference, and the overdue reminders and escalations that went out
   * already, by settledKey(), with when.
   */
  async findPlanningFacts(
    action: { id: string; missionId: string },
    people: readonly string[],
    manager: EntityManager,
  ): Promise<{ missionOwnerId: string | null; recipients: PlanRecipient[]; settled: Map<string, Date> }> {
    const rows: {
      mission_owner_id: string | null;
      recipients: PlanRecipient[];
      settled: { kind: PlannedReminderKind; occurrence: number; recipientId: string; at: string }[];
    }[] = await manager.query(
      `WITH officer AS (SELECT ${MISSION_OWNER_SQL} AS id)
         SELECT officer.id AS mission_owner_id,
                (SELECT COALESCE(json_agg(json_build_object('id', u.id, 'timeZone', u.time_zone, 'reminderMode', u.reminder_mode)), '[]')
                   FROM users u WHERE u.archived_at IS NULL AND (u.id = ANY($2::uuid[]) OR u.id = officer.id)) AS recipients,
                (SELECT COALESCE(json_agg(json_build_object('kind', r.kind, 'occurrence', r.occurrence, 'recipientId', r.recipient_id, 'at', COALESCE(r.sent_at, r.fire_at))), '[]')
                   FROM reminders r WHERE r.action_id = $3 AND r.kind IN ('overdue', 'escalation') AND r.status IN ${SETTLED_SQL}) AS settled
           FROM officer`,
      [action.missionId, [...new Set(people)], action.id],
    );
    const [facts] = rows;
    return {
      missionOwnerId: facts?.mission_owner_id ?? null,
      recipients: facts?.recipients ?? [],
      settled: new Map((facts?.settled ?? []).map((row) => [settledKey(row.kind, row.occurrence, row.recipientId), new Date(row.at)])),
    };
  }

  /**
   * A user leaves: the escalations they were to receive as a mission's officer go to whoever
   * now answers for the mission (findMissionOwnerId); everything else planned for them is
   * cancelled with the reason. Returns the handed-over and the cancelled count.
   */
  async handOverFrom(userId: string, manager: EntityManager): Promise<{ handedOver: number; cancelled: number }> {
    // The caller has archived the user already, so findMissionOwnerId's choice never names them.
    const [handed]: [unknown[], number] = await manager.query(
      `UPDATE reminders r SET recipient_id = heir.id, updated_at = now(), version = r.version + 1
         FROM actions a, LATERAL (SELECT COALESCE(
             (SELECT u.id FROM missions m JOIN users u ON u.id = m.owner_id AND u.archived_at IS NULL WHERE m.id = a.mission_id),
             (SELECT u.id FROM users u WHERE u.role = 'admin' AND u.archived_at IS NULL ORDER BY u.created_at, u.id LIMIT 1)) AS id) heir
        WHERE r.action_id = a.id AND r.recipient_id = $1 AND r.status = 'planned' AND r.kind = 'escalation' AND heir.id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM reminders o WHERE o.action_id = r.action_id AND o.kind = r.kind AND o.occurrence = r.occurrence AND o.recipient_id = heir.id
                            AND o.status IN ${PLACE_HOLDING_SQL})
        RETURNING r.id`,
      [userId],
    );
    const [cancelled]: [unknown[], number] = await manager.query(
      `UPDATE reminders SET status = 'cancelled', reason = 'recipient archived', updated_at = now(), version = version + 1
        WHERE recipient_id = $1 AND status = 'planned' RETURNING id`,
      [userId],
    );
    return { handedOver: handed.length, cancelled: cancelled.length };
  }

  /**
   * Makes the action's future reminders match the plan, in the caller's transaction:
   * new ones are inserted, moved ones get their new fire time, and planned ones that
   * are no longer in the plan are cancelled. A reminder already sent (or being sent,
   * or failed for good) is never planned again: the unique index says so.
   * Returns the rows a worker must be woken for.
   */
  async replaceFuture(
    manager: EntityManager,
    actionId: string,
    plan: readonly PlannedReminder[],
    change: { reason: string; now: Date; inactive: boolean },
  ): Promise<Reminder[]> {
    const inserted: Reminder[] = [];
    if (plan.length > 0) {
      const values = plan.map((item) => ({ actionId, kind: item.kind, occurrence: item.occurrence, recipientId: item.recipientId, fireAt: item.fireAt }));
      const rows = await manager
        .createQueryBuilder()
        .insert()
        .into(Reminder)
        .values(values)
        .orUpdate(['fire_at'], ['action_id', 'kind', 'occurrence', 'recipient_id'], {
          indexPredicate: `"status" IN ${PLACE_HOLDING_SQL}`,
          // A snoozed reminder keeps the time someone chose for it, one waiting for a retry keeps its backoff.
          overwriteCondition: {
            where: `"reminders"."status" = 'planned' AND NOT "reminders"."snoozed" AND "reminders"."attempts" = 0 AND "reminders"."fire_at" IS DISTINCT FROM EXCLUDED."fire_at"`,
          },
        })
        .returning('*')
        .execute();
      inserted.push(...(rows.raw as Record<string, unknown>[]).map((raw) => reminderFromRow(raw)));
    }
    const keep = plan.map((item) => `${item.kind}|${item.occurrence}|${item.recipientId}`);
    const cancel = manager
      .createQueryBuilder()
      .update(Reminder)
      .set({ status: 'cancelled', reason: change.reason })
      .where('action_id = :actionId AND status = :planned', { actionId, planned: 'planned' })
      .andWhere(`kind <> 'assignment'`);
    // A reminder already due but not yet sent (no worker yet, or waiting for a retry) still goes
    // out after an edit; only when the action no longer needs reminders is it cancelled too.
    if (!change.inactive) cancel.andWhere('fire_at > :now AND NOT snoozed AND attempts = 0', { now: change.now });
    if (keep.length > 0) cancel.andWhere(`(kind::text || '|' || occurrence || '|' || recipient_id) NOT IN (:...keep)`, { keep });
    await cancel.execute();
    return inserted;
  }

  /** An assignment notice, once per (action, version) for the new owner. */
  async insertAssignment(manager: EntityManager, actionId: string, recipientId: string, occurrence: number, fireAt: Date): Promise<Reminder | null> {
    const rows = await manager
      .createQueryBuilder()
      .insert()
      .into(Reminder)
      .values({ actionId, kind: 'assignment', occurrence, recipientId, fireAt })
      .orIgnore()
      .returning('*')
      .execute();
    const raw = (rows.raw as Record<string, unknown>[])[0];
    return raw ? reminderFromRow(raw) : null;
  }

  /** Cancels assignment notices not yet sent to anyone but the current owner. */
  async cancelStaleAssignments(manager: EntityManager, actionId: string, ownerId: string | null, reason: string): Promise<void> {
    const query = manager
      .createQueryBuilder()
      .update(Reminder)
      .set({ status: 'cancelled', reason })
      .where(`action_id = :actionId AND status = 'planned' AND kind = 'assignment'`, { actionId });
    if (ownerId) query.andWhere('recipient_id <> :ownerId', { ownerId });
    await query.execute();
  }

  /**
   * Users who chose a daily digest and have something to hear about get one planned
   * digest for their next working morning (one per user and day: the unique index).
   */
  async planDigests(nextSendTime: (timeZone: string) => Date): Promise<Reminder[]> {
    const users: { id: string; time_zone: string }[] = await this.dataSource.query(
      `SELECT u.id, u.time_zone FROM users u
        WHERE u.reminder_mode = 'digest' AND u.archived_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.recipient_id = u.id AND r.kind = 'digest' AND r.status = 'planned')
          AND EXISTS (SELECT 1 FROM actions a WHERE a.archived_at IS NULL AND a.status = ANY($1::action_status[]) AND a.due_to IS NOT NULL
                        AND (a.owner_id = u.id OR EXISTS (SELECT 1 FROM action_watchers aw WHERE aw.action_id = a.id AND aw.user_id = u.id)))`,
      [ACTIVE_ACTION_STATUSES],
    );
    if (users.length === 0) return [];
    const values = users.map((user) => {
      const fireAt = nextSendTime(user.time_zone);
      const day = Number(localDate(fireAt, user.time_zone).replaceAll('-', ''));
      return { actionId: null, kind: 'digest' as const, occurrence: day, recipientId: user.id, fireAt };
    });
    const rows = await this.dataSource.manager.createQueryBuilder().insert().into(Reminder).values(values).orIgnore().returning('*').execute();
    return (rows.raw as Record<string, unknown>[]).map((raw) => reminderFromRow(raw));
  }
}
