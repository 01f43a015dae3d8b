import type { CheckResult } from '../models/case-assessment';
import type { DocumentCheckInput } from './check-input';
import { checkCompanyIdentifier } from './check-company-identifier';

/**
 * TAX_ID_MATCHES (companies): the applicant's tax id is the one on the tax registration, and on any other
 * company document that shows one; the company name on each resembles the legal name. Spaces, punctuation,
 * case and a VAT country prefix of the country of incorporation do not matter.
 */
export function checkTaxId(input: DocumentCheckInput): CheckResult {
  return checkCompanyIdentifier(input, {
    checkId: 'TAX_ID_MATCHES',
    field: 'taxId',
    label: 'tax id',
    primaryType: 'TAX_REGISTRATION',
    expected: (applicant) => applicant.taxId,
  });
}
