/** One offending field, as a JSON pointer into the request body (RFC 6901) plus what is wrong. */
export interface InvalidParam {
  pointer: string;
  detail: string;
}

/**
 * The members RFC 9457 defines for a problem document, which a refusal becomes. An extension may never replace them: `status` is always the HTTP status
 * code, so a domain status travels under a name of its own (e.g. `caseStatus`).
 */
export const reservedProblemMembers = ['type', 'title', 'status', 'detail', 'instance'] as const;

/** Extra members of a problem document. */
export type ProblemExtensions = Record<string, unknown> & { errors?: InvalidParam[] } & {
  [K in (typeof reservedProblemMembers)[number]]?: never;
};

/**
 * What kind of "no" a domain rule answers. The HTTP layer maps each kind to a status in one place
 * (`refusalStatus` in commons/http/problem.ts), so models never speak HTTP.
 * - `INVALID`: the request is malformed;
 * - `FORBIDDEN`: the caller may not do this;
 * - `NOT_FOUND`: what it names does not exist;
 * - `CONFLICT`: the current state refuses it; the same request may succeed later;
 * - `UNPROCESSABLE`: well formed, but it can never be accepted as written.
 */
export type RefusalKind = 'INVALID' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'UNPROCESSABLE';

/** A domain rule refusing what was asked, with a sentence for the caller and members for programs. */
export class DomainRefusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly detail: string,
    readonly extensions: ProblemExtensions = {},
  ) {
    super(detail);
    this.name = 'DomainRefusal';
  }
}
