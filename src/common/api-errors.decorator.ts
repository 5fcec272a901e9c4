import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto.js';

export const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: unknown fields, wrong types or formats, ids that name nothing; `details` lists each field',
  401: 'Not signed in: no bearer token, or one that is not valid, expired or revoked',
  403: 'Signed in, but not allowed: the role may not do this, or the API token is read-only',
  404: 'No resource with this id',
  409: 'Conflict: a duplicate, a stale `version`, or a record that others still refer to',
  410: 'No longer available (a survey that has closed)',
  413: 'The request body is too large',
  415: 'The body is not application/json',
  429: 'Too many attempts; wait the seconds in Retry-After',
};

/** Documents the error responses of an operation, all with the one error body. */
export const ApiErrors = (...statuses: number[]): MethodDecorator =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, description: ERROR_DESCRIPTIONS[status] ?? 'Error', type: ErrorResponseDto })));
