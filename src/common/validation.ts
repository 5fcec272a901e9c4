import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { DomainError, type FieldError, ValidationFailedError } from './errors.js';

const UNKNOWN_FIELD = /^property (\S+) should not exist$/;

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = Object.values(error.constraints ?? {});
    // A field left out fails every rule it has; one message says what is wrong.
    const missing = error.value === undefined && constraints.length > 0 && !constraints.some((message) => UNKNOWN_FIELD.test(message));
    const own = missing
      ? [{ field, message: `${field} is required` }]
      : constraints.map((message) => ({ field, message: message.replace(UNKNOWN_FIELD, 'unknown field $1: it is not part of this resource') }));
    return own.concat(flatten(error.children ?? [], field));
  });
}

/** The parameters a query DTO takes, for the message that refuses another one. */
function queryParameters(metatype: ArgumentMetadata['metatype']): string[] {
  if (!metatype) return [];
  const names = getMetadataStorage()
    .getTargetValidationMetadatas(metatype, '', true, false)
    .map((metadata) => metadata.propertyName);
  return [...new Set(names)];
}

/**
 * The one validation pipe: unknown fields are rejected, values are converted to the DTO's types.
 * In a query string, an unknown parameter is told as one, with the parameters the list takes.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return (await super.transform(value, metadata)) as unknown;
    } catch (error) {
      if (!(error instanceof DomainError) || metadata.type !== 'query') throw error;
      const parameters = queryParameters(metadata.metatype);
      // Lists (they page) say which filters they take; other operations, in the interceptor's words, what they take.
      const takes = parameters.includes('limit') ? `this list takes ${parameters.join(', ')}` : `this operation takes only ${parameters.join(', ')}`;
      const details = error.details.map((detail) =>
        /^unknown field /.test(detail.message) ? { field: detail.field, message: `unknown query parameter ${detail.field}: ${takes}` } : detail,
      );
      throw new ValidationFailedError(details, error.message);
    }
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // The value is read to tell a missing field from a wrong one; it never reaches the answer.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new ValidationFailedError(flatten(errors)),
  });
}
