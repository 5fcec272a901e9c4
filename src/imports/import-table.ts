import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DomainError, ValidationFailedError } from '../common/errors.js';
import { IMPORT_MAX_ROWS } from './import-limits.js';

/** A file's cells as text: the header and the data rows, each with its row number in the file. */
export interface ImportTable {
  format: 'csv' | 'xlsx';
  header: string[];
  rows: { row: number; cells: string[] }[];
}

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE2_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

const badFile = (message: string): ValidationFailedError => new ValidationFailedError([{ field: 'body', message }], message);

/** Reads an import body as CSV or as an .xlsx workbook, by what it holds. */
export async function readImportTable(body: Buffer): Promise<ImportTable> {
  if (body.length === 0) throw badFile('the file is empty; send a CSV file or an .xlsx workbook with a header row');
  if (body.subarray(0, 4).equals(ZIP_SIGNATURE)) return readWorkbook(body);
  if (body.subarray(0, 4).equals(OLE2_SIGNATURE)) {
    throw new DomainError('unsupported_media_type', 'this is an old Excel (.xls) workbook; save it as .xlsx or CSV and send that');
  }
  return readCsv(body);
}

function readCsv(body: Buffer): ImportTable {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw badFile('the file is neither UTF-8 text (CSV) nor an .xlsx workbook; save it as "CSV UTF-8" or .xlsx');
  }
  if (text.includes('\u0000')) throw badFile('the file holds binary data; send a CSV file or an .xlsx workbook');
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // The header decides: a Dutch or Belgian spreadsheet writes CSV with semicolons.
  const delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, to_line: IMPORT_MAX_ROWS + 2 });
  } catch (error) {
    throw badFile(`the CSV cannot be read: ${(error as Error).message}`);
  }
  const [header, ...data] = records.map((record, index) => ({ row: index + 1, cells: record.map((cell) => cell.trim()) }));
  // Rows are counted by record (a quoted field may span lines), as a spreadsheet numbers them.
  return checked({ format: 'csv', header: header?.cells ?? [], rows: data });
}

async function readWorkbook(body: Buffer): Promise<ImportTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    throw badFile('the workbook cannot be read: it is damaged or not an .xlsx file');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badFile('the workbook has no sheet');
  const rows: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rows.length > IMPORT_MAX_ROWS + 1) return;
    const values = row.values as ExcelJS.CellValue[];
    const cells = values.slice(1).map(cellText);
    if (cells.some((cell) => cell !== '')) rows.push({ row: rowNumber, cells });
  });
  const [header, ...data] = rows;
  return checked({ format: 'xlsx', header: header?.cells ?? [], rows: data });
}

function checked(table: ImportTable): ImportTable {
  if (table.header.every((cell) => cell === '')) throw badFile('the file has no header row: its first row must name the columns');
  if (table.rows.length > IMPORT_MAX_ROWS) {
    throw new DomainError('payload_too_large', `the file has more than ${IMPORT_MAX_ROWS} data rows; split it into several imports`);
  }
  return table;
}

/**
 * A cell as text. A formula gives the value the spreadsheet last computed (never evaluated
 * here); dates and times are written as ISO 8601, as the importers read them.
 */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result);
  if ('richText' in value)
    return value.richText
      .map((part) => part.text)
      .join('')
      .trim();
  if ('hyperlink' in value) return cellText(value.text);
  if ('error' in value) return '';
  return '';
}

const count = (text: string, char: string): number => text.split(char).length - 1;
