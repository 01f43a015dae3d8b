import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OutboundEvent } from '../../kernel/events/event-catalogue';
import { outboxPartition } from '../../kernel/events/outbox';

/*
 * The outbox as the dispatcher reads it: timeline entries (of orders, cases, endpoints) whose events wait to
 * be handed to the endpoints, found through the sparse index gsi1 (kernel/events/outbox.ts).
 */

/** Where the outbox lives: the single table. */
export interface OutboxStore {
  db: DynamoDBDocumentClient;
  tableName: string;
}

/** An entry whose events wait for fan-out. */
export interface OutboxEntry {
  /** The entry's key, to take it out of the outbox once its events are handed out. */
  key: { pk: string; sk: string };
  /** Its value in the outbox index, which the fan-out's condition checks. */
  indexKey: string;
  shard: number;
  events: OutboundEvent[];
}

/** Reads an outbox entry from a stored item (a Query result or a stream record's new image). */
export function toOutboxEntry(item: Record<string, unknown>): OutboxEntry | undefined {
  const partition = typeof item.gsi1pk === 'string' ? /^OUTBOX#(\d+)$/.exec(item.gsi1pk) : null;
  if (!partition || !Array.isArray(item.outbound) || typeof item.gsi1sk !== 'string') return undefined;
  return {
    key: { pk: String(item.pk), sk: String(item.sk) },
    indexKey: item.gsi1sk,
    shard: Number(partition[1]),
    events: item.outbound as OutboundEvent[],
  };
}

/**
 * The oldest entries of a shard still in the outbox, in the order they were written. The index is
 * eventually consistent: an entry fanned out a moment ago may still be listed, and the fan-out's condition
 * then refuses it.
 */
export async function listOutboxEntries(store: OutboxStore, shard: number, limit: number): Promise<OutboxEntry[]> {
  const result = await store.db.send(
    new QueryCommand({
      TableName: store.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': outboxPartition(shard) },
      Limit: limit,
    }),
  );
  return (result.Items ?? []).flatMap((item) => toOutboxEntry(item) ?? []);
}

/** One entry, read consistently; undefined once its events have been handed out (or when there is none). */
export async function findOutboxEntry(
  store: OutboxStore,
  key: { pk: string; sk: string },
): Promise<OutboxEntry | undefined> {
  const result = await store.db.send(new GetCommand({ TableName: store.tableName, Key: key, ConsistentRead: true }));
  return result.Item ? toOutboxEntry(result.Item) : undefined;
}
