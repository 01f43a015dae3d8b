import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { parseGroupsClaim, readPrincipal, requirePrincipal } from '../../functions/commons/http/principal';
import { toAuthorizerClaims } from '../../infra/local/dev-identity';

function eventWithClaims(claims: Record<string, unknown> | undefined) {
  return {
    requestContext: { authorizer: claims ? { jwt: { claims, scopes: null } } : undefined },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

describe('parseGroupsClaim', () => {
  it.each([
    ['[client reviewer]', ['client', 'reviewer']],
    ['[admin]', ['admin']],
    ['["client","admin"]', ['client', 'admin']],
    ['reviewer', ['reviewer']],
    ['[]', []],
    [['client'], ['client']],
    [undefined, []],
  ])('reads %p', (value, expected) => {
    expect(parseGroupsClaim(value)).toEqual(expected);
  });
});

describe('readPrincipal', () => {
  it('maps claims flattened as the HTTP API authorizer does', () => {
    // Prepare
    const claims = toAuthorizerClaims({
      sub: 'u-1',
      'cognito:groups': ['client', 'stranger'],
      'custom:partyId': 'party_1',
      exp: 1,
    });

    // Act
    const principal = readPrincipal(eventWithClaims(claims));

    // Assess
    expect(claims['cognito:groups']).toBe('[client stranger]');
    expect(claims.exp).toBe('1');
    expect(principal).toEqual({ subject: 'u-1', roles: ['client'], partyId: 'party_1' });
  });

  it('returns undefined without claims or subject', () => {
    expect(readPrincipal(eventWithClaims(undefined))).toBeUndefined();
    expect(readPrincipal(eventWithClaims({ 'cognito:groups': '[admin]' }))).toBeUndefined();
  });
});

describe('requirePrincipal', () => {
  it('passes a principal through and answers 401 without one', () => {
    const principal = { subject: 'u-1', roles: [] };
    expect(requirePrincipal(principal)).toBe(principal);
    expect(() => requirePrincipal(undefined)).toThrow(expect.objectContaining({ status: 401 }));
  });
});
