import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Action } from '../actions/action.entity.js';
import { BaseEntity } from '../database/base.entity.js';
import { camelCaseRow } from '../database/raw-row.js';
import { User } from '../users/user.entity.js';

export const REMINDER_KINDS = ['assignment', 'heads_up', 'due_soon', 'due', 'overdue', 'escalation', 'digest'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export const REMINDER_STATUSES = ['planned', 'sending', 'sent', 'failed', 'cancelled', 'skipped'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];
/** Statuses that hold a reminder's place in the plan (the unique index uq_reminders_occurrence): once sent, never planned again. */
export const PLACE_HOLDING_STATUSES: readonly ReminderStatus[] = ['planned', 'sending', 'sent', 'failed', 'skipped'];
/** The same, as SQL: the predicate of uq_reminders_occurrence, which an upsert must name to use it. */
export const PLACE_HOLDING_SQL = `(${PLACE_HOLDING_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/**
 * One message about an action (or, for a digest, about a user's day): planned,
 * then claimed by exactly one worker, sent and recorded. PostgreSQL is the source
 * of truth; the queue only carries a wake-up call for the row.
 */
@Entity('reminders')
// Every sort the list offers, both ways: (field, id) read forwards or backwards (see orderPage).
@Index('ix_reminders_fire_at_id', ['fireAt', 'id'])
@Index('ix_reminders_created_at_id', ['createdAt', 'id'])
@Index('ix_reminders_sent_at_id', ['sentAt', 'id'])
// Latest sent first with the unsent last: (sent_at DESC NULLS LAST, id DESC), which the decorator cannot say.
@Index('ix_reminders_sent_at_desc', { synchronize: false })
@Index('uq_reminders_occurrence', { synchronize: false })
@Index('ix_reminders_due', { synchronize: false })
@Index('ix_reminders_action_id', ['actionId'])
@Index('ix_reminders_recipient_id_fire_at', ['recipientId', 'fireAt'])
export class Reminder extends BaseEntity {
  /** Null for a daily digest, which is about all of a user's actions. */
  @Column({ type: 'uuid', nullable: true })
  actionId!: string | null;

  @ManyToOne(() => Action, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: Relation<Action>;

  @Column({ type: 'enum', enum: REMINDER_KINDS, enumName: 'reminder_kind' })
  kind!: ReminderKind;

  /** Tells repeats of one kind apart: the n-th overdue reminder, or the digest's day (YYYYMMDD). */
  @Column({ type: 'integer', default: 0 })
  occurrence!: number;

  @Column({ type: 'uuid' })
  recipientId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_id' })
  recipient?: Relation<User>;

  @Column({ type: 'timestamptz' })
  fireAt!: Date;

  /** Moved by someone: re-planning the action leaves its time alone. */
  @Column({ type: 'boolean', default: false })
  snoozed!: boolean;

  @Index('ix_reminders_status')
  @Column({ type: 'enum', enum: REMINDER_STATUSES, enumName: 'reminder_status', default: 'planned' })
  status!: ReminderStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** When the worker that holds it took it; a claim older than the lease is taken over. */
  @Column({ type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /** The Message-ID the SMTP server accepted (deterministic per reminder). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  messageId!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  subject!: string | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  /** Why it was cancelled or skipped, in words. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  reason!: string | null;
}

/** A RETURNING * row (snake_case columns) as a Reminder. */
export function reminderFromRow(raw: Record<string, unknown>): Reminder {
  return Object.assign(new Reminder(), camelCaseRow<Partial<Reminder>>(raw));
}
