import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from '../common/media-types.js';

/** The files a list can be downloaded as instead of its JSON page. */
export type ExportFormat = 'csv' | 'xlsx';

const FORMATS: Record<string, ExportFormat> = { [CSV_MEDIA_TYPE]: 'csv', [XLSX_MEDIA_TYPE]: 'xlsx' };

/**
 * The file a request's Accept header asks for instead of JSON: text/csv or the .xlsx type,
 * named with a quality above zero and at least that of application/json (or a wildcard); the
 * higher of the two when both are named, CSV on a tie. Undefined means the JSON page.
 */
export function exportFormat(accept: string | undefined): ExportFormat | undefined {
  if (!accept) return undefined;
  const quality: Record<ExportFormat | 'json', number> = { csv: 0, xlsx: 0, json: 0 };
  for (const range of accept.split(',')) {
    const [type = '', ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    const qualityParameter = parameters.find((parameter) => parameter.startsWith('q='));
    const q = qualityParameter ? Number(qualityParameter.slice(2)) : 1;
    if (!Number.isFinite(q)) continue;
    const format = FORMATS[type] ?? (type === 'application/json' || type === '*/*' || type === 'application/*' ? 'json' : undefined);
    if (format) quality[format] = Math.max(quality[format], q);
  }
  const best: ExportFormat = quality.xlsx > quality.csv ? 'xlsx' : 'csv';
  return quality[best] > 0 && quality[best] >= quality.json ? best : undefined;
}
