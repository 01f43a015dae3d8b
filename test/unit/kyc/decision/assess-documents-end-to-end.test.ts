import { runDocumentChecks } from '../../../../functions/kyc/checks/run-document-checks';
import { decideCaseOutcome } from '../../../../functions/kyc/decision/decide-case-outcome';
import { scoreKycRisk } from '../../../../functions/kyc/risk/score-kyc-risk';
import type { DocumentCheckInput } from '../../../../functions/kyc/checks/check-input';
import { erikaPassport, erikaUtilityBill, individualInput } from '../checks/check-fixtures';
import { screenedParty, screening } from '../risk/risk-fixtures';

/** Checks, scores and decides a case the way the workflow's assessment step does. */
function assess(input: DocumentCheckInput, hits: number[] = []) {
  const checks = runDocumentChecks(input);
  const risk = scoreKycRisk({
    partyType: input.kycCase.partyType,
    tier: input.kycCase.tier,
    applicant: input.kycCase.applicant,
    checks,
    screening: screening([screenedParty('Erika Mustermann', hits)]),
  });
  return decideCaseOutcome(checks, risk);
}

describe('checks, risk and decision together', () => {
  it('approves a complete, consistent individual case with a clean screening', () => {
    // Prepare / Act
    const decision = assess(individualInput([erikaPassport(), erikaUtilityBill()]));
    // Assess
    expect(decision.outcome).toBe('APPROVE');
  });

  it('asks for the proof of address when it is missing', () => {
    // Prepare / Act
    const decision = assess(individualInput([erikaPassport()]));
    // Assess
    expect(decision).toMatchObject({
      outcome: 'REQUEST_INFO',
      requestedDocuments: [{ requirement: 'PROOF_OF_ADDRESS', acceptedTypes: ['PROOF_OF_ADDRESS'], reason: 'missing' }],
    });
  });

  it('sends a case with an expired passport, or with a sanctions hit, to review', () => {
    // Prepare / Act
    const expired = assess(individualInput([erikaPassport({ expiryDate: '2025-01-31' }), erikaUtilityBill()]));
    const hit = assess(individualInput([erikaPassport(), erikaUtilityBill()]), [0.83]);
    // Assess
    expect(expired.outcome).toBe('REVIEW');
    expect(expired.reasons[0]).toBe('DOCUMENT_NOT_EXPIRED failed: PASSPORT doc-passport expired on 2025-01-31');
    expect(hit.outcome).toBe('REVIEW');
    expect(hit.reasons.at(-1)).toBe('Risk HIGH (score 45, model 2026-12-04)');
  });
});
