import type { Context } from 'aws-lambda';
import { createHttpHandler, jsonResponse, type HttpEvent } from '../../functions/commons/http/http-handler';
import { DomainRefusal, type RefusalKind } from '../../functions/commons/domain-refusal';
import { notFound } from '../../functions/commons/http/problem';

const context = {
  awsRequestId: 'req-1',
  functionName: 'test',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

function event(routeKey: string, claims?: Record<string, string>): HttpEvent {
  return {
    routeKey,
    rawPath: '/kyc/cases/kyc_1',
    headers: {},
    requestContext: { authorizer: claims ? { jwt: { claims, scopes: null } } : undefined },
  } as unknown as HttpEvent;
}

const clientClaims = { sub: 'u-1', 'cognito:groups': '[client]', 'custom:partyId': 'party_1' };

describe('createHttpHandler', () => {
  const ok = createHttpHandler(async (_event, principal) => jsonResponse(200, { principal }));

  it('passes an authorized caller to the route handler', async () => {
    // Act
    const response = await ok(event('GET /kyc/cases/{caseId}', clientClaims), context);

    // Assess
    expect(response).toMatchObject({ statusCode: 200 });
    expect(JSON.parse((response as { body: string }).body).principal).toEqual({
      subject: 'u-1',
      roles: ['client'],
      partyId: 'party_1',
    });
  });

  it('answers 401 without claims and 403 for a role the route does not allow', async () => {
    // Act
    const anonymous = await ok(event('GET /kyc/cases/{caseId}'), context);
    const wrongRole = await ok(event('POST /kyc/cases', { sub: 'r-1', 'cognito:groups': '[reviewer]' }), context);
    const noParty = await ok(event('POST /kyc/cases', { sub: 'c-1', 'cognito:groups': '[client]' }), context);

    // Assess
    expect(anonymous).toMatchObject({ statusCode: 401, headers: { 'content-type': 'application/problem+json' } });
    expect(wrongRole).toMatchObject({ statusCode: 403 });
    expect(JSON.parse((wrongRole as { body: string }).body).detail).toBe(
      'POST /kyc/cases requires one of the roles [client]; the token has [reviewer]',
    );
    expect(JSON.parse((noParty as { body: string }).body).detail).toMatch(/no custom:partyId claim/);
  });

  it('lets a user who is both client and reviewer read as a reviewer without a party id', async () => {
    // Act
    const response = await ok(
      event('GET /kyc/cases/{caseId}', { sub: 'x-1', 'cognito:groups': '[client reviewer]' }),
      context,
    );

    // Assess
    expect(response).toMatchObject({ statusCode: 200 });
  });

  it('lets public routes through without claims', async () => {
    expect(await ok(event('GET /openapi.json'), context)).toMatchObject({ statusCode: 200 });
  });

  it.each([
    ['INVALID', 400],
    ['FORBIDDEN', 403],
    ['NOT_FOUND', 404],
    ['CONFLICT', 409],
    ['UNPROCESSABLE', 422],
  ] as const)('answers a domain refusal of kind %s with %i and its members', async (kind: RefusalKind, status) => {
    // Prepare
    const refusing = createHttpHandler(async () => {
      throw new DomainRefusal(kind, 'Supplier party_s is not verified', { code: 'SUPPLIER_NOT_VERIFIED' });
    });

    // Act
    const response = await refusing(event('GET /kyc/cases/{caseId}', clientClaims), context);

    // Assess
    expect(response).toMatchObject({ statusCode: status, headers: { 'content-type': 'application/problem+json' } });
    expect(JSON.parse((response as { body: string }).body)).toMatchObject({
      status,
      detail: 'Supplier party_s is not verified',
      code: 'SUPPLIER_NOT_VERIFIED',
    });
  });

  it('turns problems into problem+json and hides unexpected errors behind a 500', async () => {
    // Prepare
    const missing = createHttpHandler(async () => {
      throw notFound('There is no KYC case kyc_1');
    });
    const broken = createHttpHandler(async () => {
      throw new Error('connection string with a secret');
    });

    // Act
    const problem = await missing(event('GET /kyc/cases/{caseId}', clientClaims), context);
    const failure = await broken(event('GET /kyc/cases/{caseId}', clientClaims), context);

    // Assess
    expect(JSON.parse((problem as { body: string }).body)).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'There is no KYC case kyc_1',
      instance: '/kyc/cases/kyc_1',
    });
    expect(failure).toMatchObject({ statusCode: 500 });
    expect((failure as { body: string }).body).not.toContain('secret');
    expect(JSON.parse((failure as { body: string }).body).detail).toContain('req-1');
  });
});
