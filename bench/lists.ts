import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { loadLargeData } from './large-data.js';
import { benchServerUrl, createScratchDatabase, openSession } from './scratch-database.js';
import { createApp } from '../src/bootstrap.js';
import { loadEnvironment } from '../src/config/environment.js';

/**
 * List endpoints over a large data set: a million follow-up actions, a million meetings and
 * a million contacts (npm run bench:lists; ROWS=… to change the size), one in a thousand
 * written with Vietnamese accents so that accent-blind search has something to find. Needs
 * DATABASE_URL of a server where it may create (and then drop) a scratch database. Prints
 * medians and 95th percentiles of whole HTTP round trips, one request at a time; then what
 * the per-request session check costs: the same requests to a second service that checks
 * every token against the database (SESSION_CHECK_CACHE_MS=0) and to the default one,
 * alternating.
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
  if (scratch) await loadLargeData(databaseUrl, ROWS, { contacts: true });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const pick = async (sql: string): Promise<string> => (await db.query<{ id: string }>(sql)).rows[0].id;
  const missionId = await pick('SELECT id FROM missions ORDER BY code LIMIT 1');
  const ownerId = await pick('SELECT id FROM users ORDER BY email LIMIT 1');
  const organisationId = await pick('SELECT id FROM organisations ORDER BY name LIMIT 1');
  const sessionId = await openSession(db, ownerId);
  await db.end();

  const jwtSecret = randomBytes(32).toString('hex');
  /** A service on the scratch database; both share the key, so one token serves both. */
  const serve = async (extra: Record<string, string>): Promise<{ app: NestFastifyApplication; base: string }> => {
    const environment = loadEnvironment({
      NODE_ENV: 'production',
      ROLE: 'api',
      LOG_LEVEL: 'silent',
      DATABASE_URL: databaseUrl,
      DEFAULT_TIME_ZONE: 'Europe/Brussels',
      JWT_SECRET: jwtSecret,
      ...extra,
    });
    const app = await createApp(environment, databaseUrl);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { app, base: `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/api/v1` };
  };
  const { app, base } = await serve(process.env.SESSION_CHECK_CACHE_MS === undefined ? {} : { SESSION_CHECK_CACHE_MS: process.env.SESSION_CHECK_CACHE_MS });
  const uncached = await serve({ SESSION_CHECK_CACHE_MS: '0' });
  // The requests are an officer's: an access token signed with the services' own key.
  const authorization = `Bearer ${await app.get(JwtService).signAsync({ sub: ownerId, role: 'officer', typ: 'access', sid: sessionId }, { algorithm: 'HS256', expiresIn: 3600 })}`;
  const timedRequest = async (url: string): Promise<{ ms: number; total: number; estimate: boolean }> => {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization } });
    const body = (await response.json()) as { total: number; totalIsEstimate?: boolean };
    if (response.status !== 200) throw new Error(`${url}: ${response.status} ${JSON.stringify(body)}`);
    return { ms: performance.now() - started, total: body.total, estimate: body.totalIsEstimate === true };
  };

  const scenarios: [string, string][] = [
    ['actions, first page (sorted by due date)', 'actions'],
    ['actions by status', 'actions?status=open,in_progress&sort=dueTo'],
    ['actions by owner', `actions?ownerId=${ownerId}`],
    ['actions by mission', `actions?missionId=${missionId}`],
    ['actions by organisation', `actions?organisationId=${organisationId}`],
    ['overdue actions', 'actions?overdue=true'],
    ['actions due in a window', 'actions?dueAfter=2020-01-01&dueBefore=2020-03-31'],
    ['actions, text search', 'actions?q=visit'],
    ['actions, accent-blind search', 'actions?q=hai%20phong'],
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
    ['meetings, accent-blind search', 'meetings?q=ong%20nguyen'],
    ['contacts, first page (by name)', 'contacts'],
    ['contacts, accent-blind search', 'contacts?q=nguyen%20van'],
    ['contacts, search by e-mail', 'contacts?q=contact4242%40'],
    // Little work beyond checking the token: shows what the check of each request costs.
    ['one mission by id', `missions/${missionId}`],
  ];
  const rows: string[] = [];
  for (const [label, path] of scenarios) {
    const times: number[] = [];
    let total = 0;
    let estimated = false;
    for (let run = 0; run < RUNS + 3; run += 1) {
      const { ms, total: answered, estimate } = await timedRequest(`${base}/${path}`);
      if (run >= 3) times.push(ms); // the first runs warm caches
      total = answered;
      estimated = estimate;
    }
    times.sort((a, b) => a - b);
    rows.push(
      `| ${label} | \`${path.replace(/[0-9a-f-]{36}/, '{id}')}\` | ${total ?? 1}${estimated ? ' (estimate)' : ''} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`,
    );
  }
  // The session check alone: the same requests, alternating between the two services.
  const checks: string[] = [];
  for (const [label, path] of [scenarios.at(-1)!, scenarios.find(([, path]) => path.startsWith('actions?ownerId'))!]) {
    const cached: number[] = [];
    const every: number[] = [];
    for (let run = 0; run < RUNS * 2 + 3; run += 1) {
      const a = await timedRequest(`${base}/${path}`);
      const b = await timedRequest(`${uncached.base}/${path}`);
      if (run >= 3) {
        cached.push(a.ms);
        every.push(b.ms);
      }
    }
    const [c, e] = [cached.sort((x, y) => x - y), every.sort((x, y) => x - y)].map((times) => percentile(times, 50));
    checks.push(`| ${label} | ${c.toFixed(2)} | ${e.toFixed(2)} | ${(e - c).toFixed(2)} |`);
  }
  await uncached.app.close();
  await app.close();
  process.stdout.write(`\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
  process.stdout.write(`${ROWS} actions, ${ROWS} meetings, ${ROWS} contacts; ${RUNS} requests each, one at a time\n\n`);
  process.stdout.write('| list | request | total | median ms | p95 ms |\n| --- | --- | --- | --- | --- |\n');
  process.stdout.write(`${rows.join('\n')}\n`);
  process.stdout.write(`\nThe session check: ${RUNS * 2} requests each, alternating\n\n`);
  process.stdout.write(
    '| request | median ms, checked once per 2 s (default) | median ms, checked on every request | cost of the check ms |\n| --- | --- | --- | --- |\n',
  );
  process.stdout.write(`${checks.join('\n')}\n`);
} finally {
  await scratch?.drop();
}
