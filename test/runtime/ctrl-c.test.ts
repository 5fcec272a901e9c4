import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildIfStale, ended, freePort, postmasterPid, processGroupOf, type RunningService, signIn, startService } from '../support/service.js';

// Ctrl-C in the terminal that ran `npm start`: SIGINT to the whole foreground process group
// (npm, its shell, the service) while requests are in flight.

const ADMIN = { email: 'ctrl-c-admin@mission-crm.test', password: 'correct horse battery staple' };
const CLIENTS = 16;

interface Outcome {
  startedAt: number;
  /** When its request line and headers were written to the socket; absent if they never were. */
  sentAt?: number;
  endedAt: number;
  status?: number;
  error?: string;
}

let dataDir: string;
let env: Record<string, string>;

/**
 * Clients that each send one request after another until the service is gone. A request is in
 * flight from the moment its bytes are on the wire, which on a busy machine can be well after
 * `fetch` was called: the HTTP client reports that moment on its diagnostics channel.
 */
function load(url: string, token: string, until: Promise<unknown>): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const sentAt = new Map<string, number>();
  const onSent = (message: unknown): void => {
    const seq = /\r\nx-load-seq: (\S+)\r\n/i.exec(String((message as { headers: unknown }).headers))?.[1];
    if (seq !== undefined) sentAt.set(seq, Date.now());
  };
  subscribe('undici:client:sendHeaders', onSent);
  let over = false;
  void until.then(() => (over = true));
  const client = async (index: number): Promise<void> => {
    for (let round = 0; !over; round += 1) {
      const startedAt = Date.now();
      const seq = `${index}-${round}`;
      // Lists that join and count: work enough to still be running when the signal comes.
      const path = index % 2 === 0 ? '/api/v1/meetings?limit=200&sort=-startsAt' : `/api/v1/actions?limit=100&offset=${round % 3}`;
      try {
        const response = await fetch(new URL(path, url), { headers: { authorization: `Bearer ${token}`, 'x-load-seq': seq } });
        await response.arrayBuffer();
        outcomes.push({ startedAt, sentAt: sentAt.get(seq), endedAt: Date.now(), status: response.status });
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause;
        outcomes.push({ startedAt, sentAt: sentAt.get(seq), endedAt: Date.now(), error: cause?.code ?? (error as Error).message });
        // Refused: the service has stopped listening; wait for it to exit rather than spin.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  return Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(index))).then(() => {
    unsubscribe('undici:client:sendHeaders', onSent);
    return outcomes;
  });
}

describe('Ctrl-C to npm start under load', () => {
  beforeAll(async () => {
    buildIfStale();
    dataDir = await mkdtemp(join(tmpdir(), 'mission-crm-ctrl-c-'));
    await chmod(dataDir, 0o755); // the PostgreSQL user enters it when the tests run as root
    env = {
      DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    };
  }, 120_000);

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers every request in flight, no 500, exits within seconds, and the next start works', async () => {
    const service: RunningService = await startService({ via: 'npm', env });
    const token = await signIn(service.url, ADMIN);
    const postgres = postmasterPid(join(dataDir, 'postgres'));
    // The database is out of the terminal's reach: its own process group, not the service's.
    expect(processGroupOf(postgres)).not.toBe(service.group);

    const outcomes = load(service.url, token, service.exited);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const signalledAt = Date.now();
    process.kill(-service.group, 'SIGINT');
    const serviceEndedAt = await ended(service.pid, 30_000);
    const { code } = await service.exited;
    const results = await outcomes;

    expect(serviceEndedAt - signalledAt).toBeLessThan(5000);
    // Printed just before a clean exit (code 0); npm itself ends by the signal, as a terminal expects of Ctrl-C.
    expect(service.output.join('')).toContain('"msg":"stopped"');
    expect(code === 0 || service.child.signalCode === 'SIGINT').toBe(true);

    // Every request the client reports it sent was timed: the channel is the one this client uses.
    expect(results.filter((outcome) => outcome.status !== undefined && outcome.sentAt === undefined)).toEqual([]);
    const before = results.filter((outcome) => outcome.sentAt !== undefined && outcome.sentAt < signalledAt);
    const inFlight = before.filter((outcome) => outcome.endedAt > signalledAt);
    // Requests were running when the signal came, and each of those finished with its answer.
    expect(inFlight.length).toBeGreaterThan(0);
    expect(inFlight.filter((outcome) => outcome.status !== 200)).toEqual([]);
    expect(before.filter((outcome) => outcome.status !== 200)).toEqual([]);
    // Sent after the signal, or never sent: answered, or told the service is closing, or refused; never a 500.
    const after = results.filter((outcome) => !before.includes(outcome));
    expect(after.filter((outcome) => outcome.status !== undefined && ![200, 503].includes(outcome.status))).toEqual([]);
    expect(after.filter((outcome) => outcome.error !== undefined && !['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET'].includes(outcome.error))).toEqual([]);

    // PostgreSQL was stopped by the service, cleanly: the next start finds no server to take over.
    expect(() => process.kill(postgres, 0)).toThrow();
    const next = await startService({ via: 'node', env });
    try {
      expect(next.output.join('')).not.toContain('left running');
      const ready = await fetch(new URL('/health/ready', next.url));
      expect(ready.status).toBe(200);
    } finally {
      process.kill(-next.group, 'SIGINT');
      expect((await next.exited).code).toBe(0);
    }
  }, 180_000);
});
