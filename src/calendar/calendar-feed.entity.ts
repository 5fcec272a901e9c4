import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../users/user.entity.js';

/** A user's secret calendar feed: one at most, stored only as the SHA-256 of its token; rotating replaces it. */
@Entity('calendar_feeds')
export class CalendarFeed {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Index('uq_calendar_feeds_user_id', { unique: true })
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Index('uq_calendar_feeds_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash!: string;
}
