import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { unauthorized } from './problem';
import { roles, type Role } from './route-table';

/** Who is calling, as established by the JWT authorizer. */
export interface Principal {
  /** The token's `sub`. */
  subject: string;
  roles: Role[];
  /** The client's party (tenant) id, from the `custom:partyId` claim. */
  partyId?: string;
}

/** The claim holding the party id. */
export const partyIdClaim = 'custom:partyId';

/**
 * Reads `cognito:groups`. The HTTP API JWT authorizer flattens array claims into the string
 * `"[client reviewer]"`; tests and other callers may pass a real array. Both are accepted.
 */
export function parseGroupsClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const trimmed = value.trim();
  if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
    const inner = trimmed.slice(1, -1).trim();
    if (inner.startsWith('"')) {
      try {
        return (JSON.parse(trimmed) as unknown[]).map(String);
      } catch {
        // not JSON: fall through to the space-separated form
      }
    }
    return inner.split(/[\s,]+/).filter(Boolean);
  }
  return trimmed ? [trimmed] : [];
}

/** Builds the principal from the authorizer's claims; undefined when there are none. */
export function readPrincipal(event: APIGatewayProxyEventV2WithJWTAuthorizer): Principal | undefined {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  if (!claims || typeof claims.sub !== 'string' || claims.sub === '') return undefined;
  const groups = parseGroupsClaim(claims['cognito:groups']);
  const partyId = claims[partyIdClaim];
  return {
    subject: claims.sub,
    roles: roles.filter((role) => groups.includes(role)),
    ...(typeof partyId === 'string' && partyId !== '' ? { partyId } : {}),
  };
}

/**
 * The principal of a JWT route. The authorization middleware has already refused requests without
 * one; this keeps handlers honest about it without a non-null assertion.
 */
export function requirePrincipal(principal: Principal | undefined): Principal {
  if (!principal) throw unauthorized('A valid bearer token is required');
  return principal;
}

/** True for reviewers and admins, who may read any party's records. */
export function isStaff(principal: Principal): boolean {
  return principal.roles.includes('reviewer') || principal.roles.includes('admin');
}
