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
 * Imports of a delegation of 10,000 rows and of a B2B plan of 10,000 meetings
 * (npm run bench:imports; ROWS=… to change the size), each imported twice: the second
 * run finds everything unchanged. Whole HTTP round trips and the peak resident memory of
 * the process, sampled every 50 ms. Needs DATABASE_URL of a server where it may create
 * (and then drop) a scratch database.
 */
const ROWS = Number(process.env.ROWS ?? 10_000);
const adminUrl = benchServerUrl();

const scratch = await createScratchDatabase(adminUrl);
const databaseUrl = scratch.url;
const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);

/** A valid enterprise number for a synthetic company: 8 digits and their mod-97 check. */
const enterpriseNumber = (n: number): string => `${String(n).padStart(8, '0')}${String(97 - (n % 97)).padStart(2, '0')}`;

function delegationCsv(): string {
  const lines = ['bedrijf;ondernemingsnummer;land;stad;sectoren;contactpersoon;e-mail;telefoon;doelstellingen'];
  for (let i = 1; i <= ROWS; i += 1) {
    lines.push(
      `Synthetic Company ${i};${enterpriseNumber(i)};BE;Antwerpen;logistics;Delegate ${i};delegate${i}@company${i}.example;+32 3 555 ${String(i).padStart(5, '0')};Partners in Vietnam`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function planCsv(companies: number): string {
  const lines = ['datum;start;einde;bedrijf;gesprekspartner;land gesprekspartner;locatie;onderwerpen'];
  for (let i = 0; i < ROWS; i += 1) {
    const day = 12 + (i % 4);
    const slot = Math.floor(i / 4) % 40;
    const hour = 8 + Math.floor(slot / 4);
    const minute = (slot % 4) * 15;
    lines.push(
      `${day}/09/2023;${hour}:${String(minute).padStart(2, '0')};;Synthetic Company ${1 + (i % companies)};Vietnamese Counterpart ${1 + (i % 2000)};VN;Hanoi;"logistics;ports"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

try {
  await runMigrations({ url: databaseUrl });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const [{ id: adminId }] = (
    await db.query<{ id: string }>(`INSERT INTO users (email, name, role) VALUES ('bench@fit.example', 'Bench', 'admin') RETURNING id`)
  ).rows;
  const [{ id: missionId }] = (
    await db.query<{ id: string }>(
      `INSERT INTO missions (code, title, type, host_countries, start_date, end_date, time_zone) VALUES ('VN-2023', 'Economic mission to Vietnam 2023', 'economic_mission', '{VN}', '2023-09-11', '2023-09-16', 'Asia/Ho_Chi_Minh') RETURNING id`,
    )
  ).rows;
  const sessionId = await openSession(db, adminId);
  await db.end();
  const environment = loadEnvironment({
    NODE_ENV: 'production',
    ROLE: 'api',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: randomBytes(32).toString('hex'),
  });
  const app = await createApp(environment, databaseUrl);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const authorization = `Bearer ${await app.get(JwtService).signAsync({ sub: adminId, role: 'admin', typ: 'access', sid: sessionId }, { algorithm: 'HS256', expiresIn: 3600 })}`;
  const base = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/api/v1`;

  const results: string[] = [];
  const run = async (label: string, path: string, body: string): Promise<void> => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const started = performance.now();
    const response = await fetch(`${base}/${path}`, { method: 'POST', headers: { authorization, 'content-type': 'text/csv' }, body });
    const report = (await response.json()) as { totals?: Record<string, number> };
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(report).slice(0, 500)}`);
    const totals = report.totals!;
    results.push(
      `| ${label} | ${mib(Buffer.byteLength(body))} | ${totals.created} / ${totals.updated} / ${totals.unchanged} / ${totals.error} | ${seconds.toFixed(1)} | ${mib(before)} | ${mib(peak)} |`,
    );
  };
  const delegation = delegationCsv();
  await run(`delegation, ${ROWS} rows (first import)`, `imports/participants?missionId=${missionId}`, delegation);
  await run(`delegation, ${ROWS} rows (again)`, `imports/participants?missionId=${missionId}`, delegation);
  const plan = planCsv(Math.min(30, ROWS));
  await run(`B2B plan, ${ROWS} meetings (first import)`, `imports/meetings?missionId=${missionId}`, plan);
  await run(`B2B plan, ${ROWS} meetings (again)`, `imports/meetings?missionId=${missionId}`, plan);
  await app.close();
  process.stdout.write(`\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n\n`);
  process.stdout.write(
    '| import | MiB | created / updated / unchanged / error rows | s | RSS before, MiB | peak RSS, MiB |\n| --- | --- | --- | --- | --- | --- |\n',
  );
  process.stdout.write(`${results.join('\n')}\n`);
} finally {
  await scratch.drop();
}
