import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { benchServerUrl, createScratchDatabase } from './scratch-database.js';
import { serviceNodeFlags } from './service-flags.js';
import { runMigrations } from '../src/database/data-source.js';
import { seedDemoData } from '../src/demo/seed.js';
import { hashPassword } from '../src/users/password.js';

/**
 * Many users at once on the demo data (npm run bench:load): CONNECTIONS (200) connections for
 * DURATION (30) seconds against the service (ROLE=all: API and reminder workers in one process,
 * the queue on PostgreSQL), a mix of four reads to one write: the follow-up lists officers open
 * (overdue, by mission, by owner), single actions and missions, meetings, organisation search,
 * and new follow-up actions (each planning its reminders) and status changes. Prints the rate,
 * latency percentiles, answers by status, the service's resident memory before, at the end and
 * after 20 s of rest, the CPU time the service and PostgreSQL's backends spent per answer, and
 * what PostgreSQL was waiting on during the run.
 */
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 200);
const DURATION = Number(process.env.DURATION ?? 30);
const PORT = Number(process.env.PORT ?? 3330);
const POOL = process.env.DATABASE_POOL_SIZE;
const root = fileURLToPath(new URL('../..', import.meta.url));

const scratch = await createScratchDatabase(benchServerUrl());
const dataDir = mkdtempSync(join(tmpdir(), 'mcrm-load-'));
let service: ChildProcess | undefined;

