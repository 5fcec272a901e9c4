import type { ReportLanguage } from './report.dto.js';

const NL_UNITS = [
  'nul',
  // A count, not the article: "één bedrijf", "één van de twee".
  'één',
  'twee',
  'drie',
  'vier',
  'vijf',
  'zes',
  'zeven',
  'acht',
  'negen',
  'tien',
  'elf',
  'twaalf',
  'dertien',
  'veertien',
  'vijftien',
  'zestien',
  'zeventien',
  'achttien',
  'negentien',
  'twintig',
];
const NL_TENS = ['', '', 'twintig', 'dertig', 'veertig', 'vijftig', 'zestig', 'zeventig', 'tachtig', 'negentig', 'honderd'];
const EN_UNITS = [
  'no',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'a hundred'];

/**
 * A count as an officer writes it: in words up to twenty and for round tens up to a hundred
 * ("dertig bedrijven", "thirty companies", "honderd aanwezigen"), in digits otherwise ("255").
 */
export function numberInWords(count: number, language: ReportLanguage): string {
  const units = language === 'nl' ? NL_UNITS : EN_UNITS;
  const tens = language === 'nl' ? NL_TENS : EN_TENS;
  if (inWords(count)) return count <= 20 ? units[count] : tens[count / 10];
  return new Intl.NumberFormat(language === 'nl' ? 'nl-BE' : 'en-GB').format(count);
}

/** Whether numberInWords writes the count in words (not digits). */
const inWords = (count: number): boolean => Number.isInteger(count) && count >= 0 && (count <= 20 || (count <= 100 && count % 10 === 0));

/**
 * The counts of one enumeration in one form: all in words, or all in digits as soon as one of them
 * would be ("29 open en 9 in uitvoering", not "29 open en negen in uitvoering").
 */
export function numbersAlike(counts: readonly number[], language: ReportLanguage): string[] {
  if (counts.every(inWords)) return counts.map((count) => numberInWords(count, language));
  const format = new Intl.NumberFormat(language === 'nl' ? 'nl-BE' : 'en-GB');
  return counts.map((count) => format.format(count));
}

/**
 * A large count the way an answer to Parliament gives it: exact when small or round, otherwise
 * "meer dan 250" / "more than 250" (rounded down to fifties under a thousand, hundreds above).
 */
export function approximately(count: number, language: ReportLanguage): string {
  if (count <= 20) return numberInWords(count, language);
  const step = count < 100 ? 10 : count < 1000 ? 50 : 100;
  const floor = Math.floor(count / step) * step;
  if (floor === count) return numberInWords(count, language);
  return `${language === 'nl' ? 'meer dan' : 'more than'} ${numberInWords(floor, language)}`;
}

/** "een bedrijf", "dertig bedrijven"; `singular`/`plural` are the noun's forms. */
export function counted(count: number, singular: string, plural: string, language: ReportLanguage, exact = true): string {
  const words = exact ? numberInWords(count, language) : approximately(count, language);
  return `${words} ${count === 1 ? singular : plural}`;
}

/** "A, B en C" / "A, B and C". */
export function listOf(items: readonly string[], language: ReportLanguage): string {
  return new Intl.ListFormat(language === 'nl' ? 'nl' : 'en', { style: 'long', type: 'conjunction' }).format(items);
}

/** "22 september 2023" / "22 September 2023". */
export function longDate(date: string, language: ReportLanguage): string {
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-BE' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** "11 tot 16 september 2023" / "11 to 16 September 2023", shortened when month and year agree. */
export function dateRange(from: string, to: string, language: ReportLanguage): string {
  const joiner = language === 'nl' ? 'tot' : 'to';
  if (from === to) return longDate(from, language);
  if (from.slice(0, 7) === to.slice(0, 7)) return `${Number(from.slice(8))} ${joiner} ${longDate(to, language)}`;
  return `${longDate(from, language)} ${joiner} ${longDate(to, language)}`;
}

/** "4,8" / "4.8". */
export function decimal(value: number, language: ReportLanguage): string {
  return new Intl.NumberFormat(language === 'nl' ? 'nl-BE' : 'en-GB', { maximumFractionDigits: 1 }).format(value);
}

/** "80 %" / "80%". */
export function percentage(fraction: number, language: ReportLanguage): string {
  return new Intl.NumberFormat(language === 'nl' ? 'nl-BE' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

/** Capitalises the first letter, for a count that opens a sentence; Dutch "één" opens one as "Eén". */
export const sentence = (text: string): string => (text.startsWith('één') ? `Eén${text.slice(3)}` : text.charAt(0).toUpperCase() + text.slice(1));
