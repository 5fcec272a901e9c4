import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * Readiness says whether this process can do its work: with the queue's Redis gone, the API
 * still answers, but /health/ready is a 503 that names the queue, so that a load balancer or
 * an orchestrator stops sending it work.
 */
describe('readiness with the queue unreachable', () => {
  let api: TestApp;
  let silent: Server;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    // A port that accepts connections and never answers: a Redis that hangs, not one that refuses.
    silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    api = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
  });

  afterAll(async () => {
    await api?.close();
    sockets.forEach((socket) => socket.destroy());
    silent.close();
  });

  it('answers 503 naming the queue, while liveness and the database stay up', async () => {
    const ready = await api.get('/health/ready');

    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({
      statusCode: 503,
      code: 'not_ready',
      message: 'Not ready: queue down',
      details: [{ field: 'queue', message: 'the queue did not answer within 3 s' }],
      requestId: ready.headers.get('x-request-id'),
    });
    expect((await api.get('/health/live')).status).toBe(200);
    expect((await api.get('missions')).status).toBe(200);
  });
});
