import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort } from '../support/service.js';

// `npm start` without DATABASE_URL, as a newcomer runs it: the compiled service,
// an embedded PostgreSQL under DATA_DIR, the demo mission on first start.

interface Service {
  child: ChildProcess;
  url: string;
  output: string[];
  exited: Promise<number | null>;
}

const root = join(import.meta.dirname, '..', '..');
let dataDir: string;
let postgresPort: number;

const ADMIN = { email: 'runtime-admin@mission-crm.test', password: 'correct horse battery staple' };

function start(extraEnv: Record<string, string> = {}): Promise<Service> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    DATA_DIR: dataDir,
    EMBEDDED_POSTGRES_PORT: String(postgresPort),
    LOG_LEVEL: 'info',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['dist/src/main.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 90 s:\n${output.join('')}`)), 90_000);
    const onData = (chunk: Buffer): void => {
      output.push(chunk.toString());
      const match = /"url":"(http:\/\/[^"]+)"/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output, exited });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before listening:\n${output.join('')}`));
    });
  });
}

let token = '';

/** A JSON request as the admin; signs in first when the service has no token for us yet. */
async function json(url: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const send = () => fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` } });
  let response = await send();
  if (response.status === 401) {
    const login = await fetch(new URL('/api/v1/auth/login', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    token = ((await login.json()) as { accessToken: string }).accessToken;
    response = await send();
  }
  return { status: response.status, body: await response.json() };
}

describe('npm start with the embedded PostgreSQL', () => {
  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-if-stale.js'], { cwd: root, stdio: 'ignore' });
    dataDir = await mkdtemp(join(tmpdir(), 'mission-crm-start-'));
    await chmod(dataDir, 0o755); // the PostgreSQL user must reach it when the tests run as root
    postgresPort = await freePort();
  }, 120_000);

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts, loads the demo mission once, keeps data across a restart and stops cleanly on SIGTERM', async () => {
    const first = await start();
    expect((await json(`${first.url}/health/ready`)).status).toBe(200);
    const demo = await json(`${first.url}/api/v1/organisations?q=NXTPORT`);
    expect(demo.body.total).toBe(1);
    const created = await json(`${first.url}/api/v1/organisations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Kept Across Restarts', kind: 'company', country: 'BE' }),
    });
    expect(created.status).toBe(201);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output.join('')).toContain('"msg":"stopped"');

    const second = await start();
    expect((await json(`${second.url}/api/v1/organisations?q=Kept Across`)).body.total).toBe(1);
    expect((await json(`${second.url}/api/v1/organisations?q=NXTPORT`)).body.total).toBe(1);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  }, 180_000);

  it('starts again after a start that was killed, leaving its PostgreSQL running', async () => {
    const killed = await start();
    killed.child.kill('SIGKILL');
    await killed.exited;
    const next = await start();
    expect((await json(`${next.url}/health/ready`)).status).toBe(200);
    expect((await json(`${next.url}/api/v1/organisations?q=Kept Across`)).body.total).toBe(1);
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  }, 180_000);

  it('starts on a fresh data directory after a first start was killed while creating it', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'mission-crm-killed-'));
    await chmod(fresh, 0o755);
    const env = { DATA_DIR: fresh };
    const freshPort = String(await freePort());
    const early = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: root,
      env: { ...process.env, ...env, DATABASE_URL: '', PORT: '0', EMBEDDED_POSTGRES_PORT: freshPort },
      stdio: 'ignore',
    });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // inside initdb
    early.kill('SIGKILL');
    const service = await start({ DATA_DIR: fresh, EMBEDDED_POSTGRES_PORT: freshPort });
    expect((await json(`${service.url}/health/ready`)).status).toBe(200);
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    await rm(fresh, { recursive: true, force: true });
  }, 180_000);

  it('refuses to start on a bad setting, naming the variable', () => {
    let message = '';
    try {
      execFileSync(process.execPath, ['dist/src/main.js'], { cwd: root, env: { ...process.env, PORT: 'eighty' }, stdio: 'pipe' });
    } catch (error) {
      const failure = error as { status: number; stderr: Buffer };
      expect(failure.status).toBe(2);
      message = failure.stderr.toString();
    }
    expect(message).toContain('PORT: PORT must be a whole number from 0 to 65535');
  });
});
