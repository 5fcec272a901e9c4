import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { chromium, type Page } from 'playwright-core';
import { benchServerUrl, createScratchDatabase } from './scratch-database.js';
import { createApp } from '../src/bootstrap.js';
import { loadEnvironment } from '../src/config/environment.js';
import { DASHBOARD_DIR } from '../src/dashboard/dashboard.js';
import { runMigrations } from '../src/database/data-source.js';
import { demoId, seedDemoData } from '../src/demo/seed.js';
import { hashPassword } from '../src/users/password.js';

/**
 * The dashboard as an officer's laptop meets it (npm run bench:web): the size of what the
 * browser downloads, and how long pages take on loopback from navigation until they can be
 * used, in a fresh browser context each run (nothing cached). The demo mission is loaded,
 * plus EXTRA_ACTIONS follow-ups (default 10,000) on it, so the lists are long. Needs
 * DATABASE_URL of a server where it may create (and then drop) a scratch database.
 */
const RUNS = Number(process.env.RUNS ?? 15);
const EXTRA_ACTIONS = Number(process.env.EXTRA_ACTIONS ?? 10_000);
const adminUrl = benchServerUrl();

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p95 = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)];

function bundleSizes(): void {
  const html = readFileSync(join(DASHBOARD_DIR, 'index.html'), 'utf8');
  const entry = new Set([...html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((match) => match[1]));
  let firstJs = 0;
  let firstCss = 0;
  process.stdout.write('\n| file | raw | gzip | loaded |\n| --- | --- | --- | --- |\n');
  for (const file of readdirSync(join(DASHBOARD_DIR, 'assets')).sort()) {
    const content = readFileSync(join(DASHBOARD_DIR, 'assets', file));
    const gzip = gzipSync(content, { level: 9 }).length;
    const first = entry.has(file);
    if (first && file.endsWith('.js')) firstJs += gzip;
    if (first && file.endsWith('.css')) firstCss += gzip;
    process.stdout.write(`| ${file.replace(/-[\w-]{8}\./, '.')} | ${kb(content.length)} | ${kb(gzip)} | ${first ? 'first page' : 'on demand'} |\n`);
  }
  process.stdout.write(`\nJavaScript for the first page: ${kb(firstJs)} gzip (budget 250 KB); CSS ${kb(firstCss)} gzip\n`);
}

const scratch = await createScratchDatabase(adminUrl);
const databaseUrl = scratch.url;
const password = 'Vietnam-2023-bench-password';

try {
  await runMigrations({ url: databaseUrl });
  await seedDemoData({ url: databaseUrl });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const els = demoId('user', 'user-els');
  await db.query('UPDATE users SET password_hash = $1 WHERE id = $2', [await hashPassword(password), els]);
  const [{ id: missionId }] = (await db.query<{ id: string }>(`SELECT id FROM missions WHERE code = 'VN-2023'`)).rows;
  await db.query(
    `INSERT INTO actions (title, kind, mission_id, owner_id, status, due_from, due_to, due_precision)
     SELECT 'Bench follow-up ' || i, 'other', $1, $2, (ARRAY['open','in_progress','done','postponed']::action_status[])[1 + i % 4], DATE '2024-01-01' + (i % 900), DATE '2024-01-01' + (i % 900) + 30, 'range'
     FROM generate_series(1, ${EXTRA_ACTIONS}) i`,
    [missionId, els],
  );
  await db.end();

  const environment = loadEnvironment({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    ROLE: 'api',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: randomBytes(32).toString('hex'),
  });
  const app = await createApp(environment, databaseUrl);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });

  process.stdout.write(
    `mission-crm dashboard — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${RUNS} runs each, fresh browser context per run\n`,
  );
  bundleSizes();

  const timings: Record<string, number[]> = {
    'sign-in page usable': [],
    'my follow-ups after sign-in': [],
    'mission page, actions listed (of 10,000+)': [],
    'overdue board': [],
  };
  const time = async (label: string, work: () => Promise<void>): Promise<void> => {
    const started = performance.now();
    await work();
    timings[label].push(performance.now() - started);
  };
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page: Page = await context.newPage();
    await time('sign-in page usable', async () => {
      await page.goto(`${base}/sign-in`);
      await page.getByRole('button', { name: 'Aanmelden' }).waitFor();
    });
    await page.getByLabel('E-mailadres').fill('els.vermeulen@fit.example');
    await page.getByLabel('Wachtwoord').fill(password);
    await time('my follow-ups after sign-in', async () => {
      await page.getByRole('button', { name: 'Aanmelden' }).click();
      await page.locator('.tile-value').first().waitFor();
      await page.locator('.follow-up').first().waitFor();
    });
    await time('mission page, actions listed (of 10,000+)', async () => {
      await page.goto(`${base}/missions/${missionId}`);
      await page.locator('#actions table.list tbody tr').first().waitFor();
    });
    await time('overdue board', async () => {
      await page.goto(`${base}/overdue`);
      await page.locator('table.list tbody tr').first().waitFor();
    });
    await context.close();
  }
  process.stdout.write('\n| page | median | p95 |\n| --- | --- | --- |\n');
  for (const [label, values] of Object.entries(timings))
    process.stdout.write(`| ${label} | ${median(values).toFixed(0)} ms | ${p95(values).toFixed(0)} ms |\n`);
  await browser.close();
  await app.close();
} finally {
  await scratch.drop();
}
