import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localResourceNames } from '../../../infra/local/local-stack-config';

/**
 * The single table of a running local stack, for tests that prepare or inspect items directly.
 * DynamoDB Local keeps one database per access key and region: this uses the key the stack created the
 * table with.
 */
export function connectStackTable(endpoints: Record<string, string>): {
  db: DynamoDBDocumentClient;
  tableName: string;
} {
  const client = new DynamoDBClient({
    endpoint: endpoints.dynamodb,
    region: localResourceNames.region,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  return {
    db: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    tableName: localResourceNames.tableName,
  };
}
