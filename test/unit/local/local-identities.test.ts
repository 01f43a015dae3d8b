import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadTokenAuthority, type LocalTokenAuthority } from '../../../infra/local/dev-identity';
import { createLocalIdentity, localIdentityRequestSchema } from '../../../infra/local/local-identities';

let dir: string;
let authority: LocalTokenAuthority;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'trustflow-signup-'));
  authority = await loadTokenAuthority(path.join(dir, 'key.json'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createLocalIdentity', () => {
  it('gives a new client a party of its own in a Cognito-shaped token', async () => {
    // Act
    const first = await createLocalIdentity(authority, { role: 'client', name: 'buyer.one' });
    const second = await createLocalIdentity(authority, { role: 'client' });

    // Assess
    expect(await authority.verify(first.token)).toMatchObject({
      sub: first.sub,
      'cognito:groups': ['client'],
      'cognito:username': 'buyer.one',
      'custom:partyId': first.partyId,
    });
    expect(first.partyId).toMatch(/^party_[0-9a-f]{16}$/);
    expect(second.partyId).not.toBe(first.partyId);
    expect(second.sub).not.toBe(first.sub);
    expect(second.username).toMatch(/^client-[0-9a-f]{8}$/);
  });

  it('gives staff no party', async () => {
    // Act
    const admin = await createLocalIdentity(authority, { role: 'admin' });

    // Assess
    expect(admin).not.toHaveProperty('partyId');
    expect(await authority.verify(admin.token)).not.toHaveProperty('custom:partyId');
  });

  it.each([
    [{ role: 'superuser' }, 'role'],
    [{}, 'role'],
    [{ role: 'client', name: 'two words' }, 'name'],
    [{ role: 'client', partyId: 'party_x' }, ''],
  ])('refuses %j', (body, field) => {
    // Act
    const result = localIdentityRequestSchema.safeParse(body);

    // Assess
    expect(result.success).toBe(false);
    if (field) expect(result.error!.issues.map((issue) => issue.path.join('.'))).toContain(field);
  });
});
