import type { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createRequire } from 'node:module';
import { getMetadataStorage } from 'class-validator';
import { ERROR_DESCRIPTIONS } from './api-errors.decorator.js';
import { FIRST_DATE, LAST_DATE } from './validators.js';

/** Where class-transformer keeps its @Type() metadata; the package ships no types for the path. */
const { defaultMetadataStorage } = createRequire(import.meta.url)('class-transformer/cjs/storage.js') as {
  defaultMetadataStorage: { findTypeMetadata(target: object, propertyName: string): { typeFunction(): unknown } | undefined };
};

type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];
type OperationObject = NonNullable<OpenAPIObject['paths'][string]['get']>;
type ParameterObject = { name: string; in: string; description?: string; schema?: Schema };
type ReferenceObject = { $ref: string };
interface Schema {
  type?: string;
  format?: string;
  description?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema | ReferenceObject>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  nullable?: boolean;
  allOf?: unknown[];
  oneOf?: unknown[];
  maxLength?: number;
  minLength?: number;
  maximum?: number;
  minimum?: number;
  maxItems?: number;
  minItems?: number;
  pattern?: string;
}
type DtoClass = abstract new (...args: never[]) => unknown;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const ERROR_BODY = { $ref: '#/components/schemas/ErrorResponseDto' };

/** An example per error status, each as the service answers it: a 404 is a not_found, a 409 a conflict. */
const ERROR_EXAMPLES: Record<number, { code: string; message: string; details: { field: string; message: string }[] }> = {
  400: { code: 'validation_failed', message: 'The request is not valid; see details', details: [{ field: 'title', message: 'title is required' }] },
  401: { code: 'unauthorized', message: 'Sign in first: send Authorization: Bearer <token> (POST /api/v1/auth/login gives one)', details: [] },
  403: { code: 'forbidden', message: 'A viewer may only read; changes need the officer or admin role', details: [] },
  404: { code: 'not_found', message: 'mission 3f0c6a4e-2d1b-4c3a-9e8f-7a6b5c4d3e2f not found', details: [] },
  405: { code: 'method_not_allowed', message: 'PUT is not an operation of /api/v1/missions: it takes GET, HEAD, POST', details: [] },
  409: {
    code: 'stale_version',
    message:
      'mission 3f0c6a4e-2d1b-4c3a-9e8f-7a6b5c4d3e2f was changed by someone else: you sent version 2, the current version is 3; reload it and apply your change again',
    details: [{ field: 'version', message: 'current version is 3' }],
  },
  410: { code: 'gone', message: 'This survey closed on 2023-10-15', details: [] },
  413: { code: 'payload_too_large', message: 'The request body is too large', details: [] },
  415: { code: 'unsupported_media_type', message: 'Send the body as application/json', details: [] },
  429: { code: 'rate_limited', message: 'Too many attempts; try again in 60 seconds', details: [] },
  431: { code: 'validation_failed', message: 'The request headers (or the URL) are too large', details: [] },
  503: { code: 'not_ready', message: 'Not ready: database is down', details: [] },
};

/**
 * Makes the OpenAPI document a manual a client can be written from, from what the service itself
 * enforces rather than from a second description of it: the validators of each request DTO give the
 * types, formats, limits and patterns, closed objects and what is required; the guard's rules give
 * who may call each operation. Runs once, after SwaggerModule made the document.
 */
export function documentAsManual(app: INestApplication, document: OpenAPIObject): void {
  const dtos = requestDtos(app);
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const [name, dto] of dtos.bodies) {
    const schema = schemas[name];
    if (schema) refineObject(schema, dto);
  }
  for (const schema of Object.values(schemas)) allowNullInNullableEnums(schema);
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method];
      if (!operation) continue;
      const query = dtos.queries.get(operation.operationId ?? '');
      for (const parameter of (operation.parameters ?? []) as unknown as ParameterObject[]) {
        if (parameter.in === 'query' && query) refineParameter(parameter, query);
        if (parameter.in === 'path' && /(^id$|Id$)/.test(parameter.name)) {
          parameter.schema = { type: 'string', format: 'uuid' };
          parameter.description ??= parameter.name === 'id' ? 'The id of the resource' : `The id of the ${parameter.name.slice(0, -2)}`;
        }
      }
      documentErrors(operation);
      describe(operation, method);
    }
  }
}

