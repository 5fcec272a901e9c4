export const CSV_TYPE = 'text/csv';

/**
 * Whether a request's Accept header prefers CSV to JSON: text/csv named with a
 * quality above zero and at least that of application/json (or a wildcard).
 */
export function acceptsCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  let csv = 0;
  let json = 0;
  for (const range of accept.split(',')) {
    const [type = '', ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    const qualityParameter = parameters.find((parameter) => parameter.startsWith('q='));
    const quality = qualityParameter ? Number(qualityParameter.slice(2)) : 1;
    if (!Number.isFinite(quality)) continue;
    if (type === CSV_TYPE) csv = Math.max(csv, quality);
    else if (type === 'application/json' || type === '*/*' || type === 'application/*') json = Math.max(json, quality);
  }
  return csv > 0 && csv >= json;
}
