import type { CheckResult } from '../models/case-assessment';
import { checkAddressMatches } from './check-address-matches';
import { checkDateOfBirthMatches } from './check-date-of-birth-matches';
import { checkDocumentExpiry } from './check-document-expiry';
import { checkFinancialStatements } from './check-financial-statements';
import type { DocumentCheckInput } from './check-input';
import { checkMrzCheckDigits } from './check-mrz-check-digits';
import { checkNameMatches } from './check-name-matches';
import { checkProofOfAddressRecent } from './check-proof-of-address-recent';
import { checkRegistrationNumber } from './check-registration-number';
import { checkRequiredDocuments } from './check-required-documents';
import { checkTaxId } from './check-tax-id';

/**
 * Runs every document check of a case, in the order of `kycCheckIds`. Each returns PASS, FAIL, INCOMPLETE
 * (with the documents to ask for) or NOT_APPLICABLE, with a reason, the documents it looked at and its
 * evidence. Pure: the time and the settings come from the input.
 */
export function runDocumentChecks(input: DocumentCheckInput): CheckResult[] {
  return [
    checkRequiredDocuments(input),
    checkMrzCheckDigits(input),
    checkDocumentExpiry(input),
    checkNameMatches(input),
    checkDateOfBirthMatches(input),
    checkRegistrationNumber(input),
    checkTaxId(input),
    checkProofOfAddressRecent(input),
    checkAddressMatches(input),
    checkFinancialStatements(input),
  ];
}
