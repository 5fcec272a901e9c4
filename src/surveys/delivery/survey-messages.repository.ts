import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ContactLanguage } from '../../contacts/contact.entity.js';
import { camelCaseRow } from '../../database/raw-row.js';
import { DeliveryRows } from '../../reminders/delivery/delivery-rows.js';
import type { SurveyMessage, SurveyMessageKind } from '../survey-message.entity.js';

/** What a survey e-mail says, read in one query when a worker sends it. */
export interface SurveyMessageContext {
  invitationId: string;
  participantId: string;
  contactName: string;
  contactEmail: string | null;
  contactArchived: boolean;
  language: ContactLanguage;
  organisationName: string;
  missionTitle: string;
  missionCode: string;
  missionStartDate: string;
  missionEndDate: string;
  closesOn: string;
  closesAt: Date;
  /** Whether the participant has answered (by any of its delegates' links). */
  answered: boolean;
}

/**
 * Delivery of survey e-mails, the reminders' way and with the same statements (DeliveryRows):
 * the row decides whether anything is sent, one atomic UPDATE claims it, a claim older than the
 * lease belongs to a dead worker and is taken over, and a failure goes back to planned later.
 */
@Injectable()
export class SurveyMessagesRepository extends DeliveryRows<SurveyMessage> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, 'survey_messages', (raw) => camelCaseRow<SurveyMessage>(raw));
  }

  async findContext(invitationId: string): Promise<SurveyMessageContext | null> {
    const rows: SurveyMessageContext[] = await this.dataSource.query(
      `SELECT i.id AS "invitationId", i.participant_id AS "participantId", c.name AS "contactName", c.email AS "contactEmail",
          (c.archived_at IS NOT NULL) AS "contactArchived", c.language, o.name AS "organisationName", m.title AS "missionTitle", m.code AS "missionCode",
          m.start_date::text AS "missionStartDate", m.end_date::text AS "missionEndDate", s.closes_on::text AS "closesOn", s.closes_at AS "closesAt",
          EXISTS (SELECT 1 FROM survey_responses r WHERE r.survey_id = s.id AND r.participant_id = i.participant_id) AS answered
        FROM survey_invitations i
        JOIN surveys s ON s.id = i.survey_id
        JOIN missions m ON m.id = s.mission_id
        JOIN participants p ON p.id = i.participant_id
        JOIN organisations o ON o.id = p.organisation_id
        JOIN contacts c ON c.id = i.contact_id
       WHERE i.id = $1`,
      [invitationId],
    );
    return rows[0] ?? null;
  }

  /** Keeps the hash of a link's token; the token itself goes out in the message only. */
  async insertToken(invitationId: string, tokenHash: string): Promise<void> {
    await this.dataSource.query(`INSERT INTO survey_tokens (token_hash, invitation_id) VALUES ($1, $2)`, [tokenHash, invitationId]);
  }
}

export type { SurveyMessageKind };
