import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: unknown fields, wrong types or formats, ids that name nothing; `details` lists each field',
  404: 'No resource with this id',
  409: 'Conflict: a duplicate, a stale `version`, or a record that others still refer to',
  413: 'The request body is too large',
  415: 'The body is not application/json',
};

/** Documents the error responses of an operation, all with the one error body. */
export const ApiErrors = (...statuses: number[]): MethodDecorator =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ErrorResponseDto })));
