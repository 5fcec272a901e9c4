import { Column, DeleteDateColumn, Entity, Index } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';

export const USER_ROLES = ['admin', 'officer', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const REMINDER_MODES = ['each', 'digest'] as const;
export type ReminderMode = (typeof REMINDER_MODES)[number];

@Entity('users')
// Every sort the list offers, both ways: (field, id) read forwards or backwards (see orderPage).
@Index('ix_users_name_id', ['name', 'id'])
@Index('ix_users_email_id', ['email', 'id'])
@Index('ix_users_created_at_id', ['createdAt', 'id'])
@Index('uq_users_email', { synchronize: false })
@Index('ix_users_search', { synchronize: false })
export class User extends BaseEntity {
  /** Stored lower-cased; unique among users that are not archived. */
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Index('ix_users_role')
  @Column({ type: 'enum', enum: USER_ROLES, enumName: 'user_role', default: 'officer' })
  role!: UserRole;

  @Index('ix_users_language')
  @Column({ type: 'enum', enum: LANGUAGES, enumName: 'user_language', default: 'nl' })
  language!: Language;

  @Column({ type: 'varchar', length: 64, default: 'Europe/Brussels' })
  timeZone!: string;

  @Index('ix_users_reminder_mode')
  @Column({ type: 'enum', enum: REMINDER_MODES, enumName: 'reminder_mode', default: 'each' })
  reminderMode!: ReminderMode;

  /** scrypt hash; never leaves the service. */
  @Column({ type: 'varchar', length: 255, nullable: true, select: false })
  passwordHash!: string | null;

  @DeleteDateColumn({ type: 'timestamptz' })
  archivedAt!: Date | null;
}
