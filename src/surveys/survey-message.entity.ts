import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation, Unique } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';
import { REMINDER_STATUSES, type ReminderStatus } from '../reminders/reminder.entity.js';
import { SurveyInvitation } from './survey-invitation.entity.js';

export const SURVEY_MESSAGE_KINDS = ['invitation', 'reminder'] as const;
export type SurveyMessageKind = (typeof SURVEY_MESSAGE_KINDS)[number];

/**
 * One survey e-mail to one delegate, delivered the way reminders are: a planned row, a queued
 * wake-up, an atomic claim by one worker, the result recorded, retried with backoff, swept when lost.
 * The unique key makes each kind of message to each delegate exist once.
 */
@Entity('survey_messages')
@Unique('uq_survey_messages_invitation_kind', ['invitationId', 'kind'])
@Index('ix_survey_messages_due', { synchronize: false })
export class SurveyMessage extends BaseEntity {
  @Column({ type: 'uuid' })
  invitationId!: string;

  @ManyToOne(() => SurveyInvitation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invitation_id' })
  invitation?: Relation<SurveyInvitation>;

  @Column({ type: 'enum', enum: SURVEY_MESSAGE_KINDS, enumName: 'survey_message_kind' })
  kind!: SurveyMessageKind;

  @Column({ type: 'timestamptz' })
  fireAt!: Date;

  @Column({ type: 'enum', enum: REMINDER_STATUSES, enumName: 'survey_message_status', default: 'planned' })
  status!: ReminderStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  messageId!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  subject!: string | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reason!: string | null;
}
