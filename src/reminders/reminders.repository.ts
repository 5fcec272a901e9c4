import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import { Action } from '../actions/action.entity.js';
import type { SortKey } from '../common/paging.js';
import { type FoundPage, fetchPage, orderPage } from '../database/page-query.js';
import { User } from '../users/user.entity.js';
import { type PlannedReminder, type PlannedReminderKind, settledKey } from './reminder-plan.js';
import type { MessageAction } from './messages.js';
import { DeliveryRows } from './delivery-rows.js';
import { localDate } from './working-time.js';
import { Reminder, type ReminderKind, type ReminderStatus } from './reminder.entity.js';

/** What a message says about an action: one query, no entity (a worker sends thousands at once). */
export interface ActionForMessage extends MessageAction {
  archivedAt: Date | null;
}

const ACTION_FOR_MESSAGE = `SELECT a.id, a.title, a.status, a.due_from::text AS "dueFrom", a.due_to::text AS "dueTo", a.due_precision AS "duePrecision",
    a.due_label AS "dueLabel", a.archived_at AS "archivedAt", m.code AS "missionCode", m.title AS "missionTitle", o.name AS "ownerName"
  FROM actions a JOIN missions m ON m.id = a.mission_id LEFT JOIN users o ON o.id = a.owner_id`;

export interface ReminderFilter {
  actionId?: string;
  recipientId?: string;
  status?: ReminderStatus[];
  kind?: ReminderKind;
  limit: number;
  offset: number;
  sort: SortKey<'fireAt' | 'createdAt' | 'sentAt'>[];
}

@Injectable()
export class RemindersRepository {
  private readonly delivery: DeliveryRows;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.delivery = new DeliveryRows(dataSource, 'reminders');
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Reminder | null> {
    return manager.findOneBy(Reminder, { id });
  }

  save(reminder: Reminder, manager: EntityManager = this.dataSource.manager): Promise<Reminder> {
    return manager.save(Reminder, reminder);
  }

  /** Whether an action that is not archived has this id. */
  async actionExists(id: string): Promise<boolean> {
    return (await this.dataSource.manager.count(Action, { where: { id } })) > 0;
  }

  search(filter: ReminderFilter): Promise<FoundPage<Reminder>> {
    return fetchPage(this.listQuery(filter), filter.limit, filter.offset);
  }

  /** Everything the filter matches, in list order, unpaged: the list and its export. */
  listQuery(filter: Omit<ReminderFilter, 'limit' | 'offset'>): SelectQueryBuilder<Reminder> {
    const query = this.dataSource.manager.createQueryBuilder(Reminder, 'r');
    if (filter.actionId) query.andWhere('r.actionId = :actionId', { actionId: filter.actionId });
    if (filter.recipientId) query.andWhere('r.recipientId = :recipientId', { recipientId: filter.recipientId });
    if (filter.status?.length) query.andWhere('r.status IN (:...statuses)', { statuses: filter.status });
    if (filter.kind) query.andWhere('r.kind = :kind', { kind: filter.kind });
    orderPage(query, 'r', filter.sort, ['sentAt']);
    return query;
  }

  /** The people a plan may address, with their time zones and reminder preference. */
  findUsers(ids: readonly string[], manager: EntityManager): Promise<User[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.find(User, { where: { id: In([...new Set(ids)]) } });
  }

