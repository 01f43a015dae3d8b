/** How to read the parts of a printed date that are ambiguous. */
export interface PrintedDateOptions {
  /**
   * Read `04/05/2031` as 5 April (US documents). Otherwise day-first, as nearly every other country
   * prints it. Dates whose day is over 12 are read unambiguously either way.
   */
  monthFirst?: boolean;
  /**
   * How to complete a two-digit year: PAST for dates that cannot lie ahead (birth, issue), the latest such
   * year up to `now`; FUTURE for expiry dates, the year within 50 years either side of `now`. Without
   * this, two-digit years are not read at all.
   */
  twoDigitYears?: { now: Date; direction: 'PAST' | 'FUTURE' };
}

// English, French, German and Spanish month names and their printed abbreviations (passports print
// bilingual forms such as "AUG/AOUT").
// prettier-ignore
const MONTHS: ReadonlyMap<string, number> = new Map([
  ['jan', 1], ['january', 1], ['janv', 1], ['janvier', 1], ['januar', 1], ['ene', 1], ['enero', 1],
  ['feb', 2], ['february', 2], ['fev', 2], ['fevr', 2], ['fevrier', 2], ['februar', 2], ['febrero', 2],
  ['mar', 3], ['march', 3], ['mars', 3], ['marz', 3], ['maerz', 3], ['marzo', 3], ['mrz', 3],
  ['apr', 4], ['april', 4], ['avr', 4], ['avril', 4], ['abr', 4], ['abril', 4],
  ['may', 5], ['mai', 5], ['mayo', 5],
  ['jun', 6], ['june', 6], ['juin', 6], ['juni', 6], ['junio', 6],
  ['jul', 7], ['july', 7], ['juil', 7], ['juillet', 7], ['juli', 7], ['julio', 7],
  ['aug', 8], ['august', 8], ['aout', 8], ['ago', 8], ['agosto', 8],
  ['sep', 9], ['sept', 9], ['september', 9], ['septembre', 9], ['septiembre', 9],
  ['oct', 10], ['october', 10], ['octobre', 10], ['okt', 10], ['oktober', 10], ['octubre', 10],
  ['nov', 11], ['november', 11], ['novembre', 11], ['noviembre', 11],
  ['dec', 12], ['december', 12], ['decembre', 12], ['dez', 12], ['dezember', 12], ['dic', 12], ['diciembre', 12],
]);

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t ].*)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const NUMERIC = /^(\d{1,2})\s*([./-])\s*(\d{1,2})\s*[./-]\s*(\d{4}|\d{2})$/;
const DAY_MONTH_YEAR = /^(\d{1,2})(?:st|nd|rd|th)?[\s.\-/]*([a-z]+(?:\s*\/\s*[a-z]+)?)[\s.,\-/]*(\d{4}|\d{2})$/;
const MONTH_DAY_YEAR = /^([a-z]+)\.?\s*(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})$/;
const CJK = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;

function monthOf(word: string): number | undefined {
  for (const part of word.split('/')) {
    const month = MONTHS.get(part.trim());
    if (month !== undefined) return month;
  }
  return undefined;
}

function fullYear(digits: string, options: PrintedDateOptions): number | undefined {
  if (digits.length === 4) return Number(digits);
  if (!options.twoDigitYears) return undefined;
  const { now, direction } = options.twoDigitYears;
  const current = now.getUTCFullYear();
  const yy = Number(digits);
  if (direction === 'PAST') {
    const year = Math.floor(current / 100) * 100 + yy;
    return year > current ? year - 100 : year;
  }
  let year = Math.floor((current - 50) / 100) * 100 + yy;
  while (year < current - 50) year += 100;
  return year;
}

/** YYYY-MM-DD, or undefined when the parts do not make a real calendar day. */
export function formatCalendarDate(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}

/**
 * Reads a date as documents print it: `2031-04-15`, `15.04.2031`, `15/04/2031` (or month-first, see
 * {@link PrintedDateOptions.monthFirst}), `20310415`, `15 APR 2031`, `12 AUG/AOUT 74`, `April 15, 2031`,
 * `2031年4月15日`.
 * @returns YYYY-MM-DD, or undefined when the text is not a date or names a day that does not exist
 */
export function parsePrintedDate(text: string, options: PrintedDateOptions = {}): string | undefined {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  let match = ISO.exec(folded) ?? COMPACT.exec(folded) ?? CJK.exec(folded);
  if (match) return formatCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));

  match = NUMERIC.exec(folded);
  if (match) {
    const [first, second] = [Number(match[1]), Number(match[3])];
    const year = fullYear(match[4] ?? '', options);
    if (year === undefined) return undefined;
    const monthFirst = first > 12 ? false : second > 12 ? true : (options.monthFirst ?? false);
    return monthFirst ? formatCalendarDate(year, first, second) : formatCalendarDate(year, second, first);
  }

  match = DAY_MONTH_YEAR.exec(folded);
  if (match) {
    const month = monthOf(match[2] ?? '');
    const year = fullYear(match[3] ?? '', options);
    return month && year ? formatCalendarDate(year, month, Number(match[1])) : undefined;
  }

  match = MONTH_DAY_YEAR.exec(folded);
  if (match) {
    const month = monthOf(match[1] ?? '');
    return month ? formatCalendarDate(Number(match[3]), month, Number(match[2])) : undefined;
  }
  return undefined;
}
