import { describe, expect, it } from '@jest/globals';
import { csvCell } from './csv-cells.js';

describe('csvCell', () => {
  it('writes a text that a spreadsheet would read as a formula with a leading apostrophe', () => {
    expect(['=1+1', '+32 2 504 87 11', '-x', '@SUM(A1)', '\t=1', '\r=1'].map(csvCell)).toEqual([
      "'=1+1",
      "'+32 2 504 87 11",
      "'-x",
      "'@SUM(A1)",
      "'\t=1",
      "'\r=1",
    ]);
  });

  it('leaves other text, numbers (negative ones too) and booleans as they are', () => {
    expect([csvCell('Hải Phòng'), csvCell(-3), csvCell(4), csvCell(true), csvCell(null), csvCell(undefined)]).toEqual(['Hải Phòng', '-3', '4', 'true', '', '']);
  });

  it('joins lists with "; ", writes dates in ISO 8601 and objects as JSON', () => {
    expect(csvCell(['logistics', 'port management'])).toBe('logistics; port management');
    expect(csvCell(['=cmd'])).toBe("'=cmd");
    expect(csvCell(new Date('2023-09-12T03:00:00Z'))).toBe('2023-09-12T03:00:00.000Z');
    expect(csvCell({ dueSoonDays: 3 })).toBe('{"dueSoonDays":3}');
  });
});
