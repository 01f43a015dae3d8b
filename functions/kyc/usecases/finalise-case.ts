import type { FindReviewTask } from '../../kernel/review/review-opening';
import { computeReviewDueAt, readStanding, stickyStandings } from '../../kernel/parties/models/kyc-standing';
import {
  findPartyProfile,
  kycOutcomeUpdate,
  type PartyProfile,
} from '../../kernel/parties/repositories/party-repository';
import { systemActor } from '../../commons/timeline-actor';
import { describeCaseParty } from '../models/case-party-facts';
import { caseDecisionMessages } from '../models/case-view-policy';
import { CaseStateError } from '../models/case-state-error';
import type { CaseDecision, KycCase } from '../models/kyc-case';
import { findCase, type CaseStore } from '../repositories/case-repository';
import { updateCaseWithEvents } from '../repositories/case-workflow-repository';

/** How a case ends, and who ended it. */
export interface FinaliseCaseInput {
  caseId: string;
  status: CaseDecision['status'];
  /** The review task whose decision this is; absent for automatic approval and expiry. */
  taskId?: string;
}

const openStatuses = ['PROCESSING', 'IN_REVIEW', 'INFO_REQUESTED'];

/**
 * Records the final decision on the case with its reasons and who made it, and the party's KYC standing
 * with it. A retried step finds the case already decided and changes nothing.
 */
export async function finaliseCase(
  deps: { cases: CaseStore; findReviewTask: FindReviewTask; now: () => Date },
  input: FinaliseCaseInput,
): Promise<{ status: string }> {
  const kycCase = await findCase(deps.cases, input.caseId);
  if (!kycCase) throw new CaseStateError(`There is no KYC case ${input.caseId}`);
  if (kycCase.decision) return { status: kycCase.status };
  if (!openStatuses.includes(kycCase.status)) {
    throw new CaseStateError(`Case ${input.caseId} is ${kycCase.status} and cannot become ${input.status}`);
  }
  const at = deps.now().toISOString();
  const profile = await findPartyProfile(deps.cases, kycCase.partyId);
  const standing = readStanding(profile);
  // human decisions stick: assessCase sends such cases to review; this guards a standing that changed since
  if (!input.taskId && input.status === 'APPROVED' && stickyStandings.includes(standing)) {
    throw new CaseStateError(
      `${standing === 'SUSPENDED' ? 'SUSPENDED' : 'PREVIOUSLY_REJECTED'}: party ${kycCase.partyId} is ${standing}; ` +
        'only a reviewer may approve it',
    );
  }
  const decision = await describeDecision(deps, kycCase, input, at);
  const decided = await updateCaseWithEvents(
    deps.cases,
    input.caseId,
    {
      set: { status: input.status, decision, updatedAt: at },
      remove: ['resubmissionToken'],
      condition: '#status = :from AND attribute_not_exists(#decision)',
      conditionValues: { ':from': kycCase.status },
    },
    [
      {
        at,
        type: 'STATUS_CHANGED',
        actor: decision.decidedBy,
        detail: { from: kycCase.status, to: input.status, reason: decision.reasons.join('; ') },
      },
      {
        at,
        type: 'CASE_DECIDED',
        actor: decision.decidedBy,
        detail: {
          status: input.status,
          partyId: kycCase.partyId,
          ...(input.status === 'APPROVED' ? { tier: describeApproval(kycCase, profile, at).tier } : {}),
          reasons: decision.reasons,
          message: decision.message ?? caseDecisionMessages[input.status],
          ...(input.taskId ? { taskId: input.taskId } : {}),
        },
      },
    ],
    `finalise:${input.caseId}`,
    [
      kycOutcomeUpdate(deps.cases, {
        partyId: kycCase.partyId,
        status: input.status,
        caseId: input.caseId,
        at,
        automatic: !input.taskId,
        ...(input.status === 'APPROVED'
          ? { facts: describeCaseParty(kycCase), approval: describeApproval(kycCase, profile, at) }
          : {}),
      }),
    ],
  );
  if (!decided) return finaliseCase(deps, input);
  return { status: input.status };
}

/** The tier, risk level and periodic review an approval gives the party; a HIGH_VALUE tier is kept. */
function describeApproval(kycCase: KycCase, profile: PartyProfile | undefined, at: string) {
  const riskLevel = kycCase.assessment?.risk.level ?? 'LOW';
  return {
    tier:
      profile?.tier === 'HIGH_VALUE' || kycCase.tier === 'HIGH_VALUE' ? ('HIGH_VALUE' as const) : ('STANDARD' as const),
    riskLevel,
    reviewDueAt: computeReviewDueAt(at, riskLevel, undefined, kycCase.assessment?.identityValidUntil),
  };
}

async function describeDecision(
  deps: { findReviewTask: FindReviewTask },
  kycCase: KycCase,
  input: FinaliseCaseInput,
  at: string,
): Promise<CaseDecision> {
  if (input.taskId) {
    const task = await deps.findReviewTask(input.taskId);
    if (!task?.decision) throw new CaseStateError(`Review task ${input.taskId} has no decision`);
    return {
      status: input.status,
      reasons: [task.decision.reason],
      ...(task.decision.clientMessage ? { message: task.decision.clientMessage } : {}),
      decidedBy: { kind: 'USER', subject: task.decision.decidedBy.subject, role: task.decision.decidedBy.role },
      decidedAt: task.decision.decidedAt,
      taskId: task.taskId,
    };
  }
  const reasons =
    input.status === 'EXPIRED'
      ? ['The requested documents were not submitted within 14 days']
      : [
          'Every document check passed',
          `Risk ${kycCase.assessment?.risk.level ?? 'LOW'} (score ${kycCase.assessment?.risk.score ?? 0})`,
        ];
  return { status: input.status, reasons, decidedBy: systemActor, decidedAt: at };
}
