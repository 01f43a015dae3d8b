import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type {
  RecordedDecision,
  ReviewHistoryEntry,
  ReviewProposal,
  ReviewTask,
  ReviewTaskKind,
  ReviewTaskStatus,
} from '../../kernel/review/review-task';

/*
 * Key layout of a review task in the single table:
 *   TASK#<taskId> / TASK                                 the task
 *   gsi1: REVIEW#<status> / <dueAt>#<taskId>             the reviewer queue, ordered by due time
 */

/** Where review tasks are stored. */
export interface ReviewTaskStore {
  db: DynamoDBDocumentClient;
  tableName: string;
}

/** Primary key of a task. */
export function reviewTaskKey(taskId: string) {
  return { pk: `TASK#${taskId}`, sk: 'TASK' };
}

function queueKeys(status: ReviewTaskStatus, dueAt: string, taskId: string) {
  return { gsi1pk: `REVIEW#${status}`, gsi1sk: `${dueAt}#${taskId}` };
}

function toTask(item: Record<string, unknown>): ReviewTask {
  const { pk: _pk, sk: _sk, gsi1pk: _g1pk, gsi1sk: _g1sk, entity: _entity, ...task } = item;
  return task as unknown as ReviewTask;
}

/** The Put of a new task, for inclusion in a transaction with the subject's own update. */
export function reviewTaskPut(store: ReviewTaskStore, task: ReviewTask) {
  return {
    Put: {
      TableName: store.tableName,
      Item: {
        ...reviewTaskKey(task.taskId),
        ...queueKeys(task.status, task.dueAt, task.taskId),
        entity: 'REVIEW_TASK',
        ...task,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * The Update that records a decision, for a transaction with the subject's timeline: it succeeds only
 * while the task is OPEN, so a second decision fails its condition (409) instead of overwriting. With an
 * approved `proposal`, only while that very proposal is pending, and the approval joins the history.
 */
export function reviewDecisionUpdate(
  store: ReviewTaskStore,
  task: ReviewTask,
  decision: RecordedDecision,
  approved?: { proposalId: string; history: ReviewHistoryEntry },
) {
  const queue = queueKeys('DECIDED', task.dueAt, task.taskId);
  return {
    Update: {
      TableName: store.tableName,
      Key: reviewTaskKey(task.taskId),
      UpdateExpression:
        'SET #status = :decided, decision = :decision, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk' +
        (approved ? ', history = list_append(if_not_exists(history, :none), :entry) REMOVE proposal' : ''),
      ConditionExpression: approved ? '#status = :pending AND proposal.proposalId = :proposalId' : '#status = :open',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':decided': 'DECIDED',
        ':decision': decision,
        ':gsi1pk': queue.gsi1pk,
        ':gsi1sk': queue.gsi1sk,
        ...(approved
          ? {
              ':pending': 'PENDING_APPROVAL',
              ':proposalId': approved.proposalId,
              ':none': [],
              ':entry': [approved.history],
            }
          : { ':open': 'OPEN' }),
      },
    },
  };
}

/**
 * The Update that turns an OPEN task's decision into a proposal waiting for a second reviewer: it moves
 * the task to the PENDING_APPROVAL queue and starts its history entry.
 */
export function reviewProposalUpdate(
  store: ReviewTaskStore,
  task: ReviewTask,
  proposal: ReviewProposal,
  entry: ReviewHistoryEntry,
) {
  const queue = queueKeys('PENDING_APPROVAL', task.dueAt, task.taskId);
  return {
    Update: {
      TableName: store.tableName,
      Key: reviewTaskKey(task.taskId),
      UpdateExpression:
        'SET #status = :pending, proposal = :proposal, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, ' +
        'history = list_append(if_not_exists(history, :none), :entry)',
      ConditionExpression: '#status = :open',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':pending': 'PENDING_APPROVAL',
        ':open': 'OPEN',
        ':proposal': proposal,
        ':gsi1pk': queue.gsi1pk,
        ':gsi1sk': queue.gsi1sk,
        ':none': [],
        ':entry': [entry],
      },
    },
  };
}

/**
 * The Update that opens a task again after its proposal was rejected or its evidence changed: only while
 * that very proposal is pending. The rejected proposal stays in the history.
 */
export function reviewReopenUpdate(
  store: ReviewTaskStore,
  task: ReviewTask,
  proposalId: string,
  entry: ReviewHistoryEntry,
) {
  const queue = queueKeys('OPEN', task.dueAt, task.taskId);
  return {
    Update: {
      TableName: store.tableName,
      Key: reviewTaskKey(task.taskId),
      UpdateExpression:
        'SET #status = :open, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, ' +
        'history = list_append(if_not_exists(history, :none), :entry) REMOVE proposal',
      ConditionExpression: '#status = :pending AND proposal.proposalId = :proposalId',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':open': 'OPEN',
        ':pending': 'PENDING_APPROVAL',
        ':proposalId': proposalId,
        ':gsi1pk': queue.gsi1pk,
        ':gsi1sk': queue.gsi1sk,
        ':none': [],
        ':entry': [entry],
      },
    },
  };
}

/** Reads a task; undefined when there is none. */
export async function findReviewTask(store: ReviewTaskStore, taskId: string): Promise<ReviewTask | undefined> {
  const result = await store.db.send(
    new GetCommand({ TableName: store.tableName, Key: reviewTaskKey(taskId), ConsistentRead: true }),
  );
  return result.Item ? toTask(result.Item) : undefined;
}

/** One page of the queue. */
export interface ReviewTaskPage {
  tasks: ReviewTask[];
  /** Opaque; present when there may be more. */
  nextCursor?: string;
}

/**
 * Tasks with a status, earliest due first, through gsi1 (a Query, never a Scan). A kind narrows the
 * page with a filter; the cursor then continues where DynamoDB stopped reading.
 */
export async function queryReviewQueue(
  store: ReviewTaskStore,
  query: { status: ReviewTaskStatus; kind?: ReviewTaskKind; limit: number; cursor?: Record<string, unknown> },
): Promise<{ tasks: ReviewTask[]; lastKey?: Record<string, unknown> }> {
  const tasks: ReviewTask[] = [];
  let startKey = query.cursor;
  // A filtered Query can return short pages; keep reading until the page is full or the index ends.
  do {
    const page = await store.db.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: {
          ':pk': `REVIEW#${query.status}`,
          ...(query.kind ? { ':kind': query.kind } : {}),
        },
        ...(query.kind ? { FilterExpression: 'kind = :kind' } : {}),
        Limit: query.limit - tasks.length,
        ExclusiveStartKey: startKey,
      }),
    );
    tasks.push(...(page.Items ?? []).map(toTask));
    startKey = page.LastEvaluatedKey;
  } while (startKey && tasks.length < query.limit);
  return { tasks, lastKey: startKey };
}

/**
 * Gives an undecided task (OPEN, or waiting for a second reviewer) the token of the workflow's new wait;
 * false when the task is decided.
 */
export async function replaceTaskToken(store: ReviewTaskStore, taskId: string, taskToken: string): Promise<boolean> {
  return conditionalUpdate(store, taskId, {
    UpdateExpression: 'SET taskToken = :token',
    ConditionExpression: '#status IN (:open, :pending)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':token': taskToken, ':open': 'OPEN', ':pending': 'PENDING_APPROVAL' },
  });
}

async function conditionalUpdate(
  store: ReviewTaskStore,
  taskId: string,
  update: Pick<
    UpdateCommand['input'],
    'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
  >,
): Promise<boolean> {
  try {
    await store.db.send(new UpdateCommand({ TableName: store.tableName, Key: reviewTaskKey(taskId), ...update }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
