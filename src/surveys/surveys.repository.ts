import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Transaction } from '../database/transaction.js';
import type { ContactLanguage } from '../contacts/contact.entity.js';
import type { SurveyMessage } from './survey-message.entity.js';

export interface SurveyOpening {
  missionId: string;
  closesOn: string;
  closesAt: Date;
  reminderDaysBefore: number;
  /** When the reminder goes out; null when closing is too close for one. */
  reminderAt: Date | null;
  now: Date;
}

export interface SurveyProgressRow {
  closesOn: string;
  closesAt: Date;
  reminderDaysBefore: number;
  participants: number;
  invited: number;
  delegatesInvited: number;
  answered: number;
  averageScore: number | null;
  messages: { kind: 'invitation' | 'reminder'; status: string; count: number }[];
}

/** A personal link's invitation with what its page shows. */
export interface SurveyLinkRow {
  invitationId: string;
  surveyId: string;
  participantId: string;
  closesOn: string;
  closesAt: Date;
  missionTitle: string;
  missionStartDate: string;
  missionEndDate: string;
  organisation: string;
  contactName: string;
  language: ContactLanguage;
}

export interface SurveyAnswerRow {
  score: number;
  comment: string | null;
  wouldJoinAgain: boolean | null;
  b2bUseful: boolean | null;
  receivedAt: Date;
}

export interface NewSurveyAnswer extends SurveyAnswerRow {
  surveyId: string;
  participantId: string;
  invitationId: string;
}

@Injectable()
export class SurveysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Opens the mission's survey in one transaction: the survey (null when it has one already),
   * an invitation for every delegate with an e-mail address, and for each its invitation
   * message (now) and its reminder (if there is time for one). Returns the messages to wake.
   */
  async open(manager: EntityManager, opening: SurveyOpening): Promise<Pick<SurveyMessage, 'id' | 'fireAt' | 'attempts'>[] | null> {
    const surveys: { id: string }[] = await manager.query(
      `INSERT INTO surveys (mission_id, closes_on, closes_at, reminder_days_before) VALUES ($1, $2, $3, $4)
        ON CONFLICT ON CONSTRAINT uq_surveys_mission_id DO NOTHING RETURNING id`,
      [opening.missionId, opening.closesOn, opening.closesAt, opening.reminderDaysBefore],
    );
    if (!surveys[0]) return null;
    const surveyId = surveys[0].id;
    await manager.query(
      `INSERT INTO survey_invitations (survey_id, participant_id, contact_id)
       SELECT $1, p.id, c.id
         FROM participants p
         JOIN participant_delegates d ON d.participant_id = p.id
         JOIN contacts c ON c.id = d.contact_id
        WHERE p.mission_id = $2 AND c.archived_at IS NULL AND c.email IS NOT NULL`,
      [surveyId, opening.missionId],
    );
    const rows: { id: string; fire_at: Date; attempts: number }[] = await manager.query(
      `INSERT INTO survey_messages (invitation_id, kind, fire_at)
       SELECT i.id, k.kind::survey_message_kind, CASE WHEN k.kind = 'invitation' THEN $2::timestamptz ELSE $3::timestamptz END
         FROM survey_invitations i
         CROSS JOIN (VALUES ('invitation'), ('reminder')) AS k(kind)
        WHERE i.survey_id = $1 AND (k.kind = 'invitation' OR $3::timestamptz IS NOT NULL)
       RETURNING id, fire_at, attempts`,
      [surveyId, opening.now, opening.reminderAt],
    );
    return rows.map((row) => ({ id: row.id, fireAt: row.fire_at, attempts: row.attempts }));
  }

  async findProgress(missionId: string): Promise<SurveyProgressRow | null> {
    const rows: SurveyProgressRow[] = await this.dataSource.query(
      `WITH latest AS (
         SELECT DISTINCT ON (r.participant_id) r.participant_id, r.score
           FROM survey_responses r JOIN surveys s ON s.id = r.survey_id
          WHERE s.mission_id = $1 AND r.received_at < s.closes_at
          ORDER BY r.participant_id, r.received_at DESC
       )
       SELECT s.closes_on::text AS "closesOn", s.closes_at AS "closesAt", s.reminder_days_before AS "reminderDaysBefore",
           (SELECT count(*)::int FROM participants p WHERE p.mission_id = s.mission_id) AS participants,
           (SELECT count(DISTINCT i.participant_id)::int FROM survey_invitations i WHERE i.survey_id = s.id) AS invited,
           (SELECT count(*)::int FROM survey_invitations i WHERE i.survey_id = s.id) AS "delegatesInvited",
           (SELECT count(*)::int FROM latest) AS answered,
           (SELECT round(avg(score), 2)::float8 FROM latest) AS "averageScore",
           COALESCE((SELECT json_agg(json_build_object('kind', x.kind, 'status', x.status, 'count', x.count))
                       FROM (SELECT m.kind, m.status, count(*)::int AS count FROM survey_messages m JOIN survey_invitations i ON i.id = m.invitation_id
                              WHERE i.survey_id = s.id GROUP BY m.kind, m.status) x), '[]') AS messages
         FROM surveys s WHERE s.mission_id = $1`,
      [missionId],
    );
    return rows[0] ?? null;
  }

  async findLink(tokenHash: string): Promise<SurveyLinkRow | null> {
    const rows: SurveyLinkRow[] = await this.dataSource.query(
      `SELECT i.id AS "invitationId", s.id AS "surveyId", i.participant_id AS "participantId", s.closes_on::text AS "closesOn", s.closes_at AS "closesAt",
           m.title AS "missionTitle", m.start_date::text AS "missionStartDate", m.end_date::text AS "missionEndDate",
           o.name AS organisation, c.name AS "contactName", c.language
         FROM survey_tokens t
         JOIN survey_invitations i ON i.id = t.invitation_id
         JOIN surveys s ON s.id = i.survey_id
         JOIN missions m ON m.id = s.mission_id
         JOIN participants p ON p.id = i.participant_id
         JOIN organisations o ON o.id = p.organisation_id
         JOIN contacts c ON c.id = i.contact_id
        WHERE t.token_hash = $1`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  /** The participant's answer that counts: its latest before closing. */
  async findLatestAnswer(surveyId: string, participantId: string): Promise<SurveyAnswerRow | null> {
    const rows: SurveyAnswerRow[] = await this.dataSource.query(
      `SELECT r.score, r.comment, r.would_join_again AS "wouldJoinAgain", r.b2b_useful AS "b2bUseful", r.received_at AS "receivedAt"
         FROM survey_responses r JOIN surveys s ON s.id = r.survey_id
        WHERE r.survey_id = $1 AND r.participant_id = $2 AND r.received_at < s.closes_at
        ORDER BY r.received_at DESC LIMIT 1`,
      [surveyId, participantId],
    );
    return rows[0] ?? null;
  }

  async insertAnswer(manager: EntityManager, answer: NewSurveyAnswer): Promise<void> {
    await manager.query(
      `INSERT INTO survey_responses (survey_id, participant_id, invitation_id, score, comment, would_join_again, b2b_useful, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [answer.surveyId, answer.participantId, answer.invitationId, answer.score, answer.comment, answer.wouldJoinAgain, answer.b2bUseful, answer.receivedAt],
    );
  }

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
