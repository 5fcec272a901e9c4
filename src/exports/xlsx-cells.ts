import { LIST_SEPARATOR, plainText } from './csv-cells.js';
import type { ExportColumn } from './documented-fields.js';

/** The most characters a spreadsheet cell holds (Excel refuses a file with more in one cell). */
export const XLSX_MAX_CELL_TEXT = 32_767;

/** What a workbook cell holds: text stays text, numbers and booleans are values, days and moments are dates. */
export type XlsxCell = string | number | boolean | Date | null;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One value of a response as a workbook cell. A text is written as a text cell, never as a
 * formula, whatever it begins with, so it needs no apostrophe; lists are joined by "; " and
 * objects are JSON, as in the CSV. A day (YYYY-MM-DD) becomes that date, a moment the date and
 * time in UTC. A text longer than a cell holds is cut, ending with "…".
 */
export function xlsxCell(value: unknown, column: ExportColumn): XlsxCell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    if (column.kind === 'date' && DAY.test(value)) return new Date(`${value}T00:00:00Z`);
    return fitted(value);
  }
  if (Array.isArray(value)) return fitted(value.map(plainText).join(LIST_SEPARATOR));
  return fitted(plainText(value));
}

function fitted(text: string): string {
  return text.length > XLSX_MAX_CELL_TEXT ? `${text.slice(0, XLSX_MAX_CELL_TEXT - 1)}…` : text;
}
