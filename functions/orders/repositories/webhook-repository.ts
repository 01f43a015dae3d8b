import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { getStoredItem } from '../../commons/storage/stored-item';
import { generateId } from '../../commons/ids';
import { isConditionFailure, transactWrite } from '../../commons/storage/transact-write';
import { orderPartition } from '../ledger/ledger-repository';
import type { Order, OrderPayment, OrderShipment, OrderTimelineEvent } from '../models/order';
import type { InspectionRefusal, OrderInspection } from '../models/inspection';
import type { ShipmentRefusal } from '../models/shipment';
import type { WebhookKind } from '../webhooks/webhook-partners';
import { findOrder, orderKey, orderTimelineEntryPut, type OrderStore } from './order-repository';

/*
 * Partner webhook events, one item per (partner, eventId): the deduplication key and what was made of
 * the event, kept for inspection.
 *   WEBHOOK_EVENT#<partnerId>#<eventId> / EVENT
 * Timeline entries written for a webhook have a key derived from the event, so reprocessing it cannot
 * add a second entry:
 *   ORDER#<orderId> / EVENT#<receivedAt>#000#wh_<partnerId>_<eventId>
 */

/** What became of a webhook event. RECEIVED: claimed, processing not finished (or it crashed). */
export type WebhookEventStatus =
  | 'RECEIVED'
  | 'ACCEPTED'
  | 'UNKNOWN_ORDER'
  | 'AMOUNT_MISMATCH'
  | 'PAYMENT_ALREADY_RECORDED'
  // a second payment of a paid order, taken into escrow and refunded (usecases/receive-webhook.ts)
  | 'OVERPAYMENT'
  | 'REFUSED_BY_LEDGER'
  // payout confirmations (usecases/receive-payout-webhook.ts)
  | 'UNKNOWN_PAYOUT'
  | 'PAYOUT_CONFLICT'
  | 'PAYOUT_ALREADY_RECORDED'
  // logistics events the rules refuse (models/shipment.ts, assessLogisticsEvent)
  | 'REFUSED';

/** A stored webhook event. */
export interface WebhookEventRecord {
  partnerId: string;
  kind: WebhookKind;
  eventId: string;
  orderId: string;
  /** The parsed body. */
  event: Record<string, unknown>;
  /** The signed `t` of the call (real time). */
  signedAt: string;
  /** When TrustFlow received it (business clock). */
  receivedAt: string;
  status: WebhookEventStatus;
  /** Set for events someone should look at (unknown order, amount mismatch, ledger refusal). */
  flagged?: boolean;
  detail?: string;
  settledAt?: string;
}

/** Primary key of a webhook event item. */
export function webhookEventKey(partnerId: string, eventId: string) {
  return { pk: `WEBHOOK_EVENT#${partnerId}#${eventId}`, sk: 'EVENT' };
}

/** Primary key of the timeline entry a webhook event writes on its order. */
export function webhookTimelineKey(
  orderId: string,
  record: Pick<WebhookEventRecord, 'receivedAt' | 'partnerId' | 'eventId'>,
) {
  return { pk: orderPartition(orderId), sk: `EVENT#${record.receivedAt}#000#wh_${record.partnerId}_${record.eventId}` };
}

/** Reads a stored webhook event. */
export async function findWebhookEvent(
  store: OrderStore,
  partnerId: string,
  eventId: string,
): Promise<WebhookEventRecord | undefined> {
  return getStoredItem<WebhookEventRecord>(store, webhookEventKey(partnerId, eventId));
}

/**
 * Stores a new event with a conditional Put on its (partner, eventId) key.
 * @returns `claimed: false` with the stored event when that partner already sent that eventId
 */
export async function claimWebhookEvent(
  store: OrderStore,
  record: WebhookEventRecord,
): Promise<{ claimed: true } | { claimed: false; existing: WebhookEventRecord }> {
  try {
    await store.db.send(
      new PutCommand({
        TableName: store.tableName,
        Item: { ...webhookEventKey(record.partnerId, record.eventId), entity: 'WEBHOOK_EVENT', ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { claimed: true };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const existing = await findWebhookEvent(store, record.partnerId, record.eventId);
    if (!existing) throw error;
    return { claimed: false, existing };
  }
}

/** Records what became of an event. */
export async function settleWebhookEvent(
  store: OrderStore,
  record: Pick<WebhookEventRecord, 'partnerId' | 'eventId'>,
  outcome: { status: Exclude<WebhookEventStatus, 'RECEIVED'>; flagged: boolean; detail?: string; settledAt: string },
): Promise<void> {
  await store.db.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: webhookEventKey(record.partnerId, record.eventId),
      UpdateExpression:
        'SET #status = :status, flagged = :flagged, settledAt = :at' + (outcome.detail ? ', detail = :detail' : ''),
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':status': outcome.status,
        ':flagged': outcome.flagged,
        ':at': outcome.settledAt,
        ...(outcome.detail ? { ':detail': outcome.detail } : {}),
      },
    }),
  );
}

