import { MINIMUM_FIELD_CONFIDENCE } from '../extraction/extraction-settings';

/** Tunable limits of the document checks. */
export interface CheckSettings {
  /**
   * Days an identity document (or a business licence with an expiry date) must still be valid on the day
   * of the check, the expiry day counting as valid. A document that runs out during onboarding would have
   * to be replaced at once, so it is refused up front.
   */
  minimumRemainingValidityDays: number;
  /** Calendar months a proof of address may be old: a statement dated exactly this many months ago passes. */
  proofOfAddressMaxAgeMonths: number;
  /**
   * Calendar months since the period end of the financial statements of a HIGH_VALUE case: a year's accounts
   * are usually filed within 6 months of its end, so 18 months keeps the latest complete year acceptable.
   */
  financialStatementMaxAgeMonths: number;
  /** Textract confidence (0–100) below which a field counts as not read. */
  minimumFieldConfidence: number;
}

/** The defaults: 30 days of remaining validity, proof of address at most 3 months old, accounts 18 months. */
export const defaultCheckSettings: Readonly<CheckSettings> = Object.freeze({
  minimumRemainingValidityDays: 30,
  proofOfAddressMaxAgeMonths: 3,
  financialStatementMaxAgeMonths: 18,
  minimumFieldConfidence: MINIMUM_FIELD_CONFIDENCE,
});
