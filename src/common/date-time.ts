import { Transform } from 'class-transformer';
import { buildMessage, getMetadataStorage, isISO8601, ValidateBy, type ValidationOptions } from 'class-validator';
import { FIRST_DATE, isCalendarDate, isDateOnly, LAST_DATE } from './validators.js';

const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** What every date-time of the API's input takes, in the words of its documentation. */
export const DATE_TIME_INPUT =
  "ISO 8601 with a UTC offset, such as 2023-09-12T11:00:00+07:00, or a date (YYYY-MM-DD), read as the start of that day in the signed-in user's time zone";

// A time without an offset would be read in the server's zone, which is never what an officer in Hanoi meant.
const isDateTimeWithOffset = (value: unknown): value is string =>
  typeof value === 'string' && DATE_TIME_WITH_OFFSET.test(value) && isISO8601(value, { strict: true });

/** Reads an ISO 8601 date-time with offset into a Date; anything else stays as sent for IsDateTime to refuse. */
export const ToDateTime = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (isDateTimeWithOffset(value) ? new Date(value) : value));

/** A date-time read by ToDateTime; a date that does not exist is told so, as for date fields. */
export function IsDateTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateTime',
      validator: {
        validate: (value: unknown) => value instanceof Date && !Number.isNaN(value.getTime()),
        defaultMessage: buildMessage(
          (each, args) =>
            typeof args?.value === 'string' && DATE_SHAPE.test(args.value.slice(0, 10)) && !isDateOnly(args.value.slice(0, 10))
              ? isCalendarDate(args.value.slice(0, 10))
                ? `${each}$property must be a date from ${FIRST_DATE} to ${LAST_DATE}`
                : `${each}$property is not a calendar date: ${args.value.slice(0, 10)} does not exist`
              : `${each}$property must be an ISO 8601 date-time with a UTC offset, such as 2023-09-12T11:00:00+07:00, or a date such as 2023-09-12`,
          options,
        ),
      },
    },
    options,
  );
}

const ACCEPTS_DATE = 'acceptsDate';

/**
 * Marks a date-time input that also takes a date: the request's time zone turns it into the start of
 * that day (LocalDatesInterceptor) before validation, so that ToDateTime and IsDateTime see a date-time.
 * Kept as a rule that always holds, so that mapped DTOs (PartialType, PickType) inherit the mark.
 */
export const AcceptsDate = (): PropertyDecorator => ValidateBy({ name: ACCEPTS_DATE, validator: { validate: () => true } });

/** The properties of a DTO class (inherited and mapped ones too) marked @AcceptsDate(). */
export function dateInputsOf(dto: unknown): readonly string[] {
  if (typeof dto !== 'function') return [];
  const rules = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return [...new Set(rules.filter((rule) => rule.name === ACCEPTS_DATE).map((rule) => rule.propertyName))];
}

/** The fields among `names` whose value is a date alone (a real one in the accepted range). */
export function datesAmong(values: Record<string, unknown>, names: readonly string[]): string[] {
  return names.filter((name) => isDateOnly(values[name]));
}
