import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { SurveyInvitation } from './survey-invitation.entity.js';

/**
 * A personal survey link, stored as the SHA-256 of its token only. Each message sent makes a
 * token of its own (the worker that sends it), so nothing that could rebuild a link is kept.
 */
@Entity('survey_tokens')
export class SurveyToken {
  @PrimaryColumn({ type: 'char', length: 64 })
  tokenHash!: string;

  @Index('ix_survey_tokens_invitation_id')
  @Column({ type: 'uuid' })
  invitationId!: string;

  @ManyToOne(() => SurveyInvitation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invitation_id' })
  invitation?: Relation<SurveyInvitation>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
