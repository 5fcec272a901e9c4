import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock.service.js';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/**
 * The middle test layer: services and repositories against a real, migrated PostgreSQL of
 * their own, without HTTP. Built by hand with `new`, as Nest would inject them, so a test
 * sees exactly the SQL the service runs and can put the database in any state first.
 */
export interface TestData {
  dataSource: DataSource;
  clock: TestClock;
  /** Rows as the tests need them, in SQL: any state, also those the API would refuse to reach. */
  rows: RowMaker;
  close(): Promise<void>;
}

/** A clock the test sets: schedules and claims are tested to the minute. */
export class TestClock extends Clock {
  constructor(private current: Date) {
    super();
  }

  override now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant);
  }
}

export interface RowMaker {
  user(fields?: { name?: string; timeZone?: string; role?: 'admin' | 'officer' | 'viewer'; reminderMode?: 'each' | 'digest' }): Promise<string>;
  mission(fields?: { ownerId?: string | null; code?: string }): Promise<string>;
  action(fields: {
    missionId: string;
    ownerId?: string | null;
    status?: string;
    dueFrom?: string | null;
    dueTo?: string | null;
    title?: string;
  }): Promise<string>;
  reminder(fields: {
    actionId: string;
    recipientId: string;
    kind: string;
    fireAt: Date;
    status?: string;
    occurrence?: number;
    claimedAt?: Date | null;
    attempts?: number;
  }): Promise<string>;
}

let made = 0;

export async function openTestData(now: Date | string = '2023-09-18T08:00:00Z'): Promise<TestData> {
  const database: TestDatabase = await createTestDatabase();
  const dataSource = new DataSource(dataSourceOptions({ url: database.url, poolSize: 12 }));
  await dataSource.initialize();
  const one = async (sql: string, parameters: unknown[]): Promise<string> => (await dataSource.query<{ id: string }[]>(sql, parameters))[0].id;
  const rows: RowMaker = {
    user: ({ name = `User ${++made}`, timeZone = 'Europe/Brussels', role = 'officer', reminderMode = 'each' } = {}) =>
      one(`INSERT INTO users (email, name, role, time_zone, reminder_mode) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
        `user-${++made}@mission-crm.test`,
        name,
        role,
        timeZone,
        reminderMode,
      ]),
    mission: ({ ownerId = null, code = `M-${++made}` } = {}) =>
      one(
        `INSERT INTO missions (code, title, type, host_countries, start_date, end_date, time_zone, status, owner_id)
         VALUES ($1, 'Economic mission to Vietnam', 'economic_mission', ARRAY['VN']::char(2)[], '2023-09-11', '2023-09-16', 'Asia/Ho_Chi_Minh', 'completed', $2) RETURNING id`,
        [code, ownerId],
      ),
    action: ({ missionId, ownerId = null, status = 'open', dueFrom = null, dueTo = null, title = `Follow-up ${++made}` }) =>
      one(
        `INSERT INTO actions (title, kind, mission_id, owner_id, status, due_from, due_to, due_precision)
         VALUES ($1, 'other', $2, $3, $4, $5, $6, CASE WHEN $6::date IS NULL THEN NULL ELSE 'range'::due_precision END) RETURNING id`,
        [title, missionId, ownerId, status, dueFrom, dueTo],
      ),
    reminder: ({ actionId, recipientId, kind, fireAt, status = 'planned', occurrence = 0, claimedAt = null, attempts = 0 }) =>
      one(
        `INSERT INTO reminders (action_id, recipient_id, kind, fire_at, status, occurrence, claimed_at, attempts) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [actionId, recipientId, kind, fireAt, status, occurrence, claimedAt, attempts],
      ),
  };
  return {
    dataSource,
    clock: new TestClock(new Date(now)),
    rows,
    close: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
