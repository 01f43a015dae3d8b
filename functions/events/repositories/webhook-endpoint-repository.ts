import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
