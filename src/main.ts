import 'reflect-metadata';
import { resolve } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import pino from 'pino';
import { ensureFirstAdmin } from './auth/first-admin.js';
import { createApp, createWorker } from './bootstrap.js';
import { type Environment, EnvironmentError, loadEnvironment } from './config/environment.js';
import { runMigrations } from './database/data-source.js';
import { EmbeddedCluster, EmbeddedPostgresError } from './database/embedded-postgres.js';
import { seedDemoData } from './demo/seed.js';

/** Milliseconds since `from` (0: since the process started), for the start-up figures in the log. */
const since = (from: number): number => Math.round(performance.now() - from);

/** How long a shutdown may wait for requests in flight before it stops anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(environment: Environment): Promise<void> {
  const log = pino({ level: environment.LOG_LEVEL, name: 'mission-crm' });
  // Each phase of the start, in ms; `load` is Node and the modules, up to here.
  const phases: Record<string, number> = { load: since(0) };
  let mark = performance.now();
  const phase = (name: string): void => {
    phases[name] = since(mark);
    mark = performance.now();
  };

  let embedded: EmbeddedCluster | undefined;
  let app: INestApplicationContext | undefined;
  let stopping: Promise<void> | undefined;
  const shutdown = (signal: NodeJS.Signals): Promise<void> =>
    (stopping ??= (async () => {
      // Connections may still end while they close; that is no reason to fail the shutdown.
      process.on('uncaughtException', (error: Error & { code?: string }) => {
        if (error.code === '57P01' || error.code === 'ECONNRESET') return log.debug({ err: error }, 'connection ended during shutdown');
        log.error({ err: error }, 'error during shutdown');
        process.exit(1);
      });
      log.info({ signal }, app ? 'shutting down: finishing requests in flight' : 'stopping during start-up');
      const late = setTimeout(() => {
        log.error(`requests still running after ${SHUTDOWN_GRACE_MS / 1000} s: stopping anyway`);
        void (embedded?.stop() ?? Promise.resolve()).finally(() => process.exit(1));
      }, SHUTDOWN_GRACE_MS);
      try {
        // Each phase of the stop, in ms, in its last line: a slow stop shows where it went.
        const stopped: Record<string, number> = {};
        let from = performance.now();
        await app?.close();
        stopped.service = since(from);
        from = performance.now();
        // Last: until here requests in flight and workers still use it.
        await embedded?.stop();
        if (embedded) stopped.postgres = since(from);
        clearTimeout(late);
        log.info({ phases: stopped }, 'stopped');
        process.exit(0);
      } catch (error) {
        log.error({ err: error }, 'shutdown failed');
        await embedded?.stop();
        process.exit(1);
      }
    })());
  // Listening from the first moment, and for good: a terminal's Ctrl-C reaches npm too, which
  // sends the same signal on, and a second signal must not end the shutdown half-way.
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));

  try {
    if (!environment.DATABASE_URL) {
      log.info({ dataDir: resolve(environment.DATA_DIR) }, 'no DATABASE_URL: starting the embedded PostgreSQL');
      embedded = new EmbeddedCluster({ dataDir: environment.DATA_DIR, port: environment.EMBEDDED_POSTGRES_PORT, log: (message) => log.info(message) });
    }
    const databaseUrl = environment.DATABASE_URL ?? (await embedded!.start());
    phase('postgres');

    const applied = await runMigrations({ url: databaseUrl });
    if (applied.length > 0) log.info({ migrations: applied }, 'database schema updated');
    phase('migrations');
    // Seeding is idempotent and leaves edited demo records alone, so every embedded start
    // may run it: a first start killed before it finished still ends up with the demo mission.
    if (embedded && environment.DEMO_DATA) {
      const summary = await seedDemoData({ url: databaseUrl });
      if (Object.values(summary).some((count) => count > 0)) log.info(summary, 'loaded the demo mission (Vietnam 2023)');
    }
    phase('demo');

    if (environment.ROLE !== 'worker') {
      const admin = await ensureFirstAdmin(databaseUrl, environment, embedded !== undefined);
      if (admin?.source === 'configured') log.info({ email: admin.email }, 'created the admin given by ADMIN_EMAIL');
      if (admin?.source === 'completed')
        log.warn({ email: admin.email }, 'the user of ADMIN_EMAIL had no password: gave them ADMIN_PASSWORD and the admin role');
      if (admin?.source === 'not_admin')
        log.warn(
          { email: admin.email, role: admin.role },
          'ADMIN_EMAIL names a user who already signs in, as a non-admin: left as is (change the role with PATCH /api/v1/users/{id})',
        );
      if (admin?.source === 'generated') {
        log.warn({ email: admin.email }, 'created a first admin with a random password; it is printed once, below, and never again');
        // A plain block rather than a log line: meant for the person at the terminal, and kept out of the JSON log.
        process.stdout.write(
          `\n  Sign in to mission-crm as ${admin.email} with password ${admin.password}\n  (shown once; change it with PATCH /api/v1/auth/me, or set ADMIN_EMAIL and ADMIN_PASSWORD)\n\n`,
        );
      }
    }
    phase('admin');

    if (stopping) return;
    if (environment.ROLE === 'worker') {
      app = await createWorker(environment, databaseUrl);
      phase('app');
      log.info({ role: 'worker', startup: { ...phases, total: since(0) } }, 'mission-crm worker is running');
      return;
    }
    const web = await createApp(environment, databaseUrl);
    app = web;
    phase('app');
    await web.listen({ port: environment.PORT, host: environment.HOST });
    phase('listen');
    const url = (await web.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
    log.info(
      { url, role: environment.ROLE, docs: `${url}/api/docs`, startup: { ...phases, total: since(0) } },
      `mission-crm is listening on ${url} (API ${url}/api/v1, docs ${url}/api/docs)`,
    );
  } catch (error) {
    // A signal during start-up ends what was starting: its failures are the shutdown's business.
    if (stopping) return;
    const detail = ['debug', 'trace'].includes(environment.LOG_LEVEL) && error instanceof Error ? error.stack : undefined;
    process.stderr.write(
      error instanceof EmbeddedPostgresError
        ? `mission-crm cannot start: ${error.message}\n`
        : `mission-crm failed to start: ${error instanceof Error ? error.message : String(error)}\n${detail ? `${detail}\n` : ''}`,
    );
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    process.exit(1);
  }
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
  process.stderr.write(`mission-crm failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
