import { randomBytes, randomUUID } from 'node:crypto';
import * as z from 'zod';
import { textSchema } from '../../functions/commons/validation';
import type { LocalTokenAuthority } from './dev-identity';

/** Body of `POST /_local/identities`. */
export const localIdentityRequestSchema = z
  .object({
    role: z.enum(['client', 'reviewer', 'admin'], { message: 'must be client, reviewer or admin' }),
    /** The username the token carries (`cognito:username`); a generated one when absent. */
    name: textSchema(64)
      .refine((name) => /^[A-Za-z0-9._@+-]+$/.test(name), {
        message: 'must be letters, digits and . _ @ + - only',
      })
      .optional(),
  })
  .strict();

/** A new local identity and its token. */
export interface LocalIdentity {
  token: string;
  sub: string;
  role: z.output<typeof localIdentityRequestSchema>['role'];
  username: string;
  /** A client's own new party, carried in the token as `custom:partyId`; absent for staff. */
  partyId?: string;
}

/**
 * Local sign-up: a brand-new Cognito-shaped identity, as a user pool would create one. A client gets a
 * party of its own that nothing knows yet (no KYC standing, no orders), so a new buyer or supplier can
 * be tried from the very start. The token is signed with the stack's key and so survives restarts.
 */
export async function createLocalIdentity(
  tokens: LocalTokenAuthority,
  request: z.output<typeof localIdentityRequestSchema>,
): Promise<LocalIdentity> {
  const sub = randomUUID();
  const partyId = request.role === 'client' ? `party_${randomBytes(8).toString('hex')}` : undefined;
  const username = request.name ?? `${request.role}-${sub.slice(0, 8)}`;
  const token = await tokens.issue({ sub, role: request.role, username, ...(partyId ? { partyId } : {}) });
  return { token, sub, role: request.role, username, ...(partyId ? { partyId } : {}) };
}
