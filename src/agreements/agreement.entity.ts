import { Check, Column, DeleteDateColumn, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';
import { IdsOf } from '../database/id-lists.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { Mission } from '../missions/mission.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';

export const AGREEMENT_TYPES = ['mou', 'loi', 'cooperation_agreement', 'contract'] as const;
export type AgreementType = (typeof AGREEMENT_TYPES)[number];
export const AGREEMENT_STATUSES = ['planned', 'signed', 'in_force', 'expired', 'terminated'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

@Entity('agreements')
// Every sort the list offers, both ways: (field, id) read forwards or backwards (see orderPage).
@Index('ix_agreements_signed_on_id', ['signedOn', 'id'])
@Index('ix_agreements_title_id', ['title', 'id'])
@Index('ix_agreements_created_at_id', ['createdAt', 'id'])
@Index('ix_agreements_search', { synchronize: false })
@Check('ck_agreements_validity', '"valid_until" IS NULL OR "valid_from" IS NULL OR "valid_until" >= "valid_from"')
export class Agreement extends BaseEntity {
  @Index('ix_agreements_type')
  @Column({ type: 'enum', enum: AGREEMENT_TYPES, enumName: 'agreement_type' })
  type!: AgreementType;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  /** The organisations that are party to it: two or more. */
  @ManyToMany(() => Organisation)
  @JoinTable({
    name: 'agreement_parties',
    joinColumn: { name: 'agreement_id', foreignKeyConstraintName: 'fk_agreement_parties_agreement' },
    inverseJoinColumn: { name: 'organisation_id', foreignKeyConstraintName: 'fk_agreement_parties_organisation' },
  })
  parties?: Relation<Organisation>[];

  // An organisation archived later is still party to what it signed.
  @IdsOf('parties')
  partyIds!: string[];

  @Index('ix_agreements_mission_id')
  @Column({ type: 'uuid', nullable: true })
  missionId!: string | null;

  @ManyToOne(() => Mission, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'mission_id' })
  mission?: Relation<Mission>;

  @Index('ix_agreements_meeting_id')
  @Column({ type: 'uuid', nullable: true })
  meetingId!: string | null;

  @ManyToOne(() => Meeting, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<Meeting>;

  @Column({ type: 'date', nullable: true })
  signedOn!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  themes!: string[];

  @Index('ix_agreements_status')
  @Column({ type: 'enum', enum: AGREEMENT_STATUSES, enumName: 'agreement_status', default: 'planned' })
  status!: AgreementStatus;

  @Column({ type: 'date', nullable: true })
  validFrom!: string | null;

  @Column({ type: 'date', nullable: true })
  validUntil!: string | null;

  /** When the agreement is up for renewal. */
  @Column({ type: 'date', nullable: true })
  renewalOn!: string | null;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @DeleteDateColumn({ type: 'timestamptz' })
  archivedAt!: Date | null;
}
