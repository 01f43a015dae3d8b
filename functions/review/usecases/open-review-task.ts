import { generateId } from '../../commons/ids';
import { addBusinessDays } from '../models/business-days';
import type { ReviewOpening } from '../../kernel/review/review-opening';
import type { ReviewTask } from '../../kernel/review/review-task';
import {
  findReviewTask,
  replaceTaskToken,
  reviewTaskPut,
  type ReviewTaskStore,
} from '../repositories/review-task-repository';

/** Business days a reviewer has for a task, whatever its subject. */
export const REVIEW_BUSINESS_DAYS = 3;

/** What opening a review needs. */
export interface OpenReviewTaskDeps {
  tasks: ReviewTaskStore;
  /** Completes the waiting workflow at once, when its review was decided while it was not waiting. */
  resume: (taskToken: string, output: { taskId: string; decision: string }) => Promise<unknown>;
  /** Starts the timer that escalates the task when it falls due. */
  scheduleEscalation: (taskId: string, dueAt: string) => Promise<void>;
  now: () => Date;
}

/** A new OPEN task, due in {@link REVIEW_BUSINESS_DAYS} business days; with the token of the workflow waiting on it, if one does. */
export function draftReviewTask(
  opening: Pick<ReviewOpening, 'kind' | 'subject' | 'reasons'>,
  now: Date,
  taskToken?: string,
): ReviewTask {
  return {
    taskId: generateId('task'),
    kind: opening.kind,
    status: 'OPEN',
    subject: opening.subject,
    reasons: opening.reasons,
    createdAt: now.toISOString(),
    dueAt: addBusinessDays(now, REVIEW_BUSINESS_DAYS).toISOString(),
    escalated: false,
    ...(taskToken ? { taskToken } : {}),
  };
}

/** The answer a decided review sends to the waiting workflow; ids only. */
export function reviewOutcome(task: ReviewTask): { taskId: string; decision: string } {
  return { taskId: task.taskId, decision: task.decision!.decision };
}

/**
 * Workflow step behind every review (`.waitForTaskToken`), whatever its subject: opens a task with the
 * workflow's token on it, due in 3 business days with its escalation timer; the reviewer's decision
 * completes the token. When the workflow waits again on the same review (a timeout, a retried step), the
 * undecided task gets the new token; if it was decided in between, the decision is sent at once.
 */
export async function openReviewTask(
  deps: OpenReviewTaskDeps,
  input: { taskToken: string },
  readOpening: () => Promise<ReviewOpening>,
): Promise<{ taskId: string }> {
  const opening = await readOpening();
  if (opening.existingTaskId) {
    const task = await findReviewTask(deps.tasks, opening.existingTaskId);
    if (!task) throw opening.stateError(`Review task ${opening.existingTaskId} of ${opening.subject.id} is missing`);
    if (await replaceTaskToken(deps.tasks, task.taskId, input.taskToken)) {
      await deps.scheduleEscalation(task.taskId, task.dueAt);
      return { taskId: task.taskId };
    }
    const decided = await findReviewTask(deps.tasks, task.taskId);
    await deps.resume(input.taskToken, reviewOutcome(decided!));
    return { taskId: task.taskId };
  }
  const task = draftReviewTask(opening, deps.now(), input.taskToken);
  if (!(await opening.record(task, reviewTaskPut(deps.tasks, task)))) return openReviewTask(deps, input, readOpening);
  await deps.scheduleEscalation(task.taskId, task.dueAt);
  return { taskId: task.taskId };
}
