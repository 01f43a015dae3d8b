import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { KycDocument } from '../../functions/kyc/models/document';
import { insertDocument } from '../../functions/kyc/repositories/document-repository';

const db = mockClient(DynamoDBDocumentClient);
const store = { db: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), tableName: 'table' };
const document: KycDocument = {
  documentId: 'doc_1',
  caseId: 'kyc_1',
  type: 'PASSPORT',
  status: 'PENDING_UPLOAD',
  contentType: 'image/png',
  declaredSizeBytes: 100,
  objectKey: 'kyc/kyc_1/doc_1',
  createdAt: '2026-11-22T10:00:00Z',
};
const event = { at: document.createdAt, type: 'DOCUMENT_REQUESTED', actor: { kind: 'SYSTEM' as const }, detail: {} };
const limits = { acceptingStatuses: ['AWAITING_DOCUMENTS', 'INFO_REQUESTED'] as const, maxDocuments: 50 };

function cancelled(...codes: string[]) {
  return new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

beforeEach(() => db.reset());

describe('insertDocument', () => {
  it('retries a transaction cancelled only by a conflict with a concurrent one', async () => {
    // Prepare
    db.on(TransactWriteCommand)
      .rejectsOnce(cancelled('TransactionConflict', 'None', 'None'))
      .resolves({});

    // Act
    const refusal = await insertDocument(store, document, event, limits);

    // Assess
    expect(refusal).toBeUndefined();
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(2);
  });

  it('gives up after six conflicting attempts', async () => {
    // Prepare
    db.on(TransactWriteCommand).rejects(cancelled('TransactionConflict', 'None', 'None'));

    // Act / Assess
    await expect(insertDocument(store, document, event, limits)).rejects.toThrow(TransactionCanceledException);
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(6);
  });

  it('does not retry a failed condition: it tells which limit refused', async () => {
    // Prepare
    db.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None', 'None'));
    db.on(GetCommand).resolves({ Item: { status: 'AWAITING_DOCUMENTS' } });

    // Act
    const refusal = await insertDocument(store, document, event, limits);

    // Assess
    expect(refusal).toEqual({ reason: 'DOCUMENT_LIMIT_REACHED' });
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('reports a case that stopped accepting documents', async () => {
    // Prepare
    db.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None', 'None'));
    db.on(GetCommand).resolves({ Item: { status: 'PROCESSING' } });

    // Act / Assess
    expect(await insertDocument(store, document, event, limits)).toEqual({
      reason: 'CASE_NOT_ACCEPTING_DOCUMENTS',
      status: 'PROCESSING',
    });
  });
});
