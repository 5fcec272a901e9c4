import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { ReminderQueue } from '../../src/reminders/reminder-queue.service.js';
import { startTestApp } from '../support/app.js';
import { takeTurn } from '../support/turns.js';

// A fault test, not a timed test. 1,000 reminders fall due while one of two compiled
// worker processes is SIGKILLed every 2–3 s and started again. Every PostgreSQL
// connection of the workers is terminated twice (on Redis the queue is also flushed and
// its connections killed): in the middle of the burst, at a moment when a worker is
// recording a sent reminder, and once the queue is idle and the workers wait on LISTEN,
// after which the last 200 fall due. Afterwards the
// books must balance: every row sent, every Message-ID received, and a duplicate only
// where SMTP leaves no choice: a worker killed after the server accepted a message and
// before the row said so, whose claim is taken over once its lease has run out.
//
// The rows are written directly, as the planner writes them, because the planner places
// reminders at nine in the morning and cannot make a thousand fall due within seconds.
// Wave A's wake-ups go through the ReminderQueue the planner uses after its commit
// (delayed jobs); wave B's are lost on purpose, so only the sweep can find it.

const root = join(import.meta.dirname, '..', '..');
const WAVE_A = 800;
const WAVE_B = 200;
const LEASE_MS = 5_000;
const SWEEP_MS = 1_000;
/** The service's default, set explicitly because the duplicate bound depends on it. */
const WORKER_CONCURRENCY = 20;
/** Wave A falls due from this long after it is planned, over WAVE_A_SPREAD_MS. */
const WAVE_A_DUE_IN_MS = 2_000;
const WAVE_A_SPREAD_MS = 4_000;
/** Kills go on until wave A is settled, and at least this many times. */
const MIN_KILLS = 4;
const CHAOS_LIMIT_MS = 90_000;
/** A compiled worker takes 2–3 s to start on a quiet machine, far longer on a busy one. */
const START_LIMIT_MS = 90_000;
const WAVE_B_DUE_AFTER_BLIP_MS = 2_000;
/** The processes that lost their connections must pick wave B up within this long (a dead LISTEN would wait for tomorrow's job). */
const RECOVERY_LIMIT_MS = 20_000;
const SETTLE_LIMIT_MS = 120_000;
/**
 * How late a reminder of wave A may go out. A kill or a lost connection costs a claim's lease, a
 * sweep and a few retries (seconds here); a wake-up left in the queue by a killed worker must not
 * wait for the queue's own stalled-job check (half a minute and more) before the sweep can help.
 */
const LATEST_MS = 45_000;
const TEST_CLIENT = 'reminder-faults';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const between = (low: number, high: number): number => low + Math.random() * (high - low);
const messageIdOf = (reminderId: string): string => `reminder-${reminderId}@mission-crm`;
const children = new Set<ChildProcess>();
/** Set when the file is done, so that nothing is started again. */
let shuttingDown = false;

/** Builds the service when a source file is younger than the compiled one (or there is none). */
function buildWhenStale(): void {
  const main = join(root, 'dist', 'src', 'main.js');
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const path = join(dir, entry.name);
      return Math.max(latest, entry.isDirectory() ? newest(path) : entry.name.endsWith('.ts') ? statSync(path).mtimeMs : 0);
    }, 0);
  if (existsSync(main) && statSync(main).mtimeMs >= Math.max(newest(join(root, 'src')), newest(join(root, 'migrations')))) return;
  try {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    // tsc still emits on a type error (type-checking is `npm run check`'s job); without output there is nothing to run.
    if (!existsSync(main)) throw error;
    console.warn(`npm run build reported errors; running what it emitted:\n${String((error as { stdout?: Buffer }).stdout ?? error)}`);
  }
}

interface WorkerProcess {
  name: string;
  child: ChildProcess;
  startedAt: number;
  ready: Promise<void>;
  readyAt?: number;
  exited: Promise<string>;
  killedAt?: number;
  stopping?: boolean;
  /** Warnings, errors and anything that is not a log line. */
  output: string[];
}

