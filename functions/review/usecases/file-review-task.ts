import type { StandaloneReviewOpening } from '../../kernel/review/review-opening';
import { reviewTaskPut, type ReviewTaskStore } from '../repositories/review-task-repository';
import { draftReviewTask } from './open-review-task';

/** What filing a task needs. */
export interface FileReviewTaskDeps {
  tasks: ReviewTaskStore;
  /** Starts the timer that escalates the task when it falls due. */
  scheduleEscalation: (taskId: string, dueAt: string) => Promise<void>;
  now: () => Date;
}

/**
 * Opens a task no workflow waits on (a screening alert): due in 3 business days with its escalation timer,
 * recorded on the subject in one transaction with the task. Its decision takes effect through the subject's
 * adapter, like an admin's override. Undefined when the subject refused it (the same review already open).
 */
export async function fileReviewTask(
  deps: FileReviewTaskDeps,
  opening: StandaloneReviewOpening,
): Promise<{ taskId: string } | undefined> {
  const task = draftReviewTask(opening, deps.now());
  if (!(await opening.record(task, reviewTaskPut(deps.tasks, task)))) return undefined;
  await deps.scheduleEscalation(task.taskId, task.dueAt);
  return { taskId: task.taskId };
}
