/**
 * Fuzzy due dates for follow-up actions.
 *
 * Trade-mission follow-ups are rarely planned to the day: "early November 2023", "Q3 2024",
 * "najaar 2024". A label is turned into an inclusive window of calendar dates (dueFrom..dueTo)
 * plus the precision it was given in, so actions can be sorted and filtered by date while the
 * original words are kept for display.
 *
 * Everything works on plain year/month/day numbers; `Date` is only used (in UTC) to find the
 * last day of a month, so no timezone can shift a date.
 */

import type { Language } from '../../users/user.entity.js';

export const DUE_PRECISIONS = ['day', 'range', 'part_of_month', 'month', 'quarter', 'half', 'season', 'year'] as const;
export type DuePrecision = (typeof DUE_PRECISIONS)[number];

/** An inclusive window of dates ('YYYY-MM-DD'). */
export interface DueWindow {
  dueFrom: string;
  dueTo: string;
  duePrecision: DuePrecision;
  dueLabel: string | null;
}

/** Short examples of accepted labels, for validation messages. Every entry is accepted by parseDueLabel. */
export const DUE_LABEL_FORMS: readonly string[] = Object.freeze([
  '2024-03-15',
  '15 March 2024',
  '2024',
  '2024-03',
  'March 2024',
  'maart 2024',
  '2024-Q3',
  '2024-H2',
  'early November 2023',
  'begin november 2023',
  'autumn 2024',
  'najaar 2024',
]);

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;
/** No accepted label comes near this; longer input is rejected before any pattern runs. */
const MAX_LABEL_LENGTH = 64;

// ---------------------------------------------------------------------------------------------
// Vocabulary (lower case). English and Dutch side by side.
// ---------------------------------------------------------------------------------------------

// prettier-ignore
const MONTHS: Readonly<Record<string, number>> = {
  january: 1, januari: 1, jan: 1,
  february: 2, februari: 2, feb: 2,
  march: 3, maart: 3, mar: 3, mrt: 3,
  april: 4, apr: 4,
  may: 5, mei: 5,
  june: 6, juni: 6, jun: 6,
  july: 7, juli: 7, jul: 7,
  august: 8, augustus: 8, aug: 8,
  september: 9, sep: 9, sept: 9,
  october: 10, oktober: 10, oct: 10, okt: 10,
  november: 11, nov: 11,
  december: 12, dec: 12,
};

type MonthPart = 'early' | 'mid' | 'late';

/** Which days of the month each part covers; `late` runs to the last day of the month. */
const MONTH_PART_DAYS: Readonly<Record<MonthPart, { firstDay: number; lastDay: number | 'end' }>> = {
  early: { firstDay: 1, lastDay: 10 },
  mid: { firstDay: 11, lastDay: 20 },
  late: { firstDay: 21, lastDay: 'end' },
};

const MONTH_PART_WORDS: Readonly<Record<string, MonthPart>> = {
  early: 'early',
  begin: 'early',
  'begin van': 'early',
  mid: 'mid',
  midden: 'mid',
  'midden van': 'mid',
  half: 'mid',
  late: 'late',
  eind: 'late',
  'eind van': 'late',
  einde: 'late',
  'einde van': 'late',
};

type Season = 'spring' | 'summer' | 'autumn' | 'winter';

/** Meteorological seasons of three months each, by first month. Winter runs into the next year. */
const SEASON_MONTHS: Readonly<Record<Season, { firstMonth: number }>> = {
  spring: { firstMonth: 3 },
  summer: { firstMonth: 6 },
  autumn: { firstMonth: 9 },
  winter: { firstMonth: 12 },
};

const SEASON_WORDS: Readonly<Record<string, Season>> = {
  spring: 'spring',
  lente: 'spring',
  voorjaar: 'spring',
  summer: 'summer',
  zomer: 'summer',
  autumn: 'autumn',
  fall: 'autumn',
  herfst: 'autumn',
  najaar: 'autumn',
  winter: 'winter',
};

/**
 * "begin 2028", "eind 2027", "early 2028", "late 2027": the first or last quarter of the year, as
 * "begin november" is the first part of the month. A quarter and not a third of the year, so the
 * window is one the other forms name too ("Q4 2027") and is described so to a reader of the other
 * language. No middle: "midden 2028" and "half 2028" read as either half.
 */
