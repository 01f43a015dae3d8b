import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyResultV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { logger } from '../logger';
import { authorizeRoute, problemDetails, validateIdempotencyKey, type HttpMiddleware } from './middleware';
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
   * Middleware that runs after authorization, innermost, such as `idempotentOnKey(...)`. Opt-in so
   * that functions which do not use it do not bundle it.
   */
  middlewares?: HttpMiddleware[];
}

/**
 * Wraps a route handler with the standard HTTP middleware: structured logging, problem+json errors,
 * role checks from the route table, Idempotency-Key validation, then any extra middleware.
 */
export function createHttpHandler(handle: HttpRouteHandler, options: HttpHandlerOptions = {}) {
  const handler = middy<HttpEvent, APIGatewayProxyResultV2, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(problemDetails())
    .use(authorizeRoute())
    .use(validateIdempotencyKey());
  for (const middleware of options.middlewares ?? []) handler.use(middleware);
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
