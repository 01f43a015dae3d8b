import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { dynamoDbClient } from '../aws-clients';
import { getConfig } from '../config';
import { tableSchema } from '../storage/table-schema';

/**
 * Makes a route idempotent on the `Idempotency-Key` header, scoped to the caller's `sub`: a repeat
 * with the same key and body returns the first response; the same key with another body gets 422;
 * a repeat while the first is still running gets 409. Requests without the header are not affected.
 * Records live in the single table under `IDEMPOTENCY#<keyPrefix>` and expire through its TTL.
 */
export function idempotentOnKey(keyPrefix: string, expiresAfterSeconds = 86_400) {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: getConfig().tableName,
    awsSdkV3Client: dynamoDbClient,
    keyAttr: tableSchema.partitionKey,
    sortKeyAttr: tableSchema.sortKey,
    staticPkValue: `IDEMPOTENCY#${keyPrefix}`,
    expiryAttr: tableSchema.timeToLiveAttribute,
  });
  const config = new IdempotencyConfig({
    // null without the header, which makes Powertools skip idempotency for that request
    eventKeyJmesPath:
      'headers."idempotency-key" && [requestContext.authorizer.jwt.claims.sub, headers."idempotency-key"]',
    payloadValidationJmesPath: 'powertools_json(body)',
    expiresAfterSeconds,
  });
  return makeHandlerIdempotent({ persistenceStore, config, keyPrefix });
}
