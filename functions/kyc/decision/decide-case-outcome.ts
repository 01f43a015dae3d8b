import type { CheckResult, DocumentRequest, RiskAssessment } from '../models/case-assessment';
import type { CaseOutcome } from '../models/kyc-case';

/** What the automatic assessment concludes, and why. */
export interface CaseOutcomeDecision {
  outcome: CaseOutcome;
  reasons: string[];
  /** For REQUEST_INFO: every document to ask for, one request per requirement. */
  requestedDocuments: DocumentRequest[];
}

/** One request per requirement; reasons of several checks for the same requirement are joined. */
function mergeRequests(checks: readonly CheckResult[]): DocumentRequest[] {
  const merged = new Map<string, DocumentRequest>();
  for (const request of checks.flatMap((check) => check.requests ?? [])) {
    const current = merged.get(request.requirement);
    if (!current) merged.set(request.requirement, { ...request, acceptedTypes: [...request.acceptedTypes] });
    else if (!current.reason.split('; ').includes(request.reason)) current.reason += `; ${request.reason}`;
  }
  return [...merged.values()];
}

/**
 * Decides a case from its checks and risk:
 * - any INCOMPLETE check → REQUEST_INFO, asking for every missing or unreadable document at once;
 * - no FAIL and LOW risk → APPROVE;
 * - otherwise → REVIEW, with the failed checks, the screening hits and the risk level as reasons.
 */
export function decideCaseOutcome(
  checks: readonly CheckResult[],
  risk: RiskAssessment,
  humans: {
    /** A standing only a reviewer may change: the case can end in review, never in an automatic approval. */
    stickyStanding?: 'REJECTED' | 'SUSPENDED';
    /** The applicant answered a reviewer's questions: a human asked, a human reads. */
    answeredQuestions?: boolean;
  } = {},
): CaseOutcomeDecision {
  const { stickyStanding } = humans;
  const incomplete = checks.filter((check) => check.outcome === 'INCOMPLETE');
  if (incomplete.length) {
    return {
      outcome: 'REQUEST_INFO',
      reasons: incomplete.map((check) => `${check.checkId}: ${check.reason}`),
      requestedDocuments: mergeRequests(incomplete),
    };
  }
  const failed = checks.filter((check) => check.outcome === 'FAIL');
  const riskReason = `Risk ${risk.level} (score ${risk.score}, model ${risk.modelVersion})`;
  const standingReasons = [
    ...(stickyStanding ? [standingReason(stickyStanding)] : []),
    ...(humans.answeredQuestions
      ? ["ANSWERS_TO_READ: the applicant answered a reviewer's questions; a reviewer reads the answers"]
      : []),
  ];
  if (!failed.length && risk.level === 'LOW' && standingReasons.length === 0) {
    return { outcome: 'APPROVE', reasons: [`All checks passed; ${riskReason}`], requestedDocuments: [] };
  }
  const hits = risk.factors.filter((factor) => factor.factorId.startsWith('screening-hit:'));
  return {
    outcome: 'REVIEW',
    reasons: [
      ...standingReasons,
      ...failed.map((check) => `${check.checkId} failed: ${check.reason}`),
      ...hits.map((factor) => `Screening hit: ${factor.detail}`),
      riskReason,
    ],
    requestedDocuments: [],
  };
}

/** Why a case of a party whose standing only a reviewer may change goes to review. */
export function standingReason(standing: 'REJECTED' | 'SUSPENDED'): string {
  return standing === 'SUSPENDED'
    ? 'SUSPENDED: the party is suspended; only a reviewer may lift it'
    : 'PREVIOUSLY_REJECTED: a reviewer rejected this party before; only a reviewer may approve it now';
}
