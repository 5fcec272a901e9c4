import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { JwtService } from '@nestjs/jwt';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadLargeData } from './large-data.js';
import { benchServerUrl, createScratchDatabase, openSession, type ScratchDatabase } from './scratch-database.js';
import { serviceNodeFlags } from './service-flags.js';

/**
 * Throughput of the service against a bare Fastify + pg server (bench/baseline-server.ts) that
 * sends the same statements and answers the same bodies: `npm run bench:http`. Each runs as a
 * process of its own; autocannon drives them in turn, CONNECTIONS (50) at once for DURATION
 * (10) seconds, ROUNDS (2) times each, alternating, so that a change in the machine's load
 * falls on both. The data are bench:lists' (ROWS, default 1,000,000 actions and meetings), in a
 * scratch database on DATABASE_URL's server; REUSE_DATABASE_URL names one a run loaded before
 * (KEEP=1 keeps it and prints its URL). The bodies of both are compared before anything is timed.
 */
const ROWS = Number(process.env.ROWS ?? 1_000_000);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const DURATION = Number(process.env.DURATION ?? 10);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const PORT = Number(process.env.PORT ?? 3330);
const root = fileURLToPath(new URL('../..', import.meta.url));

let scratch: ScratchDatabase | undefined;
let databaseUrl = process.env.REUSE_DATABASE_URL;
if (!databaseUrl) {
  scratch = await createScratchDatabase(benchServerUrl());
  databaseUrl = scratch.url;
  await loadLargeData(databaseUrl, ROWS);
}
const jwtSecret = randomBytes(32).toString('hex');
const children: ChildProcess[] = [];

function start(label: string, script: string, env: Record<string, string>, flags: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...flags, script], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal === null) process.stderr.write(`${label} exited with code ${code}\n`);
  });
  return child;
}

