import { Column, DeleteDateColumn, Entity, Index } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';

export const ORGANISATION_KINDS = ['company', 'government_body', 'agency', 'university', 'ngo', 'association', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

@Entity('organisations')
// Every sort the list offers, both ways: (field, id) read forwards or backwards (see orderPage).
@Index('ix_organisations_name_id', ['name', 'id'])
@Index('ix_organisations_kind_id', ['kind', 'id'])
@Index('ix_organisations_country_id', ['country', 'id'])
@Index('ix_organisations_created_at_id', ['createdAt', 'id'])
@Index('ix_organisations_updated_at_id', ['updatedAt', 'id'])
@Index('uq_organisations_enterprise_number', { synchronize: false })
@Index('ix_organisations_search', { synchronize: false })
@Index('ix_organisations_sectors', { synchronize: false })
export class Organisation extends BaseEntity {
  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({ type: 'enum', enum: ORGANISATION_KINDS, enumName: 'organisation_kind' })
  kind!: OrganisationKind;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2 })
  country!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  city!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  website!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sectors!: string[];

  /** Belgian KBO/BCE number, 10 digits, mod-97 checked. */
  @Column({ type: 'char', length: 10, nullable: true })
  enterpriseNumber!: string | null;

  /** Invented for the demo data set, not a real organisation. */
  @Index('ix_organisations_synthetic')
  @Column({ type: 'boolean', default: false })
  synthetic!: boolean;

  @DeleteDateColumn({ type: 'timestamptz' })
  archivedAt!: Date | null;
}
