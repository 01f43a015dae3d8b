import { checkFinancialStatements } from '../../../../functions/kyc/checks/check-financial-statements';
import { checkProofOfAddressRecent } from '../../../../functions/kyc/checks/check-proof-of-address-recent';
import {
  brightToolsDocuments,
  businessInput,
  erikaPassport,
  erikaUtilityBill,
  individualInput,
  uploaded,
} from './check-fixtures';

// NOW is 2026-03-10: three calendar months before is 2025-12-10.
describe('checkProofOfAddressRecent', () => {
  it.each([
    ['2026-02-10', 'PASS'],
    ['2025-12-10', 'PASS'],
    ['2026-03-10', 'PASS'],
    ['2025-12-09', 'FAIL'],
    ['2026-03-11', 'FAIL'],
  ])('rates a bill dated %s %s', (statementDate, outcome) => {
    // Prepare / Act
    const result = checkProofOfAddressRecent(individualInput([erikaUtilityBill({ statementDate })]));
    // Assess
    expect(result.outcome).toBe(outcome);
  });

  it('says how old a stale bill is and what the oldest accepted date was', () => {
    // Prepare / Act
    const stale = checkProofOfAddressRecent(individualInput([erikaUtilityBill({ statementDate: '2025-11-30' })]));
    const future = checkProofOfAddressRecent(individualInput([erikaUtilityBill({ statementDate: '2026-04-01' })]));
    // Assess
    expect(stale.reason).toBe(
      'PROOF_OF_ADDRESS doc-bill is dated 2025-11-30, more than 3 months before today (2026-03-10); the oldest accepted is 2025-12-10',
    );
    expect(future.reason).toBe('PROOF_OF_ADDRESS doc-bill is dated 2026-04-01, after today (2026-03-10)');
  });

  it('counts calendar months to the end of a shorter month', () => {
    // Prepare
    const input = individualInput([erikaUtilityBill({ statementDate: '2026-02-28' })]);
    input.now = new Date('2026-05-31T12:00:00Z');
    // Act
    const result = checkProofOfAddressRecent(input);
    // Assess
    expect(result.outcome).toBe('PASS');
    expect(result.evidence?.oldestAccepted).toBe('2026-02-28');
  });

  it('passes when a recent bill is uploaded beside a stale one', () => {
    // Prepare
    const stale = { ...erikaUtilityBill({ statementDate: '2025-06-01' }), documentId: 'doc-old-bill' };
    // Act
    const result = checkProofOfAddressRecent(individualInput([stale, erikaUtilityBill()]));
    // Assess
    expect(result.outcome).toBe('PASS');
    expect(result.documentIds).toEqual(['doc-old-bill', 'doc-bill']);
  });

  it('is incomplete without a bill, or when the only other bill has no readable date', () => {
    // Prepare
    const stale = { ...erikaUtilityBill({ statementDate: '2025-06-01' }), documentId: 'doc-old-bill' };
    const undated = erikaUtilityBill({ statementDate: ['2026-02-10', 33] });
    // Act
    const missing = checkProofOfAddressRecent(individualInput([erikaPassport()]));
    const unreadable = checkProofOfAddressRecent(individualInput([stale, undated]));
    // Assess
    expect(missing).toMatchObject({
      outcome: 'INCOMPLETE',
      reason: 'PROOF_OF_ADDRESS is missing',
      requests: [{ requirement: 'PROOF_OF_ADDRESS', acceptedTypes: ['PROOF_OF_ADDRESS'], reason: 'missing' }],
    });
    expect(unreadable).toMatchObject({
      outcome: 'INCOMPLETE',
      requests: [{ requirement: 'PROOF_OF_ADDRESS', reason: 'unreadable: no statement date could be read' }],
    });
  });

  it('does not apply to a case that needs no proof of address', () => {
    // Prepare
    const input = individualInput([erikaPassport()]);
    input.kycCase = {
      ...input.kycCase,
      requiredDocuments: input.kycCase.requiredDocuments.filter((r) => r.requirement !== 'PROOF_OF_ADDRESS'),
    };
    // Act
    const result = checkProofOfAddressRecent(input);
    // Assess
    expect(result).toMatchObject({ outcome: 'NOT_APPLICABLE', reason: 'The case needs no PROOF_OF_ADDRESS' });
  });

  it('follows a configured maximum age', () => {
    // Prepare
    const twoMonths = individualInput([erikaUtilityBill({ statementDate: '2026-01-09' })]);
    twoMonths.settings.proofOfAddressMaxAgeMonths = 2;
    const threeMonths = individualInput([erikaUtilityBill({ statementDate: '2026-01-09' })]);
    // Act / Assess
    expect(checkProofOfAddressRecent(twoMonths).outcome).toBe('FAIL');
    expect(checkProofOfAddressRecent(threeMonths).outcome).toBe('PASS');
  });
});

describe('checkFinancialStatements', () => {
  const statements = (statementDate: string, companyName = 'Shenzhen Bright Tools Co., Ltd.') =>
    uploaded('doc-accounts', 'FINANCIAL_STATEMENT', { companyName, statementDate });

  it('passes HIGH_VALUE statements whose period ended within 18 months', () => {
    // Prepare / Act
    const result = checkFinancialStatements(
      businessInput([...brightToolsDocuments(), statements('2024-12-31')], 'HIGH_VALUE'),
    );
    // Assess
    expect(result).toMatchObject({
      checkId: 'FINANCIAL_STATEMENTS_PRESENT',
      outcome: 'PASS',
      reason: 'FINANCIAL_STATEMENT doc-accounts is dated 2024-12-31, within 18 months',
    });
  });

  it('fails statements whose period ended longer ago', () => {
    // Prepare / Act
    const result = checkFinancialStatements(businessInput([statements('2024-09-09')], 'HIGH_VALUE'));
    // Assess
    expect(result.outcome).toBe('FAIL');
    expect(result.reason).toContain('more than 18 months before today (2026-03-10); the oldest accepted is 2024-09-10');
  });

  it('fails statements of another company', () => {
    // Prepare / Act
    const result = checkFinancialStatements(
      businessInput([statements('2025-12-31', 'Guangzhou Bright Lights Ltd')], 'HIGH_VALUE'),
    );
    // Assess
    expect(result.outcome).toBe('FAIL');
    expect(result.reason).toBe(
      'FINANCIAL_STATEMENT doc-accounts is issued to "Guangzhou Bright Lights Ltd", not "Shenzhen Bright Tools Co., Ltd."',
    );
  });

  it('asks a HIGH_VALUE case for its statements, and does not apply to STANDARD cases', () => {
    // Prepare / Act
    const missing = checkFinancialStatements(individualInput([erikaPassport()], { tier: 'HIGH_VALUE' }));
    const standard = checkFinancialStatements(businessInput(brightToolsDocuments(), 'STANDARD'));
    // Assess
    expect(missing).toMatchObject({
      outcome: 'INCOMPLETE',
      requests: [{ requirement: 'FINANCIAL_STATEMENT', acceptedTypes: ['FINANCIAL_STATEMENT'], reason: 'missing' }],
    });
    expect(standard).toMatchObject({
      outcome: 'NOT_APPLICABLE',
      reason: 'Only HIGH_VALUE cases need financial statements',
    });
  });
});
