import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { queryAllPages } from '../../commons/storage/query-all-pages';
import { isConditionalCheckFailure } from '../../commons/storage/transact-write';
import { stripKeys } from '../../commons/storage/stored-item';
import type { DeliveryStatus, WebhookDelivery } from '../models/webhook-delivery';
import type { OutboxEntry } from './outbox-repository';

/*
 * Deliveries in the single table:
 *   WEBHOOK_DELIVERIES#<endpointId> / DELIVERY#<deliveryId>   one event for one endpoint, with its attempts
 * gsi1: WEBHOOK_DUE#<shard> / <due time>#<deliveryId>           while PENDING: when the next attempt is due
 * Delivery ids sort by the event's time, so an endpoint's log reads newest first from its keys. The due
 * index is what the dispatcher sweeps; an attempt under way moves the delivery's due time to the end of its
 * lease, so a dispatcher that dies mid-attempt leaves it to the next sweep, never lost.
 */

/** Where deliveries are stored. */
export interface DeliveryStore {
  db: DynamoDBDocumentClient;
  tableName: string;
}

/** Primary key of a delivery. */
export function deliveryKey(endpointId: string, deliveryId: string) {
  return { pk: `WEBHOOK_DELIVERIES#${endpointId}`, sk: `DELIVERY#${deliveryId}` };
}

/** The due index's value for a delivery due at `at`. */
export function dueIndexKey(at: string, deliveryId: string): string {
  return `${at}#${deliveryId}`;
}

function storedDelivery(delivery: WebhookDelivery, indexKey: string | undefined): Record<string, unknown> {
  return {
    ...deliveryKey(delivery.endpointId, delivery.deliveryId),
    entity: 'WEBHOOK_DELIVERY',
    ...delivery,
    ...(indexKey ? { gsi1pk: `WEBHOOK_DUE#${delivery.shard}`, gsi1sk: indexKey } : {}),
  };
}

/** A due delivery as the sweep found it: the delivery and its due-index value (the claim's guard). */
export interface DueDelivery {
  delivery: WebhookDelivery;
  indexKey: string;
}

function toDueDelivery(item: Record<string, unknown>): DueDelivery {
  return { delivery: stripKeys<WebhookDelivery>(item), indexKey: String(item.gsi1sk) };
}

/**
 * Hands an outbox entry's events to the endpoints: writes each delivery unless it exists, then takes the entry
 * out of the outbox. No transaction is needed: delivery ids derive from the event, so a fan-out cut short
 * between the two steps is done again by the next sweep, which finds the deliveries made and makes the rest.
 * The deliveries are written claimed (their due-index value is the end of the writer's lease), so the
 * writer attempts them without a second write and no other dispatcher takes them meanwhile.
 * @returns the deliveries this call wrote (not those another dispatcher wrote first)
 */
export async function fanOutEntry(
  store: DeliveryStore,
  entry: OutboxEntry,
  deliveries: readonly WebhookDelivery[],
  /** The due-index value each delivery is written with: the end of the claim of the dispatcher that writes it. */
  indexKeyOf: (deliveryId: string) => string,
): Promise<WebhookDelivery[]> {
  const written = await Promise.all(
    deliveries.map(async (delivery) => {
      try {
        await store.db.send(
          new PutCommand({
            TableName: store.tableName,
            Item: storedDelivery(delivery, indexKeyOf(delivery.deliveryId)),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return delivery;
      } catch (error) {
        if (isConditionalCheckFailure(error)) return undefined;
        throw error;
      }
    }),
  );
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: entry.key,
        UpdateExpression: 'REMOVE gsi1pk, gsi1sk',
        ConditionExpression: 'gsi1sk = :seen',
        ExpressionAttributeValues: { ':seen': entry.indexKey },
      }),
    );
  } catch (error) {
    // another dispatcher took it out first: its deliveries are made (ours were refused or are the same)
    if (!isConditionalCheckFailure(error)) throw error;
  }
  return written.filter((delivery): delivery is WebhookDelivery => delivery !== undefined);
}

