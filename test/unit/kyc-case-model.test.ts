import {
  createCaseRequestSchema,
  listAllowedDocumentTypes,
  listRequiredDocuments,
} from '../../functions/kyc/models/kyc-case';
import { businessCaseRequest, individualCaseRequest } from '../fixtures/kyc-requests';

function issuesOf(input: unknown) {
  const result = createCaseRequestSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('createCaseRequestSchema', () => {
  it('accepts valid individual and business applicants', () => {
    expect(issuesOf(individualCaseRequest())).toEqual([]);
    expect(issuesOf(businessCaseRequest())).toEqual([]);
  });

  it('trims names and refuses unknown fields', () => {
    // Act
    const parsed = createCaseRequestSchema.parse(individualCaseRequest({ fullName: '  Ana Souza ' }));
    const extra = issuesOf({ ...individualCaseRequest(), surprise: true });

    // Assess
    expect(parsed.applicant).toMatchObject({ fullName: 'Ana Souza' });
    expect(extra.join()).toMatch(/surprise/);
  });

  it.each([
    [{ dateOfBirth: '2999-01-01' }, 'applicant.dateOfBirth: must be a date between 1900-01-01 and yesterday'],
    [{ dateOfBirth: '12/04/1990' }, 'applicant.dateOfBirth: must be a date in the form YYYY-MM-DD'],
    [{ nationality: 'EU' }, 'applicant.nationality: must be an ISO 3166-1 alpha-2 country code, such as DE or CN'],
    [{ nationality: 'de' }, 'applicant.nationality: must be an ISO 3166-1 alpha-2 country code, such as DE or CN'],
    [{ phone: '030 123456' }, 'applicant.phone: must be an E.164 phone number, such as +4930123456'],
  ])('refuses individual %p', (override, issue) => {
    expect(issuesOf(individualCaseRequest(override))).toEqual([issue]);
  });

  it('refuses an unknown party type with a clear message', () => {
    expect(issuesOf({ ...individualCaseRequest(), partyType: 'TRUST' })).toEqual([
      'partyType: partyType must be INDIVIDUAL or BUSINESS',
    ]);
  });

  it('requires a director and at most 100% ownership for a business', () => {
    // Prepare
    const request = businessCaseRequest();
    request.applicant.representatives = [
      { fullName: 'A', dateOfBirth: '1980-01-01', nationality: 'CN', role: 'UBO', ownershipPercent: 70 },
      { fullName: 'B', dateOfBirth: '1980-01-01', nationality: 'CN', role: 'UBO', ownershipPercent: 40 },
    ];

    // Act
    const issues = issuesOf(request);

    // Assess
    expect(issues).toEqual([
      'applicant.representatives: must include at least one DIRECTOR',
      'applicant.representatives: ownershipPercent adds up to 110, more than 100',
    ]);
  });
});

describe('required and allowed documents', () => {
  it('asks an individual for identity and address, plus statements at HIGH_VALUE', () => {
    expect(listRequiredDocuments('INDIVIDUAL', 'STANDARD').map((doc) => doc.requirement)).toEqual([
      'IDENTITY_DOCUMENT',
      'PROOF_OF_ADDRESS',
    ]);
    expect(listRequiredDocuments('INDIVIDUAL', 'HIGH_VALUE').map((doc) => doc.requirement)).toContain(
      'FINANCIAL_STATEMENT',
    );
    expect(listRequiredDocuments('INDIVIDUAL', 'STANDARD')[0]?.acceptedTypes).toEqual([
      'PASSPORT',
      'NATIONAL_ID',
      'DRIVERS_LICENSE',
    ]);
  });

  it('keeps company documents off individual cases but allows every type on business cases', () => {
    expect(listAllowedDocumentTypes('INDIVIDUAL')).not.toContain('COMPANY_REGISTRATION');
    expect(listAllowedDocumentTypes('BUSINESS')).toEqual(expect.arrayContaining(['COMPANY_REGISTRATION', 'PASSPORT']));
  });
});
