import { execFile, execFileSync } from 'node:child_process';
import { chmod, cp, lstat, mkdir, mkdtemp, readlink, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildIfStale, freePort, ROOT, signIn, startService } from '../support/service.js';

// The service started where a newcomer clones it. As root in a directory only root may
// enter (as /root is), PostgreSQL runs as the postgres user, who reaches neither the binaries
// in node_modules nor ./data there. Where the embedded PostgreSQL cannot run at all, the
// service says why and what to do in one line, and exits non-zero.

const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;
const ADMIN = { email: 'anywhere-admin@mission-crm.test', password: 'correct horse battery staple' };
const port = async (): Promise<string> => String(await freePort());

/** Runs the built service to its end; for starts that must fail. */
async function failingStart(env: Record<string, string>): Promise<{ code: number; stderr: string; stdout: string }> {
  const environment: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env };
  delete environment.DATABASE_URL;
  try {
    const { stdout, stderr } = await run(process.execPath, ['dist/src/main.js'], { cwd: ROOT, env: environment, timeout: 60_000 });
    return { code: 0, stderr, stdout };
  } catch (error) {
    const failure = error as { code: number; stderr: string; stdout: string };
    return { code: failure.code, stderr: failure.stderr, stdout: failure.stdout };
  }
}

function expectOneClearLine(stderr: string, ...words: string[]): void {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^mission-crm cannot start: /);
  for (const word of words) expect(lines[0]).toContain(word);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
}

beforeAll(() => buildIfStale(), 120_000);

(isRoot ? describe : describe.skip)('as root, in a clone under a directory only root may enter', () => {
  let home: string;
  let clone: string;

  beforeAll(async () => {
    // A private home like /root (mode 700) with the project in it: the build and the installed
    // packages (hard links: the same files, under the private path), nothing else.
    home = await mkdtemp(join('/root', 'mission-crm-private-'));
    clone = join(home, 'mission-crm');
    await mkdir(clone, { mode: 0o755 });
    await cp(join(ROOT, 'package.json'), join(clone, 'package.json'));
    await cp(join(ROOT, 'dist'), join(clone, 'dist'), { recursive: true });
    execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(clone, 'node_modules')]);
    // The postgres user really cannot reach it: otherwise this test would prove nothing.
    expect(() => execFileSync('su', ['-s', '/bin/sh', 'postgres', '-c', `test -x ${clone}/node_modules/.bin`], { stdio: 'ignore' })).toThrow();
  }, 120_000);

  afterAll(async () => {
    const link = join(clone, 'data', 'postgres');
    const cluster = await readlink(link).catch(() => undefined);
    if (cluster) await rm(cluster, { recursive: true, force: true });
    await rm(home, { recursive: true, force: true });
  });

  it('reaches /health/ready with ./data, keeps the data across a restart, and stops on Ctrl-C', async () => {
    const env = { EMBEDDED_POSTGRES_PORT: await port(), ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };
    const first = await startService({ cwd: clone, env });
    try {
      expect((await fetch(new URL('/health/ready', first.url))).status).toBe(200);
      // The cluster lives where the postgres user can reach it; ./data/postgres leads there.
      const link = join(clone, 'data', 'postgres');
      expect((await lstat(link)).isSymbolicLink()).toBe(true);
      expect(await readlink(link)).toMatch(/^\/var\/lib\/mission-crm\/clusters\//);
      expect(first.output.join('')).toContain('cannot reach');
      const token = await signIn(first.url, ADMIN);
      const created = await fetch(new URL('/api/v1/organisations', first.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: 'Started In A Private Home', kind: 'company', country: 'BE' }),
      });
      expect(created.status).toBe(201);
    } finally {
      process.kill(-first.group, 'SIGINT');
    }
    expect((await first.exited).code).toBe(0);

    const second = await startService({ cwd: clone, env });
    try {
      const token = await signIn(second.url, ADMIN);
      const found = await fetch(new URL('/api/v1/organisations?q=Private Home', second.url), { headers: { authorization: `Bearer ${token}` } });
      expect(((await found.json()) as { total: number }).total).toBe(1);
    } finally {
      process.kill(-second.group, 'SIGINT');
    }
    expect((await second.exited).code).toBe(0);
  }, 240_000);
});

describe('where the embedded PostgreSQL cannot run as asked', () => {
  let scratch: string;
  let taken: Server;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'mission-crm-refused-'));
    await chmod(scratch, 0o755); // the PostgreSQL user enters it when the tests run as root
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => taken.close(resolve));
    await rm(scratch, { recursive: true, force: true });
  });

  it('says in one line that its port is taken and which setting to change, and exits 1', async () => {
    const busy = String((taken.address() as { port: number }).port);
    const { code, stderr } = await failingStart({ DATA_DIR: join(scratch, 'busy'), EMBEDDED_POSTGRES_PORT: busy });
    expect(code).toBe(1);
    expectOneClearLine(stderr, `port ${busy}`, 'EMBEDDED_POSTGRES_PORT', 'DATABASE_URL');
  }, 120_000);

  it('says in one line that DATA_DIR cannot be used, and exits 1', async () => {
    const file = join(scratch, 'a-file');
    await writeFile(file, 'not a directory');
    const { code, stderr } = await failingStart({ DATA_DIR: join(file, 'data'), EMBEDDED_POSTGRES_PORT: await port() });
    expect(code).toBe(1);
    expectOneClearLine(stderr, 'DATA_DIR', join(file, 'data'), 'DATABASE_URL');
  }, 60_000);
});
