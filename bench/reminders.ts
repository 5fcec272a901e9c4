import 'reflect-metadata';
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Queue, Worker, createPostgresBackend, PostgresQueueBackend, withBackend } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { createWorker } from '../src/bootstrap.js';
import { Clock } from '../src/common/clock.service.js';
import { loadEnvironment } from '../src/config/environment.js';
import { runMigrations } from '../src/database/data-source.js';
import { chooseQueueBackend, migrateQueueSchema, type QueueBackend, type QueueBackendName } from '../src/queue/queue-backend.js';
import { QueueName } from '../src/queue/queue.constants.js';
import { Mailer } from '../src/reminders/delivery/mailer.service.js';
import { ReminderQueue } from '../src/reminders/reminder-queue.service.js';
import { ReminderSender } from '../src/reminders/delivery/reminder-sender.service.js';

/**
 * The reminder engine under load (npm run bench:reminders), on PostgreSQL and, when REDIS_URL
 * is set, on Redis, in one run so that the figures compare:
 *  - bursts: N reminders due at the same moment, woken ahead of time through ReminderQueue.wake
 *    (batches of 1,000, as the sweep does), sent by the real worker process (dist/src/main.js,
 *    ROLE=worker) to an SMTP server in this process; timed from fire time to the last message
 *    the server accepted;
 *  - latency: reminders falling due one by one (10 per second), accepted time minus fire time;
 *  - a bare BullMQ worker on the same backend draining the same number of jobs, doing nothing.
 * Then what the worker's concurrency buys, where a worker's time goes, and the CPU time per reminder.
 * Needs DATABASE_URL of a server where a scratch database may be created and dropped; Redis db
 * index 6 (REDIS_DB) is flushed before and after. RUNS repeats each scenario, LARGE_RUNS the largest
 * burst (medians are reported); BURSTS (1000,10000) and LATENCY_COUNT change the sizes; CPU_PROFILE_DIR
 * writes a V8 CPU profile of the profiled worker there.
 */

const WORKER_FLAG = '--worker';
const SELF = fileURLToPath(import.meta.url);
const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));
const WAKE_BATCH = 1000;
const USERS = 200;

type Stats = Record<string, { count: number; ms: number }>;

/** Worker processes still running: stopped with this process, however it ends. */
const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGTERM')));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

// ------------------------------------------------------------------------------------------------
// Profiling harness: the real worker application with every database round trip, SMTP send and
// job timed. Only for the "where the time goes" table; every other figure is of dist/src/main.js.
// ------------------------------------------------------------------------------------------------

async function runHarnessWorker(): Promise<void> {
  const environment = loadEnvironment();
  const stats: Stats = {};
  const record = (key: string, ms: number): void => {
    const entry = (stats[key] ??= { count: 0, ms: 0 });
    entry.count += 1;
    entry.ms += ms;
  };
  instrumentDatabase(record);
  const app = await createWorker(environment, environment.DATABASE_URL!);
  timeMethod(app.get(Mailer), 'send', (ms) => record('smtp', ms));
  timeMethod(app.get(ReminderSender), 'send', (ms) => record('job', ms));
  process.on('message', (message) => {
    if (message === 'stats') process.send?.(stats);
    if (message === 'reset') for (const key of Object.keys(stats)) delete stats[key];
  });
  const stop = (): void => void app.close().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  // The bench died: do not go on sending on its behalf.
  process.once('disconnect', stop);
  process.stdout.write(`${JSON.stringify({ msg: 'mission-crm worker is running' })}\n`);
}

type AnyFunction = (...args: unknown[]) => unknown;

function timeMethod(target: object, key: string, done: (ms: number) => void): void {
  const holder = target as Record<string, AnyFunction>;
  const original = holder[key].bind(target);
  holder[key] = async (...args: unknown[]) => {
    const started = performance.now();
    try {
      return await original(...args);
    } finally {
      done(performance.now() - started);
    }
  };
}

