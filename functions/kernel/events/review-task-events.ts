import { draftEvent, type EventDraft } from './outbox';

/** A non-empty string, or undefined: timeline details are free-form records. */
export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * The event a subject's review-task entry emits (`REVIEW_TASK_OPENED` or `REVIEW_DECIDED`), whatever the
 * subject: the task, its kind and status, and the decision, never its reasons or reviewers.
 * @param defaultKind the kind when the entry does not name one (a subject with a single kind of task)
 */
export function describeReviewTaskEvent(
  subject: { type: string; id: string },
  entry: { type: string; detail: Record<string, unknown> },
  defaultKind?: string,
): EventDraft[] {
  const taskId = textOf(entry.detail.taskId);
  const kind = textOf(entry.detail.kind) ?? defaultKind;
  if (!taskId || !kind) return [];
  if (entry.type === 'REVIEW_TASK_OPENED') {
    return [draftEvent('review.task.opened', { taskId, kind, status: 'OPEN', subject })];
  }
  const decision = textOf(entry.detail.decision);
  return [
    draftEvent('review.task.decided', { taskId, kind, status: 'DECIDED', subject, ...(decision ? { decision } : {}) }),
  ];
}
