import { generateId } from '../../commons/ids';
import { addBusinessDays } from '../../review/models/business-days';
import type { ReviewTask } from '../../review/models/review-task';
import {
  findReviewTask,
  replaceTaskToken,
  reviewTaskPut,
  type ReviewTaskStore,
} from '../../review/repositories/review-task-repository';
import { systemActor } from '../models/case-access';
import { CaseStateError } from '../models/case-state-error';
import type { KycCase } from '../models/kyc-case';
import { findCase, type CaseStore } from '../repositories/case-repository';
import { updateCaseWithEvents } from '../repositories/case-workflow-repository';
import type { CaseWorkflowControl } from './case-workflow-control';

/** Business days a reviewer has for a KYC review. */
export const KYC_REVIEW_BUSINESS_DAYS = 3;

/** What opening a review needs. */
export interface OpenCaseReviewDeps {
  cases: CaseStore;
  tasks: ReviewTaskStore;
  workflow: Pick<CaseWorkflowControl, 'resume'>;
  /** Starts the timer that escalates the task when it falls due. */
  scheduleEscalation: (taskId: string, dueAt: string) => Promise<void>;
  now: () => Date;
}

/** The answer a decided review sends to the waiting workflow; ids only. */
export function reviewOutcome(task: ReviewTask): { taskId: string; decision: string } {
  return { taskId: task.taskId, decision: task.decision!.decision };
}

/**
 * Opens a KYC_REVIEW task for the case and keeps the workflow's task token on it; the reviewer's
 * decision completes it. When the workflow waits again on the same review (a timeout, a retried step),
 * the open task gets the new token; if the reviewer decided in between, the decision is sent at once.
 */
export async function openCaseReview(
  deps: OpenCaseReviewDeps,
  input: { caseId: string; taskToken: string },
): Promise<{ taskId: string }> {
  const kycCase = await findCase(deps.cases, input.caseId);
  if (!kycCase) throw new CaseStateError(`There is no KYC case ${input.caseId}`);

  if (kycCase.status === 'IN_REVIEW' && kycCase.reviewTaskId) {
    const task = await findReviewTask(deps.tasks, kycCase.reviewTaskId);
    if (!task) throw new CaseStateError(`Review task ${kycCase.reviewTaskId} of case ${input.caseId} is missing`);
    if (await replaceTaskToken(deps.tasks, task.taskId, input.taskToken)) {
      await deps.scheduleEscalation(task.taskId, task.dueAt);
      return { taskId: task.taskId };
    }
    const decided = await findReviewTask(deps.tasks, task.taskId);
    await deps.workflow.resume(input.taskToken, reviewOutcome(decided!));
    return { taskId: task.taskId };
  }
  if (kycCase.status !== 'PROCESSING') {
    throw new CaseStateError(`Case ${input.caseId} is ${kycCase.status}; a review cannot be opened`);
  }

  const now = deps.now();
  const at = now.toISOString();
  const task: ReviewTask = {
    taskId: generateId('task'),
    kind: 'KYC_REVIEW',
    status: 'OPEN',
    subject: { type: 'KYC_CASE', id: kycCase.caseId, partyId: kycCase.partyId, openedBy: kycCase.createdBy },
    reasons: describeReviewReasons(kycCase),
    createdAt: at,
    dueAt: addBusinessDays(now, KYC_REVIEW_BUSINESS_DAYS).toISOString(),
    escalated: false,
    taskToken: input.taskToken,
  };
  const opened = await updateCaseWithEvents(
    deps.cases,
    kycCase.caseId,
    {
      set: { status: 'IN_REVIEW', reviewTaskId: task.taskId, updatedAt: at },
      condition: '#status = :processing',
      conditionValues: { ':processing': 'PROCESSING' },
    },
    [
      {
        at,
        type: 'STATUS_CHANGED',
        actor: systemActor,
        detail: { from: 'PROCESSING', to: 'IN_REVIEW', reason: 'Handed to a reviewer' },
      },
      {
        at,
        type: 'REVIEW_TASK_OPENED',
        actor: systemActor,
        detail: { taskId: task.taskId, dueAt: task.dueAt, reasons: task.reasons },
      },
    ],
    `open-review:${task.taskId}`,
    [reviewTaskPut(deps.tasks, task)],
  );
  if (!opened) return openCaseReview(deps, input);
  await deps.scheduleEscalation(task.taskId, task.dueAt);
  return { taskId: task.taskId };
}

/** Why the case needs a person: the assessment's reasons, or the failure that stopped processing. */
function describeReviewReasons(kycCase: KycCase): string[] {
  const round = kycCase.processingRound ?? 0;
  if (kycCase.assessment?.round === round && kycCase.assessment.reasons.length > 0) return kycCase.assessment.reasons;
  if (kycCase.failure) return [`Automatic processing failed (${kycCase.failure.error}); check the case by hand`];
  return ['The automatic assessment did not approve the case'];
}
