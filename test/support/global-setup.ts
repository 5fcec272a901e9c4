import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Embedded from '../../src/database/embedded-postgres.js';

// Jest loads this file outside its module mapper, so it cannot import the project's sources
// as the tests do: it takes the service's own embedded PostgreSQL start from the build
// (built first when the sources changed), so that tests run wherever `npm start` runs.

const root = join(import.meta.dirname, '..', '..');

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

export interface EmbeddedTestServer {
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Tests use DATABASE_URL when it is set (CI's PostgreSQL); otherwise a throw-away
 * embedded PostgreSQL. Each test file then makes a database of its own.
 */
export default async function globalSetup(): Promise<void> {
  // The build the fault test's workers and the browser tests' dashboard come from: made once
  // here, before the test files run in parallel, and only when a source changed.
  execFileSync(process.execPath, [join(root, 'scripts', 'build-if-stale.js')], { cwd: root, stdio: 'inherit' });
  if (process.env.DATABASE_URL) {
    process.env.TEST_ADMIN_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const { startEmbeddedPostgres } = (await import(pathToFileURL(join(root, 'dist', 'src', 'database', 'embedded-postgres.js')).href)) as typeof Embedded;
  const dataDir = await mkdtemp(join(tmpdir(), 'mission-crm-test-'));
  await chmod(dataDir, 0o755); // the PostgreSQL user enters it when the tests run as root
  const port = await freePort();
  const server = await startEmbeddedPostgres({ dataDir, port, database: 'postgres', settings: ['fsync=off', 'max_connections=200'] });
  process.env.TEST_ADMIN_DATABASE_URL = server.url;
  (globalThis as { embeddedTestServer?: EmbeddedTestServer }).embeddedTestServer = { dataDir, stop: () => server.stop() };
}
