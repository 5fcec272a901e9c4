import { Check, Column, DeleteDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, type Relation } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';
import { Mission } from '../missions/mission.entity.js';
import { MeetingContact, MeetingOrganisation } from './meeting-party.entity.js';

export const MEETING_KINDS = ['b2b', 'official', 'seminar', 'forum', 'site_visit', 'reception', 'other'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

@Entity('meetings')
// Every sort the list offers, both ways: (field, id) read forwards or backwards (see orderPage).
@Index('ix_meetings_starts_at_id', ['startsAt', 'id'])
@Index('ix_meetings_title_id', ['title', 'id'])
@Index('ix_meetings_created_at_id', ['createdAt', 'id'])
@Index('ix_meetings_mission_id_starts_at', ['missionId', 'startsAt'])
@Index('ix_meetings_search', { synchronize: false })
@Check('ck_meetings_times', '"ends_at" IS NULL OR "ends_at" >= "starts_at"')
@Check('ck_meetings_attendee_count', '"attendee_count" IS NULL OR "attendee_count" >= 0')
export class Meeting extends BaseEntity {
  @Column({ type: 'uuid' })
  missionId!: string;

  @ManyToOne(() => Mission, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'mission_id' })
  mission?: Relation<Mission>;

  @Index('ix_meetings_kind')
  @Column({ type: 'enum', enum: MEETING_KINDS, enumName: 'meeting_kind' })
  kind!: MeetingKind;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endsAt!: Date | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  location!: string | null;

  /** Organisations on either side of the table; `side` tells which. */
  @OneToMany(() => MeetingOrganisation, (link) => link.meeting, { cascade: true })
  organisationLinks?: Relation<MeetingOrganisation>[];

  @OneToMany(() => MeetingContact, (link) => link.meeting, { cascade: true })
  contactLinks?: Relation<MeetingContact>[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  topics!: string[];

  /** Number of attendees, for seminars, forums and receptions. */
  @Column({ type: 'integer', nullable: true })
  attendeeCount!: number | null;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ type: 'boolean', default: false })
  synthetic!: boolean;

  @DeleteDateColumn({ type: 'timestamptz' })
  archivedAt!: Date | null;
}
