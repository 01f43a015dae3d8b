import type { CheckResult } from '../models/case-assessment';
import type { DocumentCheckInput } from './check-input';
import { checkDatedDocument } from './check-dated-document';

/**
 * PROOF_OF_ADDRESS_RECENT: a proof of address dated at most `proofOfAddressMaxAgeMonths` calendar months
 * before today (exactly that old passes) and not after today. INCOMPLETE when the case needs one and none
 * is readable; NOT_APPLICABLE when the case needs none.
 */
export function checkProofOfAddressRecent(input: DocumentCheckInput): CheckResult {
  return checkDatedDocument(input, {
    checkId: 'PROOF_OF_ADDRESS_RECENT',
    type: 'PROOF_OF_ADDRESS',
    maxAgeMonths: input.settings.proofOfAddressMaxAgeMonths,
    dateLabel: 'statement date',
    required: input.kycCase.requiredDocuments.some((r) => r.acceptedTypes.includes('PROOF_OF_ADDRESS')),
  });
}
