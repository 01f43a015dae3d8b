import { decideCaseOutcome } from '../../../../functions/kyc/decision/decide-case-outcome';
import type { CheckResult, RiskAssessment } from '../../../../functions/kyc/models/case-assessment';
import {
  computeReviewDueAt,
  isKycApproved,
  loadKycStandingRules,
  readStanding,
} from '../../../../functions/kernel/parties/models/kyc-standing';
import { kycOutcomeUpdate, openCaseUpdate } from '../../../../functions/kernel/parties/repositories/party-repository';
import { getKycStanding } from '../../../../functions/parties/usecases/get-kyc-standing';

describe('readStanding', () => {
  it.each([
    [undefined, 'NONE'],
    [{}, 'NONE'],
    [{ openCases: 0 }, 'NONE'],
    [{ openCases: 1 }, 'PENDING'],
    [{ kycStatus: 'EXPIRED' as const }, 'NONE'],
    [{ kycStatus: 'EXPIRED' as const, openCases: 2 }, 'PENDING'],
    [{ kycStatus: 'APPROVED' as const, openCases: 1 }, 'APPROVED'],
    [{ kycStatus: 'REJECTED' as const, openCases: 1 }, 'REJECTED'],
    [{ kycStatus: 'SUSPENDED' as const }, 'SUSPENDED'],
  ])('reads %j as %s', (profile, standing) => {
    // Assess
    expect(readStanding(profile)).toBe(standing);
    expect(isKycApproved(profile)).toBe(standing === 'APPROVED');
  });
});

describe('the standing policy', () => {
  it('ships at most 3 open cases and reviews HIGH risk yearly, LOW every 3 years', () => {
    // Act
    const rules = loadKycStandingRules();

    // Assess
    expect(rules.maxOpenCases).toBe(3);
    expect(computeReviewDueAt('2026-02-28T10:00:00.000Z', 'HIGH')).toBe('2027-02-28T10:00:00.000Z');
    expect(computeReviewDueAt('2026-02-28T10:00:00.000Z', 'LOW')).toBe('2029-02-28T10:00:00.000Z');
  });
});

describe('decideCaseOutcome with a standing only a reviewer may change', () => {
  const passed: CheckResult[] = [{ checkId: 'NAME_MATCHES', outcome: 'PASS', reason: 'ok', documentIds: [] }];
  const low: RiskAssessment = { score: 0, level: 'LOW', factors: [], modelVersion: 'm' };

  it('sends a clean case of a rejected party to review, saying why', () => {
    // Act
    const decision = decideCaseOutcome(passed, low, { stickyStanding: 'REJECTED' });

    // Assess
    expect(decision.outcome).toBe('REVIEW');
    expect(decision.reasons[0]).toMatch(/^PREVIOUSLY_REJECTED: /);
  });

  it('sends a clean case of a suspended party to review', () => {
    // Act
    const decision = decideCaseOutcome(passed, low, { stickyStanding: 'SUSPENDED' });

    // Assess
    expect(decision).toMatchObject({
      outcome: 'REVIEW',
      reasons: [expect.stringMatching(/^SUSPENDED: /), expect.any(String)],
    });
  });

  it('still asks first for documents that are missing', () => {
    // Prepare
    const incomplete: CheckResult[] = [
      {
        checkId: 'REQUIRED_DOCUMENTS_PRESENT',
        outcome: 'INCOMPLETE',
        reason: 'missing',
        documentIds: [],
        requests: [{ requirement: 'PROOF_OF_ADDRESS', acceptedTypes: ['PROOF_OF_ADDRESS'], reason: 'missing' }],
      },
    ];

    // Act
    const decision = decideCaseOutcome(incomplete, low, { stickyStanding: 'REJECTED' });

    // Assess
    expect(decision.outcome).toBe('REQUEST_INFO');
  });

  it('sends a clean case whose applicant answered questions back to a reviewer', () => {
    // Act
    const decision = decideCaseOutcome(passed, low, { answeredQuestions: true });

    // Assess
    expect(decision).toMatchObject({
      outcome: 'REVIEW',
      reasons: [expect.stringMatching(/^ANSWERS_TO_READ: /), expect.any(String)],
    });
  });

  it('approves a clean case of a party nobody rejected', () => {
    // Assess
    expect(decideCaseOutcome(passed, low).outcome).toBe('APPROVE');
  });
});

