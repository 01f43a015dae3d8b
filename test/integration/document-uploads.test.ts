import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { businessCaseRequest, individualCaseRequest, jpegBytes, tinyPng } from '../fixtures/kyc-requests';
import { maxDocumentsPerCase } from '../../functions/kyc/usecases/request-document-upload';
import { callApi, signUp, eventually, postPresignedUpload, suiteStack } from './support/api-client';
import { createLocalS3Client } from './support/s3-client';

const { credentials, endpoints } = suiteStack();
const { apiUrl, tokens } = credentials;

/**
 * A brand-new client party for each test, as a new applicant would be: a party may have at most 3 open
 * cases, and these tests open many.
 */
let client: string;

beforeEach(async () => {
  client = (await signUp(apiUrl, 'client')).token;
});
const s3 = createLocalS3Client(endpoints.s3);

async function openCase(token = client, body: unknown = individualCaseRequest()): Promise<string> {
  const response = await callApi(apiUrl, 'POST', '/kyc/cases', { token, body });
  expect(response.status).toBe(201);
  return response.body.caseId;
}

async function requestUpload(caseId: string, body: Record<string, unknown>, token = client) {
  return callApi(apiUrl, 'POST', `/kyc/cases/${caseId}/documents`, { token, body });
}

async function readDocument(caseId: string, documentId: string) {
  const view = await callApi(apiUrl, 'GET', `/kyc/cases/${caseId}`, { token: client });
  return view.body.documents.find((doc: { documentId: string }) => doc.documentId === documentId);
}

async function objectExists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: 'trustflow-documents', Key: key }));
    return true;
  } catch {
    return false;
  }
}

afterAll(() => s3.destroy());

describe('POST /kyc/cases/{caseId}/documents', () => {
  it('returns a presigned POST bound to a server-chosen key, the declared size and content type', async () => {
    // Prepare
    const caseId = await openCase();

    // Act
    const response = await requestUpload(caseId, {
      type: 'PASSPORT',
      contentType: 'image/png',
      sizeBytes: tinyPng.length,
    });

    // Assess
    expect(response.status).toBe(201);
    const { documentId, upload } = response.body;
    expect(response.body.status).toBe('PENDING_UPLOAD');
    expect(upload.fields.key).toBe(`kyc/${caseId}/${documentId}`);
    expect(upload.fields['Content-Type']).toBe('image/png');
    const policy = JSON.parse(Buffer.from(upload.fields.Policy, 'base64').toString('utf8'));
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', tinyPng.length, tinyPng.length],
        ['eq', '$Content-Type', 'image/png'],
        { key: `kyc/${caseId}/${documentId}` },
      ]),
    );
    const expiresInMs = Date.parse(upload.expiresAt) - Date.now();
    expect(expiresInMs).toBeGreaterThan(60_000);
    expect(expiresInMs).toBeLessThanOrEqual(300_000);
    expect(Date.parse(policy.expiration)).toBe(Math.floor(Date.parse(upload.expiresAt) / 1000) * 1000);
  });

  it('scopes an Idempotency-Key to its path: the same key on another case registers another document', async () => {
    // Prepare
    const [first, second] = [await openCase(), await openCase()];
    const body = { type: 'PASSPORT', contentType: 'image/png', sizeBytes: 100 };
    const headers = { 'idempotency-key': `doc-key-${Date.now()}` };

    // Act
    const once = await callApi(apiUrl, 'POST', `/kyc/cases/${first}/documents`, {
      token: client,
      body,
      headers,
    });
    const again = await callApi(apiUrl, 'POST', `/kyc/cases/${first}/documents`, {
      token: client,
      body,
      headers,
    });
    const elsewhere = await callApi(apiUrl, 'POST', `/kyc/cases/${second}/documents`, {
      token: client,
      body,
      headers,
    });

    // Assess
    expect(again.body.documentId).toBe(once.body.documentId);
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.upload.fields.key).toBe(`kyc/${second}/${elsewhere.body.documentId}`);
    expect(elsewhere.body.documentId).not.toBe(once.body.documentId);
  });

  it('refuses a declared size above 10 MB with 413', async () => {
    // Prepare
    const caseId = await openCase();

    // Act
    const response = await requestUpload(caseId, {
      type: 'PASSPORT',
      contentType: 'image/png',
      sizeBytes: 10 * 1024 * 1024 + 1,
    });

    // Assess
    expect(response.status).toBe(413);
    expect(response.body.detail).toMatch(/at most 10485760 bytes/);
  });

  it('refuses a content type outside the allow-list and a type that does not fit the party with 400', async () => {
    // Prepare
    const caseId = await openCase();

    // Act
    const gif = await requestUpload(caseId, { type: 'PASSPORT', contentType: 'image/gif', sizeBytes: 100 });
    const companyDoc = await requestUpload(caseId, {
      type: 'COMPANY_REGISTRATION',
      contentType: 'application/pdf',
      sizeBytes: 100,
    });

    // Assess
    expect(gif.status).toBe(400);
    expect(gif.body.errors[0].pointer).toBe('/contentType');
    expect(companyDoc.status).toBe(400);
    expect(companyDoc.body.detail).toMatch(/does not apply to an INDIVIDUAL case/);
  });

  it("refuses another client's case with 403 and an unknown case with 404", async () => {
    // Prepare
    const caseId = await openCase(client);
    const body = { type: 'PASSPORT', contentType: 'image/png', sizeBytes: 100 };

    // Act
    const otherClient = await requestUpload(caseId, body, tokens.client2);
    const unknown = await requestUpload('kyc_doesnotexist', body);

    // Assess
    expect(otherClient.status).toBe(403);
    expect(unknown.status).toBe(404);
  });

  it('refuses documents beyond the per-case limit with 409, counting atomically under concurrency', async () => {
    // Prepare
    const caseId = await openCase();
    const body = { type: 'PASSPORT', contentType: 'image/png', sizeBytes: 100 };

    // Act: ten more requests than the limit, all at once
    const responses = await Promise.all(
      Array.from({ length: maxDocumentsPerCase + 10 }, () => requestUpload(caseId, body)),
    );

    // Assess
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(maxDocumentsPerCase);
    expect(statuses.filter((status) => status === 409)).toHaveLength(10);
    const refused = responses.find((response) => response.status === 409)!;
    expect(refused.body.detail).toBe(`The case already has ${maxDocumentsPerCase} documents, the most it may hold`);
    const view = await callApi(apiUrl, 'GET', `/kyc/cases/${caseId}`, { token: client });
    expect(view.body.documents).toHaveLength(maxDocumentsPerCase);
  });
});

