import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { now } from '../../functions/commons/clock';
import { partyIdClaim } from '../../functions/commons/http/principal';
import type { Role } from '../../functions/commons/http/route-table';
import { readJsonFile, writeJsonFile } from './json-file';

/** Issuer and audience of local tokens, standing in for the Cognito user pool and its app client. */
export const localIssuer = 'urn:trustflow:local-idp';
export const localAudience = 'trustflow-local-client';

/** Local tokens last a year on the local clock, comfortably past any 30-day deadline test. */
const tokenLifetimeSeconds = 365 * 86_400;

/** The demo users that dev-credentials.json hands out. */
export const devUsers = {
  client: { role: 'client', party: true },
  client2: { role: 'client', party: true },
  /** The demo supplier: a client of its own party, KYC-approved with six months of history on first start. */
  supplier: { role: 'client', party: true },
  /** A second demo buyer, KYC-approved at tier HIGH_VALUE, so large orders can be tried at once. */
  bigBuyer: { role: 'client', party: true },
  reviewer: { role: 'reviewer', party: false },
  reviewer2: { role: 'reviewer', party: false },
  admin: { role: 'admin', party: false },
  /** A second admin: an override of a Trade Assurance amount takes effect only once another admin approves. */
  admin2: { role: 'admin', party: false },
} as const satisfies Record<string, { role: Role; party: boolean }>;

/** Name of a demo user. */
export type DevUserName = keyof typeof devUsers;

/** Stable ids of the demo users and the webhook partners, kept across restarts. */
export interface DevIdentities {
  users: Record<DevUserName, { sub: string; partyId?: string }>;
  webhooks: Record<'payments' | 'logistics' | 'payouts' | 'inspections', { partnerId: string; secret: string }>;
}

/** Loads the demo identities, creating them on first start. */
export function loadDevIdentities(file: string): DevIdentities {
  const saved = readJsonFile<DevIdentities>(file);
  const users = {} as DevIdentities['users'];
  for (const [name, user] of Object.entries(devUsers) as [DevUserName, (typeof devUsers)[DevUserName]][]) {
    const existing = saved?.users?.[name];
    users[name] = existing ?? {
      sub: randomUUID(),
      ...(user.party ? { partyId: `party_${randomBytes(8).toString('hex')}` } : {}),
    };
  }
  const webhook = (partnerId: string) => ({ partnerId, secret: `whsec_${randomBytes(24).toString('base64url')}` });
  const identities: DevIdentities = {
    users,
    // a partner kind added since the data directory was made gets its secret now; the others keep theirs
    webhooks: {
      payments: saved?.webhooks?.payments ?? webhook('payments-local'),
      logistics: saved?.webhooks?.logistics ?? webhook('logistics-local'),
      payouts: saved?.webhooks?.payouts ?? webhook('payouts-local'),
      inspections: saved?.webhooks?.inspections ?? webhook('inspections-local'),
    },
  };
  writeJsonFile(file, identities);
  return identities;
}

/** Signs and verifies local tokens with an ES256 key pair kept in the data directory. */
export interface LocalTokenAuthority {
  issue(user: { sub: string; role: Role; partyId?: string; username: string }): Promise<string>;
  /** Verifies a bearer token at the local clock's time; throws when it is not valid. */
  verify(token: string): Promise<JWTPayload>;
  publicJwk: JWK;
}

/** Loads the signing key (creating it on first start) and returns the token authority. */
export async function loadTokenAuthority(keyFile: string): Promise<LocalTokenAuthority> {
  let privateJwk = readJsonFile<JWK>(keyFile);
  if (!privateJwk) {
    const pair = await generateKeyPair('ES256', { extractable: true });
    privateJwk = { ...(await exportJWK(pair.privateKey)), kid: randomUUID(), alg: 'ES256' };
    writeJsonFile(keyFile, privateJwk);
  }
  const { d: _d, ...publicJwk } = privateJwk;
  const privateKey = await importJWK(privateJwk, 'ES256');
  const publicKey = await importJWK(publicJwk, 'ES256');
  return {
    publicJwk,
    async issue(user) {
      const issuedAt = Math.floor(now().getTime() / 1000);
      return new SignJWT({
        'cognito:groups': [user.role],
        'cognito:username': user.username,
        token_use: 'id',
        ...(user.partyId ? { [partyIdClaim]: user.partyId } : {}),
      })
        .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid })
        .setSubject(user.sub)
        .setIssuer(localIssuer)
        .setAudience(localAudience)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + tokenLifetimeSeconds)
        .sign(privateKey);
    },
    async verify(token) {
      const { payload } = await jwtVerify(token, publicKey, {
        issuer: localIssuer,
        audience: localAudience,
        algorithms: ['ES256'],
        currentDate: now(),
      });
      return payload;
    },
  };
}

/**
 * Maps verified claims as the HTTP API JWT authorizer does: every value becomes a string, and arrays
 * are flattened to `"[a b]"` (which is why handlers parse `cognito:groups` from that form).
 */
export function toAuthorizerClaims(payload: JWTPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (Array.isArray(value)) claims[name] = `[${value.join(' ')}]`;
    else if (value !== null && typeof value === 'object') claims[name] = JSON.stringify(value);
    else claims[name] = String(value);
  }
  return claims;
}
