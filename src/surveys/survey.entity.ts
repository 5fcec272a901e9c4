import { Column, Entity, JoinColumn, ManyToOne, type Relation, Unique } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';
import { Mission } from '../missions/mission.entity.js';

/** The satisfaction survey of a mission: one per mission, open until the end of its closing day. */
@Entity('surveys')
@Unique('uq_surveys_mission_id', ['missionId'])
export class Survey extends BaseEntity {
  @Column({ type: 'uuid' })
  missionId!: string;

  @ManyToOne(() => Mission, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mission_id' })
  mission?: Relation<Mission>;

  /** The last day answers are taken (in the agency's time zone). */
  @Column({ type: 'date' })
  closesOn!: string;

  /** The moment answering ends: the start of the day after closesOn, in the agency's time zone. */
  @Column({ type: 'timestamptz' })
  closesAt!: Date;

  /** How many days before closing those who have not answered get their one reminder. */
  @Column({ type: 'integer' })
  reminderDaysBefore!: number;
}
