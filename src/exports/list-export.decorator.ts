import { applyDecorators } from '@nestjs/common';
import { ApiExtension, type OpenAPIObject } from '@nestjs/swagger';

const CSV_EXPORT = 'x-csv-export';

/** Marks a list operation that also answers `Accept: text/csv` (see documentCsvExports). */
export const ApiCsvExport = (): MethodDecorator & ClassDecorator => applyDecorators(ApiExtension(CSV_EXPORT, true));

const CSV_DESCRIPTION =
  'With `Accept: text/csv`: every item that matches the filters (limit and offset do not apply), sorted as asked, as UTF-8 CSV with a byte order mark. ' +
  'The header row names the fields of the JSON items; lists are joined by "; ", objects are JSON, null is an empty cell; ' +
  'a text beginning with =, +, -, @, tab or carriage return is written with a leading apostrophe so that no spreadsheet evaluates it.';

/** The 200 answer of every marked list documents its CSV form beside the JSON one. */
export function documentCsvExports(document: OpenAPIObject): void {
  for (const path of Object.values(document.paths)) {
    const operation = path.get as (typeof path.get & Record<string, unknown>) | undefined;
    if (!operation?.[CSV_EXPORT]) continue;
    delete operation[CSV_EXPORT];
    // The handler reads Accept to choose the form; a client that sends none gets JSON.
    for (const parameter of operation.parameters ?? []) {
      if ('in' in parameter && parameter.in === 'header' && parameter.name.toLowerCase() === 'accept') {
        parameter.required = false;
        parameter.description = 'application/json (the default) or text/csv for every matching row';
      }
    }
    const ok = operation.responses['200'] as { description?: string; content?: Record<string, unknown> } | undefined;
    if (!ok) continue;
    ok.content = { ...ok.content, 'text/csv': { schema: { type: 'string' } } };
    ok.description = ok.description ? `${ok.description}. ${CSV_DESCRIPTION}` : CSV_DESCRIPTION;
  }
}
