import { Column, DeleteDateColumn, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';

export const CONTACT_LANGUAGES = ['nl', 'en'] as const;
export type ContactLanguage = (typeof CONTACT_LANGUAGES)[number];

@Entity('contacts')
// Every sort the list offers, both ways: (field, id) read forwards or backwards (see orderPage).
@Index('ix_contacts_name_id', ['name', 'id'])
@Index('ix_contacts_created_at_id', ['createdAt', 'id'])
@Index('ix_contacts_search', { synchronize: false })
export class Contact extends BaseEntity {
  @Index('ix_contacts_organisation_id')
  @Column({ type: 'uuid', nullable: true })
  organisationId!: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;

  /** Indexed as well as trigram-indexed: lists are sorted by name by default. */
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
