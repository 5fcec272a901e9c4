import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ACTIVE_ACTION_STATUSES } from '../../actions/action.entity.js';
import { User } from '../../users/user.entity.js';
import { type Reminder, reminderFromRow } from '../reminder.entity.js';
import { DeliveryRows } from './delivery-rows.js';
import type { MessageAction } from './messages.js';

/** What a message says about an action: one query, no entity (a worker sends thousands at once). */
export interface ActionForMessage extends MessageAction {
  archivedAt: Date | null;
}

const ACTION_FOR_MESSAGE = `SELECT a.id, a.title, a.status, a.due_from::text AS "dueFrom", a.due_to::text AS "dueTo", a.due_precision AS "duePrecision",
    a.due_label AS "dueLabel", a.archived_at AS "archivedAt", m.code AS "missionCode", m.title AS "missionTitle", o.name AS "ownerName"
  FROM actions a JOIN missions m ON m.id = a.mission_id LEFT JOIN users o ON o.id = a.owner_id`;

/** Delivery's reads and writes, in the worker: the claim and its outcome, and what a message is about. */
@Injectable()
export class ReminderDeliveryRepository extends DeliveryRows<Reminder> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, 'reminders', reminderFromRow);
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

  /** Digest users' actions: still active, with a due window, owned or watched by them, soonest first. */
  findDigestActions(userId: string): Promise<ActionForMessage[]> {
    return this.dataSource.query(
      `${ACTION_FOR_MESSAGE}
        WHERE a.archived_at IS NULL AND a.status = ANY($2::action_status[]) AND a.due_to IS NOT NULL
          AND (a.owner_id = $1 OR EXISTS (SELECT 1 FROM action_watchers aw WHERE aw.action_id = a.id AND aw.user_id = $1))
        ORDER BY a.due_to, a.id LIMIT 200`,
      [userId, ACTIVE_ACTION_STATUSES],
    );
  }
}
