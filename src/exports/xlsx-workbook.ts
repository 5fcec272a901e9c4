import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportColumn } from './documented-fields.js';
import { xlsxCell } from './xlsx-cells.js';

/** The most rows a sheet holds, its header row included (Excel's limit): a longer list goes on in a next sheet. */
export const XLSX_MAX_SHEET_ROWS = 1_048_576;

/** The most characters of a sheet's name (Excel's limit). */
const MAX_SHEET_NAME = 31;

const NUMBER_FORMATS: Record<ExportColumn['kind'], string | undefined> = {
  date: 'yyyy-mm-dd',
  'date-time': 'yyyy-mm-dd hh:mm:ss',
  other: undefined,
};

/**
 * Writes batches of rows to `output` as one .xlsx workbook, streamed: a sheet named `title`
 * with a frozen header row of the columns' names, then one row per item; days and moments are
 * date cells, everything else values or text (never formulas). A list longer than a sheet holds
 * goes on in "title (2)", "title (3)", … with the header again.
 *
 * exceljs hands each sheet's XML to its zip writer without waiting for it, so a client slower
 * than the database would make it buffer the file: after each batch this waits until the zip
 * writer has taken what it was given. `signal` (aborted when the client goes away) ends the
 * wait and the writing.
 */
export async function writeWorkbook(
  output: Writable,
  title: string,
  columns: ExportColumn[],
  batches: AsyncIterable<Record<string, unknown>[]>,
  signal: AbortSignal,
  maxSheetRows = XLSX_MAX_SHEET_ROWS,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  let part = 1;
  let sheet = addSheet(workbook, title, part, columns);
  let rows = 1;
  const iterator = batches[Symbol.asyncIterator]();
  // One batch at a time, let go of before waiting for the zip writer.
  const addNextBatch = async (): Promise<boolean> => {
    const next = await iterator.next();
    signal.throwIfAborted();
    if (next.done) return false;
    for (const item of next.value) {
      if (rows === maxSheetRows) {
        sheet.commit();
        part += 1;
        sheet = addSheet(workbook, title, part, columns);
        rows = 1;
      }
      sheet.addRow(columns.map((column) => xlsxCell(item[column.name], column))).commit();
      rows += 1;
    }
    return true;
  };
  try {
    while (await addNextBatch()) await taken(sheet, signal);
  } finally {
    // Stopped early: the rows' source (a database cursor) is closed.
    await iterator.return?.();
  }
  sheet.commit();
  await workbook.commit();
}

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, title: string, part: number, columns: ExportColumn[]): ExcelJS.Worksheet {
  const suffix = part === 1 ? '' : ` (${part})`;
  // Excel refuses these characters in a sheet's name.
  const name = `${title.replace(/[[\]:*?/\\]/g, '-').slice(0, MAX_SHEET_NAME - suffix.length)}${suffix}`;
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => {
    const numFmt = NUMBER_FORMATS[column.kind];
    return {
      header: column.name,
      key: column.name,
      width: column.kind === 'other' ? Math.max(12, column.name.length + 2) : 20,
      style: numFmt ? { numFmt } : {},
    };
  });
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

/** The stream exceljs writes a sheet into and its zip writer reads from (archiver wraps it in a PassThrough). */
interface SheetStream {
  stream?: { pipes?: (Writable & { _writableState?: { needDrain?: boolean } })[] };
}

/** Resolves once the zip writer has read what the sheet has written so far, or at once if it is not behind. */
async function taken(sheet: ExcelJS.Worksheet, signal: AbortSignal): Promise<void> {
  const sink = (sheet as unknown as SheetStream).stream?.pipes?.[0];
  if (sink?._writableState?.needDrain) await once(sink, 'drain', { signal });
}