/** Two worker processes, kept running as a supervisor would: one that dies by itself is started again (and counted). */
class Workers {
  readonly slots: WorkerProcess[] = [];
  readonly kills: { name: string; at: number }[] = [];
  readonly crashes: string[] = [];
  private readonly all: WorkerProcess[] = [];
  private generation = 0;
  private stopping = false;

  constructor(private readonly env: NodeJS.ProcessEnv) {
    this.start(0);
    this.start(1);
  }

  names(): string[] {
    return this.slots.map((worker) => worker.name);
  }

  async bothReady(): Promise<void> {
    await Promise.all([this.ready(0), this.ready(1)]);
  }

  async ready(slot: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`a worker did not start within ${START_LIMIT_MS} ms:\n${this.output()}`)), START_LIMIT_MS);
    });
    await Promise.race([this.slots[slot].ready, late]).finally(() => clearTimeout(timer));
  }

  async kill(slot: number): Promise<void> {
    const victim = this.slots[slot];
    victim.killedAt = Date.now();
    victim.child.kill('SIGKILL');
    this.kills.push({ name: victim.name, at: victim.killedAt });
    await victim.exited;
    this.start(slot);
  }

  /** SIGTERM, then SIGKILL after the grace time; how each process ended. */
  async stop(graceMs = 15_000): Promise<string[]> {
    this.stopping = true;
    return Promise.all(
      this.slots.map(async (worker) => {
        worker.stopping = true;
        worker.child.kill('SIGTERM');
        const timer = setTimeout(() => worker.child.kill('SIGKILL'), graceMs);
        const ended = await worker.exited;
        clearTimeout(timer);
        return `${worker.name}: ${ended}`;
      }),
    );
  }

  /** Started, ready and killed, in ms relative to `since`. */
  lives(since: number): Record<string, string> {
    const at = (time: number | undefined): string => (time === undefined ? '-' : `+${time - since}`);
    return Object.fromEntries(
      this.all.map((worker) => [worker.name, `started ${at(worker.startedAt)} ready ${at(worker.readyAt)} killed ${at(worker.killedAt)}`]),
    );
  }

  /** How often each warning or error was logged, with the first words of its cause. */
  logSummary(): Record<string, number> {
    const counts: Record<string, number> = {};
    // Multi-line dumps on stderr count by their first line.
    for (const line of this.all.flatMap((worker) => worker.output).filter((text) => /^[^\s}]/.test(text))) {
      const msg = /"msg":"([^"]*)"/.exec(line)?.[1];
      const cause = /"err":\{"type":"[^"]*","message":"([^"]{0,60})/.exec(line)?.[1];
      const key = msg ? `${msg}${cause ? `: ${cause}` : ''}` : line.slice(0, 80);
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  /** The warnings and errors one process logged. */
  outputOf(name: string): string[] {
    return this.all.find((worker) => worker.name === name)?.output ?? [];
  }

  output(): string {
    return this.all.map((worker) => `--- ${worker.name}\n${worker.output.join('\n').slice(-4000)}`).join('\n');
  }

  private start(slot: number): void {
    const name = `w${slot}-${++this.generation}`;
    const child = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: root,
      // Each process signs its mail, so the sink can tell which one sent a copy.
      env: { ...this.env, MAIL_FROM: `${name} <${name}@faults.mission-crm.test>` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    const output: string[] = [];
    let ready!: () => void;
    let failed!: (error: Error) => void;
    const worker: WorkerProcess = {
      name,
      child,
      startedAt: Date.now(),
      ready: new Promise((resolve, reject) => ((ready = resolve), (failed = reject))),
      exited: new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`))),
      output,
    };
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.includes('"msg":"mission-crm worker is running"')) {
        worker.readyAt = Date.now();
        ready();
      } else if (!/^\{"level":(10|20|30),/.test(line)) output.push(line);
    });
    createInterface({ input: child.stderr }).on('line', (line) => output.push(line));
    // Waited on only when a kill or the next phase needs it.
    worker.ready.catch(() => undefined);
    void worker.exited.then((ended) => {
      children.delete(child);
      failed(new Error(`${name} ended (${ended}) before it was up:\n${output.join('\n').slice(-4000)}`));
      if (worker.killedAt !== undefined || worker.stopping || shuttingDown) return;
      this.crashes.push(`${name} ended by itself (${ended})`);
      // A supervisor would go on restarting; a test gives up on a process that cannot stay up.
      if (!this.stopping && this.crashes.length < 5) this.start(slot);
    });
    this.slots[slot] = worker;
    this.all.push(worker);
  }
}

interface Arrival {
  at: number;
  messageId: string;
  /** The worker process that sent it. */
  sender: string;
}

interface Sink {
  url: string;
  arrivals: Arrival[];
  close: () => Promise<void>;
}

/**
 * An SMTP server that accepts everything and notes when each message came in and who sent it.
 * Not test/support's sink: that one has no 'error' listener, and a sender SIGKILLed in the
 * middle of a message resets its connection, which would then fail the whole test file.
 */
async function startSink(): Promise<Sink> {
  const arrivals: Arrival[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        arrivals.push({
          at: Date.now(),
          messageId: /^Message-ID:\s*<([^>]+)>/im.exec(raw)?.[1] ?? '',
          sender: /^From:[^<\r\n]*<([^@>]+)@/im.exec(raw)?.[1] ?? '?',
        });
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, arrivals, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const TITLES = [
  'Individual follow-up appointment with NXTPORT International',
  'Follow-up of the MoU of CamCO Technologies with Vinamarine',
  'Follow-up call with Monument on the Haiphong port project',
  'Webinar on port management and smart logistics',
  'Info session on cleantech and the circular economy',
];

/** Ten officers, the Vietnam mission and one overdue action ("March 2024") per reminder. */
async function seedActions(db: pg.Client, count: number): Promise<{ id: string }[]> {
  const { rows: users } = await db.query<{ id: string }>(
    `INSERT INTO users (email, name, language) SELECT 'officer' || n || '@fit.example', 'Officer ' || n, (CASE WHEN n % 2 = 0 THEN 'nl' ELSE 'en' END)::user_language
       FROM generate_series(1, 10) n RETURNING id`,
  );
  const { rows: missions } = await db.query<{ id: string }>(
    `INSERT INTO missions (code, title, type, host_countries, start_date, end_date, time_zone, owner_id)
     VALUES ('VN-2023', 'Economic mission to Vietnam 2023', 'economic_mission', '{VN}', '2023-09-11', '2023-09-16', 'Asia/Ho_Chi_Minh', $1) RETURNING id`,
    [users[0].id],
  );
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO actions (title, mission_id, owner_id, status, due_from, due_to, due_precision, due_label)
     SELECT ($3::text[])[1 + n % cardinality($3::text[])] || ' #' || n, $1, ($2::uuid[])[1 + n % cardinality($2::uuid[])], 'open', '2024-03-01', '2024-03-31', 'month', 'March 2024'
       FROM generate_series(1, $4::int) n RETURNING id`,
    [missions[0].id, users.map((user) => user.id), TITLES, count],
  );
  return rows;
}

/** A planned overdue reminder to the owner of each action, falling due from `firstDue`, one every `stepMs`. */
async function scheduleReminders(db: pg.Client, actions: { id: string }[], firstDue: number, stepMs: number, occurrence = 1) {
  const { rows } = await db.query<{ id: string; fire_at: Date; attempts: number }>(
    `INSERT INTO reminders (action_id, kind, occurrence, recipient_id, fire_at)
     SELECT a.id, 'overdue', $3, a.owner_id, t.fire_at FROM unnest($1::uuid[], $2::timestamptz[]) AS t(action_id, fire_at) JOIN actions a ON a.id = t.action_id
     RETURNING id, fire_at, attempts`,
    [actions.map((action) => action.id), actions.map((_, index) => new Date(firstDue + index * stepMs)), occurrence],
  );
  return rows.map((row) => ({ id: row.id, fireAt: row.fire_at, attempts: row.attempts }));
}

async function countSent(db: pg.Client, ids: string[]): Promise<number> {
  const { rows } = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM reminders WHERE id = ANY($1) AND status = 'sent'`, [ids]);
  return rows[0].count;
}

async function until(done: () => Promise<boolean> | boolean, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (await done()) return true;
    await sleep(250);
  }
  return done();
}

interface Blip {
  at: number;
  /** Terminated PostgreSQL connections by application_name: '' is BullMQ's pool, 'reminders' its LISTEN connection, 'mission-crm' TypeORM's pool. */
  terminated: Record<string, number>;
  redisClientsKilled?: number;
  /** Whether a worker was recording a sent reminder at that moment. */
  recordingCut?: boolean;
}

/**
 * Waits (up to `limitMs`) until some worker is recording a reminder as sent: the moment when a
 * lost connection must not make the engine send that reminder again.
 */
async function whileRecordingSent(db: pg.Client, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    const { rows } = await db.query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query ILIKE 'UPDATE reminders SET status = ''sent''%'`,
    );
    if (rows.length > 0) return true;
    await sleep(5);
  }
  return false;
}

/** Terminates every PostgreSQL connection of the worker processes; on Redis, also flushes the queue and kills its connections. */
async function blip(db: pg.Client, redis: Redis | undefined): Promise<Blip> {
  const at = Date.now();
  let redisClientsKilled: number | undefined;
  if (redis) {
    await redis.flushdb();
    const ownId = String(await redis.client('ID'));
    const clients = String(await redis.client('LIST')).split('\n');
    const ids = clients
      .filter((line) => / db=7 /.test(line))
      .map((line) => /^id=(\d+)/.exec(line)?.[1] ?? ownId)
      .filter((id) => id !== ownId);
    for (const id of ids) await redis.client('KILL', 'ID', id);
    redisClientsKilled = ids.length;
  }
  // Chosen first, terminated after: inside one query's WHERE, PostgreSQL may call
  // pg_terminate_backend before it has narrowed the rows down to this database.
  const { rows: victims } = await db.query<{ pid: number; application_name: string }>(
    `SELECT pid, application_name FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name <> $1`,
    [TEST_CLIENT],
  );
  await db.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [victims.map((victim) => victim.pid)]);
  const terminated: Record<string, number> = {};
  for (const { application_name: name } of victims) terminated[name] = (terminated[name] ?? 0) + 1;
  return { at, terminated, redisClientsKilled };
}

