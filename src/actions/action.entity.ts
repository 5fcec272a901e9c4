import { Check, Column, DeleteDateColumn, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, type Relation } from 'typeorm';
import { Agreement } from '../agreements/agreement.entity.js';
import { BaseEntity } from '../database/base.entity.js';
import { IdsOf } from '../database/id-lists.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { Mission } from '../missions/mission.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { User } from '../users/user.entity.js';
import type { ReminderPolicy } from '../reminders/reminder-policy.js';
import { DUE_PRECISIONS, type DuePrecision } from './due/due-window.js';

export const ACTION_KINDS = [
  'visit',
  'signing',
  'mission',
  'state_visit',
  'webinar',
  'info_session',
  'follow_up_meeting',
  'survey',
  'report',
  'other',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled', 'postponed'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
/** Statuses in which an action still has to happen, and so can be overdue. */
export const ACTIVE_ACTION_STATUSES: readonly ActionStatus[] = ['open', 'in_progress'];

/** A follow-up action with its (possibly fuzzy) due window [dueFrom, dueTo]. */
@Entity('actions')
// Every sort the list offers, both ways: (field, id) read forwards or backwards (see orderPage).
@Index('ix_actions_title_id', ['title', 'id'])
@Index('ix_actions_status_id', ['status', 'id'])
@Index('ix_actions_created_at_id', ['createdAt', 'id'])
@Index('ix_actions_updated_at_id', ['updatedAt', 'id'])
@Index('ix_actions_due_to_id', ['dueTo', 'id'])
@Index('ix_actions_due_from_id', ['dueFrom', 'id'])
// Latest due first with the undated last: (due_to DESC NULLS LAST, id DESC), which the decorator cannot say.
@Index('ix_actions_due_to_desc', { synchronize: false })
@Index('ix_actions_due_from_desc', { synchronize: false })
@Index('ix_actions_status_due_to', ['status', 'dueTo'])
@Index('ix_actions_mission_id_due_to', ['missionId', 'dueTo'])
@Index('ix_actions_owner_id_due_to', ['ownerId', 'dueTo'])
@Index('ix_actions_search', { synchronize: false })
@Check('ck_actions_due_window', '"due_to" IS NULL OR "due_from" IS NULL OR "due_to" >= "due_from"')
export class Action extends BaseEntity {
  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Index('ix_actions_kind')
  @Column({ type: 'enum', enum: ACTION_KINDS, enumName: 'action_kind', default: 'other' })
  kind!: ActionKind;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'uuid' })
  missionId!: string;

  @ManyToOne(() => Mission, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'mission_id' })
  mission?: Relation<Mission>;

  @Index('ix_actions_agreement_id')
  @Column({ type: 'uuid', nullable: true })
  agreementId!: string | null;

  @ManyToOne(() => Agreement, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'agreement_id' })
  agreement?: Relation<Agreement>;

  @Index('ix_actions_meeting_id')
  @Column({ type: 'uuid', nullable: true })
  meetingId!: string | null;

  @ManyToOne(() => Meeting, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<Meeting>;

  @ManyToMany(() => Organisation)
  @JoinTable({
    name: 'action_organisations',
    joinColumn: { name: 'action_id', foreignKeyConstraintName: 'fk_action_organisations_action' },
    inverseJoinColumn: { name: 'organisation_id', foreignKeyConstraintName: 'fk_action_organisations_organisation' },
  })
  organisations?: Relation<Organisation>[];

  // Archived organisations and users stay linked: the action's history keeps its names.
  @IdsOf('organisations')
  organisationIds!: string[];

  @Column({ type: 'uuid', nullable: true })
  ownerId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id' })
  owner?: Relation<User>;

  @ManyToMany(() => User)
  @JoinTable({
    name: 'action_watchers',
    joinColumn: { name: 'action_id', foreignKeyConstraintName: 'fk_action_watchers_action' },
    inverseJoinColumn: { name: 'user_id', foreignKeyConstraintName: 'fk_action_watchers_user' },
  })
  watchers?: Relation<User>[];

  @IdsOf('watchers')
  watcherIds!: string[];

  @Column({ type: 'enum', enum: ACTION_STATUSES, enumName: 'action_status', default: 'open' })
  status!: ActionStatus;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  /** First day of the due window (inclusive). */
  @Column({ type: 'date', nullable: true })
  dueFrom!: string | null;

  /** Last day of the due window (inclusive): after it, an active action is overdue. */
  @Column({ type: 'date', nullable: true })
  dueTo!: string | null;

  @Column({ type: 'enum', enum: DUE_PRECISIONS, enumName: 'due_precision', nullable: true })
  duePrecision!: DuePrecision | null;

  /** The words the due date was given in, e.g. "najaar 2024". */
  @Column({ type: 'varchar', length: 100, nullable: true })
  dueLabel!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  /** Per-action overrides of the reminder policy; null keeps the defaults. */
  @Column({ type: 'jsonb', nullable: true })
  reminderPolicy!: Partial<ReminderPolicy> | null;

  @DeleteDateColumn({ type: 'timestamptz' })
  archivedAt!: Date | null;
}
