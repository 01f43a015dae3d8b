import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { generateId } from '../../commons/ids';
import { isConditionalCheckFailure, isConditionFailure, transactWrite } from '../../commons/storage/transact-write';
import { draftEvent, outboxAttributes } from '../../kernel/events/outbox';
import { queryAllPages } from '../../commons/storage/query-all-pages';
import { getStoredItem, stripKeys } from '../../commons/storage/stored-item';
import type { WebhookEndpoint } from '../models/webhook-endpoint';

/*
 * Webhook endpoints live in one partition of the single table:
 *   WEBHOOK_ENDPOINTS / ENDPOINT#<endpointId>
 * A deployment has a handful of them, so the dispatcher and the list read them with one Query, no index.
 */

/** Where endpoints are stored. */
export interface EndpointStore {
  db: DynamoDBDocumentClient;
  tableName: string;
}

const partition = 'WEBHOOK_ENDPOINTS';

/** Primary key of an endpoint. */
export function endpointKey(endpointId: string) {
  return { pk: partition, sk: `ENDPOINT#${endpointId}` };
}

/** One endpoint; undefined when there is none. */
export function findEndpoint(store: EndpointStore, endpointId: string): Promise<WebhookEndpoint | undefined> {
  return getStoredItem<WebhookEndpoint>(store, endpointKey(endpointId));
}

/** Every endpoint, oldest first (endpoint ids are random, so sorted by creation here). */
export async function listEndpoints(store: EndpointStore): Promise<WebhookEndpoint[]> {
  const items = await queryAllPages(store.db, {
    TableName: store.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': partition, ':prefix': 'ENDPOINT#' },
    ConsistentRead: true,
  });
  return items
    .map((item) => stripKeys<WebhookEndpoint & { entity?: string }>(item))
    .map(({ entity: _entity, ...endpoint }) => endpoint)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.endpointId.localeCompare(b.endpointId));
}

/**
 * Writes an endpoint: a new one only if its id is free; an existing one only if nobody changed it since it
 * was read (`expectedUpdatedAt`), so two admins' changes never silently overwrite each other.
 * @returns false when the condition failed
 */
export async function saveEndpoint(
  store: EndpointStore,
  endpoint: WebhookEndpoint,
  expectedUpdatedAt?: string,
): Promise<boolean> {
  try {
    await store.db.send(
      new PutCommand({
        TableName: store.tableName,
        Item: { ...endpointKey(endpoint.endpointId), entity: 'WEBHOOK_ENDPOINT', ...endpoint },
        ...(expectedUpdatedAt
          ? {
              ConditionExpression: 'updatedAt = :expected',
              ExpressionAttributeValues: { ':expected': expectedUpdatedAt },
            }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}

/**
 * Notes a failed attempt on the endpoint: `failingSince` is set by the first failure after a success and
 * kept by the next ones. It does not touch `updatedAt`, so it never races an admin's change.
 * @returns since when the endpoint has been failing
 */
export async function markEndpointFailing(store: EndpointStore, endpointId: string, at: string): Promise<string> {
  const result = await store.db.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: endpointKey(endpointId),
      UpdateExpression: 'SET failingSince = if_not_exists(failingSince, :at)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': at },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return String(result.Attributes?.failingSince ?? at);
}

/** Notes a delivered attempt: the endpoint is failing no more. */
export async function clearEndpointFailing(store: EndpointStore, endpointId: string): Promise<void> {
  await store.db.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: endpointKey(endpointId),
      UpdateExpression: 'REMOVE failingSince',
      ConditionExpression: 'attribute_exists(pk)',
    }),
  );
}

/**
 * Disables an endpoint on TrustFlow's own initiative (failing for 5 days, or a 410 from the receiver), and
 * writes the `webhook.endpoint.disabled` event in the same transaction, through the outbox like every event.
 * @returns false when it was disabled already
 */
export async function disableEndpointWithEvent(
  store: EndpointStore,
  endpointId: string,
  change: { at: string; reason: string; code: string },
): Promise<boolean> {
  const sk = `EVENT#${change.at}#000#${generateId('evt')}`;
  try {
    await transactWrite(store.db, `disable-endpoint:${endpointId}:${change.at}`, {
      TransactItems: [
        {
          Update: {
            TableName: store.tableName,
            Key: endpointKey(endpointId),
            UpdateExpression: 'SET disabled = :true, disabledReason = :reason, updatedAt = :at REMOVE failingSince',
            ConditionExpression: 'disabled = :false',
            ExpressionAttributeValues: { ':true': true, ':false': false, ':reason': change.reason, ':at': change.at },
          },
        },
        {
          Put: {
            TableName: store.tableName,
            Item: {
              pk: partition,
              sk,
              entity: 'WEBHOOK_ENDPOINT_EVENT',
              at: change.at,
              type: 'ENDPOINT_DISABLED',
              endpointId,
              detail: { reason: change.reason, code: change.code },
              ...outboxAttributes(`${partition}#${endpointId}`, sk, change.at, [
                draftEvent('webhook.endpoint.disabled', { endpointId, reason: change.code }),
              ]),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ],
    });
    return true;
  } catch (error) {
    if (isConditionFailure(error, 0)) return false;
    throw error;
  }
}
