import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../users/user.entity.js';

export const PASSWORD_TOKEN_PURPOSES = ['invitation', 'reset'] as const;
export type PasswordTokenPurpose = (typeof PASSWORD_TOKEN_PURPOSES)[number];

/**
 * A single-use link that sets a password: an invitation to a new user, or a reset asked for.
 * Stored only as its SHA-256; the e-mail that carries it is recorded on the row.
 */
@Entity('password_tokens')
@Index('ix_password_tokens_user_id', ['userId'])
export class PasswordToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'enum', enum: PASSWORD_TOKEN_PURPOSES, enumName: 'password_token_purpose' })
  purpose!: PasswordTokenPurpose;

  @Index('uq_password_tokens_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Set when the link set a password, or when a newer link or password made it void. */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  /** When the e-mail carrying the link was accepted for delivery, and its Message-ID. */
  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  messageId!: string | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}
