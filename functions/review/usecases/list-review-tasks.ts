import type { z } from 'zod';
import { badRequest } from '../../commons/http/problem';
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
    cursor: query.cursor ? decodeCursor(query.cursor) : undefined,
  });
  const now = deps.now();
  return {
    tasks: page.tasks.map((task) => summariseTask(task, now)),
    ...(page.lastKey ? { nextCursor: encodeCursor(page.lastKey) } : {}),
  };
}

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    const valid =
      typeof key === 'object' &&
      key !== null &&
      Object.keys(key).sort().join() === 'gsi1pk,gsi1sk,pk,sk' &&
      Object.values(key).every((value) => typeof value === 'string');
    if (valid) return key as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw badRequest('cursor is not a cursor this API returned', [
    { pointer: '/cursor', detail: 'must be the nextCursor of a previous page' },
  ]);
}
