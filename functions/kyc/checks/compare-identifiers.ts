import { canonicalIdentifier } from '../../kernel/names/canonical-identifier';

/** Whether two registration or tax numbers are one. */
export interface IdentifierComparison {
  matches: boolean;
  /** Why a match was tolerated, e.g. a VAT country prefix on one side only. */
  note?: string;
}

/** A number as registers and applicants write it, reduced to upper-case letters and digits (full-width too). */
export function canonicalNumber(value: string): string {
  return canonicalIdentifier(value.normalize('NFKC'));
}

/**
 * Compares two registration or tax numbers ignoring spaces, punctuation and case (`HRB 12345 B` =
 * `hrb12345b`). A VAT number's country prefix (`DE` before `123456789`) may be on one side only when it is
 * the country of incorporation.
 */
export function compareIdentifiers(expected: string, found: string, country?: string): IdentifierComparison {
  const a = canonicalNumber(expected);
  const b = canonicalNumber(found);
  if (a === '' || b === '') return { matches: false };
  if (a === b) return { matches: true };
  if (country && (a === `${country}${b}` || b === `${country}${a}`)) {
    return { matches: true, note: `the country prefix ${country} is written on one side only` };
  }
  return { matches: false };
}
