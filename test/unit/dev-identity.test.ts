import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { SignJWT, UnsecuredJWT, generateKeyPair, importJWK } from 'jose';
import { advanceClock, now } from '../../functions/commons/clock';
import {
  loadTokenAuthority,
  localAudience,
  localIssuer,
  type LocalTokenAuthority,
} from '../../infra/local/dev-identity';

let dir: string;
let authority: LocalTokenAuthority;
const user = { sub: 'u-1', role: 'client' as const, partyId: 'party_1', username: 'client' };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'trustflow-keys-'));
  authority = await loadTokenAuthority(path.join(dir, 'key.json'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('local token authority', () => {
  it('verifies its own tokens and keeps the key across loads', async () => {
    // Act
    const token = await authority.issue(user);
    const reloaded = await loadTokenAuthority(path.join(dir, 'key.json'));

    // Assess
    expect(await reloaded.verify(token)).toMatchObject({
      sub: 'u-1',
      'cognito:groups': ['client'],
      'custom:partyId': 'party_1',
    });
  });

  it('still accepts a token 31 days later on the local clock, but not 400 days later', async () => {
    // Prepare
    const token = await authority.issue(user);

    // Act
    advanceClock(31 * 86_400_000);
    const after31Days = await authority.verify(token);
    advanceClock(369 * 86_400_000);

    // Assess
    expect(after31Days.sub).toBe('u-1');
    await expect(authority.verify(token)).rejects.toThrow(/exp/);
  });

  it('refuses tokens from another key, issuer or audience, unsigned tokens and HMAC tokens', async () => {
    // Prepare
    const { privateKey: otherKey } = await generateKeyPair('ES256');
    const realKey = await importJWK(JSON.parse(readFileSync(path.join(dir, 'key.json'), 'utf8')), 'ES256');
    const signed = (key: Parameters<SignJWT['sign']>[0], alg: string, issuer = localIssuer, audience = localAudience) =>
      new SignJWT({})
        .setProtectedHeader({ alg })
        .setSubject('u-1')
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt(Math.floor(now().getTime() / 1000))
        .setExpirationTime(Math.floor(now().getTime() / 1000) + 3600)
        .sign(key);
    const candidates = [
      await signed(otherKey, 'ES256'),
      await signed(realKey, 'ES256', 'https://evil.example'),
      await signed(realKey, 'ES256', localIssuer, 'someone-else'),
      await signed(new TextEncoder().encode(JSON.stringify(authority.publicJwk)), 'HS256'),
      new UnsecuredJWT({ sub: 'u-1' }).setIssuer(localIssuer).setAudience(localAudience).encode(),
    ];

    // Act / Assess: the real key with the right claims passes, so each refusal is down to what differs
    await expect(authority.verify(await signed(realKey, 'ES256'))).resolves.toMatchObject({ sub: 'u-1' });
    for (const token of candidates) await expect(authority.verify(token)).rejects.toThrow();
  });
});
