/** A problem with one field of a request, named by its path (`hostCountries.0`, `id`). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * Codes a client can rely on. The error filter maps each to one HTTP status;
 * domains throw these and never build HTTP responses themselves.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_reference: 400,
  malformed_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  stale_version: 409,
  still_referenced: 409,
  gone: 410,
  archived: 409,
  last_admin: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  not_ready: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * The one wording of a name the request may not use: a field of a body (where: 'field') or a query
 * parameter, with what it takes instead.
 */
export const unknownNameMessage = (where: 'field' | 'query parameter', name: string, takes: string): string => `unknown ${where} ${name}: ${takes}`;

export class DomainError extends Error {
  /** Fields an error adds to the common body (an import's report, say). */
  extra?: Record<string, unknown>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends DomainError {
  constructor(details: FieldError[], message = 'The request is not valid; see details') {
    super('validation_failed', message, details);
  }
}

/** An id in a request body that names nothing: a 400 that says which field. */
export class InvalidReferenceError extends DomainError {
  constructor(field: string, resource: string, ids: readonly string[]) {
    const message = `${resource} ${ids.join(', ')} does not exist`;
    super('invalid_reference', message, [{ field, message }]);
  }
}

export class NotFoundError extends DomainError {
  constructor(resource: string, id: string) {
    super('not_found', `${resource} ${id} not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: FieldError[] = []) {
    super('conflict', message, details);
  }
}

export class StaleVersionError extends DomainError {
  constructor(resource: string, id: string, expected: number, actual: number) {
    super(
      'stale_version',
      `${resource} ${id} was changed by someone else: you sent version ${expected}, the current version is ${actual}; reload it and apply your change again`,
      [{ field: 'version', message: `current version is ${actual}` }],
    );
  }
}

/** A change to a record that is archived: it is read-only until restored. */
export class ArchivedError extends DomainError {
  constructor(resource: string, path: string, id: string) {
    super('archived', `${resource} ${id} is archived: restore it first (POST /api/v1/${path}/${id}/restore)`);
  }
}
