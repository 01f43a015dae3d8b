import type { Principal } from '../../commons/http/principal';
import { conflict, forbidden, notFound } from '../../commons/http/problem';
import { transactWrite } from '../../commons/storage/transact-write';
import type {
  RecordedDecision,
  ReviewApprovalRequest,
  ReviewHistoryEntry,
  ReviewTask,
} from '../../kernel/review/review-task';
import { findReviewTask, reviewDecisionUpdate, reviewReopenUpdate } from '../repositories/review-task-repository';
import {
  alreadyDecided,
  assertDecidesKind,
  assertMayDecide,
  explainFailedWrite,
  reviewerOf,
  type DecideReviewTaskDeps,
} from './decide-review-task';

/** The answer to an approval: the decision took effect, or the task is open again. */
export type ApprovalOutcome =
  | { taskId: string; status: 'DECIDED'; decision: RecordedDecision }
  | { taskId: string; status: 'OPEN'; rejectedProposalId: string };

/**
 * `POST /review/tasks/{taskId}/approval`: a second reviewer answers a proposal (DESIGN, "Four eyes").
 * - approve: the proposed decision takes effect, recorded with both reviewers, and the workflow resumes;
 * - reject: the task is OPEN again; the rejected proposal stays in its history.
 * The proposer may not approve their own proposal (403 SAME_REVIEWER), nor may a reviewer of the subject's
 * party. Without a pending proposal: 409 NO_PENDING_PROPOSAL. When the evidence changed since the proposal
 * (a new document, a new screening), the proposal is withdrawn, the task opens again and the answer is 409
 * EVIDENCE_CHANGED: the decision must be made again on what is there now.
 */
export async function approveReviewTask(
  deps: DecideReviewTaskDeps,
  principal: Principal,
  taskId: string,
  request: ReviewApprovalRequest,
): Promise<ApprovalOutcome> {
  const task = await findReviewTask(deps.tasks, taskId);
  if (!task) throw notFound(`There is no review task ${taskId}`);
  const proposal = task.proposal;
  if (task.status !== 'PENDING_APPROVAL' || !proposal) {
    if (task.status === 'DECIDED') throw alreadyDecided(task);
    throw conflict(`Task ${taskId} has no proposal waiting for approval`, { code: 'NO_PENDING_PROPOSAL' });
  }
  assertDecidesKind(principal, task);
  if (proposal.proposedBy.subject === principal.subject) {
    throw forbidden('The reviewer who proposed a decision cannot approve it: a second reviewer must', {
      code: 'SAME_REVIEWER',
    });
  }
  assertMayDecide(principal, task);

  const subject = deps.subjects(task);
  const at = deps.now().toISOString();
  const by = reviewerOf(principal);
  const entryOf = (action: ReviewHistoryEntry['action'], reason?: string): ReviewHistoryEntry => ({
    action,
    at,
    by: action === 'WITHDRAWN_EVIDENCE_CHANGED' ? { kind: 'SYSTEM' } : by,
    proposalId: proposal.proposalId,
    decision: proposal.decision.decision,
    ...(reason ? { reason } : {}),
  });

  if ((await subject.fingerprintEvidence(task)) !== proposal.evidenceFingerprint) {
    await reopen(deps, task, entryOf('WITHDRAWN_EVIDENCE_CHANGED', 'The evidence changed after the proposal'));
    throw conflict(
      `The evidence of task ${taskId} changed after the ${proposal.decision.decision} proposal (a new document or ` +
        'screening); the task is open again: decide it anew on what is there now',
      { code: 'EVIDENCE_CHANGED', proposalId: proposal.proposalId },
    );
  }
  if (!request.approve) {
    await reopen(deps, task, entryOf('REJECTED', request.reason));
    return { taskId, status: 'OPEN', rejectedProposalId: proposal.proposalId };
  }

  const refusal = await subject.checkDecision?.(task, proposal.decision as never);
  if (refusal) throw refusal;
  const decision: RecordedDecision = {
    ...proposal.decision,
    decidedBy: proposal.proposedBy,
    decidedAt: proposal.proposedAt,
    approvedBy: by,
    approvedAt: at,
  };
  const approved = entryOf('APPROVED', request.reason);
  try {
    await transactWrite(deps.tasks.db, `approve:${taskId}:${proposal.proposalId}`, {
      TransactItems: [
        reviewDecisionUpdate(deps.tasks, task, decision, { proposalId: proposal.proposalId, history: approved }),
        ...subject.reviewHistoryItems(task, approved),
        // the decision's own entries are dated when it takes effect
        ...subject.decisionItems(task, { ...decision, decidedAt: at }),
      ] as never,
    });
  } catch (error) {
    throw await explainFailedWrite(deps, task, error);
  }
  await subject.afterDecision?.(task, decision);
  if (task.taskToken) await deps.resumeWorkflow(task.taskToken, { taskId, decision: decision.decision });
  return { taskId, status: 'DECIDED', decision };
}

async function reopen(deps: DecideReviewTaskDeps, task: ReviewTask, entry: ReviewHistoryEntry): Promise<void> {
  try {
    await transactWrite(deps.tasks.db, `reopen:${task.taskId}:${entry.proposalId}`, {
      TransactItems: [
        reviewReopenUpdate(deps.tasks, task, entry.proposalId, entry),
        ...deps.subjects(task).reviewHistoryItems(task, entry),
      ] as never,
    });
  } catch (error) {
    throw await explainFailedWrite(deps, task, error);
  }
}
