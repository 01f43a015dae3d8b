import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyResultV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { dynamoDbClient } from '../aws-clients';
import { getConfig } from '../config';
import { logger } from '../logger';
import { tableSchema } from '../storage/table-schema';
import { authorizeRoute, problemDetails, validateIdempotencyKey } from './middleware';
import { readPrincipal, type Principal } from './principal';

/** The event every HTTP handler receives. */
export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

/** A route's domain logic: the event and the (already authorized) principal in, a response out. */
export type HttpRouteHandler = (
  event: HttpEvent,
  principal: Principal | undefined,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** Options of {@link createHttpHandler}. */
export interface HttpHandlerOptions {
  /**
   * Makes the route idempotent on the `Idempotency-Key` header, scoped to the caller: a repeat with the
   * same key and body returns the first response; the same key with another body gets 422.
   */
  idempotency?: { keyPrefix: string; expiresAfterSeconds?: number };
}

function createIdempotencyMiddleware(keyPrefix: string, expiresAfterSeconds: number) {
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
    eventKeyJmesPath: 'headers."idempotency-key" && [requestContext.authorizer.jwt.claims.sub, headers."idempotency-key"]',
    payloadValidationJmesPath: 'powertools_json(body)',
    expiresAfterSeconds,
  });
  return makeHandlerIdempotent({ persistenceStore, config, keyPrefix });
}

/**
 * Wraps a route handler with the standard HTTP middleware: structured logging, problem+json errors,
 * role checks from the route table and, optionally, idempotency.
 */
export function createHttpHandler(handle: HttpRouteHandler, options: HttpHandlerOptions = {}) {
  const handler = middy<HttpEvent, APIGatewayProxyResultV2, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(problemDetails())
    .use(authorizeRoute());
  if (options.idempotency) {
    handler
      .use(validateIdempotencyKey())
      .use(createIdempotencyMiddleware(options.idempotency.keyPrefix, options.idempotency.expiresAfterSeconds ?? 86_400));
  }
  return handler.handler((event, context) => handle(event, readPrincipal(event), context));
}

/** A JSON response. */
export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
