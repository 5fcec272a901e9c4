import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { type AppOptions, createApp } from '../../src/bootstrap.js';
import { loadEnvironment } from '../../src/config/environment.js';
import { hashPassword } from '../../src/users/password.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { type OpenApiDocument, ResponseChecker } from './openapi.js';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Requests as one caller (a bearer token, or none). */
export interface ApiClient {
  /** A JSON request over real HTTP; paths are relative to /api/v1 unless they start with "/". An Office document's body (an .xlsx export) is a Buffer. */
  request<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  get<T = any>(path: string): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body: unknown): Promise<ApiResponse<T>>;
  patch<T = any>(path: string, body: unknown): Promise<ApiResponse<T>>;
  delete<T = any>(path: string): Promise<ApiResponse<T>>;
  /** POSTs a record a test needs and returns it; anything but 201 fails the test with the answer. */
  create<T = any>(path: string, body: unknown): Promise<T>;
}

export interface TestApp extends ApiClient {
  app: NestFastifyApplication;
  /** The OpenAPI document the answers are checked against. */
  checker: ResponseChecker;
  database: TestDatabase;
  baseUrl: string;
  /** The admin every request is sent as, unless a test says otherwise. */
  admin: { id: string; email: string; password: string };
  /** The admin's access token, sent by request/get/post/patch/delete. */
  token: string;
  /** The same requests with another bearer token, or with none (`as(null)`). */
  as(token: string | null): ApiClient;
  /** Signs in over HTTP and returns the access token; fails the test when sign-in fails. */
  signIn(email: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/** Fixed so that a test can sign tokens of its own (expired ones, say). */
export const TEST_JWT_SECRET = 'mission-crm test secret: long enough, never used elsewhere';
export const TEST_ADMIN = { email: 'test.admin@mission-crm.test', name: 'Test Admin', password: 'Vietnam-mission-2023-admin' };

// scrypt is slow on purpose: hashed once per test file.
let adminHash: Promise<string> | undefined;

/**
 * The whole application on a fresh database, listening on a free local port, with an admin
 * signed in: every request carries the admin's access token unless a test says otherwise.
 */
export async function startTestApp(overrides: Record<string, string> = {}, options: AppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const environment = loadEnvironment({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ROLE: 'api',
    DATABASE_URL: database.url,
    JWT_SECRET: TEST_JWT_SECRET,
    // Longer than any test file runs.
    JWT_ACCESS_TTL: '3600',
    ...overrides,
  });
  const app = await createApp(environment, database.url, options);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  // Every answer a test receives is checked against the document: a status or a body it does not describe fails the test.
  const checker = new ResponseChecker((await (await fetch(`${baseUrl}/api/docs-json`)).json()) as OpenApiDocument);

  const client = (token: string | null): ApiClient => {
    const request = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> => {
      const url = path.startsWith('/') ? `${baseUrl}${path}` : `${baseUrl}/api/v1/${path}`;
      const ownAuthorization = Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
      const sent: Record<string, string> = token === null || ownAuthorization ? { ...headers } : { authorization: `Bearer ${token}`, ...headers };
      const init: RequestInit = { method, headers: sent };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        sent['content-type'] ??= 'application/json';
      }
      const response = await fetch(url, init);
      const type = response.headers.get('content-type') ?? '';
      let parsed: unknown;
      // Office documents (an .xlsx export) come as the bytes they are; everything else as text, JSON parsed.
      if (type.startsWith('application/vnd.openxmlformats-')) parsed = Buffer.from(await response.arrayBuffer());
      else {
        const text = await response.text();
        parsed = type.includes('json') && text ? JSON.parse(text) : text;
      }
      const problems = checker.problems(method, url, response.status, type, parsed);
      if (problems.length > 0) throw new Error(`The answer does not match the OpenAPI document:\n${problems.join('\n')}`);
      return { status: response.status, headers: response.headers, body: parsed as T };
    };
    return {
      request,
      get: (path) => request('GET', path),
      post: (path, body) => request('POST', path, body),
      patch: (path, body) => request('PATCH', path, body),
      delete: (path) => request('DELETE', path),
      create: async <T>(path: string, body: unknown): Promise<T> => {
        const response = await request<T>('POST', path, body);
        if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
        return response.body;
      },
    };
  };

  const signIn = async (email: string, password: string): Promise<string> => {
    const response = await client(null).post<{ accessToken: string }>('auth/login', { email, password });
    if (response.status !== 200) throw new Error(`signing in as ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.accessToken;
  };

  // Straight into the table, past the entity listeners: the test admin is no event of the application.
  const [{ id }] = await app
    .get(DataSource)
    .query<{ id: string }[]>(`INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, 'admin', $3) RETURNING id`, [
      TEST_ADMIN.email,
      TEST_ADMIN.name,
      await (adminHash ??= hashPassword(TEST_ADMIN.password)),
    ]);
  const token = await signIn(TEST_ADMIN.email, TEST_ADMIN.password);

  return {
    app,
    checker,
    database,
    baseUrl,
    admin: { id, email: TEST_ADMIN.email, password: TEST_ADMIN.password },
    token,
    ...client(token),
    as: client,
    signIn,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
