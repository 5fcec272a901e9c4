import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../users/user.entity.js';

/** A personal API token (`mcrm_…`), stored only as its SHA-256; the prefix lets its owner recognise it in a list. */
@Entity('api_tokens')
@Index('ix_api_tokens_user_id_created_at', ['userId', 'createdAt'])
export class ApiToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** `mcrm_` and the first 8 characters of the secret part. */
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  @Index('uq_api_tokens_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;

  /** Only GET and HEAD requests. */
  @Column({ type: 'boolean', default: false })
  readOnly!: boolean;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Updated at most once a minute, so that a busy script does not write on every request. */
  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
