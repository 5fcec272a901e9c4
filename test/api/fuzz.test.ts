import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { startTestApp, type TestApp } from '../support/app.js';
import type { OpenApiDocument } from '../support/openapi.js';
import { VIETNAM_2023 } from '../support/fixtures.js';

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  nullable?: boolean;
  allOf?: Schema[];
  $ref?: string;
  maxLength?: number;
  minLength?: number;
  maximum?: number;
  minimum?: number;
  maxItems?: number;
  pattern?: string;
}

/** Fixed so that a failure can be replayed; FUZZ_SEED tries another. */
const SEED = Number(process.env.FUZZ_SEED ?? 20230911);
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 4);

/**
 * A property-based fuzz of every operation, driven by the OpenAPI document's own schemas: random
 * requests, most of them valid by the document and some not (wrong types, nulls, values past the
 * limits, unknown fields). The service must never answer 5xx, and only with statuses and bodies the
 * document describes (the test client checks each answer against it).
 */
describe('fuzzing every operation from the OpenAPI document', () => {
  let api: TestApp;
  let document: OpenApiDocument;
  let known: Record<string, string[]>;

  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(document.components.schemas[schema.$ref.split('/').pop()!] as Schema);
    if (schema.allOf?.length === 1) return { ...resolve(schema.allOf[0]), nullable: schema.nullable };
    return schema;
  };

  /** Something no schema asks for: the invalid half of the requests. */
  const wrong = fc.oneof(
    fc.constant(null),
    fc.integer(),
    fc.string({ maxLength: 5 }),
    fc.constant([]),
    fc.constant({}),
    fc.constant('x'.repeat(20_000)),
    fc.boolean(),
  );

  const valueOf = (raw: Schema, name: string, depth = 0): fc.Arbitrary<unknown> => {
    const schema = resolve(raw);
    const valid = ((): fc.Arbitrary<unknown> => {
      if (schema.enum) return fc.constantFrom(...schema.enum);
      switch (schema.format ?? '') {
        case 'uuid':
          return fc.oneof(fc.uuid({ version: 4 }), fc.constantFrom(...(known[name] ?? known.any)));
        case 'date':
          return fc
            .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
            .map((date) => date.toISOString().slice(0, 10));
        case 'date-time':
          return fc
            .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
            .map((date) => date.toISOString());
        case 'email':
          return fc.emailAddress();
        default:
          break;
      }
      switch (schema.type ?? '') {
        case 'integer':
          return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
        case 'number':
          return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
        case 'boolean':
          return fc.boolean();
        case 'array':
          return fc.array(schema.items ? valueOf(schema.items, name, depth + 1) : fc.string(), { maxLength: Math.min(schema.maxItems ?? 3, 3) });
        case 'object':
          return depth > 2 ? fc.constant({}) : objectOf(schema, depth + 1);
        default:
          return schema.pattern
            ? fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length <= (schema.maxLength ?? 200))
            : fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
      }
    })();
    return fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: wrong, weight: 1 });
  };

  const objectOf = (raw: Schema, depth = 0): fc.Arbitrary<Record<string, unknown>> => {
    const schema = resolve(raw);
    const fields = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, property]) => [name, valueOf(property, name, depth)]));
    return fc
      .tuple(fc.record(fields, { requiredKeys: (schema.required ?? []).filter(() => true) }), fc.option(fc.constantFrom('colour', 'mission_id'), { freq: 5 }))
      .map(([body, unknown]) => (unknown ? { ...body, [unknown]: 'red' } : body));
  };

  beforeAll(async () => {
    api = await startTestApp();
    document = api.checker.document;
    const mission = await api.create('missions', VIETNAM_2023);
    const organisation = await api.create('organisations', { name: 'NXTPORT International', kind: 'company', country: 'BE' });
    const action = await api.create('actions', { title: 'Webinars for the delegation', missionId: mission.id, ownerId: api.admin.id, dueLabel: 'March 2024' });
    const reminders = (await api.get(`actions/${action.id}/reminders`)).body.items as { id: string }[];
    known = {
      any: [mission.id, organisation.id, action.id],
      id: [mission.id, organisation.id, action.id, ...reminders.map((reminder) => reminder.id)],
      missionId: [mission.id],
      organisationId: [organisation.id],
      organisationIds: [organisation.id],
      partyIds: [organisation.id],
      ownerId: [api.admin.id],
      userId: [api.admin.id],
    };
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers random requests to every operation without a 5xx and only as documented', async () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    expect(operations.length).toBeGreaterThan(70);
    for (const [index, { path, method, operation }] of operations.entries()) {
      const parameters = operation.parameters ?? [];
      const pathValues = fc.record(
        Object.fromEntries(
          parameters
            .filter((parameter) => parameter.in === 'path')
            .map((parameter) => [parameter.name, valueOf((parameter.schema ?? {}) as Schema, parameter.name)]),
        ),
      );
      const queryValues = fc.record(
        Object.fromEntries(
          parameters
            .filter((parameter) => parameter.in === 'query')
            .map((parameter) => [parameter.name, valueOf((parameter.schema ?? {}) as Schema, parameter.name)]),
        ),
        { requiredKeys: [] },
      );
      const bodySchema = operation.requestBody?.content['application/json']?.schema as Schema | undefined;
      const body = bodySchema ? fc.oneof({ arbitrary: objectOf(bodySchema), weight: 5 }, { arbitrary: wrong, weight: 1 }) : fc.constant(undefined);
      await fc.assert(
        fc.asyncProperty(pathValues, queryValues, body, async (pathParams, query, sent) => {
          const url = path.replace(/\{(\w+)\}/g, (_whole, name: string) => encodeURIComponent(String(pathParams[name])));
          const search = new URLSearchParams(
            Object.entries(query).map(([name, value]): [string, string] => [name, typeof value === 'string' ? value : JSON.stringify(value)]),
          );
          // The client fails on any status or body the document does not describe for the operation.
          const response = await api.request(
            method.toUpperCase(),
            `${url}${search.size > 0 ? `?${search.toString()}` : ''}`,
            sent === undefined ? undefined : JSON.stringify(sent),
            {
              'content-type': 'application/json',
            },
          );
          expect(response.status).toBeLessThan(500);
        }),
        { seed: SEED + index, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
      );
    }
  }, 300_000);
});
