import type { CheckResult } from '../models/case-assessment';
import type { DocumentCheckInput } from './check-input';
import { checkCompanyIdentifier } from './check-company-identifier';

/**
 * REGISTRATION_NUMBER_MATCHES (companies): the applicant's registration number is the one on the company
 * registration, and on the business licence and tax registration where they show one; the company name on
 * each resembles the legal name. Spaces, punctuation and case do not matter.
 */
export function checkRegistrationNumber(input: DocumentCheckInput): CheckResult {
  return checkCompanyIdentifier(input, {
    checkId: 'REGISTRATION_NUMBER_MATCHES',
    field: 'registrationNumber',
    label: 'registration number',
    primaryType: 'COMPANY_REGISTRATION',
    expected: (applicant) => applicant.registrationNumber,
  });
}
