import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  reservedProblemMembers,
  type DomainRefusal,
  type InvalidParam,
  type ProblemExtensions,
  type RefusalKind,
} from '../domain-refusal';

export type { InvalidParam, ProblemExtensions };
export { reservedProblemMembers };

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
};

/**
 * An error that is meant for the caller. Handlers throw it; the problem-details middleware turns it
 * into an `application/problem+json` response (RFC 9457).
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly extensions: ProblemExtensions = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

/** The HTTP status of each kind of domain refusal: the one place where domain errors become HTTP. */
export const refusalStatus: Record<RefusalKind, number> = {
  INVALID: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
};

/** The problem a domain refusal answers with. */
export function problemOf(refusal: DomainRefusal): ProblemError {
  return new ProblemError(refusalStatus[refusal.kind], refusal.detail, refusal.extensions);
}

/** 400 with the offending fields named. */
export function badRequest(detail: string, errors?: InvalidParam[]): ProblemError {
  return new ProblemError(400, detail, errors ? { errors } : {});
}

/** 401: missing or invalid credentials. */
export function unauthorized(detail: string): ProblemError {
  return new ProblemError(401, detail);
}

/** 403: authenticated but not allowed. */
export function forbidden(detail: string, extensions?: ProblemExtensions): ProblemError {
  return new ProblemError(403, detail, extensions);
}

/** 404: no such resource. */
export function notFound(detail: string): ProblemError {
  return new ProblemError(404, detail);
}

/** 409: the resource's state does not allow this. */
export function conflict(detail: string, extensions?: ProblemExtensions): ProblemError {
  return new ProblemError(409, detail, extensions);
}

/** 413: the request or the declared upload is too large. */
export function contentTooLarge(detail: string): ProblemError {
  return new ProblemError(413, detail);
}

/** Builds an `application/problem+json` response. */
export function toProblemResponse(
  status: number,
  detail: string,
  extensions: ProblemExtensions = {},
  instance?: string,
): APIGatewayProxyStructuredResultV2 {
  const title = titles[status] ?? 'Error';
  // Extensions first, so that nothing a caller passes can overwrite a member the RFC reserves.
  const safeExtensions = Object.fromEntries(
    Object.entries(extensions).filter(([name]) => !(reservedProblemMembers as readonly string[]).includes(name)),
  );
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({
      ...safeExtensions,
      type: 'about:blank',
      title,
      status,
      detail,
      ...(instance ? { instance } : {}),
    }),
  };
}
