import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../commons/http/principal';
import { badRequest, conflict, forbidden, notFound } from '../../commons/http/problem';
import { generateId } from '../../commons/ids';
import { isConditionFailure, transactWrite } from '../../commons/storage/transact-write';
import { loadFourEyesRules, requireSecondReviewer, type FourEyesRules } from '../models/four-eyes';
import type { DecisionOutcome } from '../../kernel/review/review-opening';
import {
  reviewDecisions,
  reviewTaskDeciders,
  type RecordedDecision,
  type ReviewDecisionRequest,
  type ReviewProposal,
  type ReviewTask,
} from '../../kernel/review/review-task';
import {
  findReviewTask,
  reviewDecisionUpdate,
  reviewProposalUpdate,
  type ReviewTaskStore,
} from '../repositories/review-task-repository';
import type { ReviewSubjectAdapter } from '../../kernel/review/review-subject-adapter';

/** What deciding needs. */
export interface DecideReviewTaskDeps {
  tasks: ReviewTaskStore;
  subjects: (task: ReviewTask) => ReviewSubjectAdapter;
  /** Completes the workflow waiting on the task; GONE when that wait timed out (it will pick the decision up). */
  resumeWorkflow: (taskToken: string, output: Record<string, unknown>) => Promise<'RESUMED' | 'GONE'>;
  now: () => Date;
  /** The four-eyes policy; the shipped `data/rules/four-eyes.json` unless a test gives another. */
  fourEyes?: FourEyesRules;
}

export type { DecisionOutcome };

/**
 * Records a reviewer's decision and resumes the workflow that waits for it. A task is decided once: a
 * second decision gets 409, whoever sends it. A reviewer may not decide about their own party or a case they
 * opened. A decision that `data/rules/four-eyes.json` names becomes a proposal instead (PENDING_APPROVAL),
 * which another reviewer approves with `approveReviewTask`. The task token stays in the back end: the
 * workflow learns only the task id and the decision.
 */
export async function decideReviewTask(
  deps: DecideReviewTaskDeps,
  principal: Principal,
  taskId: string,
  request: ReviewDecisionRequest,
): Promise<DecisionOutcome> {
  const task = await findReviewTask(deps.tasks, taskId);
  if (!task) throw notFound(`There is no review task ${taskId}`);
  if (task.status === 'PENDING_APPROVAL') throw awaitingApproval(task);
  if (task.status !== 'OPEN') throw alreadyDecided(task);
  assertAllowedDecision(principal, task, request);
  assertMayDecide(principal, task);

  const subject = deps.subjects(task);
  const refusal = await subject.checkDecision?.(task, request);
  if (refusal) throw refusal;

  const at = deps.now().toISOString();
  const decided: RecordedDecision = {
    decision: request.decision,
    reason: request.reason,
    ...(request.clientMessage ? { clientMessage: request.clientMessage } : {}),
    ...(request.requestedDocuments ? { requestedDocuments: request.requestedDocuments } : {}),
    ...(request.questions ? { questions: request.questions } : {}),
    ...(request.amount !== undefined ? { amount: request.amount } : {}),
    decidedBy: reviewerOf(principal),
    decidedAt: at,
  };
  const fourEyes = requireSecondReviewer(deps.fourEyes ?? loadFourEyesRules(), {
    kind: task.kind,
    decision: request.decision,
    amount: request.amount,
    facts: await subject.describeFacts(task),
  });
  if (fourEyes.required) return propose(deps, task, decided, fourEyes.ruleIds);

  try {
    await transactWrite(deps.tasks.db, `decide:${taskId}:${principal.subject}:${at}`, {
      TransactItems: [
        reviewDecisionUpdate(deps.tasks, task, decided),
        ...subject.decisionItems(task, decided),
      ] as never,
    });
  } catch (error) {
    throw await explainFailedWrite(deps, task, error);
  }
  await subject.afterDecision?.(task, decided);
  if (task.taskToken) await deps.resumeWorkflow(task.taskToken, { taskId, decision: decided.decision });
  return { taskId, status: 'DECIDED', decision: decided };
}

