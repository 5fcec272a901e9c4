import { Ajv, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';

// A CommonJS module: its default export is the plugin itself.
const addFormats = formats as unknown as (ajv: Ajv) => Ajv;

export interface OpenApiDocument {
  paths: Record<string, Record<string, DocumentedOperation>>;
  components: { schemas: Record<string, unknown> };
}

export interface DocumentedOperation {
  operationId: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema?: unknown; example?: unknown }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown; example?: unknown }> }>;
  security?: unknown;
}

/**
 * OpenAPI 3.0's `nullable: true` as JSON Schema: null, or what the rest of the schema says (also when
 * that is an allOf of a $ref, which a type beside `nullable` cannot let null through).
 */
function withNulls(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withNulls);
  if (typeof schema !== 'object' || schema === null) return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const mapped = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, key === 'example' ? value : withNulls(value)]));
  if (nullable !== true) return mapped;
  if (Array.isArray(mapped.enum)) mapped.enum = mapped.enum.filter((value) => value !== null);
  return { anyOf: [{ type: 'null' }, mapped] };
}

interface Route {
  method: string;
  path: string;
  pattern: RegExp;
  operation: DocumentedOperation;
}

/**
 * Checks answers against the OpenAPI document: each JSON body must match the schema documented for
 * its operation and status, and the status must be one the operation documents.
 */
export class ResponseChecker {
  private readonly ajv: Ajv;
  private readonly routes: Route[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'doc', components: withNulls(document.components) });
    this.routes = Object.entries(document.paths)
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({
          method: method.toUpperCase(),
          path,
          pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`),
          operation,
        })),
      )
      // Fixed segments before parameters: /actions/due-window before /actions/{id}.
      .sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0));
  }

  /** The documented operation a request names, if any. */
  operationOf(method: string, url: string): Route | undefined {
    const path = new URL(url, 'http://x').pathname;
    return this.routes.find((route) => route.method === method.toUpperCase() && route.pattern.test(path));
  }

  /** What is wrong with an answer by the document; empty when it fits. */
  problems(method: string, url: string, status: number, contentType: string, body: unknown): string[] {
    const route = this.operationOf(method, url);
    // A failure of the service's own (a test that breaks the database) is no answer the document promises; the fuzz test forbids them.
    if (!route || status >= 500) return [];
    const name = `${route.method} ${route.path}`;
    const documented = route.operation.responses[String(status)];
    if (!documented) return [`${name}: status ${status} is not documented (${Object.keys(route.operation.responses).join(', ')})`];
    const schema = documented.content?.['application/json']?.schema;
    if (!schema || !contentType.includes('application/json')) return [];
    const key = `${name} ${status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(withNulls(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'))) as object);
      this.compiled.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => `${name} ${status}: ${error.instancePath || 'body'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
  }
}
