import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

import { DUE_LABEL_FORMS, parseDueLabel } from './due-window.js';

export const IS_DUE_LABEL = 'isDueLabel';

/** True when the value is a string that parseDueLabel understands. */
export function isDueLabel(value: unknown): value is string {
  return typeof value === 'string' && parseDueLabel(value) !== null;
}

/**
 * Checks that a property holds a fuzzy due date such as "2024-03-15", "Q3 2024" or "najaar 2024".
 * Default message: "<property> must be a due date such as 2024-03-15, 15 March 2024, ...".
 */
export function IsDueLabel(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_DUE_LABEL,
      validator: {
        validate: (value): boolean => isDueLabel(value),
        defaultMessage: buildMessage((eachPrefix) => `${eachPrefix}$property must be a due date such as ${DUE_LABEL_FORMS.join(', ')}`, options),
      },
    },
    options,
  );
}
