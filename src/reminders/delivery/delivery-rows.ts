import type { DataSource } from 'typeorm';

/**
 * The delivery life of a message row, shared by every table of messages the workers send
 * (reminders, survey_messages): planned → claimed by exactly one worker ('sending') → sent,
 * skipped, or back to planned at a later time after a failed attempt, failed for good at last.
 * Each table has the same delivery columns and an enum type of the same statuses.
 */
export type DeliveryTable = 'reminders' | 'survey_messages';

const STATUS_TYPE: Record<DeliveryTable, string> = { reminders: 'reminder_status', survey_messages: 'survey_message_status' };

export interface DueRow {
  id: string;
  fireAt: Date;
  attempts: number;
}

/**
 * The base of each table's delivery repository: its claim and outcomes are these statements,
 * the claimed row given back as `fromRow` makes it.
 */
export class DeliveryRows<Row> {
  constructor(
    protected readonly dataSource: DataSource,
    private readonly table: DeliveryTable,
    private readonly fromRow: (raw: Record<string, unknown>) => Row,
  ) {}

  /**
   * Takes one due row for sending, atomically: of any number of workers (or deliveries of the
   * same job) exactly one gets the row. A claim older than the lease belongs to a worker that
   * died, and may be taken over.
   */
  async claim(id: string, now: Date, leaseSeconds: number): Promise<Row | null> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [rows]: [Record<string, unknown>[], number] = await this.dataSource.query(
      `UPDATE ${this.table} SET status = 'sending', attempts = attempts + 1, claimed_at = $2, updated_at = now(), version = version + 1
        WHERE id = $1 AND ((status = 'planned' AND fire_at <= $2) OR (status = 'sending' AND claimed_at < $2::timestamptz - make_interval(secs => $3)))
        RETURNING *`,
      [id, now, leaseSeconds],
    );
    return rows[0] ? this.fromRow(rows[0]) : null;
  }

  async markSent(id: string, sentAt: Date, messageId: string, subject: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.table} SET status = 'sent', sent_at = $2, message_id = $3, subject = $4, last_error = NULL, updated_at = now(), version = version + 1 WHERE id = $1 AND status = 'sending'`,
      [id, sentAt, messageId, subject],
    );
  }

  async markSkipped(id: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.table} SET status = 'skipped', reason = $2, updated_at = now(), version = version + 1 WHERE id = $1 AND status = 'sending'`,
      [id, reason],
    );
  }

  /** After a failed attempt: back to planned at a later time, or failed for good. */
  async markAttemptFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
    const status = STATUS_TYPE[this.table];
    await this.dataSource.query(
      `UPDATE ${this.table} SET status = CASE WHEN $3::timestamptz IS NULL THEN 'failed'::${status} ELSE 'planned'::${status} END,
          fire_at = COALESCE($3::timestamptz, fire_at), last_error = $2, claimed_at = NULL, updated_at = now(), version = version + 1
        WHERE id = $1 AND status = 'sending'`,
      [id, error.slice(0, 2000), retryAt],
    );
  }

  /** Rows that should have gone out by now and have no live claim: the sweep wakes workers for them. */
  async findOverdueUnsent(now: Date, leaseSeconds: number, limit: number, after?: Pick<DueRow, 'id' | 'fireAt'>): Promise<DueRow[]> {
    const rows: { id: string; fire_at: Date; attempts: number }[] = await this.dataSource.query(
      `SELECT id, fire_at, attempts FROM ${this.table}
        WHERE status IN ('planned', 'sending') AND fire_at <= $1
          AND (status = 'planned' OR claimed_at < $1::timestamptz - make_interval(secs => $2))
          AND ($4::timestamptz IS NULL OR (fire_at, id) > ($4::timestamptz, $5::uuid))
        ORDER BY fire_at, id LIMIT $3`,
      [now, leaseSeconds, limit, after?.fireAt ?? null, after?.id ?? null],
    );
    return rows.map((row) => ({ id: row.id, fireAt: row.fire_at, attempts: row.attempts }));
  }
}