/** The engine's own statements by what they do; BullMQ's commands (PostgreSQL backend) by name. */
function instrumentDatabase(record: (key: string, ms: number) => void): void {
  const engineStatement = (sql: string): string | null => {
    if (sql.includes(`SET status = 'sending'`)) return 'db: claim';
    if (sql.includes(`SET status = 'sent'`)) return 'db: mark sent';
    if (/FROM "users"/.test(sql)) return 'db: find user';
    if (sql.includes('FROM actions a JOIN missions m')) return 'db: find action with mission and owner';
    if (sql.includes('SELECT id, fire_at, attempts FROM reminders')) return 'db: sweep';
    return null;
  };
  const client = pg.Client.prototype as unknown as Record<'query', AnyFunction>;
  const query = client.query;
  client.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const key = engineStatement(typeof first === 'string' ? first : (first?.text ?? ''));
    if (!key) return query.apply(this, args);
    const started = performance.now();
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (...result: unknown[]) => {
        record(key, performance.now() - started);
        return (callback as AnyFunction)(...result);
      };
      return query.apply(this, args);
    }
    const result = query.apply(this, args) as Promise<unknown>;
    void result.then(
      () => record(key, performance.now() - started),
      () => record(key, performance.now() - started),
    );
    return result;
  };
  const backend = PostgresQueueBackend.prototype as unknown as Record<'run', AnyFunction>;
  const run = backend.run;
  backend.run = function (this: unknown, command: unknown, ...rest: unknown[]) {
    const started = performance.now();
    const result = run.call(this, command, ...rest) as Promise<unknown>;
    const done = (): void => record(`bullmq: ${String(command)}`, performance.now() - started);
    void result.then(done, done);
    return result;
  };
}

// ------------------------------------------------------------------------------------------------
// The bench
// ------------------------------------------------------------------------------------------------

const RUNS = Number(process.env.RUNS ?? 3);
/** Runs of the largest burst, which takes minutes each. */
const LARGE_RUNS = Number(process.env.LARGE_RUNS ?? 1);
const BURSTS = (process.env.BURSTS ?? '1000,10000').split(',').map(Number);
const LATENCY_COUNT = Number(process.env.LATENCY_COUNT ?? 200);
const LATENCY_EVERY_MS = 100;
const REDIS_DB = Number(process.env.REDIS_DB ?? 6);

interface AcceptedMail {
  reminderId: string;
  at: number;
}

