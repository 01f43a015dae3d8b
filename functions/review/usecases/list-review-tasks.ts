import type { z } from 'zod';
import { decodePageCursor, encodePageCursor } from '../../commons/http/page-cursor';
import type { ReviewQueueQuery, ReviewTask, reviewQueueSchema } from '../../kernel/review/review-task';
import { queryReviewQueue, type ReviewTaskStore } from '../repositories/review-task-repository';

/** The queue as `GET /review/tasks` returns it. */
export type ReviewQueueView = z.input<typeof reviewQueueSchema>;

/** A task as the queue shows it: no token, and whether it is overdue now. */
export function summariseTask(task: ReviewTask, now: Date) {
  return {
    taskId: task.taskId,
    kind: task.kind,
    status: task.status,
    subject: { type: task.subject.type, id: task.subject.id },
    reasons: task.reasons,
    createdAt: task.createdAt,
    dueAt: task.dueAt,
    overdue: task.status === 'OPEN' && Date.parse(task.dueAt) <= now.getTime(),
    escalated: task.escalated,
    ...(task.escalatedAt ? { escalatedAt: task.escalatedAt } : {}),
  };
}

/** Lists review tasks with a status (and optionally a kind), earliest due first, one page at a time. */
export async function listReviewTasks(
  deps: { tasks: ReviewTaskStore; now: () => Date },
  query: ReviewQueueQuery,
): Promise<ReviewQueueView> {
  const page = await queryReviewQueue(deps.tasks, {
    status: query.status,
    kind: query.kind,
    limit: query.limit,
    cursor: query.cursor ? decodePageCursor(query.cursor, ['gsi1pk', 'gsi1sk', 'pk', 'sk']) : undefined,
  });
  const now = deps.now();
  return {
    tasks: page.tasks.map((task) => summariseTask(task, now)),
    ...(page.lastKey ? { nextCursor: encodePageCursor(page.lastKey) } : {}),
  };
}
