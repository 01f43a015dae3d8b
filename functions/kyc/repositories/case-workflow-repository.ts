import { toUpdateExpression, type ItemUpdate } from '../../commons/storage/item-update';
import { isConditionFailure, transactWrite } from '../../commons/storage/transact-write';
import type { DocumentExtraction } from '../models/document-extraction';
import type { TimelineEvent } from '../models/kyc-case';
import { caseKey, documentKey } from './case-keys';
import { timelinePut, type CaseStore } from './case-repository';

export type { ItemUpdate };

/**
 * Updates the case item and appends timeline entries in one transaction. Returns false, writing
 * nothing, when the case's condition fails: the workflow steps use that to stay idempotent (a retried
 * step finds its change already made) and to refuse transitions the case's state no longer allows.
 * `extraItems` join the transaction (a review task, a document update).
 */
export async function updateCaseWithEvents(
  store: CaseStore,
  caseId: string,
  update: ItemUpdate,
  events: TimelineEvent[],
  operationKey: string,
  extraItems: NonNullable<Parameters<typeof transactWrite>[2]['TransactItems']> = [],
): Promise<boolean> {
  try {
    await transactWrite(store.db, operationKey, {
      TransactItems: [
        { Update: { TableName: store.tableName, Key: caseKey(caseId), ...toUpdateExpression(update) } },
        ...extraItems,
        ...events.map((event, sequence) => timelinePut(store, caseId, event, sequence)),
      ],
    });
    return true;
  } catch (error) {
    if (isConditionFailure(error, 0)) return false;
    throw error;
  }
}

/**
 * Stores a document's extraction with its timeline entry, once: false when the document already has
 * one (a retried extraction).
 */
export async function saveDocumentExtraction(
  store: CaseStore,
  caseId: string,
  extraction: DocumentExtraction,
  event: TimelineEvent,
): Promise<boolean> {
  try {
    await transactWrite(store.db, `extract:${caseId}:${extraction.documentId}`, {
      TransactItems: [
        {
          Update: {
            TableName: store.tableName,
            Key: documentKey(caseId, extraction.documentId),
            UpdateExpression: 'SET extraction = :extraction',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(extraction)',
            ExpressionAttributeValues: { ':extraction': extraction },
          },
        },
        timelinePut(store, caseId, event),
      ],
    });
    return true;
  } catch (error) {
    if (isConditionFailure(error, 0)) return false;
    throw error;
  }
}
