import { Column, DeleteDateColumn, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';

export const CONTACT_LANGUAGES = ['nl', 'en'] as const;
export type ContactLanguage = (typeof CONTACT_LANGUAGES)[number];

@Entity('contacts')
@Index('ix_contacts_search', { synchronize: false })
@Index('ix_contacts_created_at', ['createdAt'])
export class Contact extends BaseEntity {
  @Index('ix_contacts_organisation_id')
  @Column({ type: 'uuid', nullable: true })
  organisationId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;

  /** Indexed as well as trigram-indexed: lists are sorted by name by default. */
  @Index('ix_contacts_name')
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Role or title, e.g. "Prime Minister". */
  @Column({ type: 'varchar', length: 200, nullable: true })
  role!: string | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  phone!: string | null;

  /** What a survey invitation to this person is written in. */
  @Column({ type: 'enum', enum: CONTACT_LANGUAGES, enumName: 'contact_language', default: 'nl' })
  language!: ContactLanguage;

  @Index('ix_contacts_synthetic')
  @Column({ type: 'boolean', default: false })
  synthetic!: boolean;

  @DeleteDateColumn({ type: 'timestamptz' })
  archivedAt!: Date | null;
}
