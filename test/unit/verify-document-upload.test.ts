import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
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

  it('does nothing for a repeated event on an UPLOADED document', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: storedDocument({ status: 'UPLOADED' }) });

    // Act
    const result = await verifyDocumentUpload(deps, { key });

    // Assess
    expect(result).toBe('ALREADY_VERIFIED');
    expect(s3.calls()).toHaveLength(0);
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
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
    expect(update?.ConditionExpression).toBe('#status = :pending');
    expect(update?.ExpressionAttributeValues?.[':rejectionReason']).toBe(
      'The uploaded file is 52428800 bytes, more than the 10485760-byte limit',
    );
    expect(s3.commandCalls(DeleteObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'docs',
      Key: key,
      VersionId: 'v7',
    });
  });

  it('leaves the object alone when a concurrent delivery recorded the outcome first', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: storedDocument({ declaredSizeBytes: 5 }) });
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
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0);
  });
});
