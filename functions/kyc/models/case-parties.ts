import type { ScreeningQuery } from '../../kernel/screening/screening-query';
import type { ScreenedParty } from './case-assessment';
import type { KycCase } from './kyc-case';

/** A party of a case to screen, with what is known about it. */
export interface CaseParty {
  partyRef: string;
  role: ScreenedParty['role'];
  query: ScreeningQuery;
}

/**
 * Every party a case must screen: the individual; or the company with each director and UBO. The
 * company's registration number goes along as an identifier, so a listed registration matches exactly.
 */
export function listCaseParties(kycCase: Pick<KycCase, 'partyType' | 'applicant'>): CaseParty[] {
  const { applicant } = kycCase;
  if ('fullName' in applicant) {
    return [
      {
        partyRef: 'applicant',
        role: 'INDIVIDUAL',
        query: {
          name: applicant.fullName,
          type: 'PERSON',
          dateOfBirth: applicant.dateOfBirth,
          country: applicant.nationality,
        },
      },
    ];
  }
  return [
    {
      partyRef: 'applicant',
      role: 'COMPANY',
      query: {
        name: applicant.legalName,
        type: 'ORGANIZATION',
        country: applicant.countryOfIncorporation,
        identifiers: [applicant.registrationNumber],
      },
    },
    ...applicant.representatives.map((person, index): CaseParty => ({
      partyRef: `representatives/${index}`,
      role: person.role,
      query: { name: person.fullName, type: 'PERSON', dateOfBirth: person.dateOfBirth, country: person.nationality },
    })),
  ];
}
