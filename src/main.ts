import 'reflect-metadata';
import { resolve } from 'node:path';
import pino from 'pino';
import { ensureFirstAdmin } from './auth/first-admin.js';
import { createApp, createWorker } from './bootstrap.js';
import { type Environment, EnvironmentError, loadEnvironment } from './config/environment.js';
import { runMigrations } from './database/data-source.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres.js';
import { seedDemoData } from './demo/seed.js';

async function main(environment: Environment): Promise<void> {
  const log = pino({ level: environment.LOG_LEVEL, name: 'mission-crm' });
  let embedded: EmbeddedDatabase | undefined;
  if (!environment.DATABASE_URL) {
    log.info({ dataDir: resolve(environment.DATA_DIR) }, 'no DATABASE_URL: starting the embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({ dataDir: environment.DATA_DIR, port: environment.EMBEDDED_POSTGRES_PORT, log: (message) => log.debug({ postgres: message }) });
  }
  const databaseUrl = environment.DATABASE_URL ?? embedded!.url;

  const applied = await runMigrations({ url: databaseUrl });
  if (applied.length > 0) log.info({ migrations: applied }, 'database schema updated');
  // Seeding is idempotent and leaves edited demo records alone, so every embedded start
  // may run it: a first start killed before it finished still ends up with the demo mission.
  if (embedded && environment.DEMO_DATA) {
    const summary = await seedDemoData({ url: databaseUrl });
    if (Object.values(summary).some((count) => count > 0)) log.info(summary, 'loaded the demo mission (Vietnam 2023)');
  }

  if (environment.ROLE !== 'worker') {
    const admin = await ensureFirstAdmin(databaseUrl, environment, embedded !== undefined);
    if (admin?.source === 'configured') log.info({ email: admin.email }, 'created the admin given by ADMIN_EMAIL');
    if (admin?.source === 'completed') log.warn({ email: admin.email }, 'the user of ADMIN_EMAIL had no password: gave them ADMIN_PASSWORD and the admin role');
    if (admin?.source === 'not_admin')
      log.warn({ email: admin.email, role: admin.role }, 'ADMIN_EMAIL names a user who already signs in, as a non-admin: left as is (change the role with PATCH /api/v1/users/{id})');
    if (admin?.source === 'generated') {
      log.warn({ email: admin.email }, 'created a first admin with a random password; it is printed once, below, and never again');
      // A plain block rather than a log line: meant for the person at the terminal, and kept out of the JSON log.
      process.stdout.write(`\n  Sign in to mission-crm as ${admin.email} with password ${admin.password}\n  (shown once; change it with PATCH /api/v1/auth/me, or set ADMIN_EMAIL and ADMIN_PASSWORD)\n\n`);
    }
  }

  const app = environment.ROLE === 'worker' ? await createWorker(environment, databaseUrl) : await createApp(environment, databaseUrl);
  let closing = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (closing) return;
    closing = true;
    // Ctrl-C in a terminal reaches the embedded PostgreSQL too, which then ends our
    // connections while they close: expected now, and no reason to fail the shutdown.
    process.on('uncaughtException', (error: Error & { code?: string }) => {
      if (error.code === '57P01' || error.code === 'ECONNRESET') return log.debug({ err: error }, 'connection ended during shutdown');
      log.error({ err: error }, 'error during shutdown');
      process.exit(1);
    });
    log.info({ signal }, 'shutting down: finishing requests in flight');
    try {
      await app.close();
      await embedded?.stop();
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  // embedded-postgres stops its server on these signals by itself, at once: that would
  // cut the connections of requests still finishing. The shutdown above stops it last.
  process.removeAllListeners('SIGTERM').removeAllListeners('SIGINT');
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));

  if (environment.ROLE === 'worker') {
    log.info({ role: 'worker' }, 'mission-crm worker is running');
    return;
  }
  const web = app as Awaited<ReturnType<typeof createApp>>;
  await web.listen({ port: environment.PORT, host: environment.HOST });
  const url = (await web.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  log.info({ url, role: environment.ROLE, docs: `${url}/api/docs` }, `mission-crm is listening on ${url} (API ${url}/api/v1, docs ${url}/api/docs)`);
}

let environment: Environment;
try {
  environment = loadEnvironment();
} catch (error) {
  if (error instanceof EnvironmentError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
main(environment).catch((error: unknown) => {
  process.stderr.write(`mission-crm failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