/** An SMTP server that accepts everything and notes when it accepted each reminder. */
async function startSink() {
  const accepted = new Map<string, number>();
  let duplicates = 0;
  let pending = new Set<string>();
  let allIn: (() => void) | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        callback();
        const at = Date.now();
        const id = /^Message-ID:\s*<reminder-([0-9a-f-]{36})@/im.exec(Buffer.concat(chunks).toString('utf8'))?.[1];
        if (!id) return;
        if (accepted.has(id)) duplicates += 1;
        else accepted.set(id, at);
        if (pending.delete(id) && pending.size === 0) allIn?.();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    duplicates: () => duplicates,
    /** When each given reminder was accepted: all of them, or those that arrived by the deadline. */
    async collect(ids: readonly string[], timeoutMs: number): Promise<AcceptedMail[]> {
      pending = new Set(ids.filter((id) => !accepted.has(id)));
      if (pending.size > 0) {
        await new Promise<void>((resolve) => {
          const deadline = setTimeout(resolve, timeoutMs);
          allIn = () => {
            clearTimeout(deadline);
            resolve();
          };
        });
      }
      allIn = undefined;
      return ids.filter((id) => accepted.has(id)).map((id) => ({ reminderId: id, at: accepted.get(id)! }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
type Sink = Awaited<ReturnType<typeof startSink>>;

interface WorkerSet {
  children: ChildProcess[];
  /** Reminders the sweep queued since the last call, from the workers' logs. */
  takeSwept(): number;
  takeProblems(): string[];
  stats(): Promise<Stats>;
  reset(): void;
  stop(): Promise<void>;
}

/** `harness`: this file as the profiling harness; otherwise the real dist/src/main.js. */
async function startWorkers(count: number, env: NodeJS.ProcessEnv, harness: boolean, execArgv: string[] = []): Promise<WorkerSet> {
  let swept = 0;
  const problems: string[] = [];
  const children = await Promise.all(
    Array.from({ length: count }, () => {
      const child = fork(harness ? SELF : MAIN, harness ? [WORKER_FLAG] : [], { env, execArgv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
      running.add(child);
      child.once('exit', () => running.delete(child));
      return new Promise<ChildProcess>((resolve, reject) => {
        let buffer = '';
        let errors = '';
        child.stderr!.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
        child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${errors}`)));
        child.stdout!.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          const lines = buffer.split('\n');
          buffer = lines.pop()!;
          for (const line of lines) {
            let entry: { msg?: string; level?: number; queued?: number };
            try {
              entry = JSON.parse(line) as typeof entry;
            } catch {
              continue;
            }
            if (entry.msg === 'mission-crm worker is running') resolve(child);
            if (entry.msg === 'sweep queued reminders') swept += entry.queued ?? 0;
            if ((entry.level ?? 0) >= 40) problems.push(line.slice(0, 300));
          }
        });
      });
    }),
  );
  const ask = (child: ChildProcess) =>
    new Promise<Stats>((resolve) => {
      child.once('message', (message) => resolve(message as Stats));
      child.send('stats');
    });
  return {
    children,
    takeSwept: () => {
      const queued = swept;
      swept = 0;
      return queued;
    },
    takeProblems: () => problems.splice(0),
    stats: async () => {
      const all = await Promise.all(children.map(ask));
      const sum: Stats = {};
      for (const stats of all) {
        for (const [key, { count, ms }] of Object.entries(stats)) {
          const entry = (sum[key] ??= { count: 0, ms: 0 });
          entry.count += count;
          entry.ms += ms;
        }
      }
      return sum;
    },
    reset: () => children.forEach((child) => child.send('reset')),
    stop: async () => {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              child.removeAllListeners('exit');
              if (child.exitCode !== null) return resolve();
              const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
              child.once('exit', () => {
                clearTimeout(kill);
                resolve();
              });
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const median = (values: readonly number[]): number => percentile(values, 50);
const load = (): string => loadavg()[0].toFixed(1);

/** A backend's scratch world: database, users, one mission, queue producer, SMTP sink. */
class Bench {
  private serial = 0;

  private constructor(
    readonly backend: QueueBackend,
    readonly databaseUrl: string,
    readonly redisUrl: string | undefined,
    private readonly db: pg.Client,
    private readonly reminders: ReminderQueue,
    private readonly queue: Queue,
    readonly sink: Sink,
    private readonly missionId: string,
    private readonly redis: Redis | undefined,
  ) {}

  static async open(databaseUrl: string, redisUrl: string | undefined): Promise<Bench> {
    await runMigrations({ url: databaseUrl });
    const backend = chooseQueueBackend(databaseUrl, redisUrl);
    await migrateQueueSchema(backend, databaseUrl);
    const db = new pg.Client({ connectionString: databaseUrl });
    db.on('error', (error) => process.stderr.write(`bench database connection: ${error.message}\n`));
    await db.connect();
    await db.query(
      `INSERT INTO users (email, name, language) SELECT 'officer' || i || '@fit.example', 'Officer ' || i, (ARRAY['nl','en']::user_language[])[1 + i % 2] FROM generate_series(1, ${USERS}) i`,
    );
    const mission = await db.query<{ id: string }>(
      `INSERT INTO missions (code, title, type, host_countries, start_date, end_date, time_zone, status, owner_id)
        SELECT 'VN-2023', 'Economic mission to Vietnam', 'economic_mission', ARRAY['VN']::char(2)[], DATE '2023-09-11', DATE '2023-09-16', 'Asia/Ho_Chi_Minh', 'completed', id
        FROM users ORDER BY email LIMIT 1 RETURNING id`,
    );
    const redis = redisUrl ? new Redis(redisUrl) : undefined;
    await redis?.flushdb();
    const queue = makeQueue(backend, QueueName.Reminders);
    const sink = await startSink();
    return new Bench(
      backend,
      databaseUrl,
      redisUrl,
      db,
      new ReminderQueue(queue as never, new Clock(), loadEnvironment()),
      queue,
      sink,
      mission.rows[0].id,
      redis,
    );
  }

  /** The server processes of every connection to the scratch database. */
  async backendPids(): Promise<number[]> {
    const { rows } = await this.db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
    return rows.map((row) => row.pid);
  }

  /** CPU time of the whole Redis server (others may use it too), in ms. */
  async redisCpuMs(): Promise<number> {
    if (!this.redis) return 0;
    const info = await this.redis.info('cpu');
    const seconds = (name: string): number => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
    return (seconds('used_cpu_sys') + seconds('used_cpu_user')) * 1000;
  }

  workerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ROLE: 'worker',
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      DATABASE_URL: this.databaseUrl,
      SMTP_URL: this.sink.url,
      ...extra,
    };
    if (this.redisUrl) env.REDIS_URL = this.redisUrl;
    else delete env.REDIS_URL;
    return env;
  }

  /** N open actions and their "due" reminders, the i-th firing at `firstFireAt + i × everyMs`. */
  async plan(count: number, firstFireAt: number, everyMs: number): Promise<Map<string, number>> {
    this.serial += 1;
    const { rows } = await this.db.query<{ id: string; fire_at: Date }>(
      `WITH u AS (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users),
        a AS (
          INSERT INTO actions (title, kind, mission_id, owner_id, status, due_from, due_to, due_precision)
          SELECT 'Follow-up ' || $1 || '.' || i, 'other', $2, u.id, 'open', current_date, current_date + 30, 'range'
          FROM generate_series(1, $3::int) i JOIN u ON u.n = 1 + i % ${USERS}
          RETURNING id, owner_id, title)
        INSERT INTO reminders (action_id, kind, recipient_id, fire_at)
        SELECT id, 'due', owner_id, to_timestamp($4::float8 / 1000) + (split_part(title, '.', 2)::int - 1) * $5::float8 * interval '1 millisecond' FROM a
        RETURNING id, fire_at`,
      [this.serial, this.missionId, count, firstFireAt, everyMs],
    );
    const fireAt = new Map(rows.map((row) => [row.id, row.fire_at.getTime()]));
    for (let i = 0; i < rows.length; i += WAKE_BATCH) {
      await this.reminders.wake(rows.slice(i, i + WAKE_BATCH).map((row) => ({ id: row.id, fireAt: row.fire_at, attempts: 0 })));
    }
    return fireAt;
  }

  /** Rows recorded as sent; the worker records a row just after the SMTP server accepted it, so this waits a little. */
  async countSent(ids: readonly string[]): Promise<number> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const { rows } = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reminders WHERE id = ANY($1) AND status = 'sent'`, [ids]);
      if (rows[0].n === ids.length || Date.now() > deadline) return rows[0].n;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async close(): Promise<void> {
    await this.queue.close();
    await this.sink.close();
    await this.db.end();
    await this.redis?.flushdb();
    await this.redis?.quit();
  }
}

function makeQueue(backend: QueueBackend, name: string): Queue {
  const queue =
    backend.name === 'redis'
      ? new Queue(name, { connection: backend.connection as never })
      : (new (withBackend(createPostgresBackend).Queue)(name, { connection: backend.connection as never }) as unknown as Queue);
  queue.on('error', (error) => process.stderr.write(`queue ${name}: ${error.message}\n`));
  return queue;
}

function makeBareWorker(backend: QueueBackend, name: string, concurrency: number, onDone: () => void): Worker {
  const processor = (): Promise<void> => Promise.resolve();
  const worker =
    backend.name === 'redis'
      ? new Worker(name, processor, { connection: backend.connection as never, concurrency })
      : (new (withBackend(createPostgresBackend).Worker)(name, processor, { connection: backend.connection as never, concurrency }) as unknown as Worker);
  worker.on('completed', onDone);
  worker.on('error', (error) => process.stderr.write(`bare worker: ${error.message}\n`));
  return worker;
}

/** CPU time used so far, in ms, by each part of the system under test and by the machine as a whole. */
interface CpuSnapshot {
  workers: number;
  postgres: Map<number, number>;
  redis: number;
  bench: number;
  machine: number;
}

/** utime + stime of a process from /proc, in ms (clock ticks of 10 ms); 0 once it is gone. */
function processCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** Busy time of all cores together (everything but idle and iowait), in ms. */
function machineCpuMs(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return (ticks.reduce((sum, value) => sum + value, 0) - ticks[3] - ticks[4]) * 10;
}

async function cpuSnapshot(bench: Bench, workers: WorkerSet): Promise<CpuSnapshot> {
  const usage = process.cpuUsage();
  return {
    workers: workers.children.reduce((sum, child) => sum + processCpuMs(child.pid), 0),
    postgres: new Map((await bench.backendPids()).map((pid) => [pid, processCpuMs(pid)])),
    redis: await bench.redisCpuMs(),
    bench: (usage.user + usage.system) / 1000,
    machine: machineCpuMs(),
  };
}

interface CpuUse {
  /** ms per reminder */
  workers: number;
  postgres: number;
  redis: number;
  bench: number;
  others: number;
  /** Share of all cores that was busy, whoever used it. */
  busy: number;
}

function cpuUse(before: CpuSnapshot, after: CpuSnapshot, count: number, seconds: number): CpuUse {
  // A database connection opened during the burst used all of its CPU time within it.
  const postgres = [...after.postgres].reduce((sum, [pid, ms]) => sum + ms - (before.postgres.get(pid) ?? 0), 0);
  const use = { workers: after.workers - before.workers, postgres, redis: after.redis - before.redis, bench: after.bench - before.bench };
  const machine = after.machine - before.machine;
  const ours = use.workers + use.postgres + use.redis + use.bench;
  return {
    workers: use.workers / count,
    postgres: use.postgres / count,
    redis: use.redis / count,
    bench: use.bench / count,
    others: Math.max(0, machine - ours) / count,
    busy: machine / (seconds * 1000 * cpus().length),
  };
}

interface BurstRun {
  seconds: number;
  delivered: number;
  swept: number;
  lateWake: boolean;
  load: string;
  cpu: CpuUse;
}

/** Lead time before the burst fires: enough to insert and wake every row first. */
const leadMs = (count: number): number => 4000 + count * 2;
const sleepUntil = (at: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

async function burst(bench: Bench, workers: WorkerSet, count: number): Promise<BurstRun> {
  const fireAt = Date.now() + leadMs(count);
  const planned = await bench.plan(count, fireAt, 0);
  const lateWake = Date.now() > fireAt;
  await sleepUntil(fireAt);
  const startLoad = load();
  workers.takeSwept();
  const before = await cpuSnapshot(bench, workers);
  const ids = [...planned.keys()];
  const accepted = await bench.sink.collect(ids, Math.max(120_000, count * 100));
  const after = await cpuSnapshot(bench, workers);
  const seconds = (Math.max(...accepted.map((mail) => mail.at)) - fireAt) / 1000;
  if (accepted.length < count) process.stdout.write(`  only ${accepted.length} of ${count} accepted by the deadline\n`);
  const delivered = await bench.countSent(ids);
  return { seconds, delivered, swept: workers.takeSwept(), lateWake, load: startLoad, cpu: cpuUse(before, after, count, (Date.now() - fireAt) / 1000) };
}

interface LatencyRun {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

async function latency(bench: Bench): Promise<LatencyRun> {
  const planned = await bench.plan(LATENCY_COUNT, Date.now() + 3000, LATENCY_EVERY_MS);
  const accepted = await bench.sink.collect([...planned.keys()], 120_000);
  const delays = accepted.map((mail) => mail.at - planned.get(mail.reminderId)!);
  if (accepted.length < planned.size) process.stdout.write(`  only ${accepted.length} of ${planned.size} accepted\n`);
  return { p50: percentile(delays, 50), p95: percentile(delays, 95), p99: percentile(delays, 99), max: Math.max(...delays) };
}

/** A no-op BullMQ worker draining `count` jobs delayed to one fire time, like a burst: fire → last completed, s. */
async function bare(bench: Bench, count: number, concurrency: number): Promise<number> {
  const name = `bench-bare-${randomBytes(3).toString('hex')}`;
  const queue = makeQueue(bench.backend, name);
  let done = 0;
  let last = 0;
  const worker = makeBareWorker(bench.backend, name, concurrency, () => {
    done += 1;
    last = Date.now();
  });
  await worker.waitUntilReady();
  const fireAt = Date.now() + leadMs(count);
  for (let i = 0; i < count; i += WAKE_BATCH) {
    const size = Math.min(WAKE_BATCH, count - i);
    const delay = fireAt - Date.now();
    await queue.addBulk(
      Array.from({ length: size }, (_, j) => ({
        name: 'noop',
        data: { n: i + j },
        opts: { jobId: `noop-${i + j}`, delay, removeOnComplete: true, removeOnFail: true },
      })),
    );
  }
  const deadline = Date.now() + Math.max(120_000, count * 30);
  while (done < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return (last - fireAt) / 1000;
}

interface Row {
  backend: QueueBackendName;
  count: number;
  setup: string;
  runs: BurstRun[];
  bare?: number;
  target?: number;
}

interface Results {
  rows: Row[];
  latencies: [QueueBackendName, string, LatencyRun[]][];
  bareRows: string[];
  profile: string[];
}

const fmt = (value: number, digits = 1): string => value.toFixed(digits);
const thousands = (value: number): string => value.toLocaleString('en');

async function benchBackend(adminUrl: string, name: QueueBackendName, results: Results): Promise<void> {
  const scratch = `mcrm_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  admin.on('error', (error) => process.stderr.write(`admin connection: ${error.message}\n`));
  await admin.connect();
  await admin.query(`CREATE DATABASE "${scratch}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${scratch}`;
  let redisUrl: string | undefined;
  if (name === 'redis') {
    const redis = new URL(process.env.REDIS_URL!);
    redis.pathname = `/${REDIS_DB}`;
    redisUrl = redis.toString();
  }
  const say = (text: string): boolean => process.stdout.write(`[${name}] ${text}\n`);
  let bench: Bench | undefined;
  try {
    bench = await Bench.open(url.toString(), redisUrl);
    await measure(bench, name, results, say);
    say(`the SMTP server saw ${bench.sink.duplicates()} duplicate messages`);
  } catch (error) {
    say(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    throw error;
  } finally {
    await bench?.close();
    await admin.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`);
    await admin.end();
  }
}

async function measure(bench: Bench, name: QueueBackendName, results: Results, say: (text: string) => void): Promise<void> {
  const configured = loadEnvironment(bench.workerEnv()).WORKER_CONCURRENCY;
  const target = name === 'postgres' ? 60 : 30;
  const largest = Math.max(...BURSTS);
  const bareTimes = new Map<string, number>();
  const scenario = async (setup: string, workers: WorkerSet, count: number, concurrency: number): Promise<void> => {
    const runs: BurstRun[] = [];
    for (let run = 0; run < (count === largest ? LARGE_RUNS : RUNS); run += 1) {
      const result = await burst(bench, workers, count);
      const cpu = result.cpu;
      say(
        `burst ${count}, ${setup}: ${fmt(result.seconds, 2)} s, ${result.delivered}/${count} recorded sent, sweep queued ${result.swept}${result.lateWake ? ', woken late' : ''}; ` +
          `CPU ms/reminder: workers ${fmt(cpu.workers)}, postgres ${fmt(cpu.postgres)}, redis ${fmt(cpu.redis)}, sink ${fmt(cpu.bench)}, others ${fmt(cpu.others)}; machine ${fmt(cpu.busy * 100, 0)} % busy (load ${result.load})`,
      );
      for (const problem of workers.takeProblems().slice(0, 3)) say(`  worker said: ${problem}`);
      runs.push(result);
    }
    results.rows.push({ backend: name, count, setup, runs, bare: bareTimes.get(`${count}/${concurrency}`), target: count === 10_000 ? target : undefined });
  };
  const spread = async (setup: string): Promise<void> => {
    const runs: LatencyRun[] = [];
    for (let run = 0; run < RUNS; run += 1) runs.push(await latency(bench));
    say(`latency, ${setup}: p99 ${runs.map((run) => fmt(run.p99, 0)).join(', ')} ms`);
    results.latencies.push([name, setup, runs]);
  };

  // The baseline first, on the machine as it is for the engine runs after it.
  for (const count of BURSTS) {
    for (const concurrency of new Set([1, configured])) {
      const times: number[] = [];
      for (let run = 0; run < (count === largest ? LARGE_RUNS : RUNS); run += 1) times.push(await bare(bench, count, concurrency));
      bareTimes.set(`${count}/${concurrency}`, median(times));
      say(`bare BullMQ, ${count} jobs, concurrency ${concurrency}: ${times.map((time) => fmt(time, 2)).join(', ')} s`);
      results.bareRows.push(`| ${name} | ${thousands(count)} | ${concurrency} | ${fmt(median(times), 2)} | ${fmt(count / median(times), 0)} |`);
    }
  }

  const one = `1 process × ${configured}`;
  let workers = await startWorkers(1, bench.workerEnv(), false);
  for (const count of BURSTS) await scenario(one, workers, count, configured);
  await spread(one);
  await workers.stop();

  workers = await startWorkers(2, bench.workerEnv(), false);
  await scenario(`2 processes × ${configured}`, workers, largest, configured);
  await workers.stop();

  // What the concurrency buys: the smaller burst again, one reminder at a time.
  if (configured !== 1) {
    workers = await startWorkers(1, bench.workerEnv({ WORKER_CONCURRENCY: '1' }), false);
    await scenario('1 process × 1', workers, Math.min(...BURSTS), 1);
    await workers.stop();
  }

  // Where the time of one reminder goes: one at a time, so that the steps do not overlap.
  const profiled = Math.min(...BURSTS);
  const cpuProfile = process.env.CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CPU_PROFILE_DIR}`] : [];
  workers = await startWorkers(1, bench.workerEnv({ WORKER_CONCURRENCY: '1' }), true, cpuProfile);
  workers.reset();
  const result = await burst(bench, workers, profiled);
  const stats = await workers.stats();
  await workers.stop();
  const perReminder = (result.seconds * 1000) / profiled;
  const job = stats.job ?? { count: 0, ms: 0 };
  const line = (step: string, calls: string, ms: number): number => results.profile.push(`| ${name} | ${step} | ${calls} | ${fmt(ms, 2)} |`);
  line(`wall time per reminder (burst of ${thousands(profiled)}, concurrency 1)`, '1', perReminder);
  line('ReminderSender.send, whole', fmt(job.count / profiled, 2), job.ms / profiled);
  for (const [key, entry] of Object.entries(stats).sort(([a], [b]) => a.localeCompare(b))) {
    if (key !== 'job') line(`– ${key}`, fmt(entry.count / profiled, 2), entry.ms / profiled);
  }
  line('outside ReminderSender.send (queue fetch and complete, Nest)', '–', perReminder - job.ms / profiled);
  line('CPU of the worker process per reminder', '–', result.cpu.workers);
}

async function machine(adminUrl: string): Promise<string> {
  const db = new pg.Client({ connectionString: adminUrl });
  await db.connect();
  const postgres = (await db.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  await db.end();
  let redisVersion = 'not used';
  if (process.env.REDIS_URL) {
    const redis = new Redis(process.env.REDIS_URL);
    redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? '?';
    await redis.quit();
  }
  return `${cpus()[0]?.model ?? 'cpu'} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, PostgreSQL ${postgres.split(' ')[0]}, Redis ${redisVersion}`;
}

async function runBench(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    process.stderr.write('set DATABASE_URL to a PostgreSQL server where a scratch database may be created\n');
    process.exit(2);
  }
  const started = Date.now();
  const loadBefore = loadavg().map((value) => fmt(value));
  const results: Results = { rows: [], latencies: [], bareRows: [], profile: [] };
  for (const backend of process.env.REDIS_URL ? (['postgres', 'redis'] as const) : (['postgres'] as const)) await benchBackend(adminUrl, backend, results);
  const loadAfter = loadavg().map((value) => fmt(value));

  const out: string[] = [];
  out.push(`machine: ${await machine(adminUrl)}`);
  out.push(
    `load average (1, 5, 15 min) before: ${loadBefore.join(', ')}; after: ${loadAfter.join(', ')}; the run took ${fmt((Date.now() - started) / 60_000, 0)} min`,
  );
  out.push(`${RUNS} runs of each scenario (${LARGE_RUNS} of the ${thousands(Math.max(...BURSTS))} bursts): medians, every run in brackets`, '');
  out.push('| backend | reminders due at once | workers | fire → last accepted, s | msgs/s | bare BullMQ, s | engine / bare | target |');
  out.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of results.rows) {
    const seconds = median(row.runs.map((run) => run.seconds));
    const all = row.runs.length > 1 ? ` (${row.runs.map((run) => fmt(run.seconds)).join(', ')})` : '';
    const target = row.target === undefined ? '' : `${row.target} s: ${seconds <= row.target ? 'met' : 'missed'}`;
    const bareCell = row.bare === undefined ? '–' : fmt(row.bare, 2);
    const ratio = row.bare ? `${fmt(seconds / row.bare, 0)}×` : '–';
    out.push(
      `| ${row.backend} | ${thousands(row.count)} | ${row.setup} | ${fmt(seconds)}${all} | ${fmt(row.count / seconds, 0)} | ${bareCell} | ${ratio} | ${target} |`,
    );
  }
  out.push(
    '',
    `Latency, ${LATENCY_COUNT} reminders falling due ${1000 / LATENCY_EVERY_MS} per second: SMTP accepted − fire time, ms (target: p99 < 2,000)`,
    '',
  );
  out.push('| backend | workers | p50 | p95 | p99 | max |', '| --- | --- | --- | --- | --- | --- |');
  for (const [backend, setup, runs] of results.latencies) {
    const cell = (pick: (run: LatencyRun) => number): string =>
      `${fmt(median(runs.map(pick)), 0)}${runs.length > 1 ? ` (${runs.map((run) => fmt(pick(run), 0)).join(', ')})` : ''}`;
    out.push(`| ${backend} | ${setup} | ${cell((r) => r.p50)} | ${cell((r) => r.p95)} | ${cell((r) => r.p99)} | ${cell((r) => r.max)} |`);
  }
  out.push('', 'CPU time per reminder during the bursts, ms (medians; Redis: the whole server; others: the rest of the machine)', '');
  out.push(
    '| backend | due at once | workers | worker processes | PostgreSQL | Redis | engine, total | SMTP sink (bench) | others | machine busy | engine CPU floor for 10,000 on all cores, s |',
  );
  out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of results.rows) {
    const cpu = (pick: (use: CpuUse) => number): number => median(row.runs.map((run) => pick(run.cpu)));
    const engine = cpu((c) => c.workers + c.postgres + c.redis);
    out.push(
      `| ${row.backend} | ${thousands(row.count)} | ${row.setup} | ${fmt(cpu((c) => c.workers))} | ${fmt(cpu((c) => c.postgres))} | ${row.backend === 'redis' ? fmt(cpu((c) => c.redis)) : '–'} | ${fmt(engine)} | ${fmt(cpu((c) => c.bench))} | ${fmt(cpu((c) => c.others))} | ${fmt(cpu((c) => c.busy) * 100, 0)} % | ${fmt((10_000 * engine) / 1000 / cpus().length, 0)} |`,
    );
  }
  out.push('', 'Bare BullMQ worker (no-op processor), same backend, jobs delayed to one fire time: fire → last completed', '');
  out.push('| backend | jobs | concurrency | s | jobs/s |', '| --- | --- | --- | --- | --- |', ...results.bareRows);
  out.push('', 'Where one reminder’s time goes (harness: the real worker with every call timed; wall clock on a shared machine)', '');
  out.push('| backend | step | calls per reminder | ms per reminder |', '| --- | --- | --- | --- |', ...results.profile);
  process.stdout.write(`\n${out.join('\n')}\n`);
}

if (process.argv[2] === WORKER_FLAG) await runHarnessWorker();
else await runBench();
