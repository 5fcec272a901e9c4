import type { OpenAPIObject } from '@nestjs/swagger';
import { ERROR_DESCRIPTIONS } from './api-errors.decorator.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const READS = new Set(['get', 'head']);
const ERROR_BODY = { $ref: '#/components/schemas/ErrorResponseDto' };

/** Marked @Public(): an empty security requirement. */
const isPublic = (security: unknown): boolean => Array.isArray(security) && security.length === 1 && Object.keys(security[0] as object).length === 0;

/**
 * The global guard answers for every operation that is not public: a 401 without a valid token,
 * and for changes a 403 to a viewer or a read-only API token. Documented here, in one place,
 * as the guard applies them; an operation's own description of a status is kept.
 */
export function documentAccessErrors(document: OpenAPIObject): void {
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method];
      if (!operation || isPublic(operation.security)) continue;
      const statuses = READS.has(method) ? [401] : [401, 403];
      for (const status of statuses) {
        operation.responses[status] ??= { description: ERROR_DESCRIPTIONS[status], content: { 'application/json': { schema: ERROR_BODY } } };
      }
    }
  }
}
