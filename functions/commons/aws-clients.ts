import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/*
 * Clients live at module scope so warm invocations reuse their connections. Endpoints come from the
 * standard AWS_ENDPOINT_URL_* variables: real AWS when unset, the local stack when set. The S3 client
 * is in its own module so functions that never touch S3 do not bundle it.
 */

/** Low-level DynamoDB client (for libraries that want one, such as Powertools idempotency). */
export const dynamoDbClient = new DynamoDBClient({});

/** Document client: plain JavaScript values in and out, undefined attributes dropped. */
export const documentClient = DynamoDBDocumentClient.from(dynamoDbClient, {
  marshallOptions: { removeUndefinedValues: true },
});
