import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { JwtService } from '@nestjs/jwt';
import pg from 'pg';
import { benchServerUrl, createScratchDatabase, openSession } from './scratch-database.js';
import { createApp } from '../src/bootstrap.js';
import { loadEnvironment } from '../src/config/environment.js';
import { runMigrations } from '../src/database/data-source.js';

/**
 * The mission report of a large mission (npm run bench:report): 300 participants with two
 * delegates each, 5,000 meetings (B2B, official, seminars) with their parties, 2,000 follow-up
 * actions of which half changed status after the mission (audit entries the as-of status is
 * read from), 250 survey answers; beside it 200 other missions with 100,000 meetings and
 * 100,000 actions, so that the indexes have something to do. Needs DATABASE_URL of a server
 * where it may create (and then drop) a scratch database. Prints the median and 95th percentile
 * of whole HTTP round trips, one request at a time.
 */
const RUNS = Number(process.env.RUNS ?? 30);
const PARTICIPANTS = 300;
const MEETINGS = 5000;
const ACTIONS = 2000;
const adminUrl = benchServerUrl();

const scratch = await createScratchDatabase(adminUrl);
const databaseUrl = scratch.url;

async function load(): Promise<string> {
  await runMigrations({ url: databaseUrl });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const started = Date.now();
  await db.query(`INSERT INTO users (email, name, role) SELECT 'officer' || i || '@fit.example', 'Officer ' || i, 'officer' FROM generate_series(1, 20) i`);
  await db.query(`CREATE TEMP TABLE u AS SELECT row_number() OVER () AS n, id FROM users`);
  await db.query(`INSERT INTO missions (code, title, type, host_countries, cities, start_date, end_date, time_zone, status, focus_sectors, organiser)
    SELECT 'M-' || i, 'Mission ' || i, 'economic_mission', ARRAY['VN']::char(2)[], ARRAY['Hanoi', 'Ho Chi Minh City'], DATE '2023-09-11' - i * 30, DATE '2023-09-16' - i * 30,
      'Asia/Ho_Chi_Minh', 'completed', ARRAY['logistics', 'cleantech'], 'Flanders Investment & Trade'
    FROM generate_series(0, 200) i`);
  const missionId = (await db.query<{ id: string }>(`SELECT id FROM missions WHERE code = 'M-0'`)).rows[0].id;
  await db.query(`CREATE TEMP TABLE m AS SELECT row_number() OVER (ORDER BY code) AS n, id FROM missions WHERE code <> 'M-0'`);
  // The delegation's companies and the counterparts they meet.
  await db.query(`INSERT INTO organisations (name, kind, country, sectors, synthetic)
    SELECT 'Flemish company ' || i, 'company', 'BE', ARRAY[(ARRAY['logistics','ports','cleantech','water','digital'])[1 + i % 5]], true FROM generate_series(1, ${PARTICIPANTS}) i`);
  await db.query(`INSERT INTO organisations (name, kind, country, sectors, synthetic)
    SELECT 'Counterpart ' || i, (ARRAY['company','company','government_body'])[1 + i % 3]::organisation_kind, 'VN', ARRAY['ports'], true FROM generate_series(1, 1000) i`);
  await db.query(`CREATE TEMP TABLE be AS SELECT row_number() OVER (ORDER BY name) AS n, id FROM organisations WHERE country = 'BE'`);
  await db.query(`CREATE TEMP TABLE vn AS SELECT row_number() OVER (ORDER BY name) AS n, id FROM organisations WHERE country = 'VN'`);
  await db.query(`INSERT INTO contacts (organisation_id, name, email, synthetic)
    SELECT be.id, 'Delegate ' || be.n || '-' || d, 'delegate' || be.n || '-' || d || '@company.example', true FROM be CROSS JOIN generate_series(1, 2) d`);
  await db.query(
    `INSERT INTO participants (mission_id, organisation_id, sectors, satisfaction_score, satisfaction_comment, synthetic, created_at, updated_at)
    SELECT $1, be.id, ARRAY['logistics'], CASE WHEN be.n % 6 <> 0 THEN 3 + be.n % 3 END, CASE WHEN be.n % 6 <> 0 THEN 'Comment ' || be.n END, true,
      TIMESTAMPTZ '2023-08-01', TIMESTAMPTZ '2023-08-01' FROM be`,
    [missionId],
  );
  await db.query(
    `INSERT INTO participant_delegates (participant_id, contact_id) SELECT p.id, c.id FROM participants p JOIN contacts c ON c.organisation_id = p.organisation_id`,
  );
  await db.query(
    `INSERT INTO meetings (mission_id, kind, title, starts_at, attendee_count, synthetic)
    SELECT $1, CASE WHEN i % 100 = 0 THEN 'official' WHEN i % 500 = 1 THEN 'seminar' ELSE 'b2b' END::meeting_kind, 'Meeting ' || i,
      TIMESTAMPTZ '2023-09-11 02:00Z' + ((i % 6) || ' days')::interval + ((i % 10) || ' hours')::interval, CASE WHEN i % 500 = 1 THEN 120 END, true
    FROM generate_series(1, ${MEETINGS}) i`,
    [missionId],
  );
  await db.query(`INSERT INTO meetings (mission_id, kind, title, starts_at, synthetic)
    SELECT m.id, 'b2b', 'Other meeting ' || i, TIMESTAMPTZ '2015-01-01' + (i || ' minutes')::interval, true FROM generate_series(1, 100000) i JOIN m ON m.n = 1 + i % 200`);
  await db.query(`INSERT INTO meeting_organisations (meeting_id, organisation_id, side)
    SELECT x.id, be.id, 'delegation' FROM (SELECT id, row_number() OVER () AS n FROM meetings) x JOIN be ON be.n = 1 + x.n % ${PARTICIPANTS}`);
  await db.query(`INSERT INTO meeting_organisations (meeting_id, organisation_id, side)
    SELECT x.id, vn.id, 'counterpart' FROM (SELECT id, row_number() OVER () AS n FROM meetings) x JOIN vn ON vn.n = 1 + x.n % 1000`);
  await db.query(
    `INSERT INTO agreements (type, title, mission_id, signed_on, status, themes)
    SELECT 'mou', 'MoU ' || i, $1, CASE WHEN i % 3 <> 0 THEN DATE '2023-09-12' END, CASE WHEN i % 3 <> 0 THEN 'signed' ELSE 'planned' END::agreement_status, ARRAY['ports']
    FROM generate_series(1, 20) i`,
    [missionId],
  );
  await db.query(`INSERT INTO agreement_parties (agreement_id, organisation_id)
    SELECT a.id, o.id FROM (SELECT id, row_number() OVER () AS n FROM agreements) a JOIN (SELECT id, n FROM be UNION ALL SELECT id, n + 10000 FROM vn) o ON o.n IN (a.n, a.n + 10000)`);
  const recorded = '2023-09-18T08:00:00Z';
  await db.query(
    `INSERT INTO actions (title, kind, mission_id, owner_id, status, due_from, due_to, due_precision, due_label, created_at, updated_at, completed_at)
    SELECT 'Follow-up ' || i, 'follow_up_meeting', $1, u.id, (ARRAY['open','in_progress','done','done','cancelled']::action_status[])[1 + i % 5],
      DATE '2023-10-01' + (i % 300), DATE '2023-10-01' + (i % 300) + 30, 'range', 'autumn 2023', $2, $2, CASE WHEN i % 5 IN (2, 3) THEN TIMESTAMPTZ '2024-01-15' END
    FROM generate_series(1, ${ACTIONS}) i JOIN u ON u.n = 1 + i % 20`,
    [missionId, recorded],
  );
  await db.query(`INSERT INTO actions (title, kind, mission_id, owner_id, status, due_from, due_to, due_precision)
    SELECT 'Other follow-up ' || i, 'other', m.id, u.id, 'open', DATE '2015-01-01' + (i % 3000), DATE '2015-01-01' + (i % 3000) + 30, 'range'
    FROM generate_series(1, 100000) i JOIN m ON m.n = 1 + i % 200 JOIN u ON u.n = 1 + i % 20`);
  await db.query(
    `INSERT INTO action_organisations (action_id, organisation_id)
    SELECT a.id, be.id FROM (SELECT id, row_number() OVER () AS n FROM actions WHERE mission_id = $1) a JOIN be ON be.n = 1 + a.n % ${PARTICIPANTS}`,
    [missionId],
  );
  // Half the mission's actions changed status after the mission: the report reads what they were before.
  await db.query(
    `INSERT INTO audit_entries (occurred_at, action, entity, entity_id, changes)
    SELECT TIMESTAMPTZ '2024-01-15', 'update', 'action', a.id, jsonb_build_object('status', jsonb_build_object('before', 'open', 'after', a.status))
      FROM actions a WHERE a.mission_id = $1 AND a.status IN ('done', 'cancelled')`,
    [missionId],
  );
  await db.query(
    `INSERT INTO audit_entries (occurred_at, action, entity, entity_id, changes)
    SELECT TIMESTAMPTZ '2020-01-01' + (i || ' minutes')::interval, 'update', 'action', a.id, '{"title": {"before": "a", "after": "b"}}'
      FROM (SELECT id, row_number() OVER () AS n FROM actions WHERE mission_id <> $1) a CROSS JOIN generate_series(1, 2) i`,
    [missionId],
  );
  await db.query(
    `INSERT INTO surveys (mission_id, closes_on, closes_at, reminder_days_before, created_at) VALUES ($1, DATE '2023-10-06', TIMESTAMPTZ '2023-10-06 22:00Z', 3, TIMESTAMPTZ '2023-09-18')`,
    [missionId],
  );
  await db.query(`INSERT INTO survey_invitations (survey_id, participant_id, contact_id, created_at)
    SELECT s.id, p.id, d.contact_id, TIMESTAMPTZ '2023-09-18' FROM surveys s JOIN participants p ON p.mission_id = s.mission_id JOIN participant_delegates d ON d.participant_id = p.id`);
  await db.query(`INSERT INTO survey_responses (survey_id, participant_id, invitation_id, score, comment, would_join_again, b2b_useful, received_at)
    SELECT i.survey_id, i.participant_id, i.id, 3 + x.n % 3, 'Answer ' || x.n, x.n % 7 <> 0, x.n % 4 <> 0, TIMESTAMPTZ '2023-09-19' + (x.n || ' minutes')::interval
      FROM (SELECT id, row_number() OVER () AS n FROM (SELECT DISTINCT ON (participant_id) id FROM survey_invitations ORDER BY participant_id, id) first) x
      JOIN survey_invitations i ON i.id = x.id WHERE x.n <= 250`);
  await db.query('ANALYZE');
  process.stdout.write(`loaded in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  await db.end();
  return missionId;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

try {
  const missionId = await load();
  const environment = loadEnvironment({
    NODE_ENV: 'production',
    ROLE: 'api',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    DEFAULT_TIME_ZONE: 'Europe/Brussels',
    JWT_SECRET: randomBytes(32).toString('hex'),
  });
  const app = await createApp(environment, databaseUrl);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const userId = (await db.query<{ id: string }>('SELECT id FROM users LIMIT 1')).rows[0].id;
  // An access token belongs to a session (a live refresh token's family), as a sign-in gives.
  const sessionId = await openSession(db, userId);
  await db.end();
  const authorization = `Bearer ${await app.get(JwtService).signAsync({ sub: userId, role: 'officer', typ: 'access', sid: sessionId }, { algorithm: 'HS256', expiresIn: 3600 })}`;
  const base = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/api/v1/missions/${missionId}`;

  const scenarios: [string, string, string][] = [
    ['report as of 22 Sep 2023, JSON', 'report?asOf=2023-09-22', 'application/json'],
    ['report as of today, JSON', 'report', 'application/json'],
    ['report as of 22 Sep 2023, Markdown (nl)', 'report?asOf=2023-09-22&lang=nl', 'text/markdown'],
    ['report as of 22 Sep 2023, HTML (en)', 'report?asOf=2023-09-22&lang=en', 'text/html'],
    ['summary as of 22 Sep 2023', 'summary?asOf=2023-09-22', 'application/json'],
  ];
  const rows: string[] = [];
  let sample:
    | { meetings: { total: number }; actions: { total: number; byStatus: Record<string, number> }; delegation: { total: number }; survey: { answered: number } }
    | undefined;
  for (const [label, path, accept] of scenarios) {
    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run < RUNS + 3; run += 1) {
      const started = performance.now();
      const response = await fetch(`${base}/${path}`, { headers: { authorization, accept } });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${text}`);
      if (run >= 3) times.push(performance.now() - started); // the first runs warm caches
      bytes = text.length;
      if (path === 'report?asOf=2023-09-22' && accept === 'application/json') sample = JSON.parse(text) as typeof sample;
    }
    times.sort((a, b) => a - b);
    rows.push(`| ${label} | \`${path}\` | ${(bytes / 1024).toFixed(0)} KiB | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`);
  }
  await app.close();
  process.stdout.write(`\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
  process.stdout.write(
    `report of a mission with ${sample?.delegation.total} participants, ${sample?.meetings.total} meetings, ${sample?.actions.total} actions ${JSON.stringify(sample?.actions.byStatus)} as of 22 Sep 2023, ${sample?.survey.answered} survey answers; ${RUNS} requests each, one at a time\n\n`,
  );
  process.stdout.write('| request | path | size | median ms | p95 ms |\n| --- | --- | --- | --- | --- |\n');
  process.stdout.write(`${rows.join('\n')}\n`);
} finally {
  if (process.env.KEEP) {
    process.stdout.write(`kept ${databaseUrl}\n`);
    await scratch.keep();
  } else await scratch.drop();
}
