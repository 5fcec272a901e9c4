import pg from 'pg';

const LOCK = "hashtext('mission-crm tests: the whole machine')";

/**
 * Tests whose assertions include timing under load (the fault test: reminders no later than a
 * bound while workers are killed) take the machine to themselves; tests that load it heavily
 * without timing bounds (a browser) share it with each other but not with those. A PostgreSQL
 * advisory lock on the tests' server, held by one connection for the test file's life.
 */
export async function takeTurn(kind: 'alone' | 'shared'): Promise<() => Promise<void>> {
  const url = process.env.TEST_ADMIN_DATABASE_URL;
  if (!url) throw new Error('TEST_ADMIN_DATABASE_URL is not set: run the tests through jest (test/support/global-setup.ts)');
  const client = new pg.Client({ connectionString: url, application_name: `mission-crm test turn (${kind})` });
  await client.connect();
  await client.query(`SELECT ${kind === 'alone' ? 'pg_advisory_lock' : 'pg_advisory_lock_shared'}(${LOCK})`);
  return async () => {
    await client.query(`SELECT ${kind === 'alone' ? 'pg_advisory_unlock' : 'pg_advisory_unlock_shared'}(${LOCK})`);
    await client.end();
  };
}
