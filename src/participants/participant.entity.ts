import { Check, Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, type Relation, Unique } from 'typeorm';
import { Contact } from '../contacts/contact.entity.js';
import { BaseEntity } from '../database/base.entity.js';
import { IdsOf } from '../database/id-lists.js';
import { Mission } from '../missions/mission.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';

/** An organisation on a mission's delegation. Removing one from a delegation deletes the row. */
@Entity('participants')
@Unique('uq_participants_mission_organisation', ['missionId', 'organisationId'])
@Check('ck_participants_satisfaction_score', '"satisfaction_score" BETWEEN 1 AND 5')
export class Participant extends BaseEntity {
  @Column({ type: 'uuid' })
  missionId!: string;

  @ManyToOne(() => Mission, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mission_id' })
  mission?: Relation<Mission>;

  @Index('ix_participants_organisation_id')
  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;

  @ManyToMany(() => Contact)
  @JoinTable({
    name: 'participant_delegates',
    joinColumn: { name: 'participant_id', foreignKeyConstraintName: 'fk_participant_delegates_participant' },
    inverseJoinColumn: { name: 'contact_id', foreignKeyConstraintName: 'fk_participant_delegates_contact' },
  })
  delegates?: Relation<Contact>[];

  @IdsOf('delegates')
  delegateContactIds!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sectors!: string[];

  @Column({ type: 'text', nullable: true })
  objectives!: string | null;

  /** Answer to the satisfaction survey after the mission, 1 (poor) to 5 (excellent). */
  @Column({ type: 'smallint', nullable: true })
  satisfactionScore!: number | null;

  @Column({ type: 'text', nullable: true })
  satisfactionComment!: string | null;

  @Column({ type: 'boolean', default: false })
  synthetic!: boolean;
}
