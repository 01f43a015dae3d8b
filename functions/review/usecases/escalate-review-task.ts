import { transactWrite } from '../../commons/storage/transact-write';
import { findReviewTask, reviewTaskKey, type ReviewTaskStore } from '../repositories/review-task-repository';
import type { ReviewSubjectAdapter } from './review-subjects';
import type { ReviewTask } from '../models/review-task';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/**
 * Flags a task that is still open when it falls due, so the queue shows it as escalated, and records
 * the escalation on its subject's timeline. A decided or already escalated task is left alone.
 */
export async function escalateReviewTask(
  deps: { tasks: ReviewTaskStore; subjects: (task: ReviewTask) => ReviewSubjectAdapter; now: () => Date },
  input: { taskId: string },
): Promise<{ escalated: boolean }> {
  const task = await findReviewTask(deps.tasks, input.taskId);
  if (!task || task.status !== 'OPEN' || task.escalated) return { escalated: false };
  const at = deps.now().toISOString();
  try {
    await transactWrite(deps.tasks.db, `escalate:${task.taskId}`, {
      TransactItems: [
        {
          Update: {
            TableName: deps.tasks.tableName,
            Key: reviewTaskKey(task.taskId),
            UpdateExpression: 'SET escalated = :true, escalatedAt = :at',
            ConditionExpression: '#status = :open AND escalated = :false',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':true': true, ':false': false, ':at': at, ':open': 'OPEN' },
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
