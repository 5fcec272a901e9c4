import type { TFunction } from 'i18next';

/**
 * The API words its messages in English, for developers. The dashboard shows them as they are
 * in English, and in Dutch says the same thing in its own words, by the kind of rule the
 * message names; a rule it does not know gets a plain "not accepted".
 */
const RULES: [RegExp, string][] = [
  [/must be a due date/i, 'due.notUnderstood'],
  [/given together with/i, 'fieldError.bothDates'],
  [/already/i, 'fieldError.taken'],
  [/should not be empty|is required|must name at least one/i, 'form.required'],
  [/e-?mail/i, 'fieldError.email'],
  [/not a calendar date|YYYY-MM-DD|ISO 8601|date string/i, 'fieldError.date'],
  [/not be before|must be after|must not be earlier/i, 'fieldError.order'],
  [/ISO 3166-1/i, 'fieldError.country'],
  [/URL/, 'fieldError.url'],
  [/phone/i, 'fieldError.phone'],
  [/at least two different/i, 'fieldError.twoParties'],
  [/twice/i, 'fieldError.twice'],
  [/enterprise number/i, 'fieldError.enterpriseNumber'],
  [/password/i, 'fieldError.password'],
  [/longer than|shorter than|characters/i, 'fieldError.length'],
  [/less than|greater than|integer|whole number|must be a number/i, 'fieldError.number'],
  [/does not exist|no such|unknown|not found/i, 'fieldError.unknownReference'],
  [/one of|valid enum/i, 'fieldError.choice'],
  [/time zone/i, 'fieldError.timeZone'],
  [/letters, digits/i, 'fieldError.code'],
];

/** The catalogue key for an API message in a language other than English, or null to show it as it is. */
export function fieldErrorKey(message: string, language: string): string | null {
  if (language === 'en') return null;
  return RULES.find(([rule]) => rule.test(message))?.[1] ?? 'fieldError.rejected';
}

/** An API message in the reader's language. */
export function readMessage(message: string, t: TFunction, language: string): string {
  const key = fieldErrorKey(message, language);
  return key ? t(key) : message;
}
