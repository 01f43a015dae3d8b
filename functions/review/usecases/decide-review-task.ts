import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Principal } from '../../commons/http/principal';
import { badRequest, conflict, forbidden, notFound } from '../../commons/http/problem';
import { isConditionFailure, transactWrite } from '../../commons/storage/transact-write';
import {
  reviewDecisions,
  type RecordedDecision,
  type ReviewDecisionRequest,
  type ReviewTask,
} from '../models/review-task';
import { findReviewTask, reviewDecisionUpdate, type ReviewTaskStore } from '../repositories/review-task-repository';
import type { ReviewSubjectAdapter } from './review-subjects';

/** What deciding needs. */
export interface DecideReviewTaskDeps {
  tasks: ReviewTaskStore;
  subjects: (task: ReviewTask) => ReviewSubjectAdapter;
  /** Completes the workflow waiting on the task; GONE when that wait timed out (it will pick the decision up). */
  resumeWorkflow: (taskToken: string, output: Record<string, unknown>) => Promise<'RESUMED' | 'GONE'>;
  now: () => Date;
}

/**
 * Records a reviewer's decision and resumes the workflow that waits for it. A task is decided once:
 * a second decision gets 409, whoever sends it. A reviewer may not decide about their own party or a
 * case they opened. The task token stays in the back end: the workflow learns only the task id and
 * the decision.
 */
export async function decideReviewTask(
  deps: DecideReviewTaskDeps,
  principal: Principal,
  taskId: string,
  request: ReviewDecisionRequest,
): Promise<{ taskId: string; status: 'DECIDED'; decision: RecordedDecision }> {
  const task = await findReviewTask(deps.tasks, taskId);
  if (!task) throw notFound(`There is no review task ${taskId}`);
  if (task.status !== 'OPEN') throw alreadyDecided(task);
  const allowed: readonly string[] = reviewDecisions[task.kind];
  if (!allowed.includes(request.decision)) {
    throw badRequest(`${request.decision} is not a decision on a ${task.kind} task; use one of ${allowed.join(', ')}`, [
      { pointer: '/decision', detail: `must be one of ${allowed.join(', ')}` },
    ]);
  }
  if (
    task.subject.openedBy === principal.subject ||
    (principal.partyId &&
      (principal.partyId === task.subject.partyId || principal.partyId === task.subject.counterpartyId))
  ) {
    throw forbidden('A reviewer cannot decide a task about their own application or party');
  }

  const refusal = await deps.subjects(task).checkDecision?.(task, request);
  if (refusal) throw refusal;

  const decision: RecordedDecision = {
    decision: request.decision,
    reason: request.reason,
    ...(request.clientMessage ? { clientMessage: request.clientMessage } : {}),
    ...(request.requestedDocuments ? { requestedDocuments: request.requestedDocuments } : {}),
    ...(request.amount !== undefined ? { amount: request.amount } : {}),
    decidedBy: {
      subject: principal.subject,
      role: principal.roles.includes('reviewer') ? 'reviewer' : principal.roles[0]!,
    },
    decidedAt: deps.now().toISOString(),
  };
  try {
    await transactWrite(deps.tasks.db, `decide:${taskId}:${principal.subject}:${decision.decidedAt}`, {
      TransactItems: [
        reviewDecisionUpdate(deps.tasks, task, decision),
        ...deps.subjects(task).decisionItems(task, decision),
      ] as never,
    });
  } catch (error) {
    if (isConditionFailure(error, 0)) throw alreadyDecided((await findReviewTask(deps.tasks, taskId)) ?? task);
    if (error instanceof TransactionCanceledException) {
      throw conflict('The subject of this task changed while deciding; reload the task and try again');
    }
    throw error;
  }
  await deps.resumeWorkflow(task.taskToken, { taskId, decision: decision.decision });
  return { taskId, status: 'DECIDED', decision };
}

function alreadyDecided(task: ReviewTask) {
  return conflict(`Task ${task.taskId} has already been decided`, {
    decision: task.decision?.decision,
    decidedAt: task.decision?.decidedAt,
  });
}
