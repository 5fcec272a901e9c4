import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { createApp } from '../src/bootstrap.js';
import { loadEnvironment } from '../src/config/environment.js';
import { API_CLIENT_FILE, generateApiClient, readApiDocument } from './api-client.js';

/**
 * Writes web/src/api/schema.d.ts from the OpenAPI document of the code as it is now. The document
 * is served by the application itself, started on a free local port; it needs a database to start
 * (nothing is written to it but the queue's schema, as at every start).
 */
const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('set DATABASE_URL to a PostgreSQL database the service may start on (e.g. postgres://postgres@127.0.0.1:5432/postgres)\n');
  process.exit(2);
}
// No token is signed: a fixed secret keeps the start from writing one of its own into DATA_DIR.
const environment = loadEnvironment({
  JWT_SECRET: 'api:generate signs no token, it only needs to start',
  ...process.env,
  ROLE: 'api',
  LOG_LEVEL: 'silent',
  DATABASE_URL: url,
});
const app = await createApp(environment, url);
try {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const document = await readApiDocument((await app.getUrl()).replace('[::1]', '127.0.0.1'));
  await writeFile(API_CLIENT_FILE, await generateApiClient(document), 'utf8');
  process.stdout.write(`wrote ${relative(process.cwd(), API_CLIENT_FILE)}\n`);
} finally {
  await app.close();
}
