import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Contact } from '../contacts/contact.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Meeting } from './meeting.entity.js';

export const MEETING_SIDES = ['delegation', 'counterpart'] as const;
export type MeetingSide = (typeof MEETING_SIDES)[number];

/** An organisation at a meeting, on the delegation's side or the counterpart's. */
@Entity('meeting_organisations')
export class MeetingOrganisation {
  @PrimaryColumn({ type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => Meeting, (meeting) => meeting.organisationLinks, { onDelete: 'CASCADE', orphanedRowAction: 'delete' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<Meeting>;

  @Index('ix_meeting_organisations_organisation_id')
  @PrimaryColumn({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;

  @Column({ type: 'enum', enum: MEETING_SIDES, enumName: 'meeting_side' })
  side!: MeetingSide;
}

/** A person at a meeting, on the delegation's side or the counterpart's. */
@Entity('meeting_contacts')
export class MeetingContact {
  @PrimaryColumn({ type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => Meeting, (meeting) => meeting.contactLinks, { onDelete: 'CASCADE', orphanedRowAction: 'delete' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Relation<Meeting>;

  @Index('ix_meeting_contacts_contact_id')
  @PrimaryColumn({ type: 'uuid' })
  contactId!: string;

  @ManyToOne(() => Contact, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Relation<Contact>;

  @Column({ type: 'enum', enum: MEETING_SIDES, enumName: 'meeting_side' })
  side!: MeetingSide;
}
