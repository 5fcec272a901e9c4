import { type FieldError, ValidationFailedError } from '../common/errors.js';
import { isDateOnly } from '../common/validators.js';
import { DUE_LABEL_FORMS, type DueWindow, parseDueLabel } from './due/due-window.js';

/** The three ways a request can give an action's due date; undefined means "not given". */
export interface DueInput {
  dueLabel?: string | null;
  dueFrom?: string | null;
  dueTo?: string | null;
  dueDate?: string | null;
}

/** The due columns of an action that has no due date. */
export const NO_DUE_WINDOW = { dueFrom: null, dueTo: null, duePrecision: null, dueLabel: null } as const;

export const ONE_DUE_FORM_MESSAGE = 'give the due date in one way only: dueLabel, or dueFrom with dueTo, or dueDate';
export const DUE_LABEL_MESSAGE = `dueLabel must be a due date such as ${DUE_LABEL_FORMS.join(', ')}`;

/**
 * Turns the due fields of a request into a due window.
 * Returns undefined when the request says nothing about the due date (keep what is there),
 * null when it clears it, and throws a ValidationFailedError naming the field otherwise.
 */
export function dueWindowFromInput(input: DueInput): DueWindow | null | undefined {
  const { dueLabel, dueFrom, dueTo, dueDate } = input;
  const givenFields: string[] = [];
  if (dueLabel !== undefined) givenFields.push('dueLabel');
  if (dueFrom !== undefined || dueTo !== undefined) givenFields.push(dueFrom !== undefined ? 'dueFrom' : 'dueTo');
  if (dueDate !== undefined) givenFields.push('dueDate');

  if (givenFields.length > 1) {
    throw new ValidationFailedError(
      givenFields.map((field) => ({ field, message: ONE_DUE_FORM_MESSAGE })),
      ONE_DUE_FORM_MESSAGE,
    );
  }
  if (dueLabel !== undefined) return fromLabel(dueLabel);
  if (dueFrom !== undefined || dueTo !== undefined) return fromWindow(dueFrom ?? null, dueTo ?? null);
  if (dueDate !== undefined) return fromDay(dueDate);
  return undefined;
}

function fromLabel(label: string | null): DueWindow | null {
  if (label === null) return null;
  const window = parseDueLabel(label);
  if (!window) fail({ field: 'dueLabel', message: DUE_LABEL_MESSAGE });
  return window;
}

function fromWindow(dueFrom: string | null, dueTo: string | null): DueWindow | null {
  if (dueFrom === null && dueTo === null) return null;
  // A window open on one side would make overdue checks and reminders guess: both ends or none.
  if (dueFrom === null) fail({ field: 'dueFrom', message: 'dueFrom must be given together with dueTo' });
  if (dueTo === null) fail({ field: 'dueTo', message: 'dueTo must be given together with dueFrom' });
  assertDate('dueFrom', dueFrom);
  assertDate('dueTo', dueTo);
  if (dueTo < dueFrom) fail({ field: 'dueTo', message: 'dueTo must not be before dueFrom' });
  return { dueFrom, dueTo, duePrecision: 'range', dueLabel: null };
}

function fromDay(dueDate: string | null): DueWindow | null {
  if (dueDate === null) return null;
  assertDate('dueDate', dueDate);
  return { dueFrom: dueDate, dueTo: dueDate, duePrecision: 'day', dueLabel: null };
}

function assertDate(field: string, value: string): void {
  if (!isDateOnly(value)) fail({ field, message: `${field} must be a date written YYYY-MM-DD` });
}

function fail(detail: FieldError): never {
  throw new ValidationFailedError([detail], detail.message);
}
