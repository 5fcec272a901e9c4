import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';

// One "request completed" line per request, also on the paths outside the /api/v1 prefix
// (health checks, polled every few seconds, and the calendar feed): a doubled line doubles the
// log and miscounts the requests of whoever reads it.
describe('the request log', () => {
  let api: TestApp;
  const log: string[] = [];

  beforeAll(async () => {
    api = await startTestApp({ LOG_LEVEL: 'info' }, { logDestination: { write: (line: string) => log.push(line) } });
  }, 120_000);

  afterAll(() => api.close());

  it('has one line for each request, inside the API prefix and outside it', async () => {
    const paths = ['/health/live', '/health/ready', '/api/v1/missions', '/api/v1/nope', '/calendar/unknown-feed.ics'];
    for (const path of paths) await fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${api.token}` } });
    // The line is written once the answer has gone out.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const completed = log
      .flatMap((line) => line.split('\n').filter(Boolean))
      .map((line) => JSON.parse(line) as { msg?: string; req?: { url?: string } })
      .filter((entry) => entry.msg === 'request completed' && paths.includes(entry.req?.url ?? ''));
    expect(paths.map((path) => [path, completed.filter((entry) => entry.req?.url === path).length])).toEqual(paths.map((path) => [path, 1]));
  });
});
