import { ValidationFailedError } from '../common/errors.js';

export const IMPORT_KINDS = ['organisations', 'participants', 'meetings'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ColumnSpec<K extends string> {
  key: K;
  /** What the header may say, in English and in Dutch; compared without case, accents or spaces around. */
  names: string[];
  required?: boolean;
}

const ORGANISATION_COLUMNS = [
  { key: 'company', names: ['company', 'bedrijf', 'name', 'naam', 'organisation', 'organisatie'], required: true },
  { key: 'enterpriseNumber', names: ['enterprise number', 'ondernemingsnummer', 'kbo', 'bce'] },
  { key: 'kind', names: ['kind', 'soort', 'type'] },
  { key: 'country', names: ['country', 'land'] },
  { key: 'city', names: ['city', 'stad', 'gemeente'] },
  { key: 'website', names: ['website'] },
  { key: 'sectors', names: ['sectors', 'sectoren', 'sector'] },
] as const satisfies readonly ColumnSpec<string>[];

const PARTICIPANT_COLUMNS = [
  ...ORGANISATION_COLUMNS.filter((column) => column.key !== 'kind'),
  { key: 'contactName', names: ['contact name', 'contactpersoon', 'contact', 'delegate', 'afgevaardigde'] },
  { key: 'email', names: ['email', 'e-mail', 'e-mailadres', 'email address'] },
  { key: 'phone', names: ['phone', 'telefoon', 'telephone', 'gsm'] },
  { key: 'role', names: ['role', 'functie', 'job title'] },
  { key: 'objectives', names: ['objectives', 'doelstellingen', 'doelen'] },
] as const satisfies readonly ColumnSpec<string>[];

const MEETING_COLUMNS = [
  { key: 'date', names: ['date', 'datum'], required: true },
  { key: 'start', names: ['start', 'begin', 'start time', 'beginuur'], required: true },
  { key: 'end', names: ['end', 'einde', 'end time', 'einduur'] },
  { key: 'company', names: ['company', 'bedrijf'], required: true },
  { key: 'counterpart', names: ['counterpart', 'gesprekspartner'], required: true },
  { key: 'counterpartCountry', names: ['counterpart country', 'land gesprekspartner'] },
  { key: 'location', names: ['location', 'locatie', 'plaats'] },
  { key: 'topics', names: ['topics', 'onderwerpen'] },
  { key: 'kind', names: ['kind', 'soort'] },
] as const satisfies readonly ColumnSpec<string>[];

export const IMPORT_COLUMNS = { organisations: ORGANISATION_COLUMNS, participants: PARTICIPANT_COLUMNS, meetings: MEETING_COLUMNS } as const;
export type ColumnKey<K extends ImportKind> = (typeof IMPORT_COLUMNS)[K][number]['key'];

/** Lower case, no accents, single spaces: how names and headers are compared. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .trim();
}

/** One data row by column key, with the header text of each key for messages. */
export interface MappedRow<K extends string> {
  row: number;
  values: Partial<Record<K, string>>;
}

export interface ColumnMap<K extends string> {
  /** The header as the file wrote it, by key: what error messages name. */
  headers: Partial<Record<K, string>>;
  map(row: number, cells: string[]): MappedRow<K>;
}

/**
 * Matches a file's header to the columns of a kind: every header must name a known column
 * (once), and every required column must be there; otherwise a 400 that names them.
 */
export function mapColumns<K extends ImportKind>(kind: K, header: string[]): ColumnMap<ColumnKey<K>> {
  const specs: readonly ColumnSpec<ColumnKey<K>>[] = IMPORT_COLUMNS[kind];
  const positions = new Map<ColumnKey<K>, number>();
  const headers: Partial<Record<ColumnKey<K>, string>> = {};
  const unknown: string[] = [];
  const repeated: string[] = [];
  header.forEach((name, index) => {
    if (name.trim() === '') return;
    const folded = foldText(name);
    const spec = specs.find((candidate) => candidate.names.includes(folded));
    if (!spec) unknown.push(name);
    else if (positions.has(spec.key)) repeated.push(name);
    else {
      positions.set(spec.key, index);
      headers[spec.key] = name;
    }
  });
  const missing = specs.filter((spec) => spec.required && !positions.has(spec.key)).map((spec) => spec.names.slice(0, 2).join(' | '));
  const details = [
    ...unknown.map((name) => ({
      field: name,
      message: `unknown column "${name}"; the columns of ${kind} are: ${specs.map((spec) => spec.names.slice(0, 2).join(' | ')).join(', ')}`,
    })),
    ...repeated.map((name) => ({ field: name, message: `column "${name}" appears more than once` })),
    ...missing.map((names) => ({ field: names, message: `required column missing: ${names}` })),
  ];
  if (details.length > 0) {
    const parts = [
      unknown.length ? `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `"${name}"`).join(', ')}` : '',
      repeated.length ? `repeated column${repeated.length > 1 ? 's' : ''} ${repeated.map((name) => `"${name}"`).join(', ')}` : '',
      missing.length ? `missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` : '',
    ].filter(Boolean);
    throw new ValidationFailedError(details, `The header does not fit an import of ${kind}: ${parts.join('; ')}`);
  }
  return {
    headers,
    map: (row, cells) => {
      const values: Partial<Record<ColumnKey<K>, string>> = {};
      for (const [key, index] of positions) {
        const cell = cells[index]?.trim() ?? '';
        if (cell !== '') values[key] = unquoteFormula(cell);
      }
      return { row, values };
    },
  };
}

/** A cell exported as `'=…` (made safe for spreadsheets) reads back as the text it was. */
const unquoteFormula = (cell: string): string => (/^'[=+\-@]/.test(cell) ? cell.slice(1) : cell);
