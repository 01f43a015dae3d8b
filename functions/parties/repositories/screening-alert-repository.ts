import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { queryAllPages } from '../../commons/storage/query-all-pages';
import type { TransactItem } from '../../commons/storage/transact-write';
import type { PartyStore } from '../../kernel/parties/repositories/party-repository';
import type { ScreeningAlert, ScreeningAlertStatus } from '../models/screening-alert';

/*
 * A party's screening alerts, one per listed entity, beside its profile:
 *   PARTY#<partyId> / SCREENING_ALERT#<entityId>
 */

/** Primary key of the alert of a party on a listed entity. */
export function screeningAlertKey(partyId: string, entityId: string) {
  return { pk: `PARTY#${partyId}`, sk: `SCREENING_ALERT#${entityId}` };
}

/** The alert of a party on an entity, read consistently; undefined when that pair never alerted. */
export async function findScreeningAlert(
  parties: PartyStore,
  partyId: string,
  entityId: string,
): Promise<ScreeningAlert | undefined> {
  const result = await parties.db.send(
    new GetCommand({ TableName: parties.tableName, Key: screeningAlertKey(partyId, entityId), ConsistentRead: true }),
  );
  return result.Item as ScreeningAlert | undefined;
}

/** Every alert of a party, on every entity. */
export async function listScreeningAlerts(parties: PartyStore, partyId: string): Promise<ScreeningAlert[]> {
  const items = await queryAllPages(parties.db, {
    TableName: parties.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :alert)',
    ExpressionAttributeValues: { ':pk': `PARTY#${partyId}`, ':alert': 'SCREENING_ALERT#' },
    ConsistentRead: true,
  });
  return items as unknown as ScreeningAlert[];
}

/**
 * The Put of a new alert, for the transaction that opens its task: only when the pair has no alert, or when
 * its false positive was remembered for another content of the entry (the entry changed since).
 */
export function screeningAlertPut(parties: PartyStore, alert: ScreeningAlert): TransactItem {
  return {
    Put: {
      TableName: parties.tableName,
      Item: { ...screeningAlertKey(alert.partyId, alert.entityId), entity: 'SCREENING_ALERT', ...alert },
      ConditionExpression: 'attribute_not_exists(pk) OR (#status = :falsePositive AND entryHash <> :hash)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':falsePositive': 'FALSE_POSITIVE', ':hash': alert.entryHash },
    },
  };
}

/** The Update that records the decision on an alert, for the decision's transaction: only on its own task. */
export function screeningAlertDecisionUpdate(
  parties: PartyStore,
  alert: Pick<ScreeningAlert, 'partyId' | 'entityId' | 'taskId'>,
  status: Exclude<ScreeningAlertStatus, 'OPEN'>,
  at: string,
): TransactItem {
  return {
    Update: {
      TableName: parties.tableName,
      Key: screeningAlertKey(alert.partyId, alert.entityId),
      UpdateExpression: 'SET #status = :status, decidedAt = :at',
      ConditionExpression: 'taskId = :taskId AND #status = :open',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': status, ':at': at, ':taskId': alert.taskId, ':open': 'OPEN' },
    },
  };
}
