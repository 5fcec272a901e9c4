import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { JwtService } from '@nestjs/jwt';
import pg from 'pg';
import { benchServerUrl, createScratchDatabase } from './scratch-database.js';
import { createApp } from '../src/bootstrap.js';
import { loadEnvironment } from '../src/config/environment.js';
import { runMigrations } from '../src/database/data-source.js';

/**
 * List endpoints over a large data set: a million follow-up actions and a million
 * meetings (npm run bench:lists; ROWS=… to change the size). Needs DATABASE_URL of a
 * server where it may create (and then drop) a scratch database. Prints medians and
 * 95th percentiles of whole HTTP round trips, one request at a time.
 */
const ROWS = Number(process.env.ROWS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 30);
const adminUrl = benchServerUrl();

const scratch = await createScratchDatabase(adminUrl);
const databaseUrl = scratch.url;

async function load(): Promise<void> {
  await runMigrations({ url: databaseUrl });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const started = Date.now();
  const missions = 500;
  const organisations = 5000;
  const users = 100;
  await db.query(`INSERT INTO users (email, name, role) SELECT 'officer' || i || '@fit.example', 'Officer ' || i, 'officer' FROM generate_series(1, ${users}) i`);
  await db.query(`INSERT INTO organisations (name, kind, country, sectors) SELECT 'Company ' || i, 'company', (ARRAY['BE','VN','JP','US','DE'])[1 + i % 5], ARRAY[(ARRAY['logistics','ports','cleantech','education'])[1 + i % 4]] FROM generate_series(1, ${organisations}) i`);
  await db.query(`INSERT INTO missions (code, title, type, host_countries, start_date, end_date, time_zone, status)
    SELECT 'M-' || i, 'Mission ' || i, 'economic_mission', ARRAY[(ARRAY['VN','JP','US','DE'])[1 + i % 4]]::char(2)[], DATE '2015-01-01' + i * 7, DATE '2015-01-01' + i * 7 + 5, 'Asia/Ho_Chi_Minh', 'completed'
    FROM generate_series(1, ${missions}) i`);
  await db.query(`CREATE TEMP TABLE m AS SELECT row_number() OVER () AS n, id FROM missions`);
  await db.query(`CREATE TEMP TABLE u AS SELECT row_number() OVER () AS n, id FROM users`);
  await db.query(`CREATE TEMP TABLE o AS SELECT row_number() OVER () AS n, id FROM organisations`);
  await db.query(`INSERT INTO meetings (mission_id, kind, title, starts_at, synthetic)
    SELECT m.id, (ARRAY['b2b','b2b','b2b','official','seminar']::meeting_kind[])[1 + i % 5], 'Meeting ' || i, TIMESTAMPTZ '2015-01-01' + (i || ' minutes')::interval * 5, true
    FROM generate_series(1, ${ROWS}) i JOIN m ON m.n = 1 + i % ${missions}`);
  await db.query(`INSERT INTO meeting_organisations (meeting_id, organisation_id, side)
    SELECT x.id, o.id, 'delegation' FROM (SELECT id, row_number() OVER () AS n FROM meetings) x JOIN o ON o.n = 1 + x.n % ${organisations}`);
  await db.query(`INSERT INTO actions (title, kind, mission_id, owner_id, status, due_from, due_to, due_precision)
    SELECT 'Follow-up ' || i || (CASE WHEN i % 10 = 0 THEN ' visit' ELSE '' END), 'other', m.id, u.id,
      (ARRAY['open','in_progress','done','done','cancelled']::action_status[])[1 + i % 5],
      DATE '2015-01-01' + (i % 4000), DATE '2015-01-01' + (i % 4000) + 30, 'range'
    FROM generate_series(1, ${ROWS}) i JOIN m ON m.n = 1 + i % ${missions} JOIN u ON u.n = 1 + i % ${users}`);
  await db.query(`INSERT INTO action_organisations (action_id, organisation_id)
    SELECT x.id, o.id FROM (SELECT id, row_number() OVER () AS n FROM actions) x JOIN o ON o.n = 1 + x.n % ${organisations}`);
  await db.query(`INSERT INTO action_watchers (action_id, user_id)
    SELECT x.id, u.id FROM (SELECT id, row_number() OVER () AS n FROM actions) x JOIN u ON u.n = 1 + (x.n + 1) % ${users}`);
  await db.query('ANALYZE');
  process.stdout.write(`loaded ${ROWS} actions and ${ROWS} meetings in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  await db.end();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

try {
  await load();
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const pick = async (sql: string): Promise<string> => ((await db.query<{ id: string }>(sql)).rows[0]).id;
  const missionId = await pick('SELECT id FROM missions ORDER BY code LIMIT 1');
  const ownerId = await pick('SELECT id FROM users ORDER BY email LIMIT 1');
  const organisationId = await pick('SELECT id FROM organisations ORDER BY name LIMIT 1');
  // A session of the officer's, as a sign-in leaves one: every request's token is checked against it.
  const sessionId = randomUUID();
  await db.query(`INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + interval '1 day')`, [
    ownerId,
    sessionId,
    randomBytes(32).toString('hex'),
  ]);
  await db.end();

  const environment = loadEnvironment({
    NODE_ENV: 'production',
    ROLE: 'api',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    DEFAULT_TIME_ZONE: 'Europe/Brussels',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ...(process.env.SESSION_CHECK_CACHE_MS === undefined ? {} : { SESSION_CHECK_CACHE_MS: process.env.SESSION_CHECK_CACHE_MS }),
  });
  const app = await createApp(environment, databaseUrl);
  await app.listen({ port: 0, host: '127.0.0.1' });
  // The requests are an officer's: an access token signed with the app's own key.
  const authorization = `Bearer ${await app.get(JwtService).signAsync({ sub: ownerId, role: 'officer', typ: 'access', sid: sessionId }, { algorithm: 'HS256', expiresIn: 3600 })}`;
  const base = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/api/v1`;

  const scenarios: [string, string][] = [
    ['actions, first page (sorted by due date)', 'actions'],
    ['actions by status', 'actions?status=open,in_progress&sort=dueTo'],
    ['actions by owner', `actions?ownerId=${ownerId}`],
    ['actions by mission', `actions?missionId=${missionId}`],
    ['actions by organisation', `actions?organisationId=${organisationId}`],
    ['overdue actions', 'actions?overdue=true'],
    ['actions due in a window', 'actions?dueAfter=2020-01-01&dueBefore=2020-03-31'],
    ['actions, text search', 'actions?q=visit'],
    ['actions, page 200', 'actions?offset=10000&limit=50'],
    ['meetings, first page (sorted by start)', 'meetings'],
    ['meetings by mission', `meetings?missionId=${missionId}`],
    ['meetings by organisation', `meetings?organisationId=${organisationId}`],
    ['meetings by kind, newest first', 'meetings?kind=official&sort=-startsAt'],
    // Little work beyond checking the token: shows what the check of each request costs.
    ['one mission by id', `missions/${missionId}`],
  ];
  const rows: string[] = [];
  for (const [label, path] of scenarios) {
    const times: number[] = [];
    let total = 0;
    for (let run = 0; run < RUNS + 3; run += 1) {
      const started = performance.now();
      const response = await fetch(`${base}/${path}`, { headers: { authorization } });
      const body = (await response.json()) as { total: number };
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
      if (run >= 3) times.push(performance.now() - started); // the first runs warm caches
      total = body.total;
    }
    times.sort((a, b) => a - b);
    rows.push(`| ${label} | \`${path.replace(/[0-9a-f-]{36}/, '{id}')}\` | ${total ?? 1} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`);
  }
  await app.close();
  process.stdout.write(`\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
  process.stdout.write(`${ROWS} actions, ${ROWS} meetings; ${RUNS} requests each, one at a time\n\n`);
  process.stdout.write('| list | request | total | median ms | p95 ms |\n| --- | --- | --- | --- | --- |\n');
  process.stdout.write(`${rows.join('\n')}\n`);
} finally {
  await scratch.drop();
}
