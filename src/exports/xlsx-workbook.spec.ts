import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { setImmediate as turn, setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { ExportColumn } from './documented-fields.js';
import { writeWorkbook } from './xlsx-workbook.js';

const COLUMNS: ExportColumn[] = [
  { name: 'title', kind: 'other' },
  { name: 'dueTo', kind: 'date' },
  { name: 'version', kind: 'other' },
];

/** Batches of `size` rows, counting how many the writer has asked for. */
function batches(count: number, size: number, asked: { batches: number }): AsyncGenerator<Record<string, unknown>[]> {
  return (async function* () {
    for (let batch = 0; batch < count; batch += 1) {
      asked.batches += 1;
      // A round trip to the database, as a batch of an export takes one.
      await turn();
      yield Array.from({ length: size }, (_, index) => ({
        title: `Follow-up ${batch}-${index} ${randomBytes(100).toString('hex')}`,
        dueTo: '2023-11-30',
        version: index,
      }));
    }
  })();
}

describe('writeWorkbook', () => {
  it('goes on in a next sheet, with the header again, when a sheet is full', async () => {
    const output = new PassThrough();
    const file = buffer(output);
    await writeWorkbook(output, 'actions', COLUMNS, batches(5, 2, { batches: 0 }), new AbortController().signal, 4);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await file) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheet.rowCount])).toEqual([
      ['actions', 4],
      ['actions (2)', 4],
      ['actions (3)', 4],
      ['actions (4)', 2],
    ]);
    expect(workbook.worksheets.map((sheet) => sheet.getRow(1).values)).toEqual(Array(4).fill([undefined, 'title', 'dueTo', 'version']));
    expect(workbook.worksheets[3].getRow(2).values).toEqual([undefined, expect.stringMatching(/^Follow-up 4-1 /), new Date('2023-11-30T00:00:00Z'), 1]);
  });

  it('stops asking for rows while nobody reads the file, and goes on when it is read', async () => {
    const output = new PassThrough();
    const asked = { batches: 0 };
    const written = writeWorkbook(output, 'actions', COLUMNS, batches(60, 1000, asked), new AbortController().signal);
    await sleep(1000);
    // 60 batches are some 15 MB of XML: without backpressure all of them would be taken by now.
    expect(asked.batches).toBeLessThan(20);
    const file = buffer(output);
    await written;
    expect(asked.batches).toBe(60);
    expect((await file).length).toBeGreaterThan(0);
  });

  it('stops, and lets go of its rows, when the download is abandoned', async () => {
    const output = new PassThrough();
    const gone = new AbortController();
    const asked = { batches: 0 };
    const written = writeWorkbook(output, 'actions', COLUMNS, batches(60, 1000, asked), gone.signal);
    await sleep(200);
    gone.abort();
    await expect(written).rejects.toMatchObject({ name: 'AbortError' });
    expect(asked.batches).toBeLessThan(20);
  });
});
