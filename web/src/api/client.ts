import createClient from 'openapi-fetch';
import { authenticatedFetch } from '../auth/session';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type FieldError = Schemas['FieldErrorDto'];
export type ErrorBody = Schemas['ErrorResponseDto'];

/** An answer of the API other than 2xx, with the common error body when there is one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | undefined,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }

  /** The per-field messages of a 400, by field name. */
  get fieldErrors(): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const detail of this.body?.details ?? []) {
      const field = detail.field.split('.')[0];
      errors[field] ??= detail.message;
    }
    return errors;
  }
}

/**
 * The typed client of the service's own OpenAPI document (schema.d.ts is generated: npm run
 * api:generate), reading the JSON form of each answer (lists also answer CSV: api/files.ts).
 */
export const api = createClient<paths, 'application/json'>({ fetch: authenticatedFetch });

/** The client without a session, for sign-in and refresh. */
export const publicApi = createClient<paths, 'application/json'>();

/** The data of an answer, or an ApiError: what TanStack Query wants from a query function. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, error as ErrorBody | undefined);
  return data as T;
}