/** Deliveries of a shard due at `now`, earliest first. */
export async function listDueDeliveries(
  store: DeliveryStore,
  shard: number,
  now: string,
  limit: number,
): Promise<DueDelivery[]> {
  const result = await store.db.send(
    new QueryCommand({
      TableName: store.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
      ExpressionAttributeValues: { ':pk': `WEBHOOK_DUE#${shard}`, ':now': `${now}#~` },
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map(toDueDelivery);
}

/**
 * Takes a due delivery for one attempt: moves its due time to the end of the lease, on the condition that
 * nobody moved it since it was read. Two dispatchers that find the same delivery make one attempt.
 * @returns the index value the attempt's result must be written under, or undefined when another took it
 */
export async function claimDelivery(
  store: DeliveryStore,
  due: DueDelivery,
  leaseUntil: string,
): Promise<string | undefined> {
  const { delivery } = due;
  const claimed = dueIndexKey(leaseUntil, delivery.deliveryId);
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: deliveryKey(delivery.endpointId, delivery.deliveryId),
        UpdateExpression: 'SET gsi1sk = :claimed',
        ConditionExpression: 'gsi1sk = :seen AND #status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':claimed': claimed, ':seen': due.indexKey, ':pending': 'PENDING' },
      }),
    );
    return claimed;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return undefined;
    throw error;
  }
}

/**
 * Writes a delivery after an attempt (or a retry by hand), on the condition that its due-index value is
 * still the one its claim set. A PENDING delivery goes back in the due index at `nextAttemptAt`.
 * @returns false when the condition failed
 */
export async function saveDelivery(
  store: DeliveryStore,
  delivery: WebhookDelivery,
  expectedIndexKey: string | null,
): Promise<boolean> {
  const indexKey =
    delivery.status === 'PENDING' && delivery.nextAttemptAt
      ? dueIndexKey(delivery.nextAttemptAt, delivery.deliveryId)
      : undefined;
  try {
    await store.db.send(
      new PutCommand({
        TableName: store.tableName,
        Item: storedDelivery(delivery, indexKey),
        ...(expectedIndexKey === null
          ? { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(gsi1sk)' }
          : {
              ConditionExpression: 'gsi1sk = :expected',
              ExpressionAttributeValues: { ':expected': expectedIndexKey },
            }),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}

/** One delivery with its due-index value (none once DELIVERED or DEAD); undefined when there is none. */
export async function findDelivery(
  store: DeliveryStore,
  endpointId: string,
  deliveryId: string,
): Promise<DueDelivery | undefined> {
  const result = await store.db.send(
    new GetCommand({ TableName: store.tableName, Key: deliveryKey(endpointId, deliveryId), ConsistentRead: true }),
  );
  return result.Item ? toDueDelivery(result.Item) : undefined;
}

/** A page of an endpoint's deliveries, newest first, optionally of one status. */
export async function listDeliveries(
  store: DeliveryStore,
  endpointId: string,
  page: { status?: DeliveryStatus; limit: number; startKey?: Record<string, string> },
): Promise<{ deliveries: WebhookDelivery[]; lastKey?: Record<string, unknown> }> {
  const result = await store.db.send(
    new QueryCommand({
      TableName: store.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ...(page.status
        ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } }
        : {}),
      ExpressionAttributeValues: {
        ':pk': deliveryKey(endpointId, '').pk,
        ':prefix': 'DELIVERY#',
        ...(page.status ? { ':status': page.status } : {}),
      },
      ScanIndexForward: false,
      Limit: page.limit,
      ...(page.startKey ? { ExclusiveStartKey: page.startKey } : {}),
    }),
  );
  return {
    deliveries: (result.Items ?? []).map((item) => stripKeys<WebhookDelivery>(item)),
    ...(result.LastEvaluatedKey ? { lastKey: result.LastEvaluatedKey } : {}),
  };
}

/**
 * An endpoint's PENDING deliveries whose events happened since `since` (delivery ids sort by the event's
 * time, so this reads only that stretch of the endpoint's log).
 */
export async function listRecentPendingDeliveries(
  store: DeliveryStore,
  endpointId: string,
  sinceDeliveryId: string,
): Promise<DueDelivery[]> {
  const items = await queryAllPages(store.db, {
    TableName: store.tableName,
    KeyConditionExpression: 'pk = :pk AND sk >= :since',
    FilterExpression: '#status = :pending',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':pk': deliveryKey(endpointId, '').pk,
      ':since': deliveryKey(endpointId, sinceDeliveryId).sk,
      ':pending': 'PENDING',
    },
    ConsistentRead: true,
  });
  return items.map(toDueDelivery);
}

/**
 * Moves a PENDING delivery's next attempt to `at`, on the condition that nobody moved it since it was read.
 * @returns false when the condition failed (an attempt took it meanwhile)
 */
export async function rescheduleDelivery(store: DeliveryStore, due: DueDelivery, at: string): Promise<boolean> {
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: deliveryKey(due.delivery.endpointId, due.delivery.deliveryId),
        UpdateExpression: 'SET nextAttemptAt = :at, gsi1sk = :due',
        ConditionExpression: 'gsi1sk = :seen AND #status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':at': at,
          ':due': dueIndexKey(at, due.delivery.deliveryId),
          ':seen': due.indexKey,
          ':pending': 'PENDING',
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}
