import { isConditionFailure, transactWrite } from '../../commons/storage/transact-write';
import type { DocumentExtraction } from '../models/document-extraction';
import type { TimelineEvent } from '../models/kyc-case';
import { caseKey, documentKey } from './case-keys';
import { timelinePut, type CaseStore } from './case-repository';

/** A conditional update of one item, in DynamoDB's terms. */
export interface ItemUpdate {
  set: Record<string, unknown>;
  remove?: string[];
  /** Condition over attributes named `#<name>` and values named `:<name>`. */
  condition?: string;
  conditionValues?: Record<string, unknown>;
}

function toUpdateExpression(update: ItemUpdate) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const assignments = Object.entries(update.set).map(([attribute, value]) => {
    names[`#${attribute}`] = attribute;
    values[`:set_${attribute}`] = value;
    return `#${attribute} = :set_${attribute}`;
  });
  for (const attribute of update.remove ?? []) names[`#${attribute}`] = attribute;
  for (const match of (update.condition ?? '').matchAll(/#(\w+)/g)) names[`#${match[1]}`] = match[1]!;
  Object.assign(values, update.conditionValues ?? {});
  const removal = update.remove?.length ? ` REMOVE ${update.remove.map((a) => `#${a}`).join(', ')}` : '';
  return {
    UpdateExpression: `SET ${assignments.join(', ')}${removal}`,
    ...(update.condition ? { ConditionExpression: update.condition } : {}),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

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
