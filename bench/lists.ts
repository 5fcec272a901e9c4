import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { JwtService } from '@nestjs/jwt';
import pg from 'pg';
import { loadLargeData } from './large-data.js';
import { benchServerUrl, createScratchDatabase } from './scratch-database.js';
import { createApp } from '../src/bootstrap.js';
import { loadEnvironment } from '../src/config/environment.js';

/**
 * List endpoints over a large data set: a million follow-up actions and a million
 * meetings (npm run bench:lists; ROWS=… to change the size). Needs DATABASE_URL of a
 * server where it may create (and then drop) a scratch database. Prints medians and
 * 95th percentiles of whole HTTP round trips, one request at a time.
 */
const ROWS = Number(process.env.ROWS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 30);
const adminUrl = benchServerUrl();

// REUSE_DATABASE_URL: a database loaded by an earlier run (as bench:http leaves one with KEEP=1), to skip the load.
const scratch = process.env.REUSE_DATABASE_URL ? undefined : await createScratchDatabase(adminUrl);
const databaseUrl = process.env.REUSE_DATABASE_URL ?? scratch!.url;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

try {
  if (scratch) await loadLargeData(databaseUrl, ROWS);
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
    // Each sort is read from an index: no sort of the whole table (issue #14).
    ['actions, latest due first', 'actions?sort=-dueTo'],
    ['actions by title', 'actions?sort=title'],
    ['actions, newest first', 'actions?sort=-createdAt'],
    ['actions by status, descending', 'actions?sort=-status'],
    ['meetings, first page (sorted by start)', 'meetings'],
    ['meetings by title', 'meetings?sort=title'],
    ['meetings, newest first', 'meetings?sort=-createdAt'],
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
    let estimated = false;
    for (let run = 0; run < RUNS + 3; run += 1) {
      const started = performance.now();
      const response = await fetch(`${base}/${path}`, { headers: { authorization } });
      const body = (await response.json()) as { total: number; totalIsEstimate?: boolean };
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
      if (run >= 3) times.push(performance.now() - started); // the first runs warm caches
      total = body.total;
      estimated = body.totalIsEstimate === true;
    }
    times.sort((a, b) => a - b);
    rows.push(`| ${label} | \`${path.replace(/[0-9a-f-]{36}/, '{id}')}\` | ${total ?? 1}${estimated ? ' (estimate)' : ''} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`);
  }
  await app.close();
  process.stdout.write(`\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
  process.stdout.write(`${ROWS} actions, ${ROWS} meetings; ${RUNS} requests each, one at a time\n\n`);
  process.stdout.write('| list | request | total | median ms | p95 ms |\n| --- | --- | --- | --- | --- |\n');
  process.stdout.write(`${rows.join('\n')}\n`);
} finally {
  await scratch?.drop();
}
