import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';

/** One item of a write transaction: a Put, an Update, a ConditionCheck or a Delete. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Attempts for a transaction that DynamoDB cancelled only because another one touched the same items.
 * An order's item is written by its workflow and by webhooks at the same moment; six attempts with
 * jittered exponential backoff (up to about 1.6 s) ride out such bursts.
 */
const maxTransactionAttempts = 6;

/**
 * True when DynamoDB cancelled the transaction only because another one touched the same items: worth
 * trying again, unlike a failed condition, which is an answer.
 */
export function isTransactionConflict(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict') &&
    !(error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed')
  );
}

/**
 * Runs a write transaction, retrying with jittered backoff when DynamoDB cancels it for a conflict with
 * a concurrent transaction (likely when many documents are added to one case at once). Condition
 * failures are not retried: they are answers.
 *
 * `operationKey` names the logical write. Each attempt carries a ClientRequestToken derived from it and
 * from the items written, so when the SDK resends an attempt whose response was lost, DynamoDB applies it
 * once rather than failing its own conditions on the second try. The items are part of the token because
 * the same logical write may be made again with other values within DynamoDB's ten-minute idempotency
 * window (a webhook and a workflow step both clearing a resumed wait, each at its own time): that must be
 * a new transaction, which its conditions judge, not an IdempotentParameterMismatchException.
 */
export async function transactWrite(
  db: DynamoDBDocumentClient,
  operationKey: string,
  input: TransactWriteCommand['input'],
): Promise<void> {
  const items = createHash('sha256')
    .update(JSON.stringify(input.TransactItems ?? []))
    .digest('hex');
  for (let attempt = 1; ; attempt++) {
    try {
      const token = createHash('sha256').update(`${operationKey}#${attempt}#${items}`).digest('hex').slice(0, 36);
      await db.send(new TransactWriteCommand({ ...input, ClientRequestToken: token }));
      return;
    } catch (error) {
      if (!isTransactionConflict(error) || attempt >= maxTransactionAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
    }
  }
}

/** True when the transaction was cancelled because the condition of item `index` failed. */
export function isConditionFailure(error: unknown, index: number): boolean {
  return (
    error instanceof TransactionCanceledException &&
    error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed'
  );
}

/** True when a single conditional write (Put, Update, Delete) was refused by its condition: an answer, not a fault. */
export function isConditionalCheckFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException;
}
