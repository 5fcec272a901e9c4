import pg from 'pg';
import { runMigrations } from '../src/database/data-source.js';

/**
 * The large data set of the list benches, in a fresh database: `rows` follow-up actions and as
 * many meetings over 500 missions, 5,000 organisations and 100 officers, each action with one
 * organisation and one watcher, each meeting with one delegation organisation; with `contacts`,
 * as many contacts too. One in a thousand titles and names is written with Vietnamese accents,
 * for accent-blind search to find. Generated in SQL.
 */
export async function loadLargeData(databaseUrl: string, rows: number, { contacts = false }: { contacts?: boolean } = {}): Promise<void> {
  await runMigrations({ url: databaseUrl });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const started = Date.now();
  const missions = 500;
  const organisations = 5000;
  const users = 100;
  await db.query(
    `INSERT INTO users (email, name, role) SELECT 'officer' || i || '@fit.example', 'Officer ' || i, 'officer' FROM generate_series(1, ${users}) i`,
  );
  await db.query(
    `INSERT INTO organisations (name, kind, country, sectors) SELECT 'Company ' || i, 'company', (ARRAY['BE','VN','JP','US','DE'])[1 + i % 5], ARRAY[(ARRAY['logistics','ports','cleantech','education'])[1 + i % 4]] FROM generate_series(1, ${organisations}) i`,
  );
  await db.query(`INSERT INTO missions (code, title, type, host_countries, start_date, end_date, time_zone, status)
    SELECT 'M-' || i, 'Mission ' || i, 'economic_mission', ARRAY[(ARRAY['VN','JP','US','DE'])[1 + i % 4]]::char(2)[], DATE '2015-01-01' + i * 7, DATE '2015-01-01' + i * 7 + 5, 'Asia/Ho_Chi_Minh', 'completed'
    FROM generate_series(1, ${missions}) i`);
  await db.query(`CREATE TEMP TABLE m AS SELECT row_number() OVER () AS n, id FROM missions`);
  await db.query(`CREATE TEMP TABLE u AS SELECT row_number() OVER () AS n, id FROM users`);
  await db.query(`CREATE TEMP TABLE o AS SELECT row_number() OVER () AS n, id FROM organisations`);
  await db.query(`INSERT INTO meetings (mission_id, kind, title, starts_at, synthetic)
    SELECT m.id, (ARRAY['b2b','b2b','b2b','official','seminar']::meeting_kind[])[1 + i % 5], 'Meeting ' || i || (CASE WHEN i % 1000 = 0 THEN ' với ông Nguyễn' ELSE '' END), TIMESTAMPTZ '2015-01-01' + (i || ' minutes')::interval * 5, true
    FROM generate_series(1, ${rows}) i JOIN m ON m.n = 1 + i % ${missions}`);
  await db.query(`INSERT INTO meeting_organisations (meeting_id, organisation_id, side)
    SELECT x.id, o.id, 'delegation' FROM (SELECT id, row_number() OVER () AS n FROM meetings) x JOIN o ON o.n = 1 + x.n % ${organisations}`);
  await db.query(`INSERT INTO actions (title, kind, mission_id, owner_id, status, due_from, due_to, due_precision)
    SELECT 'Follow-up ' || i || (CASE WHEN i % 10 = 0 THEN ' visit' ELSE '' END) || (CASE WHEN i % 1000 = 0 THEN ' Hải Phòng' ELSE '' END), 'other', m.id, u.id,
      (ARRAY['open','in_progress','done','done','cancelled']::action_status[])[1 + i % 5],
      DATE '2015-01-01' + (i % 4000), DATE '2015-01-01' + (i % 4000) + 30, 'range'
    FROM generate_series(1, ${rows}) i JOIN m ON m.n = 1 + i % ${missions} JOIN u ON u.n = 1 + i % ${users}`);
  await db.query(`INSERT INTO action_organisations (action_id, organisation_id)
    SELECT x.id, o.id FROM (SELECT id, row_number() OVER () AS n FROM actions) x JOIN o ON o.n = 1 + x.n % ${organisations}`);
  await db.query(`INSERT INTO action_watchers (action_id, user_id)
    SELECT x.id, u.id FROM (SELECT id, row_number() OVER () AS n FROM actions) x JOIN u ON u.n = 1 + (x.n + 1) % ${users}`);
  if (contacts) {
    await db.query(`INSERT INTO contacts (organisation_id, name, email, synthetic)
      SELECT o.id, CASE WHEN i % 1000 = 0 THEN 'Nguyễn Văn ' || i ELSE 'Contact ' || i END, 'contact' || i || '@example.vn', true
      FROM generate_series(1, ${rows}) i JOIN o ON o.n = 1 + i % ${organisations}`);
  }
  // As autovacuum leaves a table that has stood a while: statistics, and a visibility map that lets counts read the index alone.
  await db.query('VACUUM ANALYZE');
  process.stdout.write(
    `loaded ${rows} actions, ${rows} meetings${contacts ? ` and ${rows} contacts` : ''} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
  );
  await db.end();
}
