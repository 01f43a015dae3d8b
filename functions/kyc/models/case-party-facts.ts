import type { PartyFacts } from '../../kernel/parties/models/party-facts';
import type { KycCase } from './kyc-case';

/**
 * What trading needs to know about the party a case approves: where it is (residence for a person,
 * incorporation for a company, so embargoes and corridors can be checked), its display name and its type.
 */
export function describeCaseParty(kycCase: Pick<KycCase, 'partyType' | 'applicant'>): PartyFacts {
  const { applicant } = kycCase;
  if ('fullName' in applicant) {
    return { partyType: 'INDIVIDUAL', displayName: applicant.fullName, country: applicant.countryOfResidence };
  }
  return { partyType: 'BUSINESS', displayName: applicant.legalName, country: applicant.countryOfIncorporation };
}
