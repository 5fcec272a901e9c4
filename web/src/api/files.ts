import { authenticatedFetch } from '../auth/session';
import { ApiError, type ErrorBody } from './client';

/** Query values as the API reads them; empty ones are left out. */
export function queryString(query: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function failure(response: Response): Promise<ApiError> {
  const body = (response.headers.get('content-type') ?? '').includes('json') ? ((await response.json()) as ErrorBody) : undefined;
  return new ApiError(response.status, body);
}

/** The files a list downloads as, by the media type the API answers them in. */
export const EXPORT_TYPES = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;
export type ExportFormat = keyof typeof EXPORT_TYPES;

/**
 * Downloads what a list answers to `Accept: text/csv` or the .xlsx type (every row matching its
 * filters) as a file named `name.csv` or `name.xlsx`. The request carries the session's token, so
 * it goes through fetch, not a plain link.
 */
export async function downloadExport(
  path: string,
  query: Record<string, string | number | boolean | undefined>,
  name: string,
  format: ExportFormat,
): Promise<void> {
  const response = await authenticatedFetch(new Request(`/api/v1/${path}${queryString(query)}`, { headers: { accept: EXPORT_TYPES[format] } }));
  if (!response.ok) throw await failure(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `${name}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A text rendering of a resource (the report as HTML or Markdown). */
export async function fetchText(path: string, accept: string): Promise<string> {
  const response = await authenticatedFetch(new Request(`/api/v1/${path}`, { headers: { accept } }));
  if (!response.ok) throw await failure(response);
  return response.text();
}

/** Sends a file as the request body, as the import endpoints take it; a 400 with a row report comes back as data. */
export async function postFile<T>(path: string, file: File): Promise<{ status: number; body: T | ErrorBody }> {
  const type = file.name.toLowerCase().endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
  const response = await authenticatedFetch(new Request(`/api/v1/${path}`, { method: 'POST', headers: { 'content-type': type }, body: file }));
  const body = (response.headers.get('content-type') ?? '').includes('json')
    ? ((await response.json()) as T | ErrorBody)
    : ({ statusCode: response.status, code: 'internal', message: response.statusText, details: [] } as unknown as ErrorBody);
  return { status: response.status, body };
}
