import { applyDecorators } from '@nestjs/common';
import { ApiExtension, type OpenAPIObject } from '@nestjs/swagger';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from '../common/media-types.js';
import { XLSX_MAX_CELL_TEXT } from './xlsx-cells.js';
import { XLSX_MAX_SHEET_ROWS } from './xlsx-workbook.js';

const LIST_EXPORT = 'x-list-export';

/** Marks a list operation that also answers `Accept: text/csv` and the .xlsx type (see documentListExports). */
export const ApiListExport = (): MethodDecorator & ClassDecorator => applyDecorators(ApiExtension(LIST_EXPORT, true));

const EXPORT_DESCRIPTION =
  `With \`Accept: ${CSV_MEDIA_TYPE}\` or \`Accept: ${XLSX_MEDIA_TYPE}\`: every item that matches the filters (limit and offset do not apply), sorted as asked, as a file to download. ` +
  'Its header row names the fields of the JSON items, in order; lists are joined by "; ", objects are JSON, null is an empty cell. ' +
  'CSV: UTF-8 with a byte order mark; a text beginning with =, +, -, @, tab or carriage return is written with a leading apostrophe so that no spreadsheet evaluates it. ' +
  `.xlsx: one sheet named after the list, its header row frozen; texts are text cells and never formulas, numbers and booleans are values, days (format date) are dates and moments (date-time) are dates with the time in UTC; ` +
  `a sheet holds ${XLSX_MAX_SHEET_ROWS - 1} items, a longer list goes on in a next sheet; a text longer than ${XLSX_MAX_CELL_TEXT} characters (a cell's limit) is cut, ending with "…".`;

/** The 200 answer of every marked list documents its CSV and .xlsx forms beside the JSON one. */
export function documentListExports(document: OpenAPIObject): void {
  for (const path of Object.values(document.paths)) {
    const operation = path.get as (typeof path.get & Record<string, unknown>) | undefined;
    if (!operation?.[LIST_EXPORT]) continue;
    delete operation[LIST_EXPORT];
    // The handler reads Accept to choose the form; a client that sends none gets JSON.
    for (const parameter of operation.parameters ?? []) {
      if ('in' in parameter && parameter.in === 'header' && parameter.name.toLowerCase() === 'accept') {
        parameter.required = false;
        parameter.description = `application/json (the default), ${CSV_MEDIA_TYPE} or ${XLSX_MEDIA_TYPE} for every matching row`;
      }
    }
    const ok = operation.responses['200'] as { description?: string; content?: Record<string, unknown> } | undefined;
    if (!ok) continue;
    ok.content = {
      ...ok.content,
      [CSV_MEDIA_TYPE]: { schema: { type: 'string' } },
      [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } },
    };
    ok.description = ok.description ? `${ok.description}. ${EXPORT_DESCRIPTION}` : EXPORT_DESCRIPTION;
  }
}
