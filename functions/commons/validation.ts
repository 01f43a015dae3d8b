import * as z from 'zod';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
/** Region codes CLDR knows that are not countries (groupings, "unknown"). */
const nonCountryRegions = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ']);

/** True when `code` is an ISO 3166-1 alpha-2 country code (XK, Kosovo, included). */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || nonCountryRegions.has(code)) return false;
  // CLDR echoes unknown codes back unchanged
  return regionNames.of(code) !== code;
}

/** ISO 3166-1 alpha-2 country code. */
export const countryCodeSchema = z
  .string()
  .refine(isCountryCode, { message: 'must be an ISO 3166-1 alpha-2 country code, such as DE or CN' })
  .meta({ description: 'ISO 3166-1 alpha-2 country code', example: 'DE' });

/** A calendar date (YYYY-MM-DD) that is a real day. */
export const isoDateSchema = z.iso.date({ message: 'must be a date in the form YYYY-MM-DD', abort: true });

/** Trimmed, non-empty human text with an upper bound. */
export function textSchema(maxLength: number) {
  return z
    .string()
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(maxLength, {
      message: `must be at most ${maxLength} characters`,
    });
}
