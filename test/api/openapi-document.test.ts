import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../../src/common/clock.service.js';
import { ERROR_STATUS } from '../../src/common/errors.js';
import { startTestApp, type TestApp } from '../support/app.js';
import type { DocumentedOperation, OpenApiDocument } from '../support/openapi.js';

interface Schema {
  type?: string;
  properties?: Record<string, Schema & { example?: unknown; default?: unknown; $ref?: string }>;
  required?: string[];
  additionalProperties?: unknown;
}

/**
 * The OpenAPI document as a manual: what a client reads in it is what the service does. Every answer
 * a test receives is also checked against it, by the test client (test/support/openapi.ts).
 */
describe('the OpenAPI document', () => {
  let api: TestApp;
  let document: OpenApiDocument;
  const operations: { name: string; method: string; path: string; operation: DocumentedOperation }[] = [];
  const schemaOf = (operation: DocumentedOperation): Schema | undefined => {
    const ref = (operation.requestBody?.content['application/json']?.schema as { $ref?: string } | undefined)?.$ref;
    return ref ? (document.components.schemas[ref.split('/').pop()!] as Schema) : undefined;
  };

  beforeAll(async () => {
    api = await startTestApp();
    document = api.checker.document;
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) operations.push({ name: `${method.toUpperCase()} ${path}`, method, path, operation });
    }
  });

  afterAll(async () => {
    await api?.close();
  });

  it('describes every operation: what it does, who may call it, what it changes', () => {
    const wrong = operations
      .filter(({ operation }) => !/\S.*\*\*Who may call it:\*\* \S.*\*\*What it changes:\*\* \S/s.test(operation.description ?? ''))
      .map(({ name }) => name);
    expect(wrong).toEqual([]);
  });

  it('gives every id in a path the uuid format, every parameter a description or a format, and every sort its fields', () => {
    const wrong: string[] = [];
    for (const { name, operation } of operations) {
      for (const parameter of operation.parameters ?? []) {
        const schema = parameter.schema ?? {};
        if (parameter.in === 'path' && /(^id$|Id$)/.test(parameter.name) && schema.format !== 'uuid') wrong.push(`${name}: ${parameter.name} is no uuid`);
        if (parameter.in === 'query' && parameter.name === 'sort' && !/^\^-\?\(\w+(\|\w+)*\)/.test(String(schema.pattern)))
          wrong.push(`${name}: sort lists no fields`);
        if (!parameter.description && !schema.format && !schema.enum && !['limit', 'offset'].includes(parameter.name) && schema.type !== 'boolean') {
          wrong.push(`${name}: ${parameter.in} ${parameter.name} is undocumented`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('shows error examples that fit their status', () => {
    const wrong: string[] = [];
    for (const { name, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        const example = response.content?.['application/json']?.example as { statusCode?: number; code?: keyof typeof ERROR_STATUS } | undefined;
        const fits =
          example?.code !== undefined && example.statusCode === Number(status) && (ERROR_STATUS[example.code] === Number(status) || Number(status) === 431);
        if (!fits) wrong.push(`${name} ${status}: ${JSON.stringify(example)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('closes request objects, types no field as a bare object, and requires no field that has a default', () => {
    const wrong: string[] = [];
    for (const { name, operation } of operations) {
      const schema = schemaOf(operation);
      if (!schema) continue;
      if (schema.additionalProperties !== false) wrong.push(`${name}: open object`);
      for (const [field, property] of Object.entries(schema.properties ?? {})) {
        if (property.type === 'object' && !property.properties && !('allOf' in property)) wrong.push(`${name}: ${field} is a bare object`);
        if (property.default !== undefined && schema.required?.includes(field)) wrong.push(`${name}: ${field} has a default yet is required`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('documents each form of the report with its own schema: the JSON as the report, the Markdown and HTML as text', () => {
    const path = Object.keys(document.paths).find((p) => p.endsWith('/missions/{id}/report'))!;
    const ok = (document.paths[path].get.responses as Record<string, { content?: Record<string, { schema?: unknown }> }>)['200'];
    expect(ok.content).toEqual({
      'application/json': { schema: { $ref: '#/components/schemas/MissionReportDto' } },
      'text/markdown': { schema: { type: 'string' } },
      'text/html': { schema: { type: 'string' } },
    });
    // The errors are JSON whatever was asked for.
    for (const status of ['400', '404']) {
      expect(Object.keys((document.paths[path].get.responses as Record<string, { content?: object }>)[status].content ?? {})).toEqual(['application/json']);
    }
  });

  it('accepts every documented request example, with ids of records that exist', async () => {
    // The examples are of the reference mission: it is a week after it.
    jest.spyOn(api.app.get(Clock), 'now').mockReturnValue(new Date('2023-09-20T08:00:00Z'));
    try {
      const example = (method: string, path: string, extra: Record<string, unknown> = {}): Record<string, unknown> => {
        const operation = document.paths[path][method];
        const properties = schemaOf(operation)?.properties ?? {};
        const body = Object.fromEntries(
          Object.entries(properties).flatMap(([field, property]) => (property.example === undefined ? [] : [[field, property.example]])),
        );
        return { ...body, ...extra };
      };
      const accepted = async (method: string, path: string, url: string, extra?: Record<string, unknown>) => {
        const response = await api.request(method.toUpperCase(), url, example(method, path, extra));
        if (response.status >= 300)
          throw new Error(`${method.toUpperCase()} ${path} refused its own example: ${response.status} ${JSON.stringify(response.body)}`);
        return response.body as { id: string; version: number; refreshToken?: string; accessToken?: string };
      };
      const user = await accepted('post', '/api/v1/users', 'users', { password: 'Hanoi-Haiphong-2023' });
      await accepted('patch', '/api/v1/users/{id}', `users/${user.id}`, { version: user.version });
      const session = await accepted('post', '/api/v1/auth/login', 'auth/login');
      await accepted('post', '/api/v1/auth/refresh', 'auth/refresh', { refreshToken: session.refreshToken });
      const organisation = await accepted('post', '/api/v1/organisations', 'organisations');
      await accepted('patch', '/api/v1/organisations/{id}', `organisations/${organisation.id}`, { version: organisation.version });
      const other = await api.create('organisations', { name: 'Vinamarine', kind: 'government_body', country: 'VN' });
      const contact = await accepted('post', '/api/v1/contacts', 'contacts');
      await accepted('patch', '/api/v1/contacts/{id}', `contacts/${contact.id}`, { version: contact.version });
      const mission = await accepted('post', '/api/v1/missions', 'missions');
      await accepted('patch', '/api/v1/missions/{id}', `missions/${mission.id}`, { version: mission.version });
      const participant = await accepted('post', '/api/v1/missions/{missionId}/participants', `missions/${mission.id}/participants`, {
        organisationId: organisation.id,
      });
      await accepted('patch', '/api/v1/missions/{missionId}/participants/{id}', `missions/${mission.id}/participants/${participant.id}`, {
        version: participant.version,
      });
      const meeting = await accepted('post', '/api/v1/meetings', 'meetings', { missionId: mission.id });
      await accepted('patch', '/api/v1/meetings/{id}', `meetings/${meeting.id}`, { version: meeting.version });
      const agreement = await accepted('post', '/api/v1/agreements', 'agreements', { partyIds: [organisation.id, other.id] });
      await accepted('patch', '/api/v1/agreements/{id}', `agreements/${agreement.id}`, { version: agreement.version });
      const action = await accepted('post', '/api/v1/actions', 'actions', { missionId: mission.id, ownerId: user.id, dueLabel: 'March 2024' });
      await accepted('patch', '/api/v1/actions/{id}', `actions/${action.id}`, { version: action.version });
      const [first, second] = (await api.get(`actions/${action.id}/reminders?status=planned&sort=fireAt`)).body.items as { id: string }[];
      await accepted('post', '/api/v1/reminders/{id}/snooze', `reminders/${first.id}/snooze`);
      await accepted('post', '/api/v1/reminders/{id}/skip', `reminders/${second.id}/skip`);
      await accepted('post', '/api/v1/missions/{id}/survey', `missions/${mission.id}/survey`);
      await accepted('patch', '/api/v1/auth/me', 'auth/me');
      await accepted('post', '/api/v1/auth/tokens', 'auth/tokens');
      const invited = await api.create('users', { email: 'tom.peeters@fit.example', name: 'Tom Peeters' });
      await accepted('post', '/api/v1/auth/invitations', 'auth/invitations', { userId: invited.id });
      await accepted('post', '/api/v1/auth/password-reset', 'auth/password-reset');
      await accepted('post', '/api/v1/auth/logout', 'auth/logout', { refreshToken: session.refreshToken });
    } finally {
      jest.restoreAllMocks();
    }
  });
});
