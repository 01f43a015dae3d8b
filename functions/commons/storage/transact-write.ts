import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';

/** Attempts for a transaction that DynamoDB cancelled only because another one touched the same items. */
const maxTransactionAttempts = 4;

function isTransactionConflict(error: unknown): boolean {
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
 * `operationKey` names the logical write. Each attempt carries a ClientRequestToken derived from it, so
 * when the SDK resends an attempt whose response was lost, DynamoDB applies it once rather than failing
 * its own conditions on the second try.
 */
export async function transactWrite(
  db: DynamoDBDocumentClient,
  operationKey: string,
  input: TransactWriteCommand['input'],
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const token = createHash('sha256').update(`${operationKey}#${attempt}`).digest('hex').slice(0, 36);
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