describe('upload verification', () => {
  it('marks a real PNG UPLOADED with its size and sha256, and keeps the object', async () => {
    // Prepare
    const caseId = await openCase();
    const grant = await requestUpload(caseId, {
      type: 'PASSPORT',
      contentType: 'image/png',
      sizeBytes: tinyPng.length,
    });

    // Act
    const uploadStatus = await postPresignedUpload(grant.body.upload, tinyPng, 'image/png');
    const document = await eventually(
      () => readDocument(caseId, grant.body.documentId),
      (doc) => doc?.status !== 'PENDING_UPLOAD',
    );

    // Assess
    expect(uploadStatus).toBe(204);
    expect(document).toMatchObject({
      status: 'UPLOADED',
      sizeBytes: tinyPng.length,
      sha256: createHash('sha256').update(tinyPng).digest('hex'),
    });
    expect(await objectExists(grant.body.upload.fields.key)).toBe(true);
    const view = await callApi(apiUrl, 'GET', `/kyc/cases/${caseId}`, { token: client });
    expect(view.body.timeline.map((event: { type: string }) => event.type)).toEqual([
      'CASE_CREATED',
      'DOCUMENT_REQUESTED',
      'DOCUMENT_UPLOADED',
    ]);
  });

  it('does not let a second POST with the same form replace a verified document unchecked', async () => {
    // Prepare
    const caseId = await openCase();
    const grant = await requestUpload(caseId, {
      type: 'PASSPORT',
      contentType: 'image/png',
      sizeBytes: tinyPng.length,
    });
    await postPresignedUpload(grant.body.upload, tinyPng, 'image/png');
    await eventually(
      () => readDocument(caseId, grant.body.documentId),
      (doc) => doc?.status === 'UPLOADED',
    );
    const tampered = Buffer.from(tinyPng);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 20) ^ 0xff, tampered.length - 20);

    // Act
    await postPresignedUpload(grant.body.upload, tampered, 'image/png');
    const document = await eventually(
      () => readDocument(caseId, grant.body.documentId),
      (doc) => doc?.status !== 'UPLOADED',
    );

    // Assess: local S3 keeps no versions, so the verified bytes are gone and the document must be re-uploaded
    expect(document.status).toBe('REJECTED');
    expect(document.rejectionReason).toBe('The document was overwritten after it had been verified; upload it again');
    expect(await objectExists(grant.body.upload.fields.key)).toBe(false);
  });

  it('rejects bytes that are not the declared type, with the reason, and deletes the object', async () => {
    // Prepare
    const caseId = await openCase();
    const grant = await requestUpload(caseId, {
      type: 'PASSPORT',
      contentType: 'image/png',
      sizeBytes: jpegBytes.length,
    });

    // Act
    await postPresignedUpload(grant.body.upload, jpegBytes, 'image/png');
    const document = await eventually(
      () => readDocument(caseId, grant.body.documentId),
      (doc) => doc?.status !== 'PENDING_UPLOAD',
    );

    // Assess
    expect(document.status).toBe('REJECTED');
    expect(document.rejectionReason).toBe(
      'The uploaded file was declared as image/png but contains bytes of a image/jpeg file',
    );
    expect(await objectExists(grant.body.upload.fields.key)).toBe(false);
  });

  it('rejects an upload larger than declared (local S3 does not enforce the policy) and deletes it', async () => {
    // Prepare
    const caseId = await openCase(client, businessCaseRequest());
    const oversized = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 0x20)]);
    const grant = await requestUpload(caseId, {
      type: 'COMPANY_REGISTRATION',
      contentType: 'application/pdf',
      sizeBytes: 1000,
    });

    // Act
    await postPresignedUpload(grant.body.upload, oversized, 'application/pdf');
    const document = await eventually(
      () => readDocument(caseId, grant.body.documentId),
      (doc) => doc?.status !== 'PENDING_UPLOAD',
    );

    // Assess
    expect(document.status).toBe('REJECTED');
    expect(document.rejectionReason).toBe(
      `The uploaded file is ${oversized.length} bytes but 1000 bytes were declared`,
    );
    expect(await objectExists(grant.body.upload.fields.key)).toBe(false);
  });
});
