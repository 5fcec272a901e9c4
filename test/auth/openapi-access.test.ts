import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type ApiClient, type ApiResponse, type TestApp } from '../support/app.js';

/** The operations served without a token; every other one needs one. */
const PUBLIC = [
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/password-reset',
  'POST /api/v1/auth/password-reset/confirm',
  'GET /health/live',
  'GET /health/ready',
  'GET /calendar/{file}',
  'GET /api/v1/survey/{token}',
  'POST /api/v1/survey/{token}',
];
/** Changes that every signed-in user makes to their own account, viewers included. */
const OWN_ACCOUNT = [
  'POST /api/v1/auth/tokens',
  'DELETE /api/v1/auth/tokens/{id}',
  'PATCH /api/v1/auth/me',
  'POST /api/v1/auth/calendar-feed',
  'DELETE /api/v1/auth/calendar-feed',
];
const ADMIN_ONLY = (operation: Operation): boolean =>
  (operation.path.startsWith('/api/v1/users') && operation.method !== 'GET') || ['GET /api/v1/audit', 'POST /api/v1/auth/invitations'].includes(operation.name);

type Role = 'admin' | 'officer' | 'viewer';

interface Operation {
  name: string;
  method: string;
  path: string;
  url: string;
  documented: { security?: unknown; responses: Record<string, unknown>; parameters?: { in: string; name: string; schema?: { enum?: string[] } }[] };
}

/** The roles the guard must turn away from an operation, by the rules of issue #4. */
function forbiddenFor(operation: Operation): Role[] {
  const write = !['GET', 'HEAD'].includes(operation.method);
  const roles: Role[] = [];
  if (PUBLIC.includes(operation.name)) return roles;
  if (ADMIN_ONLY(operation)) roles.push('officer', 'viewer');
  else if (write && !OWN_ACCOUNT.includes(operation.name)) roles.push('viewer');
  return roles;
}

/**
 * Walks every operation of the OpenAPI document, so that a route added later is checked without
 * anyone remembering to: without a token each answers 401 (public ones aside), each role that may
 * not use it gets 403, and each role that may gets past the guard.
 */
describe('access to every operation of the OpenAPI document', () => {
  let api: TestApp;
  let operations: Operation[];
  const clients = {} as Record<Role | 'anonymous', ApiClient>;

  const call = (client: ApiClient, operation: Operation): Promise<ApiResponse> =>
    client.request(operation.method, operation.url, ['POST', 'PATCH', 'PUT'].includes(operation.method) ? {} : undefined);

  const user = async (role: Role): Promise<ApiClient> => {
    const email = `${role}.walk@fit.example`;
    const password = `a ${role} of the Vietnam mission 2023`;
    expect((await api.post('users', { email, name: `Walking ${role}`, role, password })).status).toBe(201);
    return api.as(await api.signIn(email, password));
  };

  beforeAll(async () => {
    api = await startTestApp();
    clients.admin = api;
    clients.officer = await user('officer');
    clients.viewer = await user('viewer');
    clients.anonymous = api.as(null);
    const document = (await api.as(null).get('/api/docs-json')).body as { paths: Record<string, Record<string, Operation['documented']>> };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, documented]) => {
        // Ids that name nothing: a request that passes the guard changes nothing.
        const url = path.replace(/\{(\w+)\}/g, (_whole, name: string) => {
          const parameter = documented.parameters?.find((candidate) => candidate.in === 'path' && candidate.name === name);
          return parameter?.schema?.enum?.[0] ?? randomUUID();
        });
        return { name: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, url, documented };
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  it('finds every route in the document, the public ones among them', () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.map((operation) => operation.name)).toEqual(expect.arrayContaining([...PUBLIC, ...OWN_ACCOUNT, 'GET /api/v1/audit']));
  });

  it('answers 401 in the common error body to every operation but the public ones without a token', async () => {
    const wrong: string[] = [];
    for (const operation of operations) {
      const response = await call(clients.anonymous, operation);
      if (PUBLIC.includes(operation.name)) {
        if (response.status === 401 || response.status >= 500) wrong.push(`${operation.name}: public, yet ${response.status}`);
        continue;
      }
      const expected = {
        statusCode: 401,
        code: 'unauthorized',
        message: 'Sign in first: send Authorization: Bearer <token> (POST /api/v1/auth/login gives one)',
        details: [],
        requestId: response.headers.get('x-request-id'),
      };
      if (response.status !== 401 || JSON.stringify(response.body) !== JSON.stringify(expected)) {
        wrong.push(`${operation.name}: ${response.status} ${JSON.stringify(response.body)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each<[string, Role]>([
    ['a viewer', 'viewer'],
    ['an officer', 'officer'],
  ])('answers 403 in the common error body to %s for every operation that role may not use', async (_who, role) => {
    const wrong: string[] = [];
    let refused = 0;
    for (const operation of operations.filter((candidate) => forbiddenFor(candidate).includes(role))) {
      refused += 1;
      const response = await call(clients[role], operation);
      const message = ADMIN_ONLY(operation)
        ? `Only admin users may do this; you are ${role === 'officer' ? 'an officer' : 'a viewer'}`
        : 'A viewer may only read; changes need the officer or admin role';
      const expected = { statusCode: 403, code: 'forbidden', message, details: [], requestId: response.headers.get('x-request-id') };
      if (response.status !== 403 || JSON.stringify(response.body) !== JSON.stringify(expected)) {
        wrong.push(`${operation.name}: ${response.status} ${JSON.stringify(response.body)}`);
      }
    }
    expect(wrong).toEqual([]);
    // Viewers: every change but their own account's; officers: user management and the audit log.
    expect(refused).toBeGreaterThanOrEqual(role === 'viewer' ? 25 : 4);
  });

  it('lets each role that may use an operation past the guard: never a 401 or 403, never a 500', async () => {
    const wrong: string[] = [];
    for (const operation of operations.filter((candidate) => !PUBLIC.includes(candidate.name))) {
      for (const role of (['admin', 'officer', 'viewer'] as const).filter((candidate) => !forbiddenFor(operation).includes(candidate))) {
        const response = await call(clients[role], operation);
        if ([401, 403].includes(response.status) || response.status >= 500) {
          wrong.push(`${operation.name} as ${role}: ${response.status} ${JSON.stringify(response.body)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('documents it: public operations need no token, the others describe 401, and 403 wherever a role or a read-only token is refused', () => {
    const wrong: string[] = [];
    for (const operation of operations) {
      const { security, responses } = operation.documented;
      if (PUBLIC.includes(operation.name)) {
        if (JSON.stringify(security) !== '[{}]') wrong.push(`${operation.name}: public, but security is ${JSON.stringify(security)}`);
        continue;
      }
      if (security !== undefined) wrong.push(`${operation.name}: security ${JSON.stringify(security)} instead of the document's bearer requirement`);
      if (!responses['401']) wrong.push(`${operation.name}: no 401`);
      const write = !['GET', 'HEAD'].includes(operation.method);
      if ((write || forbiddenFor(operation).length > 0) && !responses['403']) wrong.push(`${operation.name}: no 403`);
    }
    expect(wrong).toEqual([]);
  });
});
