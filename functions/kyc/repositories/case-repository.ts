import { queryAllPages } from '../../commons/storage/query-all-pages';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { generateId } from '../../commons/ids';
import { transactWrite } from '../../commons/storage/transact-write';
import type { KycDocument } from '../models/document';
import type { KycCase, TimelineEvent } from '../models/kyc-case';
import { audienceOf } from '../../commons/views/view-policy';
import { caseTimelinePolicy } from '../models/case-view-policy';
import { describeCaseEvents } from '../models/case-outbound-events';
import { outboxAttributes } from '../../kernel/events/outbox';
import { caseKey, casePartition, partyCaseIndexKeys, timelineEventKey } from './case-keys';

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

/** Drops the key attributes (and a timeline entry's outbound events, the dispatcher's business) from a stored item. */
export function stripKeys<T>(item: Record<string, unknown>): T {
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _g1pk,
    gsi1sk: _g1sk,
    gsi2pk: _g2pk,
    gsi2sk: _g2sk,
    entity: _entity,
    outbound: _outbound,
    ...rest
  } = item;
  return rest as T;
}

/**
 * The Put of one timeline entry, for inclusion in a transaction; entries are never overwritten.
 * `sequence` orders the entries of one transaction.
 */
export function timelinePut(store: CaseStore, caseId: string, event: TimelineEvent, sequence = 0) {
  const key = timelineEventKey(caseId, event.at, generateId('evt'), sequence);
  return {
    Put: {
      TableName: store.tableName,
      Item: {
        ...key,
        entity: 'TIMELINE_EVENT',
        ...event,
        // every entry carries who it is for, from the one policy of what parties may see
        audience: event.audience ?? audienceOf(caseTimelinePolicy, event.type, event.detail),
        // the events the entry emits wait in the outbox (kernel/events/outbox.ts): written with the change
        ...outboxAttributes(caseId, key.sk, event.at, describeCaseEvents(caseId, event)),
      },
      // audit entries are append-only: never overwrite one
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Stores a new case and its first timeline entry atomically. `extraItems` join the transaction after
 * the case (the party's count of open cases).
 */
export async function insertCase(
  store: CaseStore,
  kycCase: KycCase,
  event: TimelineEvent,
  extraItems: NonNullable<Parameters<typeof transactWrite>[2]['TransactItems']> = [],
): Promise<void> {
  await transactWrite(store.db, `insert-case:${kycCase.caseId}`, {
    TransactItems: [
      ...extraItems,
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
  const items = await queryAllPages(store.db, {
    TableName: store.tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': casePartition(caseId) },
    ConsistentRead: true,
  });
  const caseItem = items.find((item) => item.sk === 'CASE');
  if (!caseItem) return undefined;
  return {
    kycCase: stripKeys<KycCase>(caseItem),
    documents: items.filter((item) => item.entity === 'DOCUMENT').map((item) => stripKeys<KycDocument>(item)),
    timeline: items.filter((item) => item.entity === 'TIMELINE_EVENT').map((item) => stripKeys<TimelineEvent>(item)),
  };
}

/** Appends one entry to a case's timeline (for events that change nothing else). */
export async function appendTimelineEvent(
  store: CaseStore,
  caseId: string,
  event: TimelineEvent,
  operationKey: string,
): Promise<void> {
  await transactWrite(store.db, `timeline:${operationKey}`, { TransactItems: [timelinePut(store, caseId, event)] });
}

/** The cases of a party that are not final, oldest first, through gsi2 (a Query). */
export async function listOpenCases(
  store: CaseStore,
  partyId: string,
): Promise<Pick<KycCase, 'caseId' | 'status' | 'upgradeOf'>[]> {
  const items = await queryAllPages(store.db, {
    TableName: store.tableName,
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)',
    FilterExpression: 'NOT #status IN (:approved, :rejected, :expired, :withdrawn)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':pk': `PARTY#${partyId}`,
      ':prefix': 'CASE#',
      ':approved': 'APPROVED',
      ':rejected': 'REJECTED',
      ':expired': 'EXPIRED',
      ':withdrawn': 'WITHDRAWN',
    },
    ProjectionExpression: 'caseId, #status, upgradeOf',
  });
  return items as Pick<KycCase, 'caseId' | 'status' | 'upgradeOf'>[];
}
