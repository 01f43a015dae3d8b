import * as z from 'zod';
import { countryCodes } from './country-codes';

/** True when `code` is an assigned ISO 3166-1 alpha-2 country code (or XK, Kosovo). */
export function isCountryCode(code: string): boolean {
  return countryCodes.has(code);
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
