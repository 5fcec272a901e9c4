import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ContactLanguage } from '../../contacts/contact.entity.js';
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

const fromRaw = (raw: Record<string, unknown>): SurveyMessage =>
  Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()), value]),
  ) as unknown as SurveyMessage;

/**
 * Delivery of survey e-mails, the reminders' way (see RemindersRepository): the row decides
 * whether anything is sent, one atomic UPDATE claims it, a claim older than the lease belongs to
 * a dead worker and is taken over, and a failure goes back to planned with a later fire time.
 */
@Injectable()
export class SurveyMessagesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async claim(id: string, now: Date, leaseSeconds: number): Promise<SurveyMessage | null> {
    const [rows]: [Record<string, unknown>[], number] = await this.dataSource.query(
      `UPDATE survey_messages SET status = 'sending', attempts = attempts + 1, claimed_at = $2, updated_at = now(), version = version + 1
        WHERE id = $1 AND ((status = 'planned' AND fire_at <= $2) OR (status = 'sending' AND claimed_at < $2::timestamptz - make_interval(secs => $3)))
        RETURNING *`,
      [id, now, leaseSeconds],
    );
    return rows[0] ? fromRaw(rows[0]) : null;
  }

  async markSent(id: string, sentAt: Date, messageId: string, subject: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE survey_messages SET status = 'sent', sent_at = $2, message_id = $3, subject = $4, last_error = NULL, updated_at = now(), version = version + 1 WHERE id = $1 AND status = 'sending'`,
      [id, sentAt, messageId, subject],
    );
  }

  async markSkipped(id: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE survey_messages SET status = 'skipped', reason = $2, updated_at = now(), version = version + 1 WHERE id = $1 AND status = 'sending'`,
      [id, reason],
    );
  }

  async markAttemptFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE survey_messages SET status = CASE WHEN $3::timestamptz IS NULL THEN 'failed'::survey_message_status ELSE 'planned'::survey_message_status END,
          fire_at = COALESCE($3::timestamptz, fire_at), last_error = $2, claimed_at = NULL, updated_at = now(), version = version + 1
        WHERE id = $1 AND status = 'sending'`,
      [id, error.slice(0, 2000), retryAt],
    );
  }

  /** Messages that should have gone out by now and have no live claim: the sweep wakes workers for them. */
  async findOverdueUnsent(
    now: Date,
    leaseSeconds: number,
    limit: number,
    after?: Pick<SurveyMessage, 'id' | 'fireAt'>,
  ): Promise<Pick<SurveyMessage, 'id' | 'fireAt' | 'attempts'>[]> {
    const rows: { id: string; fire_at: Date; attempts: number }[] = await this.dataSource.query(
      `SELECT id, fire_at, attempts FROM survey_messages
        WHERE status IN ('planned', 'sending') AND fire_at <= $1
          AND (status = 'planned' OR claimed_at < $1::timestamptz - make_interval(secs => $2))
          AND ($4::timestamptz IS NULL OR (fire_at, id) > ($4::timestamptz, $5::uuid))
        ORDER BY fire_at, id LIMIT $3`,
      [now, leaseSeconds, limit, after?.fireAt ?? null, after?.id ?? null],
    );
    return rows.map((row) => ({ id: row.id, fireAt: row.fire_at, attempts: row.attempts }));
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
