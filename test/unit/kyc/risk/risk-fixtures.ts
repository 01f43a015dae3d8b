import type { CaseScreening, CheckResult, ScreenedParty } from '../../../../functions/kyc/models/case-assessment';
import { kycCheckIds } from '../../../../functions/kyc/models/case-assessment';
import type { KycRiskInput } from '../../../../functions/kyc/risk/score-kyc-risk';
import { createCaseRequestSchema } from '../../../../functions/kyc/models/kyc-case';
import { businessCaseRequest, individualCaseRequest } from '../../../fixtures/kyc-requests';

/** Every check passed. */
export function passedChecks(): CheckResult[] {
  return kycCheckIds.map((checkId) => ({ checkId, outcome: 'PASS', reason: 'ok', documentIds: [] }));
}

/** A screening with the given parties, at the default threshold 0.7. */
export function screening(parties: ScreenedParty[] = []): CaseScreening {
  return { listVersion: '2026-03-09', threshold: 0.7, parties, screenedAt: '2026-03-10T09:00:00.000Z' };
}

/** A screened party with hits of the given scores. */
export function screenedParty(name: string, scores: number[], partyRef = 'applicant'): ScreenedParty {
  return {
    partyRef,
    role: partyRef === 'applicant' ? 'INDIVIDUAL' : 'DIRECTOR',
    name,
    hits: scores.map((score, i) => ({
      entityId: `ofac-${i}`,
      type: 'PERSON',
      name: `Listed ${name}`,
      matchedName: `LISTED ${name.toUpperCase()}`,
      score,
      lists: ['OFAC SDN'],
      programs: ['RUSSIA-EO14024'],
      explanation: [],
    })),
  };
}

/** Risk input of an individual, with applicant overrides. */
export function individualRisk(
  applicant: Record<string, unknown> = {},
  rest: Partial<KycRiskInput> = {},
): KycRiskInput {
  const request = createCaseRequestSchema.parse(
    individualCaseRequest({ nationality: 'DE', countryOfResidence: 'DE', ...applicant }),
  );
  return {
    partyType: request.partyType,
    tier: request.tier,
    applicant: request.applicant,
    checks: passedChecks(),
    screening: screening([screenedParty('Ana Souza', [])]),
    ...rest,
  };
}

/** Risk input of the Shenzhen Bright Tools business case. */
export function businessRisk(
  tier: 'STANDARD' | 'HIGH_VALUE' = 'STANDARD',
  rest: Partial<KycRiskInput> = {},
): KycRiskInput {
  const request = createCaseRequestSchema.parse(businessCaseRequest(tier));
  return {
    partyType: request.partyType,
    tier: request.tier,
    applicant: request.applicant,
    checks: passedChecks(),
    screening: screening(),
    ...rest,
  };
}