interface Backend {
  name: 'postgres' | 'redis';
  redisUrl?: string;
}

interface Run {
  start: number;
  kills: Map<string, number>;
  crashes: string[];
  /** Terminations while wave A is being sent, and once the queue is idle. */
  busyBlip: Blip;
  idleBlip: Blip;
  survivors: string[];
  statuses: Record<string, number>;
  wrongMessageIds: number;
  takenOver: number;
  expected: Set<string>;
  waveB: Set<string>;
  waveBDue: number;
  arrivals: Arrival[];
  tomorrow: { status: string; delivered: boolean };
  settledMs: number | null;
  latestMs: number;
  slowest: string[];
  stopped: string[];
  lives: Record<string, string>;
  logged: Record<string, number>;
  outputOf: (name: string) => string[];
  output: string;
}

async function runScenario(backend: Backend, cleanup: (() => Promise<unknown>)[]): Promise<Run> {
  const redis = backend.redisUrl ? new Redis(backend.redisUrl, { maxRetriesPerRequest: null }) : undefined;
  if (redis) {
    await redis.flushdb();
    cleanup.push(async () => {
      await redis.flushdb();
      redis.disconnect();
    });
  }
  const sink = await startSink();
  cleanup.push(() => sink.close());
  const queueSettings: Record<string, string> = backend.redisUrl ? { REDIS_URL: backend.redisUrl } : {};
  // The API side, in this process: it migrates the database and queues wave A's wake-ups as the planner does.
  const api = await startTestApp({ ROLE: 'api', ...queueSettings });
  let apiOpen = true;
  cleanup.push(async () => {
    if (apiOpen) await api.app.close();
    await api.database.drop();
  });
  const db = new pg.Client({ connectionString: api.database.url, application_name: TEST_CLIENT });
  await db.connect();
  cleanup.push(() => db.end());
  const actions = await seedActions(db, WAVE_A + WAVE_B);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    ROLE: 'worker',
    DATABASE_URL: api.database.url,
    SMTP_URL: sink.url,
    // Info, for the line that says a worker is up; only warnings and errors are kept.
    LOG_LEVEL: 'info',
    // Two workers and the processes they replace share PostgreSQL with whatever else runs.
    DATABASE_POOL_SIZE: '5',
    REMINDER_SWEEP_MS: String(SWEEP_MS),
    WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
    REMINDER_CLAIM_LEASE_MS: String(LEASE_MS),
    // A send that failed on a terminated connection retries within the test's time.
    REMINDER_RETRY_BASE_MS: '1000',
    PUBLIC_URL: 'https://crm.fit.example',
  };
  delete env.REDIS_URL;
  Object.assign(env, queueSettings);
  const workers = new Workers(env);
  const { arrivals } = sink;
  await workers.bothReady();

  const start = Date.now();
  const waveA = await scheduleReminders(db, actions.slice(0, WAVE_A), start + WAVE_A_DUE_IN_MS, WAVE_A_SPREAD_MS / WAVE_A);
  // Every real queue holds jobs for later: a worker with nothing to do now blocks until tomorrow's, or until it is notified.
  const [tomorrow] = await scheduleReminders(db, actions.slice(0, 1), start + 86_400_000, 0, 2);
  await api.app.get(ReminderQueue).wake([...waveA, tomorrow]);
  await api.app.close();
  apiOpen = false;

  const waveAIds = waveA.map((row) => row.id);
  // Once in the middle of the burst, at a moment when a sent reminder is being recorded.
  const busyBlip = until(() => arrivals.length >= WAVE_A / 4, SETTLE_LIMIT_MS)
    .then(() => whileRecordingSent(db, 30_000))
    .then(async (recordingCut) => ({ ...(await blip(db, redis)), recordingCut }));
  void busyBlip.catch(() => undefined);
  let victim = 0;
  while (workers.kills.length < MIN_KILLS || (await countSent(db, waveAIds)) < WAVE_A) {
    if (Date.now() - start > CHAOS_LIMIT_MS) break;
    // A process is killed 2–3 s after it has begun to send: on a busy machine starting alone takes longer than that.
    await workers.ready(victim);
    const name = workers.names()[victim];
    await until(async () => arrivals.some((arrival) => arrival.sender === name) || (await countSent(db, waveAIds)) === WAVE_A, START_LIMIT_MS);
    await sleep(between(2_000, 3_000));
    await workers.kill(victim);
    victim = 1 - victim;
  }
  await busyBlip;
  await workers.bothReady();
  await until(async () => (await countSent(db, waveAIds)) === WAVE_A, SETTLE_LIMIT_MS);
  // The queue is idle now: the workers wait on LISTEN (or Redis) for tomorrow's job or a new one.
  await sleep(2_000);

  const survivors = workers.names();
  const idleBlip = await blip(db, redis);
  const waveBDue = Date.now() + WAVE_B_DUE_AFTER_BLIP_MS;
  const waveB = await scheduleReminders(db, actions.slice(WAVE_A), waveBDue, 1);
  const waveBIds = new Set(waveB.map((row) => messageIdOf(row.id)));
  await until(() => arrivals.some((arrival) => waveBIds.has(arrival.messageId)), waveBDue - Date.now() + RECOVERY_LIMIT_MS);

  const ids = [...waveAIds, ...waveB.map((row) => row.id)];
  const settled = await until(async () => (await countSent(db, ids)) === ids.length, SETTLE_LIMIT_MS);
  const settledMs = settled ? Date.now() - start : null;
  const stopped = await workers.stop();

  const { rows: statuses } = await db.query<{ status: string; count: number }>(
    `SELECT status, count(*)::int AS count FROM reminders WHERE id = ANY($1) GROUP BY status`,
    [ids],
  );
  const { rows: wrong } = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM reminders WHERE id = ANY($1) AND message_id IS DISTINCT FROM 'reminder-' || id || '@mission-crm'`,
    [ids],
  );
  const { rows: takenOver } = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM reminders WHERE id = ANY($1) AND attempts > 1`, [ids]);
  const { rows: later } = await db.query<{ status: string }>(`SELECT status FROM reminders WHERE id = $1`, [tomorrow.id]);
  // The last of wave A to go out: how long a fault delayed them, and how often they were tried.
  const { rows: slowest } = await db.query<{ id: string; delay: number; attempts: number }>(
    `SELECT id, (extract(epoch FROM sent_at - fire_at) * 1000)::int AS delay, attempts FROM reminders WHERE id = ANY($1) ORDER BY sent_at - fire_at DESC LIMIT 5`,
    [waveAIds],
  );

  return {
    start,
    kills: new Map(workers.kills.map((kill) => [kill.name, kill.at])),
    crashes: workers.crashes,
    busyBlip: await busyBlip,
    idleBlip,
    survivors,
    statuses: Object.fromEntries(statuses.map((row) => [row.status, row.count])),
    wrongMessageIds: wrong[0].count,
    takenOver: takenOver[0].count,
    expected: new Set(ids.map(messageIdOf)),
    waveB: waveBIds,
    waveBDue,
    arrivals,
    tomorrow: { status: later[0].status, delivered: arrivals.some((arrival) => arrival.messageId === messageIdOf(tomorrow.id)) },
    settledMs,
    latestMs: slowest[0]?.delay ?? 0,
    slowest: slowest.map((row) => `${row.id}: sent ${row.delay} ms after its fire time, ${row.attempts} attempt(s)`),
    stopped,
    lives: workers.lives(start),
    logged: workers.logSummary(),
    outputOf: (name) => workers.outputOf(name),
    output: workers.output(),
  };
}

