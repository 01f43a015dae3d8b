import * as z from 'zod';
import { jsonResponse as json } from '../../functions/commons/http/http-handler';
import { parseJsonText } from '../../functions/commons/http/parse-request';
import { ProblemError, toProblemResponse } from '../../functions/commons/http/problem';
import type { LocalRouteHandler } from './api-server';
import { advanceClockBy, describeClock } from './clock-store';
import type { LocalTokenAuthority } from './dev-identity';
import { createLocalIdentity, localIdentityRequestSchema } from './local-identities';
import { localListsRequestSchema, type LocalListsRequest } from './publish-local-lists';
import { parseGroupsClaim } from '../../functions/commons/http/principal';

/** Body of `POST /_local/clock`. */
const advanceClockRequestSchema = z.object({
  advance: z.string({ message: 'required, an ISO 8601 duration such as "P31D" or "PT6H"' }),
});

/** What the local routes act on. */
export interface LocalRoutesOptions {
  /** URLs of the local AWS counterparts, for the health answer. */
  services: Record<string, string>;
  /** Where the clock's offset is saved. */
  clockFile: string;
  /** Signs the tokens of new local identities. */
  tokens: LocalTokenAuthority;
  /** Waits for work in flight (a workflow step about to start a wait) before the clock moves. */
  beforeClockMoves?: () => Promise<unknown>;
  /** The emails the stack sent (its SES counterpart), for `GET /_local/mailbox`. */
  mailbox?: (to?: string) => unknown[];
  /** Publishes a list version with entries added and runs monitoring as the daily refresh would. */
  publishLists?: (request: LocalListsRequest) => Promise<unknown>;
}

/** Only an admin's token may change the lists, even locally: the hook is a refresh, not a back door. */
async function requireAdmin(tokens: LocalTokenAuthority, authorization: string | undefined): Promise<void> {
  const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new ProblemError(401, 'An admin bearer token is required');
  let groups: string[];
  try {
    groups = parseGroupsClaim((await tokens.verify(token))['cognito:groups']);
  } catch {
    throw new ProblemError(401, 'The bearer token is not valid');
  }
  if (!groups.includes('admin')) throw new ProblemError(403, 'Only an admin may publish list entries');
}

/**
 * The local stack's own routes:
 * - `GET /_local/health`;
 * - `GET`/`POST /_local/clock` to read and advance the business clock (saved to `clockFile` so it survives
 *   restarts). The clock moves once the workflows have settled, so a jump right after an API call acts on
 *   the waits that call led to;
 * - `POST /_local/identities` `{role, name?}`: local sign-up, a new identity and its token;
 * - `GET /_local/mailbox[?to=<address>]`: the emails the stack sent (to applicants), oldest first;
 * - `POST /_local/lists` (admin) `{add: [{entityId, name, type, dateOfBirth?, countries?, programs}]}`: a
 *   new list version with those entries added (an `entityId` already listed is replaced), then monitoring
 *   screens the change, as the daily refresh does.
 */
export function createLocalRoutes(options: LocalRoutesOptions): LocalRouteHandler {
  const beforeClockMoves = options.beforeClockMoves ?? (async () => undefined);
  return async (method, url, body, authorization) => {
    if (!url.pathname.startsWith('/_local/')) return undefined;
    try {
      if (url.pathname === '/_local/health' && method === 'GET') {
        return json(200, { status: 'ok', clock: describeClock(), services: options.services });
      }
      if (url.pathname === '/_local/clock' && method === 'GET') return json(200, describeClock());
      if (url.pathname === '/_local/clock' && method === 'POST') {
        const { advance } = parseJsonText(body.toString('utf8') || '{}', advanceClockRequestSchema);
        await beforeClockMoves();
        try {
          advanceClockBy(options.clockFile, advance);
        } catch (error) {
          const detail = (error as Error).message;
          throw new ProblemError(400, `advance: ${detail}`, { errors: [{ pointer: '/advance', detail }] });
        }
        return json(200, describeClock());
      }
      if (url.pathname === '/_local/mailbox' && method === 'GET' && options.mailbox) {
        return json(200, { emails: options.mailbox(url.searchParams.get('to') ?? undefined) });
      }
      if (url.pathname === '/_local/lists' && method === 'POST' && options.publishLists) {
        await requireAdmin(options.tokens, authorization);
        const request = parseJsonText(body.toString('utf8') || '{}', localListsRequestSchema);
        return json(201, await options.publishLists(request));
      }
      if (url.pathname === '/_local/identities' && method === 'POST') {
        const request = parseJsonText(body.toString('utf8') || '{}', localIdentityRequestSchema);
        return json(201, await createLocalIdentity(options.tokens, request));
      }
      return toProblemResponse(404, `No local route ${method} ${url.pathname}`, {}, url.pathname);
    } catch (error) {
      if (error instanceof ProblemError) {
        return toProblemResponse(error.status, error.detail, error.extensions, url.pathname);
      }
      throw error;
    }
  };
}
