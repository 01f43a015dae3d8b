import type { z } from 'zod';
import { notFound } from '../../commons/http/problem';
import { reviewDecisions, type ReviewTask, type reviewTaskViewSchema } from '../../kernel/review/review-task';
import { findReviewTask, type ReviewTaskStore } from '../repositories/review-task-repository';
import { summariseTask } from './list-review-tasks';
import type { ReviewSubjectAdapter } from '../../kernel/review/review-subject-adapter';

/** The task as `GET /review/tasks/{taskId}` returns it. */
export type ReviewTaskView = z.input<typeof reviewTaskViewSchema>;

/** A task with the evidence a reviewer decides on and the decisions open to them. */
export async function getReviewTask(
  deps: {
    tasks: ReviewTaskStore;
    subjects: (task: ReviewTask) => ReviewSubjectAdapter;
    now: () => Date;
  },
  taskId: string,
): Promise<ReviewTaskView> {
  const task = await findReviewTask(deps.tasks, taskId);
  if (!task) throw notFound(`There is no review task ${taskId}`);
  return {
    ...summariseTask(task, deps.now()),
    allowedDecisions: task.status === 'OPEN' ? [...reviewDecisions[task.kind]] : [],
    ...(task.decision ? { decision: task.decision } : {}),
    ...(task.proposal
      ? {
          proposal: {
            proposalId: task.proposal.proposalId,
            decision: task.proposal.decision,
            proposedBy: task.proposal.proposedBy,
            proposedAt: task.proposal.proposedAt,
            ruleIds: task.proposal.ruleIds,
          },
        }
      : {}),
    ...(task.history ? { history: task.history } : {}),
    evidence: await deps.subjects(task).loadEvidence(task),
  };
}
