import { toHtml, toMarkdown } from './report-document.js';
import type { MissionReportDto } from './report.dto.js';
import { writeReport } from './report-text.js';

export type ReportFormat = 'json' | 'text/markdown' | 'text/html';

/** The first of the types the client accepts, in its order of preference, that a report comes in; JSON otherwise. */
export function reportFormat(accept: string | undefined): ReportFormat {
  const wanted = (accept ?? '')
    .split(',')
    .map((part, index) => {
      const [type, ...parameters] = part.trim().toLowerCase().split(';');
      const q = Number(
        parameters
          .map((p) => p.trim())
          .find((p) => p.startsWith('q='))
          ?.slice(2) ?? 1,
      );
      return { type: type.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { type } of wanted) {
    if (type === 'application/json' || type === '*/*' || type === 'application/*') return 'json';
    if (type === 'text/markdown' || type === 'text/html') return type;
  }
  return 'json';
}

export function renderReport(report: MissionReportDto, format: Exclude<ReportFormat, 'json'>): string {
  const document = writeReport(report, report.language);
  return format === 'text/html' ? toHtml(document) : toMarkdown(document);
}
