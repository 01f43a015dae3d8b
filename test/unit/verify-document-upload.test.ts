import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { detectContentType } from '../../functions/commons/detect-content-type';
import type { KycDocument } from '../../functions/kyc/models/document';
import { verifyDocumentUpload } from '../../functions/kyc/usecases/verify-document-upload';
import { tinyPng } from '../fixtures/kyc-requests';

const db = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);
const deps = {
  cases: { db: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), tableName: 'table' },
  objects: { s3: new S3Client({ region: 'us-east-1' }), bucket: 'docs' },
  now: () => new Date('2026-11-22T10:00:00Z'),
  detectContentType,
};
const key = 'kyc/kyc_1/doc_1';

function storedDocument(overrides: Partial<KycDocument> = {}): KycDocument {
  return {
    documentId: 'doc_1',
    caseId: 'kyc_1',
    type: 'PASSPORT',
    status: 'PENDING_UPLOAD',
    contentType: 'image/png',
    declaredSizeBytes: tinyPng.length,
    objectKey: key,
    createdAt: '2026-11-22T09:59:00Z',
    ...overrides,
  };
}

beforeEach(() => {
  db.reset();
  s3.reset();
});

describe('verifyDocumentUpload', () => {
  it('deletes objects that belong to no registered document', async () => {
    // Prepare
    db.on(GetCommand).resolves({});

    // Act
    const result = await verifyDocumentUpload(deps, { key });

    // Assess
    expect(result).toBe('UNKNOWN_DOCUMENT');
    expect(s3.commandCalls(DeleteObjectCommand)[0]?.args[0].input).toEqual({ Bucket: 'docs', Key: key });
  });

  it('does nothing for a repeated event of the verified version', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: storedDocument({ status: 'UPLOADED', objectVersionId: 'v1', sha256: 'abc' }) });

    // Act
    const result = await verifyDocumentUpload(deps, { key, versionId: 'v1' });

    // Assess
    expect(result).toBe('ALREADY_VERIFIED');
    expect(s3.calls()).toHaveLength(0);
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('deletes a later version uploaded over a verified document and notes it on the timeline', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: storedDocument({ status: 'UPLOADED', objectVersionId: 'v1', sha256: 'abc' }) });
    db.on(TransactWriteCommand).resolves({});

    // Act
    const result = await verifyDocumentUpload(deps, { key, versionId: 'v2' });

    // Assess
    expect(result).toBe('REPLACEMENT_DISCARDED');
    expect(s3.commandCalls(DeleteObjectCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'docs', Key: key, VersionId: 'v2' },
    ]);
    const put = db.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems?.[0]?.Put;
    expect(put?.Item).toMatchObject({ type: 'DOCUMENT_REPLACEMENT_DISCARDED', detail: { documentId: 'doc_1' } });
  });

  it('rejects a verified document whose bytes were overwritten in an unversioned bucket', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: storedDocument({ status: 'UPLOADED', sha256: 'verified-hash' }) });
    s3.on(HeadObjectCommand).resolves({ ContentLength: tinyPng.length, ETag: '"e2"' });
    s3.on(GetObjectCommand).resolves({ Body: Readable.from([tinyPng]) as never });
    db.on(TransactWriteCommand).resolves({});

    // Act
    const result = await verifyDocumentUpload(deps, { key });

    // Assess
    expect(result).toBe('REJECTED');
    const update = db.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems?.[0]?.Update;
    expect(update?.ConditionExpression).toBe('#status = :expectedStatus AND #sha256 = :expectedSha256');
    expect(update?.ExpressionAttributeValues).toMatchObject({
      ':expectedStatus': 'UPLOADED',
      ':expectedSha256': 'verified-hash',
      ':status': 'REJECTED',
      ':rejectionReason': 'The document was overwritten after it had been verified; upload it again',
    });
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input.IfMatch).toBe('"e2"');
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(1);
  });

  it('records a verified PNG with its sha256 and version, under a client request token', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: storedDocument() });
    s3.on(HeadObjectCommand).resolves({ ContentLength: tinyPng.length, VersionId: 'v1' });
    s3.on(GetObjectCommand).resolves({ Body: Readable.from([tinyPng]) as never });
    db.on(TransactWriteCommand).resolves({});

    // Act
    const result = await verifyDocumentUpload(deps, { key, versionId: 'v1' });

    // Assess
    expect(result).toBe('UPLOADED');
    const input = db.commandCalls(TransactWriteCommand)[0]?.args[0].input;
    expect(input?.ClientRequestToken).toMatch(/^[0-9a-f]{36}$/);
    expect(input?.TransactItems?.[0]?.Update?.ExpressionAttributeValues).toMatchObject({
      ':status': 'UPLOADED',
      ':sha256': createHash('sha256').update(tinyPng).digest('hex'),
      ':objectVersionId': 'v1',
      ':expectedStatus': 'PENDING_UPLOAD',
    });
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input.VersionId).toBe('v1');
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0);
  });

  it('deletes a rejected object again when a retried event finds it still there', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: storedDocument({ status: 'REJECTED' }) });

    // Act
    const result = await verifyDocumentUpload(deps, { key, versionId: 'v1' });

    // Assess
    expect(result).toBe('ALREADY_VERIFIED');
    expect(s3.commandCalls(DeleteObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'docs',
      Key: key,
      VersionId: 'v1',
    });
  });

  it('refuses an object over the declared size without downloading it, and deletes that version', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: storedDocument() });
    s3.on(HeadObjectCommand).resolves({ ContentLength: 50 * 1024 * 1024, ContentType: 'image/png', VersionId: 'v7' });
    db.on(TransactWriteCommand).resolves({});

    // Act
    const result = await verifyDocumentUpload(deps, { key });

    // Assess
    expect(result).toBe('REJECTED');
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    const update = db.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems?.[0]?.Update;
    expect(update?.ConditionExpression).toBe('#status = :expectedStatus');
    expect(update?.ExpressionAttributeValues?.[':expectedStatus']).toBe('PENDING_UPLOAD');
    expect(update?.ExpressionAttributeValues?.[':rejectionReason']).toBe(
      'The uploaded file is 52428800 bytes, more than the 10485760-byte limit',
    );
    expect(s3.commandCalls(DeleteObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'docs',
      Key: key,
      VersionId: 'v7',
    });
  });

  it.each([
    ['UPLOADED', 0],
    ['REJECTED', 1],
  ])(
    'when another delivery recorded the outcome first (%s), deletes the object only if it was rejected',
    async (winner, deletes) => {
      // Prepare
      db.on(GetCommand)
        .resolvesOnce({ Item: storedDocument({ declaredSizeBytes: 5 }) })
        .resolves({ Item: storedDocument({ status: winner as KycDocument['status'] }) });
      s3.on(HeadObjectCommand).resolves({ ContentLength: tinyPng.length });
      s3.on(GetObjectCommand).resolves({ Body: Readable.from([tinyPng]) as never });
      db.on(TransactWriteCommand).rejects(
        new TransactionCanceledException({
          message: 'cancelled',
          $metadata: {},
          CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }],
        }),
      );

      // Act
      const result = await verifyDocumentUpload(deps, { key });

      // Assess
      expect(result).toBe('ALREADY_VERIFIED');
      expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(deletes);
    },
  );
});
