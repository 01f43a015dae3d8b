import { runDocumentChecks } from '../../../../functions/kyc/checks/run-document-checks';
import { kycCheckIds } from '../../../../functions/kyc/models/case-assessment';
import {
  brightToolsDocuments,
  businessInput,
  erikaPassport,
  erikaUtilityBill,
  individualInput,
  liWeiPassport,
  uploaded,
} from './check-fixtures';

function outcomes(results: ReturnType<typeof runDocumentChecks>): Record<string, string> {
  return Object.fromEntries(results.map((result) => [result.checkId, result.outcome]));
}

describe('runDocumentChecks', () => {
  it('runs every check in order and passes a complete individual case', () => {
    // Prepare / Act
    const results = runDocumentChecks(individualInput([erikaPassport(), erikaUtilityBill()]));
    // Assess
    expect(results.map((result) => result.checkId)).toEqual([...kycCheckIds]);
    expect(outcomes(results)).toEqual({
      REQUIRED_DOCUMENTS_PRESENT: 'PASS',
      MRZ_CHECK_DIGITS: 'PASS',
      DOCUMENT_NOT_EXPIRED: 'PASS',
      NAME_MATCHES: 'PASS',
      DATE_OF_BIRTH_MATCHES: 'PASS',
      REGISTRATION_NUMBER_MATCHES: 'NOT_APPLICABLE',
      TAX_ID_MATCHES: 'NOT_APPLICABLE',
      PROOF_OF_ADDRESS_RECENT: 'PASS',
      ADDRESS_MATCHES: 'PASS',
      FINANCIAL_STATEMENTS_PRESENT: 'NOT_APPLICABLE',
    });
    expect(results.every((result) => result.reason.length > 0)).toBe(true);
  });

  it('passes a complete HIGH_VALUE business case with a director’s passport', () => {
    // Prepare
    const accounts = uploaded('doc-accounts', 'FINANCIAL_STATEMENT', {
      companyName: 'Shenzhen Bright Tools Co., Ltd.',
      statementDate: '2025-12-31',
    });
    // Act
    const results = runDocumentChecks(
      businessInput([...brightToolsDocuments(), liWeiPassport(), accounts], 'HIGH_VALUE'),
    );
    // Assess
    expect(outcomes(results)).toEqual({
      REQUIRED_DOCUMENTS_PRESENT: 'PASS',
      MRZ_CHECK_DIGITS: 'NOT_APPLICABLE',
      DOCUMENT_NOT_EXPIRED: 'PASS',
      NAME_MATCHES: 'PASS',
      DATE_OF_BIRTH_MATCHES: 'PASS',
      REGISTRATION_NUMBER_MATCHES: 'PASS',
      TAX_ID_MATCHES: 'PASS',
      PROOF_OF_ADDRESS_RECENT: 'PASS',
      ADDRESS_MATCHES: 'NOT_APPLICABLE',
      FINANCIAL_STATEMENTS_PRESENT: 'PASS',
    });
  });

  it('makes the checks that need a missing identity document incomplete, asking for it', () => {
    // Prepare / Act
    const results = runDocumentChecks(individualInput([erikaUtilityBill()]));
    // Assess
    const incomplete = results.filter((result) => result.outcome === 'INCOMPLETE').map((result) => result.checkId);
    expect(incomplete).toEqual([
      'REQUIRED_DOCUMENTS_PRESENT',
      'DOCUMENT_NOT_EXPIRED',
      'NAME_MATCHES',
      'DATE_OF_BIRTH_MATCHES',
    ]);
    expect(results.flatMap((result) => result.requests ?? []).every((r) => r.requirement === 'IDENTITY_DOCUMENT')).toBe(
      true,
    );
  });
});