/**
 * Every delivery of a Message-ID after its first. One is explained when the process that
 * sent the copy before it was SIGKILLed soon after (so it died between the SMTP server's
 * answer and recording 'sent'), said nothing about that reminder before dying (a process
 * that reported it as not sent had lived on to misjudge it), and the next copy came after
 * the claim's lease had run out.
 */
function duplicates(run: Run): { explained: boolean; detail: string }[] {
  const byId = new Map<string, Arrival[]>();
  for (const arrival of run.arrivals) byId.set(arrival.messageId, [...(byId.get(arrival.messageId) ?? []), arrival]);
  return [...byId.values()].flatMap((copies) =>
    copies.slice(1).map((copy, index) => {
      const before = copies[index];
      const killedAt = run.kills.get(before.sender);
      const reminderId = /^reminder-(.+)@mission-crm$/.exec(copy.messageId)?.[1] ?? copy.messageId;
      const misjudged = run.outputOf(before.sender).some((line) => line.includes(reminderId) && Number(/"time":(\d+)/.exec(line)?.[1] ?? 0) >= before.at - 100);
      const explained = killedAt !== undefined && killedAt >= before.at - 1_000 && !misjudged && copy.at - before.at >= LEASE_MS - 1_000;
      const killed = killedAt === undefined ? 'never killed' : `killed at +${killedAt - run.start}`;
      const detail = `${copy.messageId}: ${before.sender} at +${before.at - run.start} (${killed}${misjudged ? ', logged it as not sent' : ''}), again by ${copy.sender} at +${copy.at - run.start}`;
      return { explained, detail };
    }),
  );
}

