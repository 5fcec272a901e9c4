import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The project's root: where `npm start` runs. */
export const ROOT = join(import.meta.dirname, '..', '..');

/** Builds the service when its sources changed since the last build, as `npm start` does. */
export function buildIfStale(cwd = ROOT): void {
  execFileSync(process.execPath, [join(cwd, 'scripts', 'build-if-stale.js')], { cwd, stdio: 'pipe' });
}

export interface RunningService {
  child: ChildProcess;
  /** Its process group: what a terminal's Ctrl-C goes to. */
  group: number;
  url: string;
  /** The service's own process (under npm and its shell, when started through npm). */
  pid: number;
  output: string[];
  /** The exit code (null when ended by a signal) and when it came. */
  exited: Promise<{ code: number | null; at: number }>;
}

export interface StartOptions {
  /** `npm start` (npm, its shell and the service, as in a terminal) or the built entry point alone. */
  via?: 'npm' | 'node';
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * Starts the service without DATABASE_URL, in a process group of its own as a terminal's
 * foreground job is, and resolves once it says where it listens.
 */
export function startService({ via = 'node', cwd = ROOT, env = {}, timeoutMs = 90_000 }: StartOptions = {}): Promise<RunningService> {
  const environment: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env };
  delete environment.DATABASE_URL;
  const [command, args] = via === 'npm' ? ['npm', ['start', '--silent']] : [process.execPath, ['dist/src/main.js']];
  const child = spawn(command, args, { cwd, env: environment, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: Date.now() })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within ${timeoutMs / 1000} s:\n${output.join('')}`)), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output.join(''));
      if (match) {
        clearTimeout(timer);
        const pid = Number(/"pid":(\d+)/.exec(output.join(''))?.[1]);
        resolve({ child, group: child.pid!, url: match[1], pid, output, exited });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening:\n${output.join('')}`));
    });
  });
}

/** Resolves with the time a process (not necessarily our child) ended; rejects after `timeoutMs`. */
export async function ended(pid: number, timeoutMs: number): Promise<number> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 20))) {
    try {
      process.kill(pid, 0);
    } catch {
      return Date.now();
    }
  }
  throw new Error(`process ${pid} still runs after ${timeoutMs / 1000} s`);
}

/** The process group of a process, from /proc (Linux). */
export function processGroupOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2], 10);
}

/** The pid of the PostgreSQL server running on a cluster, from its postmaster.pid. */
export function postmasterPid(clusterDir: string): number {
  return Number.parseInt(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0], 10);
}

/** Signs in over HTTP and returns the access token. */
export async function signIn(url: string, credentials: { email: string; password: string }): Promise<string> {
  const response = await fetch(new URL('/api/v1/auth/login', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/**
 * A port no one listens on, as the system hands it out, for an embedded PostgreSQL of a test's
 * own. A random pick can land on a port another process is using: the system's ephemeral range
 * holds the client side of every connection the suite makes.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
