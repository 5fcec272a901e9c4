import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation, Unique } from 'typeorm';
import { Contact } from '../contacts/contact.entity.js';
import { BaseEntity } from '../database/base.entity.js';
import { Participant } from '../participants/participant.entity.js';
import { Survey } from './survey.entity.js';

/** One delegate of one participant, invited to answer for their company. */
@Entity('survey_invitations')
@Unique('uq_survey_invitations_survey_participant_contact', ['surveyId', 'participantId', 'contactId'])
export class SurveyInvitation extends BaseEntity {
  @Column({ type: 'uuid' })
  surveyId!: string;

  @ManyToOne(() => Survey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id' })
  survey?: Relation<Survey>;

  @Index('ix_survey_invitations_participant_id')
  @Column({ type: 'uuid' })
  participantId!: string;

  @ManyToOne(() => Participant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'participant_id' })
  participant?: Relation<Participant>;

  @Index('ix_survey_invitations_contact_id')
  @Column({ type: 'uuid' })
  contactId!: string;

  @ManyToOne(() => Contact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Relation<Contact>;
}
