/**
 * Characters a spreadsheet reads as the start of a formula (or that it strips before
 * one): a cell beginning with them is written with a leading apostrophe, which
 * spreadsheets show as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text that a spreadsheet shows as the text it is, never evaluates. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Lists are written with this between their items; the importer splits on it. */
export const LIST_SEPARATOR = '; ';

/**
 * One value of a response as a CSV cell: lists joined by "; ", dates in ISO 8601,
 * objects as JSON, null as an empty cell, and text that could start a formula made safe.
 */
export function csvCell(value: unknown): string {
  if (Array.isArray(value)) return neutraliseFormula(value.map(plainText).join(LIST_SEPARATOR));
  // A number is a number to a spreadsheet too, a negative one included.
  if (typeof value === 'number') return String(value);
  return neutraliseFormula(plainText(value));
}

/** A value as text: null as nothing, a date in ISO 8601, an object as JSON. */
export function plainText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}
