/**
 * Dates as identity documents print them, normalised to YYYY-MM-DD, and MRZ dates (YYMMDD) given
 * their century.
 */

const monthNames: Record<string, number> = {
  JAN: 1,
  FEB: 2,
  MAR: 3,
  APR: 4,
  MAY: 5,
  JUN: 6,
  JUL: 7,
  AUG: 8,
  SEP: 9,
  SEPT: 9,
  OCT: 10,
  NOV: 11,
  DEC: 12,
};

function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  // rejects 31 APR and the like, which Date would roll into the next month
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

function monthNumber(name: string): number | undefined {
  const key = name.toUpperCase().replace(/\.$/, '');
  return monthNames[key] ?? monthNames[key.slice(0, 3)];
}

/**
 * Parses `15 APR 2031`, `15 April 2031`, `April 15, 2031`, `2031-04-15`, `2031/04/15` and day-first
 * numeric dates (`15.04.2031`, `15/04/2031`, `15-04-2031`, as printed outside the US). Returns
 * YYYY-MM-DD, or undefined when the text is not a date.
 */
export function parseVisualDate(text: string): string | undefined {
  const value = text.trim().replace(/\s+/g, ' ');
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  if (match) return isoDate(Number(match[3]), Number(match[2]), Number(match[1]));
  // "15 APR 2031", "15 APR/AVR 2031" (bilingual passports), "15-Apr-2031"
  match = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?(?:\/[A-Za-z]{3,9})?[ -](\d{4})$/.exec(value);
  if (match) {
    const month = monthNumber(match[2]!);
    return month ? isoDate(Number(match[3]), month, Number(match[1])) : undefined;
  }
  match = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(value);
  if (match) {
    const month = monthNumber(match[1]!);
    return month ? isoDate(Number(match[3]), month, Number(match[2])) : undefined;
  }
  return undefined;
}

/**
 * An MRZ date (YYMMDD) as YYYY-MM-DD. Birth and issue dates lie in the past, so a year after this one
 * belongs to the previous century; expiry dates lie within the next 50 years or are recent history.
 */
export function parseMrzDate(yymmdd: string, kind: 'past' | 'expiry', today = new Date()): string | undefined {
  const match = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd);
  if (!match) return undefined;
  const yy = Number(match[1]);
  const thisYear = today.getUTCFullYear();
  const century = Math.floor(thisYear / 100) * 100;
  let year = century + yy;
  if (kind === 'past' && year > thisYear) year -= 100;
  if (kind === 'expiry' && year > thisYear + 50) year -= 100;
  return isoDate(year, Number(match[2]), Number(match[3]));
}
