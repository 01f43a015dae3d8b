import type middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { logger } from '../logger';
import { readPrincipal } from './principal';
import { DomainRefusal } from '../domain-refusal';
import { badRequest, forbidden, problemOf, ProblemError, toProblemResponse, unauthorized } from './problem';
import { findRouteByKey } from './route-table';

/** A middy middleware for HTTP API events. */
export type HttpMiddleware = middy.MiddlewareObj<
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyResultV2,
  Error,
  Context
>;

/** Powertools idempotency errors that the caller can act on, by error name. */
const idempotencyProblems: Record<string, { status: number; detail: string }> = {
  IdempotencyAlreadyInProgressError: {
    status: 409,
    detail: 'A request with this Idempotency-Key is still being processed; retry shortly',
  },
  IdempotencyValidationError: {
    status: 422,
    detail: 'This Idempotency-Key was already used with a different request body',
  },
};

/**
 * Turns every error into an `application/problem+json` response. Must be the outermost middleware so
 * that it sees errors from authorization, idempotency and the handler alike. Unexpected errors are
 * logged with their stack and answered with a 500 that leaks nothing.
 */
export function problemDetails(): HttpMiddleware {
  return {
    onError: async (request) => {
      const { event } = request;
      const error = request.error instanceof DomainRefusal ? problemOf(request.error) : request.error;
      const instance = event.rawPath;
      if (error instanceof ProblemError) {
        if (error.status >= 500) logger.error('request failed', { error });
        request.response = toProblemResponse(error.status, error.detail, error.extensions, instance);
        return;
      }
      const known = error ? idempotencyProblems[error.name] : undefined;
      if (known) {
        request.response = toProblemResponse(known.status, known.detail, {}, instance);
        return;
      }
      logger.error('unhandled error', { error: error ?? undefined });
      request.response = toProblemResponse(
        500,
        `The request could not be completed; quote request id ${request.context.awsRequestId} when reporting it`,
        {},
        instance,
      );
    },
  };
}

/**
 * Enforces the route table's roles. API Gateway's JWT authorizer has already checked the token
 * itself; this checks that the caller's groups include a role the route allows.
 */
export function authorizeRoute(): HttpMiddleware {
  return {
    before: async (request) => {
      const route = findRouteByKey(request.event.routeKey);
      if (!route) throw new ProblemError(500, `Route ${request.event.routeKey} is not in the route table`);
      if (route.auth !== 'jwt') return;
      const principal = readPrincipal(request.event);
      if (!principal) throw unauthorized('A valid bearer token is required');
      if (!route.roles.some((role) => principal.roles.includes(role))) {
        throw forbidden(
          `${route.method} ${route.path} requires one of the roles [${route.roles.join(', ')}]; ` +
            `the token has [${principal.roles.join(', ')}]`,
        );
      }
      // A client acts for a party; staff roles allowed on the route do not need one.
      const allowedRoles = principal.roles.filter((role) => route.roles.includes(role));
      if (allowedRoles.length === 1 && allowedRoles[0] === 'client' && !principal.partyId) {
        throw forbidden('The token carries no custom:partyId claim, so it cannot act for a client party');
      }
    },
  };
}

/** Refuses malformed Idempotency-Key headers before they reach the idempotency store. */
export function validateIdempotencyKey(): HttpMiddleware {
  return {
    before: async (request) => {
      const key = request.event.headers?.['idempotency-key'];
      if (key === undefined) return;
      if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
        throw badRequest('Idempotency-Key must be 1-255 visible ASCII characters', [
          { pointer: '#/headers/idempotency-key', detail: 'expected 1-255 visible ASCII characters' },
        ]);
      }
    },
  };
}
