import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from '../common/media-types.js';

/** The largest import body: a delegation or a B2B plan is far smaller. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** The most data rows (below the header) one import takes. */
export const IMPORT_MAX_ROWS = 20_000;

/**
 * Browsers label uploaded files as they please (a .csv is often application/vnd.ms-excel on
 * Windows): these types are read by what the body holds, a workbook or CSV text.
 */
export const IMPORT_MEDIA_TYPES = [CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE, 'text/plain', 'application/octet-stream', 'application/vnd.ms-excel'] as const;