const YEAR_PART_WORDS: Readonly<Record<string, 1 | 4>> = Object.fromEntries(
  Object.entries(MONTH_PART_WORDS)
    .filter(([, part]) => part !== 'mid')
    .map(([word, part]): [string, 1 | 4] => [word, part === 'early' ? 1 : 4]),
);

const HALF_WORDS: Readonly<Record<string, 1 | 2>> = {
  'first half': 1,
  'second half': 2,
  'eerste helft': 1,
  'tweede helft': 2,
};

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on plain numbers.
// ---------------------------------------------------------------------------------------------

function lastDayOfMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC so the local timezone cannot interfere.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isSupportedYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/** Adds `offset` months to (year, month); month is 1-based. */
function shiftMonth(year: number, month: number, offset: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + offset;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The window from the first day of (year, month) to the last day `months` months later. */
function monthSpan(year: number, month: number, months: number): { dueFrom: string; dueTo: string } {
  const last = shiftMonth(year, month, months - 1);
  return {
    dueFrom: isoDate(year, month, 1),
    dueTo: isoDate(last.year, last.month, lastDayOfMonth(last.year, last.month)),
  };
}

function dayWindow(year: number, month: number, day: number): { dueFrom: string; dueTo: string } | null {
  if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(year, month)) return null;
  const date = isoDate(year, month, day);
  return { dueFrom: date, dueTo: date };
}

function monthPartWindow(year: number, month: number, part: MonthPart): { dueFrom: string; dueTo: string } {
  const { firstDay, lastDay } = MONTH_PART_DAYS[part];
  return {
    dueFrom: isoDate(year, month, firstDay),
    dueTo: isoDate(year, month, lastDay === 'end' ? lastDayOfMonth(year, month) : lastDay),
  };
}

// ---------------------------------------------------------------------------------------------
// Parsing: a table of patterns over the normalised label (lower case, single spaces).
// ---------------------------------------------------------------------------------------------

type Dates = { dueFrom: string; dueTo: string };

