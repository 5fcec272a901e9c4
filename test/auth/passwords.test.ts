import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApp, type ApiResponse, type TestApp } from '../support/app.js';

type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[]; oneOf?: Schema[]; anyOf?: Schema[] };

/** Every key anywhere in a JSON value, with its path. */
function keysOf(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => keysOf(item, `${path}[${index}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [`${path}.${key}`, ...keysOf(child, `${path}.${key}`)]);
}

/** Passwords go in, as text, and never come out: not as text, not as hash, not as a field. */
describe('passwords are never returned', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp({ LOGIN_LIMIT_PER_ADDRESS: '1000', LOGIN_LIMIT_PER_ACCOUNT: '1000' });
  }, 120_000);

  afterAll(async () => {
    await api.close();
  });

  it('by any response the OpenAPI document describes: no response schema has a password field', async () => {
    const document = (await api.as(null).get('/api/docs-json')).body as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>>;
      components: { schemas: Record<string, Schema> };
    };
    const found: string[] = [];
    const seen = new Set<string>();
    const walk = (schema: Schema | undefined, where: string): void => {
      if (!schema) return;
      if (schema.$ref) {
        const name = schema.$ref.split('/').pop()!;
        if (seen.has(name)) return;
        seen.add(name);
        return walk(document.components.schemas[name], name);
      }
      for (const [property, child] of Object.entries(schema.properties ?? {})) {
        if (/password|hash|secret/i.test(property)) found.push(`${where}.${property}`);
        walk(child, `${where}.${property}`);
      }
      for (const child of [schema.items, ...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) walk(child, where);
    };
    let responses = 0;
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          responses += 1;
          for (const content of Object.values(response.content ?? {})) walk(content.schema, `${method.toUpperCase()} ${path} ${status}`);
        }
      }
    }
    expect(responses).toBeGreaterThan(200);
    // The user schemas are among those walked.
    expect([...seen]).toEqual(expect.arrayContaining(['UserResponseDto', 'SessionResponseDto', 'UserPageDto']));
    expect(found).toEqual([]);
  });

  it('by any endpoint that answers with users, sessions or their history', async () => {
    const password = 'Ho Chi Minh City forum 2023';
    const changedByAdmin = 'Hanoi People’s Committee';
    const changedByThemself = 'Cleantech and circular economy';
    const responses: [string, ApiResponse][] = [];
    const keep = (name: string, response: ApiResponse): ApiResponse => {
      expect([name, response.status]).toEqual([name, response.status < 300 ? response.status : 'a success']);
      responses.push([name, response]);
      return response;
    };

    const created = keep('POST /users', await api.post('users', { email: 'lies.janssens@fit.example', name: 'Lies Janssens', role: 'officer', password }));
    const id = created.body.id as string;
    keep('PATCH /users/{id} with a password', await api.patch(`users/${id}`, { password: changedByAdmin, version: 1 }));
    keep('GET /users/{id}', await api.get(`users/${id}`));
    keep('GET /users', await api.get('users?q=lies'));
    keep('GET /users?role', await api.get('users?role=officer&sort=-createdAt'));
    const login = keep('POST /auth/login', await api.as(null).post('auth/login', { email: 'lies.janssens@fit.example', password: changedByAdmin }));
    const refreshed = keep('POST /auth/refresh', await api.as(null).post('auth/refresh', { refreshToken: login.body.refreshToken }));
    const token = refreshed.body.accessToken as string;
    keep('GET /auth/me', await api.as(token).get('auth/me'));
    keep('PATCH /auth/me', await api.as(token).patch('auth/me', { currentPassword: changedByAdmin, newPassword: changedByThemself }));
    keep('GET /users/{id}/history', await api.get(`users/${id}/history`));
    keep('GET /audit?entity=user', await api.get('audit?entity=user'));
    keep('DELETE /users/{id}', await api.delete(`users/${id}`));

    const [{ password_hash: hash }] = await api.app.get(DataSource).query<{ password_hash: string }[]>('SELECT password_hash FROM users WHERE id = $1', [id]);
    expect(hash).toMatch(/^scrypt\$/);
    const salt = hash.split('$')[4];
    for (const [name, response] of responses) {
      const text = JSON.stringify(response.body);
      for (const secret of [password, changedByAdmin, changedByThemself, hash, salt, 'scrypt']) expect([name, text.includes(secret)]).toEqual([name, false]);
      // The audit trail names the field that changed, never its value.
      const auditTrail = name.includes('history') || name.includes('audit');
      const passwordKeys = keysOf(response.body).filter((key) => /password|hash/i.test(key.split('.').pop()!));
      if (!auditTrail) expect([name, passwordKeys]).toEqual([name, []]);
      else
        for (const key of passwordKeys) {
          const value: unknown = key
            .slice(1)
            .split(/\.|\[(\d+)\]/)
            .filter(Boolean)
            .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], response.body);
          expect([name, key, value]).toEqual([name, key, expect.objectContaining({ after: expect.stringMatching(/^\[(hidden|changed)\]$/) })]);
        }
    }
  });

  it('nor echoed in an error body', async () => {
    const tooShort = await api.post('users', { email: 'short@fit.example', name: 'Short', password: 'Vinamarine' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body).toEqual({
      statusCode: 400,
      code: 'validation_failed',
      message: 'The request is not valid; see details',
      details: [{ field: 'password', message: 'password must be longer than or equal to 12 characters' }],
      requestId: expect.any(String),
    });
    const wrong = await api.as(null).post('auth/login', { email: api.admin.email, password: 'Vinamarine MoU guess' });
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong.body)).not.toContain('Vinamarine');
  });
});