/** A nullable enum lists null among its values, or a validator of the document refuses the null it allows. */
function allowNullInNullableEnums(schema: unknown): void {
  if (typeof schema !== 'object' || schema === null) return;
  const node = schema as Schema;
  if (node.nullable && Array.isArray(node.enum) && !node.enum.includes(null)) node.enum.push(null);
  for (const child of Object.values(node)) allowNullInNullableEnums(child);
}

/** The DTO classes of every route's body (by schema name) and query (by operation id). */
function requestDtos(app: INestApplication): { bodies: Map<string, DtoClass>; queries: Map<string, DtoClass> } {
  const bodies = new Map<string, DtoClass>();
  const queries = new Map<string, DtoClass>();
  const addBody = (dto: DtoClass): void => {
    if (bodies.has(dto.name)) return;
    bodies.set(dto.name, dto);
    // Nested objects (a reminder policy) are request schemas too.
    for (const rule of rulesOf(dto)) {
      const nested = defaultMetadataStorage.findTypeMetadata(dto, rule.propertyName)?.typeFunction() as DtoClass | undefined;
      if (typeof nested === 'function' && nested.name && rulesOf(nested).length > 0) addBody(nested);
    }
  };
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (abstract new () => unknown) | null;
      if (!controller) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number; data?: unknown }>;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype as object, method) ?? []) as unknown[];
        for (const [key, argument] of Object.entries(args)) {
          const type = types[argument.index] as DtoClass | undefined;
          if (argument.data !== undefined || typeof type !== 'function' || rulesOf(type).length === 0) continue;
          const kind = Number(key.split(':')[0]);
          if (kind === Number(RouteParamtypes.BODY)) addBody(type);
          if (kind === Number(RouteParamtypes.QUERY)) queries.set(`${controller.name}_${method}`, type);
        }
      }
    }
  }
  return { bodies, queries };
}

const rulesOf = (dto: DtoClass): ValidationMetadata[] => getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);

/** Whether null is taken: the field's rules are skipped for it (@IsOptional()). */
const takesNull = (rules: ValidationMetadata[]): boolean =>
  rules.some((rule) => {
    const condition = rule.type === 'conditionalValidation' ? (rule.constraints?.[0] as ((object: object, value: unknown) => boolean) | undefined) : undefined;
    return condition?.({ [rule.propertyName]: null }, null) === false;
  });

/** What a DTO's validators say about one field, written as JSON Schema into `schema` (the items' for `each` rules). */
function applyRules(schema: Schema, rules: ValidationMetadata[]): void {
  const items = (): Schema => (schema.items ??= {});
  for (const rule of rules) {
    const target = rule.each ? items() : schema;
    const [first] = (rule.constraints ?? []) as unknown[];
    switch (rule.name ?? '') {
      case 'isInt':
        target.type = 'integer';
        break;
      case 'isNumber':
        target.type = 'number';
        break;
      case 'isString':
        target.type = 'string';
        break;
      case 'isBoolean':
        target.type = 'boolean';
        break;
      case 'isArray':
        schema.type = 'array';
        break;
      case 'isUUID':
        target.type = 'string';
        target.format = 'uuid';
        break;
      case 'isEmail':
        target.type = 'string';
        target.format = 'email';
        break;
      case 'isDateOnly':
        target.type = 'string';
        target.format = 'date';
        target.description ??= `A date YYYY-MM-DD from ${FIRST_DATE} to ${LAST_DATE}`;
        break;
      case 'isDateTime':
        target.type = 'string';
        target.format = 'date-time';
        break;
      case 'isIn':
        if (Array.isArray(first)) target.enum = first;
        break;
      case 'maxLength':
        target.maxLength = first as number;
        break;
      case 'minLength':
        target.minLength = first as number;
        break;
      case 'isNotEmpty':
        if (target.type === 'string' || target.type === undefined) target.minLength = Math.max(target.minLength ?? 0, 1);
        break;
      case 'max':
        target.maximum = first as number;
        break;
      case 'min':
        target.minimum = first as number;
        break;
      case 'arrayMaxSize':
        schema.maxItems = first as number;
        break;
      case 'arrayMinSize':
        schema.minItems = first as number;
        break;
      case 'matches':
        if (first instanceof RegExp && !first.flags.includes('i')) target.pattern ??= first.source;
        break;
      case 'isSortOf': {
        const names = (first as string[]).join('|');
        target.pattern = `^-?(${names})(,-?(${names}))*$`;
        break;
      }
      default:
        break;
    }
  }
}

