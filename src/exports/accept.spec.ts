import { describe, expect, it } from '@jest/globals';
import { XLSX_MEDIA_TYPE } from '../common/media-types.js';
import { exportFormat } from './accept.js';

describe('exportFormat', () => {
  it('is csv when text/csv is asked for at least as much as JSON', () => {
    expect(['text/csv', 'text/csv, application/json;q=0.9', 'text/csv;q=0.5, */*;q=0.1', 'TEXT/CSV'].map(exportFormat)).toEqual(['csv', 'csv', 'csv', 'csv']);
  });

  it('is xlsx when the workbook type is asked for at least as much as JSON and more than CSV', () => {
    expect(
      [XLSX_MEDIA_TYPE, `${XLSX_MEDIA_TYPE}, application/json;q=0.9`, `text/csv;q=0.5, ${XLSX_MEDIA_TYPE}`, `${XLSX_MEDIA_TYPE};q=0.8, */*;q=0.1`].map(
        exportFormat,
      ),
    ).toEqual(['xlsx', 'xlsx', 'xlsx', 'xlsx']);
  });

  it('takes CSV when both are asked for alike', () => {
    expect(exportFormat(`${XLSX_MEDIA_TYPE}, text/csv`)).toBe('csv');
  });

  it('is undefined (the JSON page) without an Accept header, for JSON, for wildcards and for files of quality zero', () => {
    expect(
      [
        undefined,
        '',
        'application/json',
        '*/*',
        'application/*',
        'application/json, text/csv;q=0.5',
        'text/csv;q=0',
        `${XLSX_MEDIA_TYPE};q=0`,
        `${XLSX_MEDIA_TYPE};q=x`,
      ].map(exportFormat),
    ).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});