describe('kycOutcomeUpdate', () => {
  const store = { db: undefined as never, tableName: 't' };
  const base = { partyId: 'party_1', caseId: 'kyc_1', at: '2026-12-01T00:00:00.000Z' };

  it('guards an automatic approval against a standing only a reviewer may change', () => {
    // Act
    const { Update } = kycOutcomeUpdate(store, { ...base, status: 'APPROVED', automatic: true });

    // Assess
    expect(Update.ConditionExpression).toBe(
      'attribute_not_exists(kycStatus) OR NOT kycStatus IN (:rejected, :suspended)',
    );
  });

  it("lets a reviewer's decision through, and an expiry close the case without touching the standing", () => {
    // Act
    const reviewed = kycOutcomeUpdate(store, { ...base, status: 'APPROVED', automatic: false }).Update;
    const expired = kycOutcomeUpdate(store, { ...base, status: 'EXPIRED', automatic: true }).Update;

    // Assess
    expect(reviewed).not.toHaveProperty('ConditionExpression');
    expect(expired).not.toHaveProperty('ConditionExpression');
    expect(expired.UpdateExpression).not.toContain('kycStatus');
    // a case from before the counter finds none, and leaves 0 rather than -1
    expect(expired.UpdateExpression).toContain('openCases = if_not_exists(openCases, :one) - :one');
  });

  it('counts a new case only while fewer than the maximum are open', () => {
    // Act
    const { Update } = openCaseUpdate(store, 'party_1', 3);

    // Assess
    expect(Update).toMatchObject({
      UpdateExpression: 'SET entity = :entity, partyId = :partyId ADD openCases :one',
      ConditionExpression: 'attribute_not_exists(openCases) OR openCases < :max',
      ExpressionAttributeValues: { ':max': 3 },
    });
  });
});

describe('getKycStanding', () => {
  const profile = {
    pk: 'PARTY#party_1',
    sk: 'PROFILE',
    partyId: 'party_1',
    kycStatus: 'APPROVED',
    kycCaseId: 'kyc_1',
    kycDecidedAt: '2026-12-01T00:00:00.000Z',
    tier: 'HIGH_VALUE',
    riskLevel: 'MEDIUM',
    reviewDueAt: '2028-12-01T00:00:00.000Z',
    openCases: 0,
  };
  const deps = { parties: { db: { send: async () => ({ Item: profile }) } as never, tableName: 't' } };

  it('shows the party its standing and tier, without the staff-only risk and review date', async () => {
    // Act
    const view = await getKycStanding(deps, { subject: 'u', roles: ['client'], partyId: 'party_1' }, 'party_1');

    // Assess
    expect(view).toEqual({
      partyId: 'party_1',
      standing: 'APPROVED',
      tier: 'HIGH_VALUE',
      caseId: 'kyc_1',
      decidedAt: '2026-12-01T00:00:00.000Z',
    });
  });

  it('shows staff the risk level and the periodic review', async () => {
    // Act
    const view = await getKycStanding(deps, { subject: 'r', roles: ['reviewer'] }, 'party_1');

    // Assess
    expect(view).toMatchObject({ riskLevel: 'MEDIUM', reviewDueAt: '2028-12-01T00:00:00.000Z' });
  });

  it("refuses another party's client", async () => {
    // Act
    const read = getKycStanding(deps, { subject: 'u', roles: ['client'], partyId: 'party_2' }, 'party_1');

    // Assess
    await expect(read).rejects.toMatchObject({ status: 403 });
  });
});
