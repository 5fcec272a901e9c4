import { Check, Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../database/base.entity.js';
import { Participant } from '../participants/participant.entity.js';
import { SurveyInvitation } from './survey-invitation.entity.js';
import { Survey } from './survey.entity.js';

/** One answer as it was received; a participant's latest answer before closing is the one that counts. */
@Entity('survey_responses')
@Index('ix_survey_responses_survey_id_participant_id_received_at', ['surveyId', 'participantId', 'receivedAt'])
@Check('ck_survey_responses_score', '"score" BETWEEN 1 AND 5')
export class SurveyResponse extends BaseEntity {
  @Column({ type: 'uuid' })
  surveyId!: string;

  @ManyToOne(() => Survey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id' })
  survey?: Relation<Survey>;

  @Column({ type: 'uuid' })
  participantId!: string;

  @ManyToOne(() => Participant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Relation<Participant>;

  @Index('ix_survey_responses_invitation_id')
  @Column({ type: 'uuid' })
  invitationId!: string;

  @ManyToOne(() => SurveyInvitation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invitation_id' })
  invitation?: Relation<SurveyInvitation>;

  @Column({ type: 'smallint' })
  score!: number;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'boolean', nullable: true })
  wouldJoinAgain!: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  b2bUseful!: boolean | null;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;
}