/** Turns a decision into a proposal for a second reviewer, with the evidence it rests on fingerprinted. */
async function propose(
  deps: DecideReviewTaskDeps,
  task: ReviewTask,
  decided: RecordedDecision,
  ruleIds: string[],
): Promise<DecisionOutcome> {
  const subject = deps.subjects(task);
  const { decidedBy, decidedAt, ...decision } = decided;
  const proposal: ReviewProposal = {
    proposalId: generateId('prop'),
    decision,
    proposedBy: decidedBy,
    proposedAt: decidedAt,
    ruleIds,
    evidenceFingerprint: await subject.fingerprintEvidence(task),
  };
  const entry = {
    action: 'PROPOSED' as const,
    at: decidedAt,
    by: decidedBy,
    proposalId: proposal.proposalId,
    decision: decision.decision,
    reason: decision.reason,
  };
  try {
    await transactWrite(deps.tasks.db, `propose:${task.taskId}:${proposal.proposalId}`, {
      TransactItems: [
        reviewProposalUpdate(deps.tasks, task, proposal, entry),
        ...subject.reviewHistoryItems(task, entry),
      ] as never,
    });
  } catch (error) {
    throw await explainFailedWrite(deps, task, error);
  }
  const { evidenceFingerprint: _fingerprint, ...shown } = proposal;
  return { taskId: task.taskId, status: 'PENDING_APPROVAL', proposal: shown };
}

/** The reviewer identity recorded on a decision. */
export function reviewerOf(principal: Principal): { subject: string; role: string } {
  return { subject: principal.subject, role: principal.roles.includes('reviewer') ? 'reviewer' : principal.roles[0]! };
}

/** Refuses a caller whose role does not decide this kind of task (`reviewTaskDeciders`). */
export function assertDecidesKind(principal: Principal, task: Pick<ReviewTask, 'kind'>): void {
  const role = reviewTaskDeciders[task.kind];
  if (!principal.roles.includes(role)) {
    throw forbidden(`A ${task.kind} task is decided by ${role === 'admin' ? 'an admin' : 'a reviewer'}`, {
      code: 'WRONG_ROLE',
    });
  }
}

/** Refuses a decision the task's kind does not have, or a caller whose role does not decide that kind. */
export function assertAllowedDecision(
  principal: Principal,
  task: Pick<ReviewTask, 'kind'>,
  request: Pick<ReviewDecisionRequest, 'decision'>,
): void {
  const allowed: readonly string[] = reviewDecisions[task.kind];
  if (!allowed.includes(request.decision)) {
    throw badRequest(`${request.decision} is not a decision on a ${task.kind} task; use one of ${allowed.join(', ')}`, [
      { pointer: '/decision', detail: `must be one of ${allowed.join(', ')}` },
    ]);
  }
  assertDecidesKind(principal, task);
}

/** Refuses a reviewer who opened the subject, or acts for its party or its counterparty. */
export function assertMayDecide(principal: Principal, task: ReviewTask): void {
  if (
    task.subject.openedBy === principal.subject ||
    (principal.partyId &&
      (principal.partyId === task.subject.partyId || principal.partyId === task.subject.counterpartyId))
  ) {
    throw forbidden('A reviewer cannot decide a task about their own application or party');
  }
}

/** Why a write that had to land on an OPEN or PENDING_APPROVAL task did not. */
export async function explainFailedWrite(
  deps: Pick<DecideReviewTaskDeps, 'tasks'>,
  task: ReviewTask,
  error: unknown,
): Promise<unknown> {
  if (isConditionFailure(error, 0)) {
    const now = (await findReviewTask(deps.tasks, task.taskId)) ?? task;
    return now.status === 'PENDING_APPROVAL' ? awaitingApproval(now) : alreadyDecided(now);
  }
  if (error instanceof TransactionCanceledException) {
    return conflict('The subject of this task changed while deciding; reload the task and try again');
  }
  return error;
}

/** 409 for a task decided already. */
export function alreadyDecided(task: ReviewTask) {
  return conflict(`Task ${task.taskId} has already been decided`, {
    decision: task.decision?.decision,
    decidedAt: task.decision?.decidedAt,
  });
}

function awaitingApproval(task: ReviewTask) {
  return conflict(
    `Task ${task.taskId} has a ${task.proposal?.decision.decision ?? ''} proposal waiting for a second reviewer; ` +
      `approve or reject it with POST /review/tasks/${task.taskId}/approval`,
    { code: 'PENDING_APPROVAL', proposalId: task.proposal?.proposalId },
  );
}
