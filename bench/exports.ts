import 'reflect-metadata';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { JwtService } from '@nestjs/jwt';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { benchServerUrl, createScratchDatabase, openSession } from './scratch-database.js';
import { serviceNodeFlags } from './service-flags.js';
import { createApp } from '../src/bootstrap.js';
import { loadEnvironment } from '../src/config/environment.js';
import { runMigrations } from '../src/database/data-source.js';

/**
 * CSV and .xlsx export of a million follow-up actions (npm run bench:exports; ROWS=… to change the
 * size): the time of the whole download and the peak resident memory of the service, which
 * runs in a child process of its own with the Node flags of `npm start`. Needs DATABASE_URL of a
 * server where it may create (and then drop) a scratch database; SERVICE_NODE_FLAGS gives the
 * service process other Node flags ("" for Node's defaults).
 */
const ROWS = Number(process.env.ROWS ?? 1_000_000);
const serving = process.argv.includes('--serve');
const scratch = serving ? undefined! : await createScratchDatabase(benchServerUrl());
const databaseUrl = serving ? process.env.DATABASE_URL! : scratch.url;
const root = fileURLToPath(new URL('../..', import.meta.url));
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

/**
 * The service in a process of its own (this file with --serve), with npm start's Node flags, so
 * that its resident memory is the service's alone: the download is read by the parent.
 */
async function serve(): Promise<void> {
  const environment = loadEnvironment({
    NODE_ENV: 'production',
    ROLE: 'api',
    LOG_LEVEL: 'silent',
    DATABASE_URL: process.env.DATABASE_URL!,
    JWT_SECRET: process.env.JWT_SECRET!,
  });
  const app = await createApp(environment, process.env.DATABASE_URL!);
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.send!({ url: (await app.getUrl()).replace('[::1]', '127.0.0.1') });
  process.on('disconnect', () => void app.close().then(() => process.exit(0)));
}

/** The resident memory of a process now and at its peak (VmRSS, VmHWM), from /proc. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/** Forgets the peak so far (writing 5 to clear_refs resets VmHWM), so that each export has its own. */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

async function measure(): Promise<void> {
  await load();
  const secret = randomBytes(32).toString('hex');
  const service = fork(fileURLToPath(import.meta.url), ['--serve'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, JWT_SECRET: secret },
    // The flags of npm start; SERVICE_NODE_FLAGS (e.g. "" for Node's defaults) to compare.
    execArgv: serviceNodeFlags(root),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      service.once('message', (message: { url: string }) => resolve(message.url));
      service.once('exit', (code) => reject(new Error(`the service stopped (${code}) before it listened`)));
    });
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const ownerId = (await db.query<{ id: string }>('SELECT id FROM users ORDER BY email LIMIT 1')).rows[0].id;
    const sessionId = await openSession(db, ownerId);
    await db.end();
    const token = await new JwtService({ secret }).signAsync(
      { sub: ownerId, role: 'officer', typ: 'access', sid: sessionId },
      { algorithm: 'HS256', expiresIn: 7200 },
    );
    const authorization = `Bearer ${token}`;
    const base = `${url}/api/v1`;

    const results: string[] = [];
    const CSV = 'text/csv';
    const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    for (const [label, path, accept] of [
      ['all actions, by due date', 'actions', CSV],
      ['open and in progress, newest first', 'actions?status=open,in_progress&sort=-createdAt', CSV],
      ['all actions, by due date, .xlsx', 'actions', XLSX],
    ] as const) {
      const pid = service.pid!;
      resetPeak(pid);
      const before = memoryOf(pid).rss;
      let peak = before;
      // VmHWM is the kernel's own peak; the samples are a check on it.
      const sampler = setInterval(() => (peak = Math.max(peak, memoryOf(pid).rss)), 50);
      const started = performance.now();
      const response = await fetch(`${base}/${path}`, { headers: { authorization, accept } });
      if (response.status !== 200 || !response.body) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      let bytes = 0;
      let rows: number;
      if (accept === CSV) {
        let lines = 0;
        for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
          bytes += chunk.length;
          for (const byte of chunk) if (byte === 10) lines += 1;
        }
        rows = lines - 1;
      } else {
        // The workbook is read as a spreadsheet program would, sheet by sheet, row by row, without holding it.
        let data = 0;
        const counted = new PassThrough();
        counted.on('data', (chunk: Buffer) => (bytes += chunk.length));
        const reading = (async () => {
          for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(counted, { worksheets: 'emit', sharedStrings: 'ignore', styles: 'ignore' })) {
            for await (const _row of sheet as AsyncIterable<unknown>) data += 1;
            data -= 1;
          }
        })();
        await pipeline(Readable.fromWeb(response.body as never), counted);
        await reading;
        rows = data;
      }
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, memoryOf(pid).peak);
      results.push(
        `| ${label} | \`${path}\` | ${rows} | ${mib(bytes)} | ${seconds.toFixed(1)} | ${(rows / seconds).toFixed(0)} | ${mib(before)} | ${mib(peak)} |`,
      );
    }
    process.stdout.write(`\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
    process.stdout.write(
      `${ROWS} actions; RSS of the service process alone (Node flags: ${serviceNodeFlags(root).join(' ') || 'none'}), the download read by another\n\n`,
    );
    process.stdout.write(
      '| export | request | rows | MiB | s | rows/s | service RSS before, MiB | service peak RSS, MiB |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n',
    );
    process.stdout.write(`${results.join('\n')}\n`);
  } finally {
    const stopped = new Promise((resolve) => service.once('exit', resolve));
    service.disconnect();
    await stopped;
  }
}

if (process.argv.includes('--serve')) {
  await serve();
} else {
  try {
    await measure();
  } finally {
    await scratch.drop();
  }
}
