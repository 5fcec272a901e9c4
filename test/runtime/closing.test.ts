import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';

// The moment the service begins to close while it is too busy to have read what came in: the
// requests already waiting on its keep-alive connections are answered, not dropped.

const CONNECTIONS = 8;

let api: TestApp;

beforeAll(async () => {
  api = await startTestApp();
}, 60_000);

afterAll(async () => {
  await api.database.drop();
});

/** A keep-alive connection that has had one answer and now carries no request: idle. */
async function idleConnection(port: number): Promise<{ socket: Socket; received: () => string; ended: Promise<void> }> {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (text += chunk));
  const ended = new Promise<void>((resolve) => {
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
  });
  socket.write('GET /health/live HTTP/1.1\r\nhost: localhost\r\n\r\n');
  await new Promise<void>((resolve, reject) => {
    const check = (): void => (/\r\n\r\n/.test(text) ? resolve() : undefined);
    socket.on('data', check);
    socket.on('error', reject);
  });
  // What follows is the answer to the second request only.
  text = '';
  return { socket, received: () => text, ended };
}

describe('closing while requests wait unread', () => {
  it('answers each request that had arrived before the close began, with Connection: close', async () => {
    const port = Number(new URL(api.baseUrl).port);
    const connections = await Promise.all(Array.from({ length: CONNECTIONS }, () => idleConnection(port)));

    for (const { socket } of connections) socket.write('GET /health/live HTTP/1.1\r\nhost: localhost\r\n\r\n');
    // Busy, as a loaded service is: the requests reach the service's socket buffers but are not read yet.
    const busyUntil = Date.now() + 200;
    while (Date.now() < busyUntil);
    const closed = api.app.close();

    await Promise.all(connections.map(({ ended }) => ended));
    await closed;
    const answers = connections.map(({ received }) => received());
    expect(answers.map((answer) => answer.split('\r\n')[0])).toEqual(Array(CONNECTIONS).fill('HTTP/1.1 200 OK'));
    for (const answer of answers) expect(answer.toLowerCase()).toContain('\r\nconnection: close\r\n');
  }, 60_000);
});
