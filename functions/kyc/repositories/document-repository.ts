import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure, transactWrite } from '../../commons/storage/transact-write';
import type { KycDocument } from '../models/document';
import type { CaseStatus, TimelineEvent } from '../models/kyc-case';
import { caseKey, documentKey } from './case-keys';
import { findCase, stripKeys, timelinePut, type CaseStore } from './case-repository';

/*
 * Documents of a KYC case: registered before upload, then marked UPLOADED or REJECTED once the upload
 * is verified. They live in the case's partition (see case-keys.ts).
 */

/** Why {@link insertDocument} refused. */
export type InsertDocumentRefusal =
  | { reason: 'DOCUMENT_LIMIT_REACHED' }
  /** `status` is the case's status at refusal time; undefined if the case is gone. */
  | { reason: 'CASE_NOT_ACCEPTING_DOCUMENTS'; status?: CaseStatus };

/**
 * Registers a document on a case, atomically with the case's document count and a timeline entry.
 * Refuses when the case no longer accepts documents or has reached the limit, judged on the state at
 * write time rather than at read time.
 */
export async function insertDocument(
  store: CaseStore,
  document: KycDocument,
  event: TimelineEvent,
  limits: { acceptingStatuses: readonly CaseStatus[]; maxDocuments: number },
): Promise<InsertDocumentRefusal | undefined> {
  const statusValues = Object.fromEntries(limits.acceptingStatuses.map((status, i) => [`:s${i}`, status]));
  try {
    await transactWrite(store.db, `insert-document:${document.documentId}`, {
      TransactItems: [
        {
          Update: {
            TableName: store.tableName,
            Key: caseKey(document.caseId),
            UpdateExpression: 'SET documentCount = documentCount + :one, updatedAt = :now',
            ConditionExpression: `#status IN (${Object.keys(statusValues).join(', ')}) AND documentCount < :max`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ...statusValues,
              ':one': 1,
              ':max': limits.maxDocuments,
              ':now': document.createdAt,
            },
          },
        },
        {
          Put: {
            TableName: store.tableName,
            Item: { ...documentKey(document.caseId, document.documentId), entity: 'DOCUMENT', ...document },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        timelinePut(store, document.caseId, event),
      ],
    });
    return undefined;
  } catch (error) {
    if (!isConditionFailure(error, 0)) throw error;
    const current = await findCase(store, document.caseId);
    return current && limits.acceptingStatuses.includes(current.status)
      ? { reason: 'DOCUMENT_LIMIT_REACHED' }
      : { reason: 'CASE_NOT_ACCEPTING_DOCUMENTS', status: current?.status };
  }
}

/** Reads one document; undefined when there is none. */
export async function findDocument(
  store: CaseStore,
  caseId: string,
  documentId: string,
): Promise<KycDocument | undefined> {
  const result = await store.db.send(
    new GetCommand({ TableName: store.tableName, Key: documentKey(caseId, documentId), ConsistentRead: true }),
  );
  return result.Item ? stripKeys<KycDocument>(result.Item) : undefined;
}

/** The verified outcome of an upload. */
export type UploadOutcome =
  | {
      status: 'UPLOADED';
      at: string;
      sizeBytes: number;
      sha256: string;
      detectedContentType: string;
      objectVersionId?: string;
    }
  | {
      status: 'REJECTED';
      at: string;
      reason: string;
      sizeBytes: number;
      sha256?: string;
      detectedContentType?: string;
    };

/** The state a document must still be in for an outcome to be recorded. */
export type ExpectedDocumentState = { status: 'PENDING_UPLOAD' } | { status: 'UPLOADED'; sha256: string };

/**
 * Records the outcome of an upload, once: the document changes only if it is still in the `expected`
 * state (normally PENDING_UPLOAD). Returns false when another delivery of the same event got there first.
 */
export async function recordUploadOutcome(
  store: CaseStore,
  document: KycDocument,
  outcome: UploadOutcome,
  event: TimelineEvent,
  expected: ExpectedDocumentState = { status: 'PENDING_UPLOAD' },
): Promise<boolean> {
  const fields: Record<string, unknown> =
    outcome.status === 'UPLOADED'
      ? {
          status: outcome.status,
          uploadedAt: outcome.at,
          sizeBytes: outcome.sizeBytes,
          sha256: outcome.sha256,
          detectedContentType: outcome.detectedContentType,
          objectVersionId: outcome.objectVersionId,
        }
      : {
          status: outcome.status,
          rejectedAt: outcome.at,
          rejectionReason: outcome.reason,
          sizeBytes: outcome.sizeBytes,
          sha256: outcome.sha256,
          detectedContentType: outcome.detectedContentType,
        };
  const defined = Object.entries(fields).filter(([, value]) => value !== undefined);
  try {
    const operationKey = `upload-outcome:${document.documentId}:${expected.status}:${outcome.status}:${outcome.sha256}`;
    await transactWrite(store.db, operationKey, {
      TransactItems: [
        {
          Update: {
            TableName: store.tableName,
            Key: documentKey(document.caseId, document.documentId),
            UpdateExpression: `SET ${defined.map(([name]) => `#${name} = :${name}`).join(', ')}`,
            ConditionExpression:
              expected.status === 'UPLOADED'
                ? '#status = :expectedStatus AND #sha256 = :expectedSha256'
                : '#status = :expectedStatus',
            ExpressionAttributeNames: {
              ...Object.fromEntries(defined.map(([name]) => [`#${name}`, name])),
              ...(expected.status === 'UPLOADED' ? { '#sha256': 'sha256' } : {}),
            },
            ExpressionAttributeValues: {
              ...Object.fromEntries(defined.map(([name, value]) => [`:${name}`, value])),
              ':expectedStatus': expected.status,
              ...(expected.status === 'UPLOADED' ? { ':expectedSha256': expected.sha256 } : {}),
            },
          },
        },
        {
          Update: {
            TableName: store.tableName,
            Key: caseKey(document.caseId),
            UpdateExpression: 'SET updatedAt = :now',
            ExpressionAttributeValues: { ':now': outcome.at },
          },
        },
        timelinePut(store, document.caseId, event),
      ],
    });
    return true;
  } catch (error) {
    if (isConditionFailure(error, 0)) return false;
    throw error;
  }
}
