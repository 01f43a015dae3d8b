import { businessCaseRequest, individualCaseRequest } from '../fixtures/kyc-requests';
import { callApi, signUp, suiteStack } from './support/api-client';

const { credentials } = suiteStack();
const { apiUrl, tokens } = credentials;

/**
 * A brand-new client party for each test, as a new applicant would be: a party may have at most 3 open
 * cases, and these tests open many.
 */
let client: string;

beforeEach(async () => {
  client = (await signUp(apiUrl, 'client')).token;
});

describe('POST /kyc/cases', () => {
  it('opens an individual case awaiting its documents, with the required documents listed', async () => {
    // Act
    const response = await callApi(apiUrl, 'POST', '/kyc/cases', {
      token: client,
      body: individualCaseRequest(),
    });

    // Assess
    expect(response.status).toBe(201);
    expect(response.body.caseId).toMatch(/^kyc_[0-9a-f]{32}$/);
    expect(response.body.status).toBe('AWAITING_DOCUMENTS');
    expect(response.headers.get('location')).toBe(`/kyc/cases/${response.body.caseId}`);
    expect(response.body.requiredDocuments.map((doc: { requirement: string }) => doc.requirement)).toEqual([
      'IDENTITY_DOCUMENT',
      'PROOF_OF_ADDRESS',
    ]);
  });

  it('requires company documents and financial statements for a high-value business', async () => {
    // Act
    const response = await callApi(apiUrl, 'POST', '/kyc/cases', {
      token: client,
      body: businessCaseRequest('HIGH_VALUE'),
    });

    // Assess
    expect(response.status).toBe(201);
    expect(response.body.requiredDocuments.map((doc: { requirement: string }) => doc.requirement)).toEqual([
      'COMPANY_REGISTRATION',
      'BUSINESS_LICENSE',
      'TAX_REGISTRATION',
      'PROOF_OF_ADDRESS',
      'FINANCIAL_STATEMENT',
    ]);
  });

  it('returns the same case when a create is repeated with the same Idempotency-Key', async () => {
    // Prepare
    const key = `it-${Date.now()}-${Math.random()}`;
    const request = { token: client, body: individualCaseRequest(), headers: { 'idempotency-key': key } };

    // Act
    const first = await callApi(apiUrl, 'POST', '/kyc/cases', request);
    const second = await callApi(apiUrl, 'POST', '/kyc/cases', request);
    const otherClient = await callApi(apiUrl, 'POST', '/kyc/cases', { ...request, token: tokens.client2 });

    // Assess
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.caseId).toBe(first.body.caseId);
    expect(otherClient.status).toBe(201);
    expect(otherClient.body.caseId).not.toBe(first.body.caseId);
  });

  it('refuses an Idempotency-Key reused with a different body with 422', async () => {
    // Prepare
    const headers = { 'idempotency-key': `it-reuse-${Date.now()}` };
    await callApi(apiUrl, 'POST', '/kyc/cases', { token: client, body: individualCaseRequest(), headers });

    // Act
    const reused = await callApi(apiUrl, 'POST', '/kyc/cases', {
      token: client,
      body: individualCaseRequest({ fullName: 'Someone Else' }),
      headers,
    });

    // Assess
    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toBe('application/problem+json');
    expect(reused.body.detail).toMatch(/different request body/);
  });

  it('answers a bad body with 400 naming each offending field', async () => {
    // Act
    const response = await callApi(apiUrl, 'POST', '/kyc/cases', {
      token: client,
      body: individualCaseRequest({ dateOfBirth: '1990-02-30', nationality: 'XX' }),
    });

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body.detail).toContain('applicant.dateOfBirth');
    expect(response.body.detail).toContain('applicant.nationality');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/applicant/dateOfBirth' }),
        expect.objectContaining({ pointer: '/applicant/nationality' }),
      ]),
    );
  });

  it('answers malformed JSON with 400 and a non-JSON content type with 415', async () => {
    // Act
    const malformed = await callApi(apiUrl, 'POST', '/kyc/cases', {
      token: client,
      rawBody: '{"partyType": ',
      headers: { 'content-type': 'application/json' },
    });
    const wrongType = await callApi(apiUrl, 'POST', '/kyc/cases', {
      token: client,
      rawBody: 'partyType=INDIVIDUAL',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

    // Assess
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toMatch(/not valid JSON/);
    expect(wrongType.status).toBe(415);
  });

  it('answers a missing or invalid token with 401 and a reviewer with 403', async () => {
    // Act
    const missing = await callApi(apiUrl, 'POST', '/kyc/cases', { body: individualCaseRequest() });
    const forged = await callApi(apiUrl, 'POST', '/kyc/cases', {
      token: `${client.slice(0, -4)}AAAA`,
      body: individualCaseRequest(),
    });
    const garbage = await callApi(apiUrl, 'POST', '/kyc/cases', { token: 'not-a-jwt', body: individualCaseRequest() });
    const reviewer = await callApi(apiUrl, 'POST', '/kyc/cases', {
      token: tokens.reviewer,
      body: individualCaseRequest(),
    });

    // Assess
    for (const response of [missing, forged, garbage]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
    expect(reviewer.status).toBe(403);
    expect(reviewer.body.detail).toMatch(/requires one of the roles \[client\]/);
  });
});

describe('GET /kyc/cases/{caseId}', () => {
  let caseId: string;
  /** The applicant of the case these tests read, the same for all of them. */
  let owner: { token: string; partyId?: string };

  beforeAll(async () => {
    owner = await signUp(apiUrl, 'client');
    const created = await callApi(apiUrl, 'POST', '/kyc/cases', {
      token: owner.token,
      body: individualCaseRequest(),
    });
    caseId = created.body.caseId;
  });

  it('shows the owner the case with its applicant and timeline', async () => {
    // Act
    const response = await callApi(apiUrl, 'GET', `/kyc/cases/${caseId}`, { token: owner.token });

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      caseId,
      status: 'AWAITING_DOCUMENTS',
      partyType: 'INDIVIDUAL',
      partyId: owner.partyId,
      applicant: { fullName: 'Ana Souza' },
      documents: [],
    });
    // the applicant's own entries show a user of the party, never a user id
    expect(response.body.timeline).toEqual([
      {
        at: expect.any(String),
        type: 'CASE_CREATED',
        actor: { kind: 'PARTY' },
        detail: { status: 'AWAITING_DOCUMENTS', partyType: 'INDIVIDUAL', tier: 'STANDARD' },
      },
    ]);
  });

  it('lets reviewers and admins read any case', async () => {
    // Act
    const reviewer = await callApi(apiUrl, 'GET', `/kyc/cases/${caseId}`, { token: tokens.reviewer });
    const admin = await callApi(apiUrl, 'GET', `/kyc/cases/${caseId}`, { token: tokens.admin });

    // Assess: the staff view names the user and labels each entry's audience
    expect(reviewer.status).toBe(200);
    expect(admin.status).toBe(200);
    expect(reviewer.body.timeline).toEqual([
      expect.objectContaining({
        type: 'CASE_CREATED',
        actor: expect.objectContaining({ kind: 'USER', subject: expect.any(String), role: 'client' }),
        audience: 'PARTIES',
      }),
    ]);
  });

  it('refuses another client with 403', async () => {
    // Act
    const response = await callApi(apiUrl, 'GET', `/kyc/cases/${caseId}`, { token: tokens.client2 });

    // Assess
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ status: 403, detail: 'This case belongs to another party' });
  });

  it('answers 404 for an unknown case and 400 for a malformed id', async () => {
    // Act
    const unknown = await callApi(apiUrl, 'GET', '/kyc/cases/kyc_doesnotexist', { token: owner.token });
    const malformed = await callApi(apiUrl, 'GET', `/kyc/cases/${encodeURIComponent('bad id!')}`, {
      token: client,
    });

    // Assess
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('There is no KYC case kyc_doesnotexist');
    expect(malformed.status).toBe(400);
  });

  it('answers 400 for a path that is not valid percent-encoding', async () => {
    // Act
    const response = await callApi(apiUrl, 'GET', '/kyc/cases/%E0%A4%A', { token: owner.token });

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers 401 without a token', async () => {
    // Act
    const response = await callApi(apiUrl, 'GET', `/kyc/cases/${caseId}`);

    // Assess
    expect(response.status).toBe(401);
  });
});

describe('GET /openapi.json', () => {
  it('serves an OpenAPI 3.1 document of every route without a token', async () => {
    // Act
    const response = await callApi(apiUrl, 'GET', '/openapi.json');

    // Assess
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/kyc/cases', '/kyc/cases/{caseId}', '/kyc/cases/{caseId}/documents']),
    );
    expect(response.body.components.schemas.CreateKycCase).toBeDefined();
    expect(response.body.servers).toEqual([{ url: apiUrl }]);
  });
});

describe('CORS', () => {
  it('answers a preflight without a token, allowing the API headers', async () => {
    // Act
    const response = await fetch(`${apiUrl}/kyc/cases`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,idempotency-key',
      },
    });

    // Assess
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization,content-type,idempotency-key');
  });

  it('lets a browser read responses, the Location header included', async () => {
    // Act
    const response = await callApi(apiUrl, 'POST', '/kyc/cases', {
      token: client,
      body: individualCaseRequest(),
      headers: { origin: 'https://app.example.com' },
    });

    // Assess
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toBe('location');
  });
});