const backends: Backend[] = [{ name: 'postgres' }];
if (process.env.REDIS_URL) {
  const url = new URL(process.env.REDIS_URL);
  url.pathname = '/7';
  backends.push({ name: 'redis', redisUrl: url.toString() });
}

describe('reminder engine under faults: workers SIGKILLed, connections terminated, queue lost', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  let endTurn: (() => Promise<void>) | undefined;

  // Its bounds on lateness assume the machine is not shared with a browser test's Chromium.
  beforeAll(async () => {
    endTurn = await takeTurn('alone');
    buildWhenStale();
  }, 900_000);

  afterAll(async () => {
    shuttingDown = true;
    const running = [...children].filter((child) => child.exitCode === null && child.signalCode === null);
    await Promise.all(running.map((child) => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGKILL')))));
    for (const step of cleanup.reverse()) await step().catch((error: unknown) => console.warn('cleanup failed', error));
    await endTurn?.();
  }, 60_000);

  it.each(backends)(
    'sends each of 1,000 reminders once, but for the copies a kill forces on SMTP (queue on $name)',
    async (backend) => {
      const run = await runScenario(backend, cleanup);
      const copies = duplicates(run);
      const waveBArrivals = run.arrivals.filter((arrival) => run.waveB.has(arrival.messageId));
      const firstWaveB = Math.min(...waveBArrivals.map((arrival) => arrival.at));
      console.log(
        JSON.stringify(
          {
            backend: backend.name,
            kills: run.kills.size,
            crashes: run.crashes,
            busyBlip: { ...run.busyBlip, at: `+${run.busyBlip.at - run.start}` },
            idleBlip: { ...run.idleBlip, at: `+${run.idleBlip.at - run.start}` },
            received: run.arrivals.length,
            distinct: new Set(run.arrivals.map((arrival) => arrival.messageId)).size,
            duplicates: copies.length,
            duplicateDetails: copies.map((copy) => copy.detail),
            rowsTakenOver: run.takenOver,
            waveBFirstSentMsAfterDue: firstWaveB - run.waveBDue,
            waveBSenders: [...new Set(waveBArrivals.map((arrival) => arrival.sender))],
            settledMsAfterStart: run.settledMs,
            slowest: run.slowest,
            stopped: run.stopped,
            logged: run.logged,
            processes: Object.fromEntries(
              Object.entries(run.lives).map(([name, life]) => [name, `${life}, sent ${run.arrivals.filter((arrival) => arrival.sender === name).length}`]),
            ),
          },
          null,
          2,
        ),
      );

      expect({ crashes: run.crashes, output: run.crashes.length > 0 ? run.output : '' }).toEqual({ crashes: [], output: '' });
      expect(run.kills.size).toBeGreaterThanOrEqual(MIN_KILLS);
      expect(run.settledMs).not.toBeNull();
      expect(run.statuses).toEqual({ sent: WAVE_A + WAVE_B });
      expect(run.wrongMessageIds).toBe(0);
      expect(new Set(run.arrivals.map((arrival) => arrival.messageId))).toEqual(run.expected);
      // Nothing goes out before its time, faults or not.
      expect(run.tomorrow).toEqual({ status: 'planned', delivered: false });
      // The processes that lost their connections picked new work up by themselves, and soon.
      expect(run.busyBlip.terminated['mission-crm']).toBeGreaterThan(0);
      expect(run.idleBlip.terminated['mission-crm']).toBeGreaterThan(0);
      if (backend.name === 'postgres') expect(run.idleBlip.terminated.reminders).toBe(2);
      expect(waveBArrivals.every((arrival) => run.survivors.includes(arrival.sender))).toBe(true);
      expect(firstWaveB - run.waveBDue).toBeLessThan(RECOVERY_LIMIT_MS);
      expect(run.latestMs).toBeLessThan(LATEST_MS);
      expect(copies.filter((copy) => !copy.explained)).toEqual([]);
      // Not "at most one per kill": a process sends up to WORKER_CONCURRENCY reminders at once, and
      // a kill catches every one the server has accepted and the row does not yet say is sent.
      expect(copies.length).toBeLessThanOrEqual(run.kills.size * WORKER_CONCURRENCY);
    },
    240_000,
  );
});
