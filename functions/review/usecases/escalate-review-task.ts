import { transactWrite } from '../../commons/storage/transact-write';
import { findReviewTask, reviewTaskKey, type ReviewTaskStore } from '../repositories/review-task-repository';
import type { ReviewSubjectAdapter } from '../../kernel/review/review-subject-adapter';
import type { ReviewTask } from '../../kernel/review/review-task';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/**
 * Flags a task still undecided (open, or waiting for a second reviewer) when it falls due, so the queue shows it as escalated, and records
 * the escalation on its subject's timeline. A decided or already escalated task is left alone.
 */
export async function escalateReviewTask(
  deps: { tasks: ReviewTaskStore; subjects: (task: ReviewTask) => ReviewSubjectAdapter; now: () => Date },
  input: { taskId: string },
): Promise<{ escalated: boolean }> {
  const task = await findReviewTask(deps.tasks, input.taskId);
  if (!task || task.status === 'DECIDED' || task.escalated) return { escalated: false };
  const at = deps.now().toISOString();
  try {
    await transactWrite(deps.tasks.db, `escalate:${task.taskId}`, {
      TransactItems: [
        {
          Update: {
            TableName: deps.tasks.tableName,
            Key: reviewTaskKey(task.taskId),
            UpdateExpression: 'SET escalated = :true, escalatedAt = :at',
            // a proposal waiting for its second reviewer is as overdue as an open task
            ConditionExpression: '#status IN (:open, :pending) AND escalated = :false',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':true': true,
              ':false': false,
              ':at': at,
              ':open': 'OPEN',
              ':pending': 'PENDING_APPROVAL',
            },
          },
        },
        ...deps.subjects(task).escalationItems(task, at),
      ] as never,
    });
    return { escalated: true };
  } catch (error) {
    // decided or escalated in the meantime
    if (error instanceof TransactionCanceledException) return { escalated: false };
    throw error;
  }
}
