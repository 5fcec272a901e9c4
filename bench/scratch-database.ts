import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';

/** DATABASE_URL of a PostgreSQL server where a bench may create (and then drop) a database of its own; without it the bench stops. */
export function benchServerUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('set DATABASE_URL to a PostgreSQL server where a scratch database may be created\n');
    process.exit(2);
  }
  return url;
}

export interface ScratchDatabase {
  /** The scratch database's own URL. */
  url: string;
  /** Drops it (forcing out any connection left), and closes the admin connection. */
  drop(): Promise<void>;
  /** Closes the admin connection and keeps the database, for a look afterwards. */
  keep(): Promise<void>;
}

/**
 * A fresh, empty database for one bench run, named mcrm_bench_… (or SCRATCH_DATABASE_PREFIX…,
 * so that benches run side by side on one server are told apart), on the server of `adminUrl`.
 */
export async function createScratchDatabase(adminUrl: string): Promise<ScratchDatabase> {
  const name = `${process.env.SCRATCH_DATABASE_PREFIX ?? 'mcrm_bench_'}${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
    keep: () => admin.end(),
  };
}

/**
 * A session of the user's, as a sign-in leaves one: every request's access token names its
 * session and is checked against it. Returns the session id, for the token's `sid`.
 */
export async function openSession(db: pg.Client, userId: string): Promise<string> {
  const sessionId = randomUUID();
  await db.query(`INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + interval '1 day')`, [
    userId,
    sessionId,
    randomBytes(32).toString('hex'),
  ]);
  return sessionId;
}
