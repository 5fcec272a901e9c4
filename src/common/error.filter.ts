import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OptimisticLockVersionMismatchError, QueryFailedError } from 'typeorm';
import type { ErrorResponseDto } from './error-response.dto.js';
import { DomainError, ERROR_STATUS, type ErrorCode, type FieldError } from './errors.js';
import type { RouteMethods } from './method-not-allowed.js';

const HTTP_CODES: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** Errors raised by Fastify while reading a request, before any handler runs. */
const FASTIFY_CODES: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['malformed_json', 'The request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['malformed_json', 'The request body is empty; send a JSON object'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', 'The request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', 'Send the body as application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['validation_failed', 'The Content-Length header does not match the body'],
};

const snakeToCamel = (name: string): string => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The columns PostgreSQL names in a detail such as `Key (lower(code::text))=(vn-2023) already exists.`, as API fields. */
function fieldsOfKey(detail: string | undefined): string[] {
  const key = /^Key \((.*?)\)=/.exec(detail ?? '')?.[1] ?? '';
  // Function names (followed by "(") and type casts (after "::") are no columns.
  const columns = [...key.matchAll(/(::)?\b([a-z_][a-z0-9_]*)\b(?!\s*\()/g)].filter((match) => !match[1]).map((match) => match[2]);
  return [...new Set(columns.map(snakeToCamel))];
}

/** The rules of the data that the API checks first, by the field a client gives: a breach is a race or an edge the checks missed. */
const CHECKS: Record<string, FieldError> = {
  ck_actions_due_window: { field: 'dueTo', message: 'dueTo must not be before dueFrom' },
  ck_agreements_validity: { field: 'validUntil', message: 'validUntil must not be before validFrom' },
  ck_meetings_attendee_count: { field: 'attendeeCount', message: 'attendeeCount must not be negative' },
  ck_meetings_times: { field: 'endsAt', message: 'endsAt must not be before startsAt' },
  ck_missions_dates: { field: 'endDate', message: 'endDate must not be before startDate' },
  ck_participants_satisfaction_score: { field: 'satisfactionScore', message: 'satisfactionScore must be from 1 to 5' },
  ck_survey_responses_score: { field: 'score', message: 'score must be from 1 to 5' },
};

/**
 * PostgreSQL errors that a client's request can cause (a race past the service's own checks), told
 * in the API's words: fields by their names in the API, never a column or a constraint.
 */
function fromDatabase(error: QueryFailedError<Error>): DomainError | undefined {
  const driverError = error.driverError as { code?: string; constraint?: string; detail?: string; column?: string };
  switch (driverError.code ?? '') {
    case '23505': {
      const fields = fieldsOfKey(driverError.detail);
      const message = fields.length > 0 ? `Another record already has this ${fields.join(' and ')}` : 'This would duplicate an existing record';
      return new DomainError(
        'conflict',
        message,
        fields.map((field) => ({ field, message })),
      );
    }
    case '23503': {
      const statement = error.query.trimStart().toUpperCase();
      if (statement.startsWith('DELETE') || statement.startsWith('UPDATE')) return new DomainError('still_referenced', 'Other records still refer to this one');
      const fields = fieldsOfKey(driverError.detail);
      const message = fields.length > 0 ? `${fields.join(', ')} names a record that does not exist` : 'The request refers to a record that does not exist';
      return new DomainError(
        'invalid_reference',
        message,
        fields.map((field) => ({ field, message })),
      );
    }
    case '23502': {
      const field = driverError.column ? snakeToCamel(driverError.column) : undefined;
      const message = field ? `${field} must not be null` : 'A required field must not be null';
      return new DomainError('validation_failed', message, field ? [{ field, message }] : []);
    }
    case '23514': {
      const rule = CHECKS[driverError.constraint ?? ''];
      return rule ? new DomainError('validation_failed', rule.message, [rule]) : new DomainError('validation_failed', 'The request breaks a rule of the data');
    }
    case '22P02':
    case '22007':
    case '22008':
      return new DomainError('validation_failed', 'A value in the request has the wrong format');
    case '22021':
    case '22P05':
      return new DomainError('validation_failed', 'A text in the request contains a character that cannot be stored (such as \\u0000)');
    default:
      return undefined;
  }
}

function fromHttpException(exception: HttpException): DomainError {
  const cause = exception.cause as { code?: string } | undefined;
  if (typeof cause?.code === 'string' && cause.code in FASTIFY_CODES) {
    const [code, message] = FASTIFY_CODES[cause.code];
    return new DomainError(code, message);
  }
  const status = exception.getStatus();
  const response = exception.getResponse();
  const text = typeof response === 'string' ? response : (response as { message?: string | string[] }).message;
  const message = Array.isArray(text) ? text.join('; ') : (text ?? exception.message);
  const error = new DomainError(HTTP_CODES[status] ?? 'internal', message);
  return Object.assign(error, { status });
}

/**
 * Maps every error to one status and the single error body. What is not a known
 * client error becomes a 500 that carries only the request id; the details go to the log.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  /** The service's routes, to tell a method a path does not have (405) from a path that does not exist (404). */
  constructor(private readonly routes?: RouteMethods) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const allowed = this.methodsOfUnmatchedPath(exception, request);
    if (allowed.length > 0) {
      void reply.header('allow', allowed.join(', '));
      exception = new DomainError(
        'method_not_allowed',
        `${request.method} is not an operation of ${request.url.split('?')[0]}: it takes ${allowed.join(', ')}`,
      );
    }
    const { status, body } = this.toResponse(exception);
    body.requestId = requestIdOf(request);
    if (status >= 500) this.logger.error({ err: exception, requestId: body.requestId }, 'request failed');
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  toResponse(exception: unknown): { status: number; body: ErrorResponseDto } {
    const error = this.toDomainError(exception);
    const status = (error as DomainError & { status?: number }).status ?? ERROR_STATUS[error.code];
    const details: FieldError[] = error.details;
    return { status, body: { statusCode: status, code: error.code, message: error.message, details, ...error.extra } };
  }

  /** No route matched: the methods the path has with other methods, if it is a path of the service. */
  private methodsOfUnmatchedPath(exception: unknown, request: FastifyRequest): string[] {
    if (!this.routes || !(exception instanceof NotFoundException) || !exception.message.startsWith(`Cannot ${request.method} `)) return [];
    return this.routes.allowed(request.url.split('?')[0]);
  }

  private toDomainError(exception: unknown): DomainError {
    if (exception instanceof DomainError) return exception;
    if (exception instanceof HttpException) return fromHttpException(exception);
    if (exception instanceof OptimisticLockVersionMismatchError) return new DomainError('stale_version', exception.message);
    if (exception instanceof QueryFailedError) {
      const mapped = fromDatabase(exception as QueryFailedError<Error>);
      if (mapped) return mapped;
    }
    const fastify = exception as { code?: string; statusCode?: number; message?: string };
    if (typeof fastify?.code === 'string' && fastify.code in FASTIFY_CODES) {
      const [code, message] = FASTIFY_CODES[fastify.code];
      return new DomainError(code, message);
    }
    if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
      return Object.assign(new DomainError(HTTP_CODES[fastify.statusCode] ?? 'validation_failed', fastify.message ?? 'Bad request'), {
        status: fastify.statusCode,
      });
    }
    return new DomainError('internal', 'Something went wrong on our side; the request id identifies it in the logs');
  }
}

function requestIdOf(request: FastifyRequest): string | undefined {
  return typeof request.id === 'string' ? request.id : undefined;
}
