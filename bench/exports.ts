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
 * CSV export of a million follow-up actions (npm run bench:exports; ROWS=… to change the
 * size): the time of the whole download and the peak resident memory of the process that
 * serves it, sampled every 50 ms. Needs DATABASE_URL of a server where it may create (and
 * then drop) a scratch database.
 */
const ROWS = Number(process.env.ROWS ?? 1_000_000);
const adminUrl = benchServerUrl();

const scratch = await createScratchDatabase(adminUrl);
const databaseUrl = scratch.url;
const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);

async function load(): Promise<void> {
  await runMigrations({ url: databaseUrl });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const started = Date.now();
  await db.query(`INSERT INTO users (email, name, role) SELECT 'officer' || i || '@fit.example', 'Officer ' || i, 'officer' FROM generate_series(1, 100) i`);
  await db.query(`INSERT INTO organisations (name, kind, country) SELECT 'Company ' || i, 'company', 'BE' FROM generate_series(1, 5000) i`);
  await db.query(`INSERT INTO missions (code, title, type, host_countries, start_date, end_date, time_zone, status)
    SELECT 'M-' || i, 'Mission ' || i, 'economic_mission', ARRAY['VN']::char(2)[], DATE '2015-01-01' + i * 7, DATE '2015-01-01' + i * 7 + 5, 'Asia/Ho_Chi_Minh', 'completed'
    FROM generate_series(1, 500) i`);
  await db.query(`CREATE TEMP TABLE m AS SELECT row_number() OVER () AS n, id FROM missions`);
  await db.query(`CREATE TEMP TABLE u AS SELECT row_number() OVER () AS n, id FROM users`);
  await db.query(`CREATE TEMP TABLE o AS SELECT row_number() OVER () AS n, id FROM organisations`);
  await db.query(`INSERT INTO actions (title, kind, description, mission_id, owner_id, status, due_from, due_to, due_precision, due_label)
    SELECT 'Follow-up ' || i, 'other', 'Individual follow-up appointment with a participating company', m.id, u.id,
      (ARRAY['open','in_progress','done','done','cancelled']::action_status[])[1 + i % 5],
      DATE '2015-01-01' + (i % 4000), DATE '2015-01-01' + (i % 4000) + 29, 'month', to_char(DATE '2015-01-01' + (i % 4000), 'YYYY-MM')
    FROM generate_series(1, ${ROWS}) i JOIN m ON m.n = 1 + i % 500 JOIN u ON u.n = 1 + i % 100`);
  await db.query(`INSERT INTO action_organisations (action_id, organisation_id)
    SELECT x.id, o.id FROM (SELECT id, row_number() OVER () AS n FROM actions) x JOIN o ON o.n = 1 + x.n % 5000`);
  await db.query(`INSERT INTO action_watchers (action_id, user_id)
    SELECT x.id, u.id FROM (SELECT id, row_number() OVER () AS n FROM actions) x JOIN u ON u.n = 1 + (x.n + 1) % 100`);
  await db.query('ANALYZE');
  process.stdout.write(`loaded ${ROWS} actions in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  await db.end();
}

try {
  await load();
  const environment = loadEnvironment({
    NODE_ENV: 'production',
    ROLE: 'api',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: randomBytes(32).toString('hex'),
  });
  const app = await createApp(environment, databaseUrl);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const ownerId = (await db.query<{ id: string }>('SELECT id FROM users ORDER BY email LIMIT 1')).rows[0].id;
  // A session of the officer's, as a sign-in leaves one: every request's token is checked against it.
  const sessionId = randomUUID();
  await db.query(`INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + interval '1 day')`, [
    ownerId,
    sessionId,
    randomBytes(32).toString('hex'),
  ]);
  await db.end();
  const authorization = `Bearer ${await app.get(JwtService).signAsync({ sub: ownerId, role: 'officer', typ: 'access', sid: sessionId }, { algorithm: 'HS256', expiresIn: 3600 })}`;
  const base = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/api/v1`;

  const results: string[] = [];
  for (const [label, path] of [
    ['all actions, by due date', 'actions'],
    ['open and in progress, newest first', 'actions?status=open,in_progress&sort=-createdAt'],
  ] as const) {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const started = performance.now();
    const response = await fetch(`${base}/${path}`, { headers: { authorization, accept: 'text/csv' } });
    if (response.status !== 200 || !response.body) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const byte of chunk) if (byte === 10) lines += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    results.push(
      `| ${label} | \`${path}\` | ${lines - 1} | ${mib(bytes)} | ${seconds.toFixed(1)} | ${((lines - 1) / seconds).toFixed(0)} | ${mib(before)} | ${mib(peak)} |`,
    );
  }
  await app.close();
  process.stdout.write(`\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
  process.stdout.write(`${ROWS} actions; the server and the client reading the download are one process, so its RSS covers both\n\n`);
  process.stdout.write('| export | request | rows | MiB | s | rows/s | RSS before, MiB | peak RSS, MiB |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n');
  process.stdout.write(`${results.join('\n')}\n`);
} finally {
  await scratch.drop();
}
