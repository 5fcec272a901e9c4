import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { DomainError, type FieldError, unknownNameMessage, ValidationFailedError } from './errors.js';

const NOT_AN_OBJECT = 'The request body must be a JSON object';
const UNKNOWN_FIELD = /^property (\S+) should not exist$/;

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = Object.values(error.constraints ?? {});
    // A field left out fails every rule it has; one message says what is wrong.
    const unknown = constraints.some((message) => UNKNOWN_FIELD.test(message));
    const missing = error.value === undefined && constraints.length > 0 && !unknown;
    // Null reaches the rules only for fields that cannot be cleared (the others are @IsOptional()).
    const nulled = error.value === null && constraints.length > 0 && !unknown;
    const own = missing
      ? [`${field} is required`]
      : nulled
        ? [`${field} must not be null`]
        : constraints.map((message) =>
            message.replace(UNKNOWN_FIELD, (_whole, name: string) => unknownNameMessage('field', name, 'it is not part of this resource')),
          );
    // Rules that say the same thing in the same words (a version that is neither a number nor 1 or more) say it once.
    return [...new Set(own)].map((message) => ({ field, message })).concat(flatten(error.children ?? [], field));
  });
}

/** The parameters a query DTO takes, for the message that refuses another one. */
function queryParameters(metatype: ArgumentMetadata['metatype']): string[] {
  if (!metatype) return [];
  const names = getMetadataStorage()
    .getTargetValidationMetadatas(metatype, '', true, false)
    .map((metadata) => metadata.propertyName);
  // A list's own filters first, then what every list takes, in one order whatever DTO overrides which.
  const unique = [...new Set(names)];
  return [...unique.filter((name) => !SHARED_PARAMETERS.includes(name)), ...SHARED_PARAMETERS.filter((name) => unique.includes(name))];
}

const SHARED_PARAMETERS = ['limit', 'offset', 'sort', 'q', 'includeArchived', 'id'];

/**
 * The one validation pipe: unknown fields are rejected, values are converted to the DTO's types.
 * In a query string, an unknown parameter is told as one, with the parameters the list takes.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A body that is no object (absent, null, a list, a number) has no fields to validate: it is refused
    // as a whole, before class-transformer makes an empty object of it that an update would accept.
    if (metadata.type === 'body' && this.toValidate(metadata) && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new ValidationFailedError([{ field: 'body', message: NOT_AN_OBJECT }], NOT_AN_OBJECT);
    }
    try {
      return (await super.transform(value, metadata)) as unknown;
    } catch (error) {
      if (!(error instanceof DomainError) || metadata.type !== 'query') throw error;
      const parameters = queryParameters(metadata.metatype);
      // Lists (they page) say which filters they take; other operations, in the interceptor's words, what they take.
      const takes = parameters.includes('limit') ? `this list takes ${parameters.join(', ')}` : `this operation takes only ${parameters.join(', ')}`;
      const details = error.details.map((detail) =>
        detail.message.startsWith(unknownNameMessage('field', detail.field, ''))
          ? { field: detail.field, message: unknownNameMessage('query parameter', detail.field, takes) }
          : detail,
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
