import { runDocumentChecks } from '../checks/run-document-checks';
import { findIdentityValidUntil } from '../checks/check-document-expiry';
import { defaultCheckSettings, type CheckSettings } from '../checks/check-settings';
import { readStanding } from '../../kernel/parties/models/kyc-standing';
import { findPartyProfile } from '../../kernel/parties/repositories/party-repository';
import { decideCaseOutcome } from '../decision/decide-case-outcome';
import { systemActor } from '../../commons/timeline-actor';
import { CaseStateError } from '../models/case-state-error';
import type { CaseAssessment, CaseOutcome, TimelineEvent } from '../models/kyc-case';
import { scoreKycRisk } from '../risk/score-kyc-risk';
import { findCaseAggregate, type CaseStore } from '../repositories/case-repository';
import { updateCaseWithEvents } from '../repositories/case-workflow-repository';

/**
 * Checks the case's documents, scores its risk and decides what happens next: APPROVE, REQUEST_INFO
 * (with the documents to ask for) or REVIEW. Each check, the score and the outcome go on the timeline.
 * A retried step finds the round assessed and returns the same outcome.
 */
export async function assessCase(
  deps: { cases: CaseStore; now: () => Date; settings?: CheckSettings },
  input: { caseId: string },
): Promise<{ outcome: CaseOutcome }> {
  const aggregate = await findCaseAggregate(deps.cases, input.caseId);
  if (!aggregate) throw new CaseStateError(`There is no KYC case ${input.caseId}`);
  const { kycCase, documents } = aggregate;
  const round = kycCase.processingRound ?? 0;
  if (kycCase.assessment?.round === round) return { outcome: kycCase.assessment.outcome };
  if (kycCase.screening?.round !== round) {
    throw new CaseStateError(`Case ${input.caseId} has not been screened in round ${round}`);
  }

  const now = deps.now();
  const checkInput = { kycCase, documents, now, settings: deps.settings ?? defaultCheckSettings };
  const checks = runDocumentChecks(checkInput);
  const identityValidUntil = findIdentityValidUntil(checkInput);
  const risk = scoreKycRisk({
    partyType: kycCase.partyType,
    tier: kycCase.tier,
    applicant: kycCase.applicant,
    checks,
    screening: kycCase.screening,
  });
  const standing = readStanding(await findPartyProfile(deps.cases, kycCase.partyId));
  const decision = decideCaseOutcome(checks, risk, {
    ...(standing === 'REJECTED' || standing === 'SUSPENDED' ? { stickyStanding: standing } : {}),
    answeredQuestions: (kycCase.questions ?? []).some((question) => question.answer),
  });
  const at = now.toISOString();
  const assessment: CaseAssessment = {
    round,
    checks,
    risk,
    outcome: decision.outcome,
    reasons: decision.reasons,
    assessedAt: at,
    ...(identityValidUntil ? { identityValidUntil } : {}),
  };
  const events: TimelineEvent[] = [
    ...checks.map((check) => ({
      at,
      type: 'CHECK_COMPLETED',
      actor: systemActor,
      detail: { checkId: check.checkId, outcome: check.outcome, reason: check.reason, documentIds: check.documentIds },
    })),
    {
      at,
      type: 'RISK_SCORED',
      actor: systemActor,
      detail: { score: risk.score, level: risk.level, modelVersion: risk.modelVersion, factors: risk.factors },
    },
    {
      at,
      type: 'ASSESSMENT_COMPLETED',
      actor: systemActor,
      detail: { round, outcome: decision.outcome, reasons: decision.reasons },
    },
  ];
  await updateCaseWithEvents(
    deps.cases,
    input.caseId,
    {
      set: {
        assessment,
        updatedAt: at,
        ...(decision.outcome === 'REQUEST_INFO' ? { requestedDocuments: decision.requestedDocuments } : {}),
      },
      condition: '#processingRound = :round AND (attribute_not_exists(#assessment) OR #assessment.#round <> :round)',
      conditionValues: { ':round': round },
    },
    events,
    `assessment:${input.caseId}:${round}`,
  );
  return { outcome: decision.outcome };
}
