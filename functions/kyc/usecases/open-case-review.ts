import type { OpenReviewTask, ReviewOpening } from '../../kernel/review/review-opening';
import { systemActor } from '../../commons/timeline-actor';
import { CaseStateError } from '../models/case-state-error';
import type { KycCase } from '../models/kyc-case';
import { findCase, type CaseStore } from '../repositories/case-repository';
import { updateCaseWithEvents } from '../repositories/case-workflow-repository';

/** What opening a review needs. */
export interface OpenCaseReviewDeps {
  cases: CaseStore;
  /** Review's service: opens the task, or gives an open one the workflow's new token. */
  openReviewTask: OpenReviewTask;
}

/**
 * Opens a KYC_REVIEW task for the case and keeps the workflow's task token on it; the reviewer's
 * decision completes it (review's `openReviewTask` does the waiting again and the escalation). The case
 * goes IN_REVIEW with the task, in one transaction.
 */
export async function openCaseReview(
  deps: OpenCaseReviewDeps,
  input: { caseId: string; taskToken: string },
): Promise<{ taskId: string }> {
  return deps.openReviewTask(input, async (): Promise<ReviewOpening> => {
    const kycCase = await findCase(deps.cases, input.caseId);
    if (!kycCase) throw new CaseStateError(`There is no KYC case ${input.caseId}`);
    const waitingAgain = kycCase.status === 'IN_REVIEW' && kycCase.reviewTaskId;
    if (!waitingAgain && kycCase.status !== 'PROCESSING') {
      throw new CaseStateError(`Case ${input.caseId} is ${kycCase.status}; a review cannot be opened`);
    }
    return {
      kind: 'KYC_REVIEW',
      subject: { type: 'KYC_CASE', id: kycCase.caseId, partyId: kycCase.partyId, openedBy: kycCase.createdBy },
      reasons: describeReviewReasons(kycCase),
      ...(waitingAgain ? { existingTaskId: kycCase.reviewTaskId } : {}),
      stateError: (message) => new CaseStateError(message),
      record: (task, taskPut) =>
        updateCaseWithEvents(
          deps.cases,
          kycCase.caseId,
          {
            set: { status: 'IN_REVIEW', reviewTaskId: task.taskId, updatedAt: task.createdAt },
            condition: '#status = :processing',
            conditionValues: { ':processing': 'PROCESSING' },
          },
          [
            {
              at: task.createdAt,
              type: 'STATUS_CHANGED',
              actor: systemActor,
              detail: { from: 'PROCESSING', to: 'IN_REVIEW', reason: 'Handed to a reviewer' },
            },
            {
              at: task.createdAt,
              type: 'REVIEW_TASK_OPENED',
              actor: systemActor,
              detail: { taskId: task.taskId, kind: task.kind, dueAt: task.dueAt, reasons: task.reasons },
            },
          ],
          `open-review:${task.taskId}`,
          [taskPut],
        ),
    };
  });
}

/** Why the case needs a person: the assessment's reasons, or the failure that stopped processing. */
function describeReviewReasons(kycCase: KycCase): string[] {
  const round = kycCase.processingRound ?? 0;
  if (kycCase.assessment?.round === round && kycCase.assessment.reasons.length > 0) return kycCase.assessment.reasons;
  if (kycCase.failure) return [`Automatic processing failed (${kycCase.failure.error}); check the case by hand`];
  return ['The automatic assessment did not approve the case'];
}