  /**
   * Who hears of the mission's overdue actions: its responsible officer, or when that officer
   * is archived the longest-serving active admin. A mission without an officer has no escalations.
   */
  async findMissionOwnerId(missionId: string, manager: EntityManager): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `SELECT COALESCE(
         (SELECT u.id FROM missions m JOIN users u ON u.id = m.owner_id AND u.archived_at IS NULL WHERE m.id = $1),
         (SELECT u.id FROM users u WHERE u.role = 'admin' AND u.archived_at IS NULL
             AND EXISTS (SELECT 1 FROM missions m WHERE m.id = $1 AND m.owner_id IS NOT NULL) ORDER BY u.created_at, u.id LIMIT 1)
       ) AS id`,
      [missionId],
    );
    return rows[0]?.id ?? null;
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
                            AND o.status IN ('planned', 'sending', 'sent', 'failed', 'skipped'))
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

  /** The overdue reminders and escalations of an action that went out (or are going, or were given up on), by settledKey(), with when. */
  async findSettled(actionId: string, manager: EntityManager): Promise<Map<string, Date>> {
    const rows: { kind: PlannedReminderKind; occurrence: number; recipient_id: string; at: Date }[] = await manager.query(
      `SELECT kind, occurrence, recipient_id, COALESCE(sent_at, fire_at) AS at FROM reminders
        WHERE action_id = $1 AND kind IN ('overdue', 'escalation') AND status IN ('sending', 'sent', 'failed', 'skipped')`,
      [actionId],
    );
    return new Map(rows.map((row) => [settledKey(row.kind, row.occurrence, row.recipient_id), row.at]));
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
          indexPredicate: `"status" IN ('planned', 'sending', 'sent', 'failed', 'skipped')`,
          // A snoozed reminder keeps the time someone chose for it, one waiting for a retry keeps its backoff.
          overwriteCondition: {
            where: `"reminders"."status" = 'planned' AND NOT "reminders"."snoozed" AND "reminders"."attempts" = 0 AND "reminders"."fire_at" IS DISTINCT FROM EXCLUDED."fire_at"`,
          },
        })
        .returning('*')
        .execute();
      inserted.push(...(rows.raw as Record<string, unknown>[]).map((raw) => fromRaw(raw)));
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
    return raw ? fromRaw(raw) : null;
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

  /** Takes one due reminder for sending; of any number of workers exactly one gets it (see DeliveryRows.claim). */
  async claim(id: string, now: Date, leaseSeconds: number): Promise<Reminder | null> {
    const row = await this.delivery.claim(id, now, leaseSeconds);
    return row ? fromRaw(row) : null;
  }

  markSent(id: string, sentAt: Date, messageId: string, subject: string): Promise<void> {
    return this.delivery.markSent(id, sentAt, messageId, subject);
  }

  markSkipped(id: string, reason: string): Promise<void> {
    return this.delivery.markSkipped(id, reason);
  }

  /** After a failed attempt: back to planned at a later time, or failed for good. */
  markAttemptFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
    return this.delivery.markAttemptFailed(id, error, retryAt);
  }

  /** Reminders that should have gone out by now and have no live claim: the sweep wakes workers for them. */
  findOverdueUnsent(now: Date, leaseSeconds: number, limit: number, after?: Pick<Reminder, 'id' | 'fireAt'>): Promise<Pick<Reminder, 'id' | 'fireAt' | 'attempts'>[]> {
    return this.delivery.findOverdueUnsent(now, leaseSeconds, limit, after);
  }

  /** The action a reminder is about, with what a message needs; archived ones too, so they can be skipped. */
  async findActionForMessage(actionId: string): Promise<ActionForMessage | null> {
    const rows: ActionForMessage[] = await this.dataSource.query(`${ACTION_FOR_MESSAGE} WHERE a.id = $1`, [actionId]);
    return rows[0] ?? null;
  }

  /**
   * Who made this user the owner of the action: the actor of the latest audited change that set
   * its owner to them (the audit trail is the one record of who did what). Null for the system.
   */
  async findAssignerName(actionId: string, ownerId: string): Promise<string | null> {
    const rows: { name: string }[] = await this.dataSource.query(
      `SELECT u.name FROM audit_entries e JOIN users u ON u.id = e.actor_id
        WHERE e.entity = 'action' AND e.entity_id = $1 AND e.action IN ('create', 'update') AND e.changes -> 'ownerId' ->> 'after' = $2
        ORDER BY e.occurred_at DESC LIMIT 1`,
      [actionId, ownerId],
    );
    return rows[0]?.name ?? null;
  }

  findUser(id: string): Promise<User | null> {
    return this.dataSource.manager.findOneBy(User, { id });
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
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
          AND EXISTS (SELECT 1 FROM actions a WHERE a.archived_at IS NULL AND a.status IN ('open', 'in_progress') AND a.due_to IS NOT NULL
                        AND (a.owner_id = u.id OR EXISTS (SELECT 1 FROM action_watchers aw WHERE aw.action_id = a.id AND aw.user_id = u.id)))`,
    );
    if (users.length === 0) return [];
    const values = users.map((user) => {
      const fireAt = nextSendTime(user.time_zone);
      const day = Number(localDate(fireAt, user.time_zone).replaceAll('-', ''));
      return { actionId: null, kind: 'digest' as const, occurrence: day, recipientId: user.id, fireAt };
    });
    const rows = await this.dataSource.manager.createQueryBuilder().insert().into(Reminder).values(values).orIgnore().returning('*').execute();
    return (rows.raw as Record<string, unknown>[]).map((raw) => fromRaw(raw));
  }

  /** Digest users' actions: still active, with a due window, owned or watched by them, soonest first. */
  findDigestActions(userId: string): Promise<ActionForMessage[]> {
    return this.dataSource.query(
      `${ACTION_FOR_MESSAGE}
        WHERE a.archived_at IS NULL AND a.status IN ('open', 'in_progress') AND a.due_to IS NOT NULL
          AND (a.owner_id = $1 OR EXISTS (SELECT 1 FROM action_watchers aw WHERE aw.action_id = a.id AND aw.user_id = $1))
        ORDER BY a.due_to, a.id LIMIT 200`,
      [userId],
    );
  }
}

/** A RETURNING * row (snake_case columns) as a Reminder. */
function fromRaw(raw: Record<string, unknown>): Reminder {
  const fields: [string, unknown][] = Object.entries(raw).map(([key, value]) => [key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()), value]);
  return Object.assign(new Reminder(), Object.fromEntries(fields) as Partial<Reminder>);
}
