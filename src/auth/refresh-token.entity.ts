import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../users/user.entity.js';

/**
 * One refresh token, stored only as its SHA-256. Each refresh revokes the token it used and
 * hands out the next one of the same family: a revoked token presented again means it leaked,
 * and the whole family is revoked.
 */
@Entity('refresh_tokens')
@Index('ix_refresh_tokens_user_id_expires_at', ['userId', 'expiresAt'])
@Index('ix_refresh_tokens_family_id', ['familyId'])
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  /** The sign-in this token descends from, through every refresh since. */
  @Column({ type: 'uuid' })
  familyId!: string;

  /** Hex SHA-256 of the token: a stolen table does not let anyone in. */
  @Index('uq_refresh_tokens_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