/** CPU time a process has used (user + system), in ms; 0 once it is gone. */
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
function cpuMs(pid: number): number {
  try {
    // The fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /s, '')
      .split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

function rss(child: ChildProcess): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
  return Math.round(Number(line?.[1] ?? 0) / 1024);
}

try {
  await runMigrations({ url: scratch.url });
  await seedDemoData({ url: scratch.url });
  const password = randomBytes(12).toString('base64url');
  const db = new pg.Client({ connectionString: scratch.url });
  await db.connect();
  await db.query(`INSERT INTO users (email, name, role, password_hash) VALUES ('load@mission-crm.test', 'Load Officer', 'admin', $1)`, [
    await hashPassword(password),
  ]);
  const ids = async (sql: string): Promise<string[]> => (await db.query<{ id: string }>(sql)).rows.map((row) => row.id);
  const missions = await ids('SELECT id FROM missions WHERE archived_at IS NULL');
  const actions = await ids('SELECT id FROM actions WHERE archived_at IS NULL');
  const owners = await ids(`SELECT id FROM users WHERE archived_at IS NULL AND role <> 'viewer'`);
  const counts = (
    await db.query<{ actions: number; meetings: number; reminders: number }>(
      'SELECT (SELECT count(*)::int FROM actions) AS actions, (SELECT count(*)::int FROM meetings) AS meetings, (SELECT count(*)::int FROM reminders) AS reminders',
    )
  ).rows[0];

  // PROFILE_DIR: a CPU profile of the service, written when it stops.
  const profile = process.env.PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_DIR}`] : [];
  service = spawn(process.execPath, [...serviceNodeFlags(root), ...profile, 'dist/src/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      ROLE: 'all',
      LOG_LEVEL: 'warn',
      PORT: String(PORT),
      DATABASE_URL: scratch.url,
      DATA_DIR: dataDir,
      JWT_SECRET: randomBytes(32).toString('hex'),
      ...(POOL ? { DATABASE_POOL_SIZE: POOL } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${PORT}`;
  for (let attempt = 0; ; attempt += 1) {
    try {
      if ((await fetch(`${base}/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 240) throw new Error('the service did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const login = (await (
    await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'load@mission-crm.test', password }),
    })
  ).json()) as { accessToken: string };
  const headers = { authorization: `Bearer ${login.accessToken}`, 'content-type': 'application/json' };
  const any = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)];
  const get = (path: () => string): autocannon.Request => ({ method: 'GET', setupRequest: (request) => ({ ...request, path: `/api/v1/${path()}` }) });

  // Four reads to one write, in the order each connection goes round them.
  const requests: autocannon.Request[] = [
    get(() => 'actions?overdue=true'),
    get(() => `actions?missionId=${any(missions)}`),
    get(() => `actions/${any(actions)}`),
    get(() => `missions/${any(missions)}`),
    {
      method: 'POST',
      setupRequest: (request) => ({
        ...request,
        path: '/api/v1/actions',
        body: JSON.stringify({
          title: `Follow-up call ${randomBytes(4).toString('hex')}`,
          missionId: any(missions),
          ownerId: any(owners),
          dueLabel: 'March 2027',
        }),
      }),
    },
    get(() => `actions?ownerId=${any(owners)}`),
    get(() => `meetings?missionId=${any(missions)}`),
    get(() => 'organisations?q=tech'),
    get(() => 'missions'),
    {
      method: 'PATCH',
      setupRequest: (request) => ({ ...request, path: `/api/v1/actions/${any(actions)}`, body: JSON.stringify({ status: any(['open', 'in_progress']) }) }),
    },
  ];

  const rssBefore = rss(service);
  const loadBefore = loadavg()[0];
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rss(service!))), 500);
  await db.query('SELECT pg_stat_reset()');
  const waits = new Map<string, number>();
  // The CPU the service and the database's backends spend on the run, whatever else the machine does:
  // on a shared machine the rate moves with the others' load, the CPU per request much less.
  const serviceCpuBefore = cpuMs(service.pid!);
  const backendCpu = new Map<number, { start: number; last: number }>();
  const backends = (): Promise<void> =>
    db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()').then(({ rows }) =>
      rows.forEach(({ pid }) => {
        const used = cpuMs(pid);
        backendCpu.set(pid, { start: backendCpu.get(pid)?.start ?? used, last: used });
      }),
    );
  await backends();
  const backendSampler = setInterval(() => void backends(), 500);
  const waitSampler = setInterval(() => {
    void db
      .query<{ wait: string; n: number }>(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'cpu') AS wait, count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid() GROUP BY 1`,
      )
      .then(({ rows }) => rows.forEach((row) => waits.set(row.wait, (waits.get(row.wait) ?? 0) + row.n)));
  }, 200);
  const result = await autocannon({ url: base, connections: CONNECTIONS, duration: DURATION, headers, requests, timeout: 60 });
  clearInterval(sampler);
  clearInterval(waitSampler);
  clearInterval(backendSampler);
  await backends();
  const serviceCpu = cpuMs(service.pid!) - serviceCpuBefore;
  const postgresCpu = [...backendCpu.values()].reduce((sum, { start, last }) => sum + last - start, 0);
  const rssEnd = rss(service);
  await new Promise((resolve) => setTimeout(resolve, 20_000));
  const rssRested = rss(service);
  const statements = (
    await db.query<{ xact_commit: string; tup_returned: string; tup_fetched: string }>(
      'SELECT xact_commit, tup_returned, tup_fetched FROM pg_stat_database WHERE datname = current_database()',
    )
  ).rows[0];
  await db.end();

  const byStatus = Object.entries(result.statusCodeStats ?? {})
    .map(([status, { count }]) => `${status}: ${count}`)
    .join(', ');
  const answered = Math.max(
    1,
    Object.values(result.statusCodeStats ?? {}).reduce((sum, stats) => sum + (stats?.count ?? 0), 0),
  );
  const sampled = [...waits]
    .sort((a, b) => b[1] - a[1])
    .map(([wait, n]) => `${wait} ${n}`)
    .join(', ');
  process.stdout.write(`\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
  process.stdout.write(`demo data: ${counts.actions} actions, ${counts.meetings} meetings, ${counts.reminders} reminders; pool ${POOL ?? 'default'}\n`);
  process.stdout.write(
    `${CONNECTIONS} connections, ${DURATION} s, 4 reads : 1 write; load average (1 min) ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after\n\n`,
  );
  process.stdout.write(
    '| req/s | p50 ms | p90 ms | p99 ms | max ms | answers | timeouts | CPU ms per answer: service / PostgreSQL | RSS before / peak / end / after 20 s, MiB |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n',
  );
  process.stdout.write(
    `| ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p90} | ${result.latency.p99} | ${result.latency.max} | ${byStatus} | ${result.timeouts} | ${(serviceCpu / answered).toFixed(1)} / ${(postgresCpu / answered).toFixed(1)} | ${rssBefore} / ${rssPeak} / ${rssEnd} / ${rssRested} |\n`,
  );
  process.stdout.write(
    `\nPostgreSQL during the run: ${statements.xact_commit} transactions; active backends sampled every 200 ms by what they waited on: ${sampled}\n`,
  );
} finally {
  if (service && service.exitCode === null) {
    service.kill('SIGTERM');
    await new Promise((resolve) => service!.once('exit', resolve));
  }
  rmSync(dataDir, { recursive: true, force: true });
  await scratch.drop();
}