async function waitFor(url: string): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt += 1) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer`);
}

/** Resident memory of a process in MiB, from /proc. */
function rss(child: ChildProcess): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
  return Math.round(Number(line?.[1] ?? 0) / 1024);
}

try {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const pick = async (sql: string): Promise<string> => (await db.query<{ id: string }>(sql)).rows[0].id;
  const missionId = await pick('SELECT id FROM missions ORDER BY code LIMIT 1');
  const ownerId = await pick('SELECT id FROM users ORDER BY email LIMIT 1');
  const actionId = await pick(`SELECT id FROM actions WHERE owner_id = '${ownerId}' ORDER BY id LIMIT 1`);
  // The reminders a default policy plans for one action, so that its list has rows to answer.
  await db.query(`DELETE FROM reminders WHERE action_id = $1`, [actionId]);
  await db.query(
    `INSERT INTO reminders (action_id, kind, occurrence, recipient_id, fire_at, status)
     SELECT $1, k.kind::reminder_kind, 0, $2, now() + (k.n || ' days')::interval, 'planned'
       FROM unnest(ARRAY['assignment','heads_up','due_soon','due','overdue','escalation']) WITH ORDINALITY AS k(kind, n)`,
    [actionId, ownerId],
  );
  const sessionId = await openSession(db, ownerId);
  await db.end();
  const token = await new JwtService({ secret: jwtSecret }).signAsync(
    { sub: ownerId, role: 'officer', typ: 'access', sid: sessionId },
    { algorithm: 'HS256', expiresIn: 7200 },
  );

  const service = start(
    'the service',
    'dist/src/main.js',
    {
      NODE_ENV: 'production',
      ROLE: 'api',
      LOG_LEVEL: 'silent',
      PORT: String(PORT),
      DATABASE_URL: databaseUrl,
      JWT_SECRET: jwtSecret,
      DEFAULT_TIME_ZONE: 'Europe/Brussels',
    },
    serviceNodeFlags(root),
  );
  const baseline = start('the baseline', 'dist/bench/baseline-server.js', { DATABASE_URL: databaseUrl, JWT_SECRET: jwtSecret, PORT: '0' });
  const baselinePort = await new Promise<number>((resolve, reject) => {
    baseline.stdout!.on('data', (chunk: Buffer) => {
      const match = /listening on (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    baseline.on('exit', () => reject(new Error('the baseline did not start')));
  });
  const targets = { service: `http://127.0.0.1:${PORT}`, baseline: `http://127.0.0.1:${baselinePort}` };
  await waitFor(`${targets.service}/health/live`);

  const scenarios: [string, string][] = [
    ['actions by owner', `actions?ownerId=${ownerId}`],
    ['all actions', 'actions'],
    ['meetings by mission', `meetings?missionId=${missionId}`],
    ['one action', `actions/${actionId}`],
    ["an action's reminders", `actions/${actionId}/reminders`],
    ['mission report', `missions/${missionId}/report`],
  ];
  const headers = { authorization: `Bearer ${token}` };

  // Same answers first: a baseline that answered less would flatter it.
  for (const [label, path] of scenarios) {
    const [mine, bare] = await Promise.all(Object.values(targets).map(async (base) => (await fetch(`${base}/api/v1/${path}`, { headers })).text()));
    if (mine !== bare) {
      let at = 0;
      while (at < mine.length && mine[at] === bare[at]) at += 1;
      throw new Error(
        `${label}: the bodies differ at ${at}:\n service: ${mine.slice(Math.max(0, at - 80), at + 80)}\nbaseline: ${bare.slice(Math.max(0, at - 80), at + 80)}`,
      );
    }
    process.stdout.write(`${label}: same body (${mine.length} bytes)\n`);
  }

  const rssBefore = rss(service);
  const results = new Map<string, { service: autocannon.Result[]; baseline: autocannon.Result[] }>();
  for (const [label, path] of scenarios) {
    const runs = { service: [] as autocannon.Result[], baseline: [] as autocannon.Result[] };
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const target of ['service', 'baseline'] as const) {
        // A request still unanswered after 30 s counts as an error (a timeout), reported beside the rate.
        const result = await autocannon({ url: `${targets[target]}/api/v1/${path}`, connections: CONNECTIONS, duration: DURATION, headers, timeout: 30 });
        if (result.non2xx > 0) throw new Error(`${label} on the ${target}: ${result.non2xx} answers that were not 2xx`);
        runs[target].push(result);
        process.stdout.write(
          `${label}, ${target}, round ${round + 1}: ${result.requests.average.toFixed(1)} req/s, p99 ${result.latency.p99} ms, ${result.timeouts} timeouts\n`,
        );
      }
    }
    results.set(label, runs);
  }
  const rssAfter = rss(service);

  const median = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  process.stdout.write(`\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
  process.stdout.write(
    `${ROWS} actions, ${ROWS} meetings; ${CONNECTIONS} connections, ${ROUNDS} × ${DURATION} s each, alternating; service RSS ${rssBefore} → ${rssAfter} MiB\n\n`,
  );
  process.stdout.write(
    '| request | path | service req/s | bare req/s | ratio | service p50 / p99 ms | bare p50 / p99 ms |\n| --- | --- | --- | --- | --- | --- | --- |\n',
  );
  for (const [label, path] of scenarios) {
    const runs = results.get(label)!;
    const rate = (list: autocannon.Result[]): number => median(list.map((result) => result.requests.average));
    const latency = (list: autocannon.Result[]): string =>
      `${median(list.map((result) => result.latency.p50))} / ${median(list.map((result) => result.latency.p99))}`;
    const mine = rate(runs.service);
    const bare = rate(runs.baseline);
    process.stdout.write(
      `| ${label} | \`${path.replace(/[0-9a-f-]{36}/g, '{id}')}\` | ${mine.toFixed(1)} | ${bare.toFixed(1)} | ${(mine / bare).toFixed(2)} | ${latency(runs.service)} | ${latency(runs.baseline)} |\n`,
    );
  }
} finally {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.filter((child) => child.exitCode === null).map((child) => new Promise((resolve) => child.once('exit', resolve))));
  if (scratch && process.env.KEEP === '1') {
    process.stdout.write(`kept ${databaseUrl}\n`);
    await scratch.keep();
  } else {
    await scratch?.drop();
  }
}