/** A request object: types and limits from its validators, closed, with fields that have a default not required. */
function refineObject(schema: Schema, dto: DtoClass): void {
  const rules = rulesOf(dto);
  const properties = schema.properties ?? {};
  for (const [name, property] of Object.entries(properties)) {
    const own = rules.filter((rule) => rule.propertyName === name);
    if ('$ref' in property) continue;
    const nested = property.allOf ?? property.oneOf;
    if (nested) continue;
    // A type Swagger could not read from `string | null` is written `object`: the validators know better.
    if (property.type === 'object' && !property.properties && !property.additionalProperties) delete property.type;
    applyRules(property, own);
    if (takesNull(own)) property.nullable = true;
  }
  schema.additionalProperties = false;
  if (schema.required) {
    schema.required = schema.required.filter((name: string) => {
      const property = properties[name] as Schema | undefined;
      return property !== undefined && !('default' in property);
    });
    if (schema.required.length === 0) delete schema.required;
  }
}

function refineParameter(parameter: ParameterObject, dto: DtoClass): void {
  const rules = rulesOf(dto).filter((rule) => rule.propertyName === parameter.name);
  const schema = (parameter.schema ??= {});
  // A query list ("a,b", read by QueryList) is one string in the URL: its items' rules go into the description.
  const listed = rules.some((rule) => rule.each);
  applyRules(
    schema,
    rules.filter((rule) => !rule.each && !['isArray', 'arrayMaxSize', 'arrayMinSize'].includes(rule.name ?? '')),
  );
  if (!listed) return;
  const item: Schema = {};
  applyRules(
    item,
    rules.filter((rule) => rule.each),
  );
  const notes = [item.enum ? `values: ${item.enum.join(', ')}` : '', item.format ? `each a ${item.format}` : ''].filter(Boolean).join('; ');
  if (notes) parameter.description = `${parameter.description ? `${parameter.description}; ` : 'One or several separated by commas; '}${notes}`;
  schema.type = 'string';
  delete schema.items;
}

/** Every operation refuses a query parameter it does not take (400) and headers or a URL too large to read (431). */
const EVERY_OPERATION: Record<number, string> = {
  400: 'Invalid input: a query parameter the operation does not take, or a field that is not valid; `details` names each',
  431: 'The request headers (or the URL) are too large',
};

function documentErrors(operation: OperationObject): void {
  for (const [status, description] of Object.entries(EVERY_OPERATION)) operation.responses[status] ??= { description };
  for (const [status, response] of Object.entries(operation.responses as Record<string, { description?: string; content?: unknown } | ReferenceObject>)) {
    const code = Number(status);
    const example = ERROR_EXAMPLES[code];
    if (!example || '$ref' in response) continue;
    response.description = response.description || ERROR_DESCRIPTIONS[code] || 'Error';
    response.content = {
      'application/json': {
        schema: ERROR_BODY,
        example: { statusCode: code, ...example, requestId: 'b3a1f0de-6c2e-4d8f-9a57-0e4c1b2a3d4f' },
      },
    };
  }
}

/** The operation's description: what it does (its summary), who may call it, and what it changes. */
function describe(operation: OperationObject, method: (typeof METHODS)[number]): void {
  const roles = (operation as { 'x-roles'?: string[] })['x-roles'];
  const isPublic = Array.isArray(operation.security) && operation.security.length === 1 && Object.keys(operation.security[0]).length === 0;
  const who = isPublic
    ? 'Anyone: no token needed.'
    : roles && roles.length === 3
      ? 'Any signed-in user (admin, officer or viewer), for their own account; a read-only API token only reads.'
      : roles
        ? `Only ${roles.join(' and ')} users.`
        : method === 'get'
          ? 'Any signed-in user (admin, officer or viewer), also with a read-only API token.'
          : 'Officers and admins (an officer changes only the actions they own or whose mission they are responsible for); viewers and read-only API tokens get 403.';
  const changes =
    method === 'get'
      ? 'Changes nothing.'
      : method === 'delete'
        ? 'Archives the record (or, where it says so, deletes it); recorded in the audit log.'
        : method === 'patch'
          ? 'Changes only the fields sent, raises `version` by one, and records the change in the audit log; a stale `version` (or If-Match) is a 409.'
          : 'Writes what the summary says and records it in the audit log where the resource is audited.';
  const what = operation.description ?? operation.summary ?? '';
  operation.description = `${what}${what.endsWith('.') || !what ? '' : '.'}\n\n**Who may call it:** ${who}\n\n**What it changes:** ${changes}`.trim();
}
