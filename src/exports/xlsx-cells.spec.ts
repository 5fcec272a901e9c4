import { describe, expect, it } from '@jest/globals';
import type { ExportColumn } from './documented-fields.js';
import { XLSX_MAX_CELL_TEXT, xlsxCell } from './xlsx-cells.js';

const TEXT: ExportColumn = { name: 'title', kind: 'other' };
const DAY: ExportColumn = { name: 'dueTo', kind: 'date' };
const MOMENT: ExportColumn = { name: 'createdAt', kind: 'date-time' };

describe('xlsxCell', () => {
  it('keeps a text that a spreadsheet would read as a formula as the text it is: the cell is a text cell', () => {
    expect(['=1+1', '+32 2 504 87 11', '-x', '@SUM(A1)'].map((text) => xlsxCell(text, TEXT))).toEqual(['=1+1', '+32 2 504 87 11', '-x', '@SUM(A1)']);
  });

  it('writes numbers and booleans as values and null as an empty cell', () => {
    expect([xlsxCell(-3, TEXT), xlsxCell(true, TEXT), xlsxCell(null, TEXT), xlsxCell(undefined, TEXT)]).toEqual([-3, true, null, null]);
  });

  it('makes a day of a date field a date at midnight UTC, and keeps a moment as the moment', () => {
    expect(xlsxCell('2023-09-12', DAY)).toEqual(new Date('2023-09-12T00:00:00Z'));
    const moment = new Date('2023-09-12T03:00:00Z');
    expect(xlsxCell(moment, MOMENT)).toBe(moment);
    // A day-looking text of a field that is not a date stays text.
    expect(xlsxCell('2023-09-12', TEXT)).toBe('2023-09-12');
  });

  it('joins lists with "; ", writes objects as JSON, and cuts a text longer than a cell holds', () => {
    expect(xlsxCell(['logistics', 'port management'], TEXT)).toBe('logistics; port management');
    expect(xlsxCell({ dueSoonDays: 3 }, TEXT)).toBe('{"dueSoonDays":3}');
    const cut = xlsxCell('x'.repeat(XLSX_MAX_CELL_TEXT + 10), TEXT) as string;
    expect(cut).toHaveLength(XLSX_MAX_CELL_TEXT);
    expect(cut.endsWith('…')).toBe(true);
  });
});