interface LabelRule {
  precision: Exclude<DuePrecision, 'range'>;
  pattern: RegExp;
  /** Turns the match into dates, or null when the words or numbers are not valid after all. */
  toDates: (groups: Record<string, string>) => Dates | null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An alternation of the table's keys, longest first so that "einde van" wins over "einde". */
function alternation(words: Readonly<Record<string, unknown>>): string {
  return Object.keys(words)
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
}

const YEAR = '(?<year>\\d{4})';
/** A month word, optionally abbreviated with a dot ("mrt."). Looked up in MONTHS afterwards. */
const MONTH_WORD = '(?<month>[a-z]+)\\.?';

function monthNumber(word: string): number | null {
  return Object.hasOwn(MONTHS, word) ? MONTHS[word] : null;
}

const RULES: readonly LabelRule[] = [
  {
    // 2024-03-15
    precision: 'day',
    pattern: new RegExp(`^${YEAR}-(?<month>\\d{2})-(?<day>\\d{2})$`),
    toDates: (g) => dayWindow(Number(g.year), Number(g.month), Number(g.day)),
  },
  {
    // 15/03/2024, 15-03-2024, 15.03.2024, 5/3/2024: day first, as written in Belgium and the
    // Netherlands; never read month first, so 03/15/2024 is no date.
    precision: 'day',
    pattern: new RegExp(`^(?<day>\\d{1,2})(?<separator>[/.-])(?<month>\\d{1,2})\\k<separator>${YEAR}$`),
    toDates: (g) => dayWindow(Number(g.year), Number(g.month), Number(g.day)),
  },
  {
    // 15 March 2024, 15 maart 2024
    precision: 'day',
    pattern: new RegExp(`^(?<day>\\d{1,2}) ${MONTH_WORD} ${YEAR}$`),
    toDates: (g) => {
      const month = monthNumber(g.month);
      return month === null ? null : dayWindow(Number(g.year), month, Number(g.day));
    },
  },
  {
    // 2024
    precision: 'year',
    pattern: new RegExp(`^${YEAR}$`),
    toDates: (g) => monthSpan(Number(g.year), 1, 12),
  },
  {
    // 2024-03
    precision: 'month',
    pattern: new RegExp(`^${YEAR}-(?<month>\\d{2})$`),
    toDates: (g) => {
      const month = Number(g.month);
      return month >= 1 && month <= 12 ? monthSpan(Number(g.year), month, 1) : null;
    },
  },
  {
    // March 2024, Mar 2024, maart 2024, mrt 2024
    precision: 'month',
    pattern: new RegExp(`^${MONTH_WORD} ${YEAR}$`),
    toDates: (g) => {
      const month = monthNumber(g.month);
      return month === null ? null : monthSpan(Number(g.year), month, 1);
    },
  },
  {
    // 2024-Q3, 2024 Q3
    precision: 'quarter',
    pattern: new RegExp(`^${YEAR}[ -]?q(?<quarter>[1-4])$`),
    toDates: (g) => monthSpan(Number(g.year), (Number(g.quarter) - 1) * 3 + 1, 3),
  },
  {
    // Q3 2024, Q3-2024
    precision: 'quarter',
    pattern: new RegExp(`^q(?<quarter>[1-4])[ -]${YEAR}$`),
    toDates: (g) => monthSpan(Number(g.year), (Number(g.quarter) - 1) * 3 + 1, 3),
  },
  {
    // 2024-H2, 2024 H2
    precision: 'half',
    pattern: new RegExp(`^${YEAR}[ -]?h(?<half>[12])$`),
    toDates: (g) => monthSpan(Number(g.year), Number(g.half) === 1 ? 1 : 7, 6),
  },
  {
    // H2 2024, H2-2024
    precision: 'half',
    pattern: new RegExp(`^h(?<half>[12])[ -]${YEAR}$`),
    toDates: (g) => monthSpan(Number(g.year), Number(g.half) === 1 ? 1 : 7, 6),
  },
  {
    // begin 2028, eind 2027, early 2028, late 2027 (also "begin van 2028", "einde van 2027")
    precision: 'quarter',
    pattern: new RegExp(`^(?<part>${alternation(YEAR_PART_WORDS)}) ${YEAR}$`),
    toDates: (g) => monthSpan(Number(g.year), (YEAR_PART_WORDS[g.part] - 1) * 3 + 1, 3),
  },
  {
    // first half 2024, tweede helft 2024 (also "... of 2024" / "... van 2024")
    precision: 'half',
    pattern: new RegExp(`^(?<half>${alternation(HALF_WORDS)}) (?:(?:of|van) )?${YEAR}$`),
    toDates: (g) => monthSpan(Number(g.year), HALF_WORDS[g.half] === 1 ? 1 : 7, 6),
  },
  {
    // early November 2023, mid-November 2023, begin van november 2023, eind nov 2023
    precision: 'part_of_month',
    pattern: new RegExp(`^(?<part>${alternation(MONTH_PART_WORDS)})[ -]${MONTH_WORD} ${YEAR}$`),
    toDates: (g) => {
      const month = monthNumber(g.month);
      return month === null ? null : monthPartWindow(Number(g.year), month, MONTH_PART_WORDS[g.part]);
    },
  },
  {
    // autumn 2024, najaar 2024, winter 2023 (= Dec 2023 to Feb 2024)
    precision: 'season',
    pattern: new RegExp(`^(?<season>${alternation(SEASON_WORDS)}) ${YEAR}$`),
    toDates: (g) => monthSpan(Number(g.year), SEASON_MONTHS[SEASON_WORDS[g.season]].firstMonth, 3),
  },
];

/**
 * Reads a fuzzy due date such as "2024-03-15", "15/03/2024", "Q3 2024", "early November 2023",
 * "eind 2027" or "najaar 2024".
 * Case-insensitive; surrounding and repeated whitespace is ignored. Years must lie in 1900–2199.
 * Returns null when the label is not understood. Never returns precision 'range' (that is only
 * used when a client gives dueFrom/dueTo explicitly).
 */
export function parseDueLabel(label: string): DueWindow | null {
  if (typeof label !== 'string') return null;
  const trimmed = label.trim();
  if (trimmed === '' || trimmed.length > MAX_LABEL_LENGTH) return null;
  const normalised = trimmed.toLowerCase().replace(/\s+/g, ' ').replace(/ ?- ?/g, '-');

  for (const rule of RULES) {
    const match = rule.pattern.exec(normalised);
    if (!match?.groups) continue;
    const groups = match.groups as Record<string, string>;
    if (!isSupportedYear(Number(groups.year))) return null;
    const dates = rule.toDates(groups);
    if (dates) return { ...dates, duePrecision: rule.precision, dueLabel: trimmed };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Describing a window in words, for e-mails.
// ---------------------------------------------------------------------------------------------

// prettier-ignore
const MONTH_NAMES: Readonly<Record<Language, readonly string[]>> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
};

const MONTH_PART_NAMES: Readonly<Record<Language, Record<MonthPart, string>>> = {
  en: { early: 'early', mid: 'mid-', late: 'late' },
  nl: { early: 'begin', mid: 'half', late: 'eind' },
};

const SEASON_NAMES: Readonly<Record<Language, Record<Season, string>>> = {
  en: { spring: 'spring', summer: 'summer', autumn: 'autumn', winter: 'winter' },
  nl: { spring: 'voorjaar', summer: 'zomer', autumn: 'najaar', winter: 'winter' },
};

const HALF_NAMES: Readonly<Record<Language, Record<1 | 2, string>>> = {
  en: { 1: 'first half of', 2: 'second half of' },
  nl: { 1: 'eerste helft van', 2: 'tweede helft van' },
};

/** "Q4 2023" / "vierde kwartaal 2023": "Q4" reads as English shorthand in a Dutch sentence. */
const QUARTER_NAMES: Readonly<Record<Language, (quarter: number, year: number) => string>> = {
  en: (quarter, year) => `Q${quarter} ${year}`,
  nl: (quarter, year) => `${['eerste', 'tweede', 'derde', 'vierde'][quarter - 1]} kwartaal ${year}`,
};

const BETWEEN: Readonly<Record<Language, { between: string; and: string }>> = {
  en: { between: 'between', and: 'and' },
  nl: { between: 'tussen', and: 'en' },
};

interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

function readIsoDate(date: string): YearMonthDay | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return dayWindow(year, month, day) ? { year, month, day } : null;
}

function monthName(month: number, language: Language): string {
  return MONTH_NAMES[language][month - 1];
}

function describeDay(d: YearMonthDay, language: Language): string {
  return `${d.day} ${monthName(d.month, language)} ${d.year}`;
}

/** "between 1 and 15 March 2024", "between 20 March and 5 April 2024", "between 20 December 2023 and 5 January 2024". */
function describeRange(from: YearMonthDay, to: YearMonthDay, language: Language): string {
  if (from.year === to.year && from.month === to.month && from.day === to.day) return describeDay(from, language);
  const { between, and } = BETWEEN[language];
  const end = describeDay(to, language);
  let start: string;
  if (from.year !== to.year) start = describeDay(from, language);
  else if (from.month !== to.month) start = `${from.day} ${monthName(from.month, language)}`;
  else start = String(from.day);
  return `${between} ${start} ${and} ${end}`;
}

function sameDates(a: Dates, b: Dates): boolean {
  return a.dueFrom === b.dueFrom && a.dueTo === b.dueTo;
}

/**
 * Words for the window's precision, or null when the dates are not the canonical window of that
 * precision (e.g. precision 'month' with dates spanning only part of it) — then a range is described.
 */
function describeByPrecision(w: Omit<DueWindow, 'dueLabel'>, from: YearMonthDay, language: Language): string | null {
  const { year, month, day } = from;
  switch (w.duePrecision) {
    case 'day':
      return w.dueFrom === w.dueTo ? describeDay(from, language) : null;
    case 'month':
      return day === 1 && sameDates(w, monthSpan(year, month, 1)) ? `${monthName(month, language)} ${year}` : null;
    case 'year':
      return sameDates(w, monthSpan(year, 1, 12)) ? String(year) : null;
    case 'quarter': {
      const quarter = Math.floor((month - 1) / 3) + 1;
      return sameDates(w, monthSpan(year, (quarter - 1) * 3 + 1, 3)) ? QUARTER_NAMES[language](quarter, year) : null;
    }
    case 'half': {
      const half: 1 | 2 = month <= 6 ? 1 : 2;
      return sameDates(w, monthSpan(year, half === 1 ? 1 : 7, 6)) ? `${HALF_NAMES[language][half]} ${year}` : null;
    }
    case 'season': {
      const season = (Object.keys(SEASON_MONTHS) as Season[]).find((s) => SEASON_MONTHS[s].firstMonth === month);
      if (!season || !sameDates(w, monthSpan(year, month, 3))) return null;
      const years = season === 'winter' ? `${year}/${year + 1}` : String(year);
      return `${SEASON_NAMES[language][season]} ${years}`;
    }
    case 'part_of_month': {
      const part = (Object.keys(MONTH_PART_DAYS) as MonthPart[]).find((p) => MONTH_PART_DAYS[p].firstDay === day);
      if (!part || !sameDates(w, monthPartWindow(year, month, part))) return null;
      const word = MONTH_PART_NAMES[language][part];
      const separator = word.endsWith('-') ? '' : ' ';
      return `${word}${separator}${monthName(month, language)} ${year}`;
    }
    case 'range':
      return null;
  }
}

/**
 * Human words for a due window, for e-mails. Returns the label when one was given; otherwise
 * words such as "15 March 2024" / "15 maart 2024", "March 2024" / "maart 2024",
 * "between 1 and 15 March 2024" / "tussen 1 en 15 maart 2024".
 */
/** Words that belong to one language only; month names, numbers and shared words (april, september, winter, half) belong to both. */
const ONLY: Readonly<Record<Language, ReadonlySet<string>>> = {
  en: new Set([
    'january',
    'february',
    'march',
    'may',
    'june',
    'july',
    'august',
    'october',
    'jan',
    'feb',
    'mar',
    'jun',
    'jul',
    'aug',
    'oct',
    'early',
    'mid',
    'late',
    'spring',
    'summer',
    'autumn',
    'fall',
    'first',
    'second',
    'of',
    'end',
  ]),
  nl: new Set([
    'januari',
    'februari',
    'maart',
    'mei',
    'juni',
    'juli',
    'augustus',
    'oktober',
    'mrt',
    'okt',
    'begin',
    'midden',
    'eind',
    'einde',
    'van',
    'lente',
    'voorjaar',
    'zomer',
    'herfst',
    'najaar',
    'eerste',
    'tweede',
    'helft',
  ]),
};

/** The languages a label reads in: both for "2024-Q3" or "november 2023", one for "early November" or "najaar". */
function labelLanguages(label: string): Set<Language> {
  const words = label.toLowerCase().match(/\p{L}+/gu) ?? [];
  const languages = new Set<Language>(['en', 'nl']);
  for (const word of words) {
    if (ONLY.en.has(word)) languages.delete('nl');
    if (ONLY.nl.has(word)) languages.delete('en');
  }
  return languages;
}

export function describeDueWindow(w: DueWindow, language: Language): string {
  const label = w.dueLabel?.trim();
  // The words the officer typed, where the reader reads them; otherwise the window in the reader's words.
  if (label && labelLanguages(label).has(language)) return label;
  return describeDueDates(w, language);
}

/**
 * The window in the reader's words from its dates and precision alone, whatever label was typed:
 * "begin november 2023" / "early November 2023", "vierde kwartaal 2023" / "Q4 2023". For a text
 * that must read as one language throughout (the mission report), where a typed "September 2023"
 * or "2023-Q4" would not.
 */
export function describeDueDates(w: Omit<DueWindow, 'dueLabel'>, language: Language): string {
  const from = readIsoDate(w.dueFrom);
  const to = readIsoDate(w.dueTo);
  if (!from || !to) {
    // Not expected from stored data; still say something readable rather than throw in an e-mail.
    const { between, and } = BETWEEN[language];
    return w.dueFrom === w.dueTo ? w.dueFrom : `${between} ${w.dueFrom} ${and} ${w.dueTo}`;
  }
  return describeByPrecision(w, from, language) ?? describeRange(from, to, language);
}
