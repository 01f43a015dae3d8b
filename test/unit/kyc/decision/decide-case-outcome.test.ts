import { decideCaseOutcome } from '../../../../functions/kyc/decision/decide-case-outcome';
import type { CheckResult, RiskAssessment } from '../../../../functions/kyc/models/case-assessment';
import { kycCheckIds } from '../../../../functions/kyc/models/case-assessment';

const identityTypes = ['PASSPORT', 'NATIONAL_ID', 'DRIVERS_LICENSE'];

function checks(overrides: Partial<Record<CheckResult['checkId'], Partial<CheckResult>>> = {}): CheckResult[] {
  return kycCheckIds.map((checkId) => ({
    checkId,
    outcome: 'PASS',
    reason: `${checkId} passed`,
    documentIds: [],
    ...overrides[checkId],
  }));
}

function risk(level: RiskAssessment['level'], score: number, factors: RiskAssessment['factors'] = []): RiskAssessment {
  return { level, score, factors, modelVersion: '2026-11-01' };
}

describe('decideCaseOutcome', () => {
  it('approves a LOW-risk case whose checks all passed or did not apply', () => {
    // Prepare
    const results = checks({ TAX_ID_MATCHES: { outcome: 'NOT_APPLICABLE' } });
    // Act
    const decision = decideCaseOutcome(results, risk('LOW', 0));
    // Assess
    expect(decision).toEqual({
      outcome: 'APPROVE',
      reasons: ['All checks passed; Risk LOW (score 0, model 2026-11-01)'],
      requestedDocuments: [],
    });
  });

  it('requests every missing or unreadable document at once, one request per requirement', () => {
    // Prepare
    const results = checks({
      REQUIRED_DOCUMENTS_PRESENT: {
        outcome: 'INCOMPLETE',
        reason: '1 of 2 required documents are missing or unreadable: PROOF_OF_ADDRESS is missing',
        requests: [{ requirement: 'PROOF_OF_ADDRESS', acceptedTypes: ['PROOF_OF_ADDRESS'], reason: 'missing' }],
      },
      DOCUMENT_NOT_EXPIRED: {
        outcome: 'INCOMPLETE',
        reason: 'No expiry date could be read on PASSPORT doc-1',
        requests: [
          {
            requirement: 'IDENTITY_DOCUMENT',
            acceptedTypes: identityTypes,
            reason: 'unreadable: no expiry date could be read',
          },
        ],
      },
      DATE_OF_BIRTH_MATCHES: {
        outcome: 'INCOMPLETE',
        reason: 'No date of birth could be read on PASSPORT doc-1',
        requests: [
          {
            requirement: 'IDENTITY_DOCUMENT',
            acceptedTypes: identityTypes,
            reason: 'unreadable: no date of birth could be read',
          },
        ],
      },
      NAME_MATCHES: { outcome: 'FAIL', reason: 'The name differs' },
    });
    // Act
    const decision = decideCaseOutcome(results, risk('HIGH', 90));
    // Assess
    expect(decision.outcome).toBe('REQUEST_INFO');
    expect(decision.requestedDocuments).toEqual([
      { requirement: 'PROOF_OF_ADDRESS', acceptedTypes: ['PROOF_OF_ADDRESS'], reason: 'missing' },
      {
        requirement: 'IDENTITY_DOCUMENT',
        acceptedTypes: identityTypes,
        reason: 'unreadable: no expiry date could be read; unreadable: no date of birth could be read',
      },
    ]);
    expect(decision.reasons).toEqual([
      'REQUIRED_DOCUMENTS_PRESENT: 1 of 2 required documents are missing or unreadable: PROOF_OF_ADDRESS is missing',
      'DOCUMENT_NOT_EXPIRED: No expiry date could be read on PASSPORT doc-1',
      'DATE_OF_BIRTH_MATCHES: No date of birth could be read on PASSPORT doc-1',
    ]);
  });

  it('does not repeat the same request reason from two checks', () => {
    // Prepare
    const request = { requirement: 'IDENTITY_DOCUMENT', acceptedTypes: identityTypes, reason: 'missing' };
    const results = checks({
      REQUIRED_DOCUMENTS_PRESENT: { outcome: 'INCOMPLETE', requests: [request] },
      NAME_MATCHES: { outcome: 'INCOMPLETE', requests: [request] },
    });
    // Act
    const decision = decideCaseOutcome(results, risk('LOW', 0));
    // Assess
    expect(decision.requestedDocuments).toEqual([request]);
  });

  it('sends a LOW-risk case with a failed check to review, naming the check', () => {
    // Prepare
    const results = checks({
      DOCUMENT_NOT_EXPIRED: { outcome: 'FAIL', reason: 'PASSPORT doc-1 expired on 2012-04-15' },
    });
    // Act
    const decision = decideCaseOutcome(results, risk('LOW', 15));
    // Assess
    expect(decision).toEqual({
      outcome: 'REVIEW',
      reasons: [
        'DOCUMENT_NOT_EXPIRED failed: PASSPORT doc-1 expired on 2012-04-15',
        'Risk LOW (score 15, model 2026-11-01)',
      ],
      requestedDocuments: [],
    });
  });

  it('sends a case with a screening hit to review with the hit as a reason, though every check passed', () => {
    // Prepare
    const assessment = risk('HIGH', 30, [
      { factorId: 'screening-hit:applicant', points: 30, detail: 'individual "Ana Souza" resembles "ANA SOUSA"' },
      { factorId: 'tier:HIGH_VALUE', points: 15, detail: 'HIGH_VALUE tier' },
    ]);
    // Act
    const decision = decideCaseOutcome(checks(), assessment);
    // Assess
    expect(decision.outcome).toBe('REVIEW');
    expect(decision.reasons).toEqual([
      'Screening hit: individual "Ana Souza" resembles "ANA SOUSA"',
      'Risk HIGH (score 30, model 2026-11-01)',
    ]);
  });

  it('sends a MEDIUM-risk case to review', () => {
    // Prepare / Act
    const decision = decideCaseOutcome(checks(), risk('MEDIUM', 35));
    // Assess
    expect(decision).toMatchObject({ outcome: 'REVIEW', reasons: ['Risk MEDIUM (score 35, model 2026-11-01)'] });
  });
});
