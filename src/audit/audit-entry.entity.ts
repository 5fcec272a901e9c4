import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const AUDIT_ACTIONS = ['create', 'update', 'archive', 'restore', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One field's value before and after a change, as JSON; a create has no `before`, a delete no `after`. */
export interface FieldChange {
  before?: unknown;
  after?: unknown;
}
export type AuditChanges = Record<string, FieldChange>;

/**
 * Who changed what, when. Written in the transaction of the change itself, so a change
 * that is rolled back leaves no entry and a committed one always has its entry.
 * No foreign keys: an entry outlives whatever it is about.
 */
@Entity('audit_entries')
@Index('ix_audit_entries_entity_entity_id_occurred_at', ['entity', 'entityId', 'occurredAt'])
@Index('ix_audit_entries_entity_occurred_at', ['entity', 'occurredAt'])
@Index('ix_audit_entries_actor_id_occurred_at', ['actorId', 'occurredAt'])
@Index('ix_audit_entries_occurred_at', ['occurredAt'])
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The clock at the write, not the transaction start, so entries of one transaction keep their order. */
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt!: Date;

  /** The signed-in user; null for the system (seeding, workers). */
  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'enum', enum: AUDIT_ACTIONS, enumName: 'audit_action' })
  action!: AuditAction;

  /** The resource, named as in the API's errors: mission, action, user, … */
  @Column({ type: 'varchar', length: 40 })
  entity!: string;

  @Column({ type: 'uuid' })
  entityId!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  changes!: AuditChanges;
}
