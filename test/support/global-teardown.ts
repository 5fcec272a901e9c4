import { rm } from 'node:fs/promises';
import type { EmbeddedTestServer } from './global-setup.js';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { embeddedTestServer?: EmbeddedTestServer }).embeddedTestServer;
  if (!server) return;
  await server.stop();
  await rm(server.dataDir, { recursive: true, force: true });
}
