import { Redis } from 'ioredis';

/**
 * What the reminder tests share: the queue backends to run on, waiting for the engine, and
 * reading the messages it sends.
 */

/** Settings that put the queue on one backend: none for PostgreSQL, REDIS_URL for Redis. */
export type QueueSettings = Record<string, string>;

/**
 * PostgreSQL always; Redis too where REDIS_URL is set, on a database index of the test file's
 * own, so that files running at the same time never share a queue.
 */
export function queueBackends(redisDb: number): [string, QueueSettings][] {
  if (!process.env.REDIS_URL) return [['PostgreSQL', {}]];
  const url = new URL(process.env.REDIS_URL);
  url.pathname = `/${redisDb}`;
  return [
    ['PostgreSQL', {}],
    ['Redis', { REDIS_URL: url.toString() }],
  ];
}

/** Empties the Redis database of these settings (nothing on PostgreSQL). */
export async function flushRedis(settings: QueueSettings): Promise<void> {
  if (!settings.REDIS_URL) return;
  const redis = new Redis(settings.REDIS_URL, { maxRetriesPerRequest: null });
  await redis.flushdb();
  redis.disconnect();
}

/** Reads until `done` holds, or fails naming what it waited for and what it saw last. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The decoded text and HTML parts of a multipart/alternative message, with \n line ends. */
export function bodyParts(raw: string): { text: string; html: string } {
  const boundary = /boundary="?([^";\r\n]+)"?/.exec(raw)?.[1];
  if (!boundary) throw new Error('not a multipart message');
  const parts: Record<string, string> = {};
  for (const part of raw.split(`--${boundary}`).slice(1, -1)) {
    const split = part.indexOf('\r\n\r\n');
    const head = part.slice(0, split);
    const body = part.slice(split + 4).replace(/\r\n$/, '');
    const type = /Content-Type: ([\w/]+)/i.exec(head)?.[1] ?? '';
    const encoding = /Content-Transfer-Encoding: ([\w-]+)/i.exec(head)?.[1].toLowerCase() ?? '7bit';
    let decoded = body;
    if (encoding === 'base64') decoded = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (encoding === 'quoted-printable') {
      const latin1 = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      decoded = Buffer.from(latin1, 'latin1').toString('utf8');
    }
    parts[type] = decoded.replace(/\r\n/g, '\n');
  }
  return { text: parts['text/plain'], html: parts['text/html'] };
}
