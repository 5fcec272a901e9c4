import { Check, Column, DeleteDateColumn, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Contact } from '../contacts/contact.entity.js';
import { BaseEntity } from '../database/base.entity.js';
import { User } from '../users/user.entity.js';

export const MISSION_TYPES = ['economic_mission', 'state_visit', 'sector_mission', 'trade_fair', 'other'] as const;
export type MissionType = (typeof MISSION_TYPES)[number];
export const MISSION_STATUSES = ['draft', 'planned', 'ongoing', 'completed', 'cancelled'] as const;
export type MissionStatus = (typeof MISSION_STATUSES)[number];

@Entity('missions')
// Every sort the list offers, both ways: (field, id) read forwards or backwards (see orderPage).
@Index('ix_missions_start_date_id', ['startDate', 'id'])
@Index('ix_missions_code_id', ['code', 'id'])
@Index('ix_missions_title_id', ['title', 'id'])
@Index('ix_missions_created_at_id', ['createdAt', 'id'])
@Index('uq_missions_code', { synchronize: false })
@Index('ix_missions_host_countries', { synchronize: false })
@Index('ix_missions_search', { synchronize: false })
@Check('ck_missions_dates', '"end_date" >= "start_date"')
export class Mission extends BaseEntity {
  /** Short unique code, e.g. VN-2023. */
  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Index('ix_missions_type')
  @Column({ type: 'enum', enum: MISSION_TYPES, enumName: 'mission_type' })
  type!: MissionType;

  /** ISO 3166-1 alpha-2 codes. */
  @Column({ type: 'char', length: 2, array: true })
  hostCountries!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  cities!: string[];

  @Column({ type: 'date' })
  startDate!: string;

  @Column({ type: 'date' })
  endDate!: string;

  /** IANA time zone where the mission takes place. */
  @Column({ type: 'varchar', length: 64 })
  timeZone!: string;

  @Index('ix_missions_leader_contact_id')
  @Column({ type: 'uuid', nullable: true })
  leaderContactId!: string | null;

  @ManyToOne(() => Contact, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'leader_contact_id' })
  leaderContact?: Relation<Contact>;

  /** The responsible officer. */
  @Index('ix_missions_owner_id')
  @Column({ type: 'uuid', nullable: true })
  ownerId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id' })
  owner?: Relation<User>;

  @Column({ type: 'varchar', length: 300, nullable: true })
  organiser!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  theme!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  focusSectors!: string[];

  @Index('ix_missions_status')
  @Column({ type: 'enum', enum: MISSION_STATUSES, enumName: 'mission_status', default: 'planned' })
  status!: MissionStatus;

  @Index('ix_missions_previous_mission_id')
  @Column({ type: 'uuid', nullable: true })
  previousMissionId!: string | null;

  @ManyToOne(() => Mission, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'previous_mission_id' })
  previousMission?: Relation<Mission>;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @DeleteDateColumn({ type: 'timestamptz' })
  archivedAt!: Date | null;
}
