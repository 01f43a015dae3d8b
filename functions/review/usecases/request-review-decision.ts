import type { Principal } from '../../commons/http/principal';
import { transactWrite } from '../../commons/storage/transact-write';
import type { DecisionOutcome, ReviewRequest } from '../../kernel/review/review-opening';
import type { ReviewDecisionRequest } from '../../kernel/review/review-task';
import { reviewTaskPut } from '../repositories/review-task-repository';
import {
  assertAllowedDecision,
  assertMayDecide,
  decideReviewTask,
  type DecideReviewTaskDeps,
} from './decide-review-task';
import { draftReviewTask } from './open-review-task';

/** What a decision asked for through a subject's own API needs. */
export interface RequestReviewDecisionDeps extends DecideReviewTaskDeps {
  /** Starts the timer that escalates the task when it falls due. */
  scheduleEscalation: (taskId: string, dueAt: string) => Promise<void>;
}

/**
 * A decision made through a subject's own API rather than on a task a workflow opened (an admin's Trade
 * Assurance override). No workflow waits on it: the task is opened and the decision taken on it at once,
 * under the same rules as any other. When `data/rules/four-eyes.json` names it, it becomes a proposal
 * (PENDING_APPROVAL) that another person approves with `POST /review/tasks/{taskId}/approval`; otherwise it
 * takes effect now. A decision the subject refuses opens no task.
 */
export async function requestReviewDecision(
  deps: RequestReviewDecisionDeps,
  principal: Principal,
  opening: ReviewRequest,
  request: ReviewDecisionRequest,
): Promise<DecisionOutcome> {
  const task = draftReviewTask(opening, deps.now());
  assertAllowedDecision(principal, task, request);
  assertMayDecide(principal, task);
  const refusal = await deps.subjects(task).checkDecision?.(task, request);
  if (refusal) throw refusal;

  await transactWrite(deps.tasks.db, `request-review:${task.taskId}`, {
    TransactItems: [reviewTaskPut(deps.tasks, task)],
  });
  await deps.scheduleEscalation(task.taskId, task.dueAt);
  return decideReviewTask(deps, principal, task.taskId, request);
}
