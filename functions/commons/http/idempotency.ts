import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { dynamoDbClient } from '../aws-clients';
import { getConfig } from '../config';
import { tableSchema } from '../storage/table-schema';
import type { HttpMiddleware } from './middleware';

function createIdempotencyMiddleware(keyPrefix: string, expiresAfterSeconds: number): HttpMiddleware {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: getConfig().tableName,
    awsSdkV3Client: dynamoDbClient,
    keyAttr: tableSchema.partitionKey,
    sortKeyAttr: tableSchema.sortKey,
    staticPkValue: `IDEMPOTENCY#${keyPrefix}`,
    expiryAttr: tableSchema.timeToLiveAttribute,
  });
  const config = new IdempotencyConfig({
    // Null without the header, which makes Powertools skip idempotency for that request. The path is
    // part of the key: the same key sent to another case must not replay this case's response.
    eventKeyJmesPath:
      'headers."idempotency-key" && [requestContext.authorizer.jwt.claims.sub, rawPath, headers."idempotency-key"]',
    payloadValidationJmesPath: 'powertools_json(body)',
    expiresAfterSeconds,
  });
  return makeHandlerIdempotent({ persistenceStore, config, keyPrefix }) as HttpMiddleware;
}

/**
 * Makes a route idempotent on the `Idempotency-Key` header, scoped to the caller's `sub` and the
 * request path: a repeat with the same key and body returns the first response; the same key with
 * another body gets 422; a repeat while the first is still running gets 409. Requests without the
 * header are not affected. Records live in the single table under `IDEMPOTENCY#<keyPrefix>` and
 * expire through its TTL. The store is built on first use, so importing a handler needs no environment.
 */
export function idempotentOnKey(keyPrefix: string, expiresAfterSeconds = 86_400): HttpMiddleware {
  let inner: HttpMiddleware | undefined;
  const resolve = () => (inner ??= createIdempotencyMiddleware(keyPrefix, expiresAfterSeconds));
  return {
    before: (request) => resolve().before?.(request),
    after: (request) => resolve().after?.(request),
    onError: (request) => resolve().onError?.(request),
  };
}