/** Timeline entries of partner events go under keys derived from the event, so a replay writes nothing. */
const timelinePut = orderTimelineEntryPut;

/** Appends a timeline entry under a derived key; a second write of the same key changes nothing. */
export async function appendWebhookTimelineEntry(
  store: OrderStore,
  orderId: string,
  key: { pk: string; sk: string },
  entry: OrderTimelineEvent,
): Promise<void> {
  try {
    await store.db.send(new PutCommand(timelinePut(store, orderId, key, entry).Put));
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/**
 * Marks the order paid and appends its timeline entry in one transaction.
 * @returns false when the order already carries a payment (nothing written)
 */
export async function markOrderPaid(
  store: OrderStore,
  orderId: string,
  payment: OrderPayment,
  timelineKey: { pk: string; sk: string },
  entry: OrderTimelineEvent,
): Promise<boolean> {
  try {
    await transactWrite(store.db, `order-paid:${orderId}:${payment.eventId}`, {
      TransactItems: [
        {
          Update: {
            TableName: store.tableName,
            Key: orderKey(orderId),
            UpdateExpression: 'SET payment = :payment, updatedAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(payment)',
            ExpressionAttributeValues: { ':payment': payment, ':at': entry.at },
          },
        },
        timelinePut(store, orderId, timelineKey, entry),
      ],
    });
    return true;
  } catch (error) {
    if (isConditionFailure(error, 0) || isConditionFailure(error, 1)) return false;
    throw error;
  }
}

/**
 * Merges a logistics event into the order's shipment and appends its timeline entry, in one transaction
 * guarded by the order's `updatedAt` (optimistic locking: a concurrent event makes this round re-read).
 * @returns the shipment as stored, or undefined when there is no such order
 */
export function updateOrderShipment(
  store: OrderStore,
  orderId: string,
  merge: (order: Order) => OrderShipment | ShipmentRefusal,
  timelineKey: { pk: string; sk: string },
  entry: OrderTimelineEvent,
): Promise<OrderShipment | ShipmentRefusal | undefined> {
  return updateOrderFromEvent<OrderShipment, ShipmentRefusal>(store, orderId, 'shipment', merge, timelineKey, entry);
}

/**
 * Adds an inspection agency's report to the order's `inspections` (`merge` returns the new list, or the
 * refusal), with the timeline entry keyed by the event, like {@link updateOrderShipment}.
 */
export function updateOrderInspections(
  store: OrderStore,
  orderId: string,
  merge: (order: Order) => OrderInspection[] | InspectionRefusal,
  timelineKey: { pk: string; sk: string },
  entry: OrderTimelineEvent,
): Promise<OrderInspection[] | InspectionRefusal | undefined> {
  return updateOrderFromEvent<OrderInspection[], InspectionRefusal>(
    store,
    orderId,
    'inspections',
    merge,
    timelineKey,
    entry,
  );
}

/**
 * Sets one attribute of the order from a partner's event, merged from the order as read, with the event's
 * timeline entry, in one transaction conditional on the order not having changed since it was read.
 * @returns undefined when there is no such order; the refusal, with nothing written, when `merge` refuses
 */
function isRefusal<Refusal extends { refused: string }>(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'refused' in value;
}

async function updateOrderFromEvent<Value, Refusal extends { refused: string }>(
  store: OrderStore,
  orderId: string,
  attribute: 'shipment' | 'inspections',
  merge: (order: Order) => Value | Refusal,
  timelineKey: { pk: string; sk: string },
  entry: OrderTimelineEvent,
): Promise<Value | Refusal | undefined> {
  for (let round = 1; ; round++) {
    const order: Order | undefined = await findOrder(store, orderId);
    if (!order) return undefined;
    const value = merge(order);
    if (isRefusal<Refusal>(value)) return value;
    // a fresh token per round: a reprocessed event may carry another value, which a reused token would refuse
    try {
      await transactWrite(store.db, `order-${attribute}:${timelineKey.sk}:${generateId('call')}`, {
        TransactItems: [
          {
            Update: {
              TableName: store.tableName,
              Key: orderKey(orderId),
              UpdateExpression: 'SET #attribute = :value, updatedAt = :at',
              ConditionExpression: 'updatedAt = :previous',
              ExpressionAttributeNames: { '#attribute': attribute },
              ExpressionAttributeValues: { ':value': value, ':at': entry.at, ':previous': order.updatedAt },
            },
          },
          timelinePut(store, orderId, timelineKey, entry),
        ],
      });
      return value;
    } catch (error) {
      // the entry exists: this event was applied by an earlier (crashed or concurrent) attempt
      if (isConditionFailure(error, 1)) return (await findOrder(store, orderId))?.[attribute] as Value | undefined;
      if (!isConditionFailure(error, 0) || round >= 8) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 30 * round));
    }
  }
}
