import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Attributes of the single table that place an item (its keys and index keys), not part of its value. */
const keyAttributes = ['pk', 'sk', 'entity', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'];

/** The value an item stores, without the keys and index keys that place it in the single table. */
export function stripKeys<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !keyAttributes.includes(name))) as T;
}

/** Reads one item, strongly consistent, as its value; undefined when there is none. */
export async function getStoredItem<T>(
  store: { db: DynamoDBDocumentClient; tableName: string },
  key: { pk: string; sk: string },
): Promise<T | undefined> {
  const result = await store.db.send(new GetCommand({ TableName: store.tableName, Key: key, ConsistentRead: true }));
  return result.Item ? stripKeys<T>(result.Item) : undefined;
}
