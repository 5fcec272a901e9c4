import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { buildMessage, IsBoolean, IsOptional, ValidateBy, ValidateIf, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** Belgian enterprise number (KBO/BCE): 10 digits, the last two = 97 - (first eight mod 97). */
export function isEnterpriseNumber(value: unknown): boolean {
  if (typeof value !== 'string' || !/^[01]\d{9}$/.test(value)) return false;
  const body = Number.parseInt(value.slice(0, 8), 10);
  return 97 - (body % 97) === Number.parseInt(value.slice(8), 10);
}

/** Accepts "0123.456.749", "BE 0123 456 749" and plain digits; stores the 10 digits. */
export const normaliseEnterpriseNumber = (value: unknown): unknown => (typeof value === 'string' ? value.replace(/^BE/i, '').replace(/[\s.]/g, '') : value);

export function IsEnterpriseNumber(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEnterpriseNumber',
      validator: {
        validate: isEnterpriseNumber,
        defaultMessage: buildMessage((each) => `${each}$property must be a Belgian enterprise number: 10 digits with a valid mod-97 check`, options),
      },
    },
    options,
  );
}

/**
 * Whether the runtime knows this IANA time zone. Asking Intl directly also accepts
 * current names that its list gives under older ones (Asia/Ho_Chi_Minh, listed as Asia/Saigon).
 */
export function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || !/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimeZone',
      validator: {
        validate: isTimeZone,
        defaultMessage: buildMessage((each) => `${each}$property must be an IANA time zone such as Europe/Brussels`, options),
      },
    },
    options,
  );
}

/**
 * The dates the API takes, the same as the years a fuzzy due label may name: reminders are planned
 * from them with days and months added, which must stay within what a calendar date can be written as.
 */
export const FIRST_DATE = '1900-01-01';
export const LAST_DATE = '2199-12-31';

/** A calendar date written YYYY-MM-DD that exists (no 2023-02-30). */
export function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A calendar date written YYYY-MM-DD that exists, from FIRST_DATE to LAST_DATE. */
export function isDateOnly(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return isCalendarDate(value) && value >= FIRST_DATE && value <= LAST_DATE;
}

export function IsDateOnly(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateOnly',
      validator: {
        validate: isDateOnly,
        defaultMessage: buildMessage(
          (each, args) =>
            typeof args?.value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(args.value)
              ? `${each}$property must be a date written YYYY-MM-DD`
              : isCalendarDate(args.value)
                ? `${each}$property must be a date from ${FIRST_DATE} to ${LAST_DATE}`
                : `${each}$property is not a calendar date: ${args.value} does not exist`,
          options,
        ),
      },
    },
    options,
  );
}

/** A date (YYYY-MM-DD) or a valid Date as something that compares in time order. */
function comparable(value: unknown): string | number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  return isDateOnly(value) ? (value as string) : undefined;
}

/** The value must not come before the sibling property named (both optional). */
export function IsNotBefore(property: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBefore',
      constraints: [property],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const left = comparable(value);
          const right = comparable((args?.object as Record<string, unknown>)[property]);
          // Only two valid values are compared; a malformed one is reported by its own validator.
          return left === undefined || right === undefined || typeof left !== typeof right || left >= right;
        },
        defaultMessage: buildMessage(() => `$property must not be before ${property}`, options),
      },
    },
    options,
  );
}

/** Trims strings; turns a blank string into undefined-like null only where the DTO asks for it. */
export const Trim = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Upper-cases a country code or a list of them, so "vn" and "VN" are the same country. */
export const UpperCase = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.toUpperCase() : Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.toUpperCase() : v)) : value,
  );

/** Reads a query-string list: "a,b" or repeated parameters. */
export const QueryList = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : value,
  );

/** Reads a query-string boolean strictly: only "true" and "false". */
const QueryBoolean = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/** A true-or-false query parameter that may be left out: "true" and "false" only, anything else a 400 that names it. */
export const BooleanQueryParam = (documentation: ApiPropertyOptions = {}): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: Boolean, ...documentation }),
    IsOptional(),
    QueryBoolean(),
    IsBoolean({ message: '$property must be true or false' }),
  );

/**
 * A field that may be left out but not cleared: null is refused ("must not be null") instead of
 * reaching a NOT NULL column. `@IsOptional()` is for the fields that null clears.
 */
export const IsOmittable = (options?: ValidationOptions): PropertyDecorator => ValidateIf((object: object, value: unknown) => value !== undefined, options);
