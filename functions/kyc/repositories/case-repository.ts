import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { createHash } from 'node:crypto';
import { generateId } from '../../commons/ids';
import type { KycDocument } from '../models/document';
import type { CaseStatus, KycCase, TimelineEvent } from '../models/kyc-case';
import { caseKey, casePartition, documentKey, partyCaseIndexKeys, timelineEventKey } from './case-keys';

/** Where cases are stored. */
export interface CaseStore {
  db: DynamoDBDocumentClient;
  tableName: string;
}

/** A case with everything in its partition. */
export interface CaseAggregate {
  kycCase: KycCase;
  documents: KycDocument[];
  timeline: TimelineEvent[];
}

function stripKeys<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, gsi2pk: _g2pk, gsi2sk: _g2sk, entity: _entity, ...rest } = item;
  return rest as T;
}

function timelinePut(store: CaseStore, caseId: string, event: TimelineEvent) {
  return {
    Put: {
      TableName: store.tableName,
      Item: { ...timelineEventKey(caseId, event.at, generateId('evt')), entity: 'TIMELINE_EVENT', ...event },
      // audit entries are append-only: never overwrite one
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Attempts for a transaction that DynamoDB cancelled only because another one touched the same items. */
const maxTransactionAttempts = 4;

function isTransactionConflict(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict') &&
    !(error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed')
  );
}

/**
 * Runs a write transaction, retrying with jittered backoff when DynamoDB cancels it for a conflict with
 * a concurrent transaction (likely when many documents are added to one case at once). Condition
 * failures are not retried: they are answers.
 *
 * `operationKey` names the logical write. Each attempt carries a ClientRequestToken derived from it, so
 * when the SDK resends an attempt whose response was lost, DynamoDB applies it once rather than failing
 * its own conditions on the second try.
 */
async function transactWrite(
  store: CaseStore,
  operationKey: string,
  input: TransactWriteCommand['input'],
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const token = createHash('sha256').update(`${operationKey}#${attempt}`).digest('hex').slice(0, 36);
      await store.db.send(new TransactWriteCommand({ ...input, ClientRequestToken: token }));
      return;
    } catch (error) {
      if (!isTransactionConflict(error) || attempt >= maxTransactionAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
    }
  }
}

function isConditionFailure(error: unknown, index: number): boolean {
  return (
    error instanceof TransactionCanceledException &&
    error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed'
  );
}

/** Stores a new case and its first timeline entry atomically. */
export async function insertCase(store: CaseStore, kycCase: KycCase, event: TimelineEvent): Promise<void> {
  await transactWrite(store, `insert-case:${kycCase.caseId}`, {
    TransactItems: [
      {
        Put: {
          TableName: store.tableName,
          Item: {
            ...caseKey(kycCase.caseId),
            ...partyCaseIndexKeys(kycCase.partyId, kycCase.createdAt, kycCase.caseId),
            entity: 'KYC_CASE',
            ...kycCase,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      timelinePut(store, kycCase.caseId, event),
    ],
  });
}

/** Reads the case item alone; undefined when there is no such case. */
export async function findCase(store: CaseStore, caseId: string): Promise<KycCase | undefined> {
  const result = await store.db.send(
    new GetCommand({ TableName: store.tableName, Key: caseKey(caseId), ConsistentRead: true }),
  );
  return result.Item ? stripKeys<KycCase>(result.Item) : undefined;
}

/** Reads a case with its documents and timeline in one partition query. */
export async function findCaseAggregate(store: CaseStore, caseId: string): Promise<CaseAggregate | undefined> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await store.db.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': casePartition(caseId) },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const caseItem = items.find((item) => item.sk === 'CASE');
  if (!caseItem) return undefined;
  return {
    kycCase: stripKeys<KycCase>(caseItem),
    documents: items.filter((item) => item.entity === 'DOCUMENT').map((item) => stripKeys<KycDocument>(item)),
    timeline: items.filter((item) => item.entity === 'TIMELINE_EVENT').map((item) => stripKeys<TimelineEvent>(item)),
  };
}

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
    await transactWrite(store, `insert-document:${document.documentId}`, {
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
    await transactWrite(store, operationKey, {
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

/** Appends one entry to a case's timeline (for events that change nothing else). */
export async function appendTimelineEvent(
  store: CaseStore,
  caseId: string,
  event: TimelineEvent,
  operationKey: string,
): Promise<void> {
  await transactWrite(store, `timeline:${operationKey}`, { TransactItems: [timelinePut(store, caseId, event)] });
}
