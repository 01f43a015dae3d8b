import { audienceOf } from '../../commons/views/view-policy';
import { orderTimelinePolicy } from '../models/order-view-policy';
import { queryAllPages } from '../../commons/storage/query-all-pages';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getStoredItem, stripKeys } from '../../commons/storage/stored-item';
import { generateId } from '../../commons/ids';
import { toUpdateExpression, type ItemUpdate } from '../../commons/storage/item-update';
import { isConditionFailure, isTransactionConflict, transactWrite } from '../../commons/storage/transact-write';
import { tradeAssuranceKey, type TradeAssuranceAccount } from '../../kernel/parties/repositories/party-repository';
import type { OrderAmount } from '../../kernel/trade-rules/trade-order';
import { orderPartition, type MovementGuard } from '../ledger/ledger-repository';
import type { Order, OrderTimelineEvent } from '../models/order';
import { describeOrderEvents } from '../models/order-outbound-events';
import { outboxAttributes } from '../../kernel/events/outbox';

/*
 * Key layout of an order in the single table. It shares its partition with the escrow ledger, which owns
 * the sk values starting with LEDGER#:
 *   ORDER#<orderId> / ORDER                          the order
 *   ORDER#<orderId> / EVENT#<at>#<seq>#<eventId>     a timeline entry (append-only)
 * gsi2: PARTY#<buyerPartyId> / ORDER#<createdAt>#<orderId>     a buyer's orders
 * gsi3: PARTY#<supplierPartyId> / ORDER#<createdAt>#<orderId>  a supplier's orders
 * The coverage an order reserves lives on the supplier's PARTY#<id> / TRADE_ASSURANCE item.
 */

/** Where orders are stored. */
export interface OrderStore {
  db: DynamoDBDocumentClient;
  tableName: string;
}

/** Primary key of the order item. */
export function orderKey(orderId: string) {
  return { pk: orderPartition(orderId), sk: 'ORDER' };
}

/** Primary key of a timeline entry; `sequence` orders the entries written together. */
export function orderTimelineKey(orderId: string, at: string, sequence = 0) {
  return {
    pk: orderPartition(orderId),
    sk: `EVENT#${at}#${String(sequence).padStart(3, '0')}#${generateId('evt')}`,
  };
}

function orderIndexKeys(order: Pick<Order, 'orderId' | 'buyerPartyId' | 'supplierPartyId' | 'createdAt'>) {
  const sk = `ORDER#${order.createdAt}#${order.orderId}`;
  return { gsi2pk: `PARTY#${order.buyerPartyId}`, gsi2sk: sk, gsi3pk: `PARTY#${order.supplierPartyId}`, gsi3sk: sk };
}

/** The Put of one timeline entry (append-only), for a transaction. */
export function orderTimelinePut(store: OrderStore, orderId: string, event: OrderTimelineEvent, sequence = 0) {
  return orderTimelineEntryPut(store, orderId, orderTimelineKey(orderId, event.at, sequence), event);
}

/**
 * The Put of a timeline entry under a given key (append-only). The entry carries the outbound events it
 * emits and sits in the outbox until they are handed out (kernel/events/outbox.ts), so every change
 * written with its entry is written with its events.
 */
export function orderTimelineEntryPut(
  store: OrderStore,
  orderId: string,
  key: { pk: string; sk: string },
  event: OrderTimelineEvent,
) {
  return {
    Put: {
      TableName: store.tableName,
      Item: {
        ...key,
        entity: 'ORDER_EVENT',
        orderId,
        ...event,
        // every entry carries who it is for, from the one policy of what parties may see
        audience: event.audience ?? audienceOf(orderTimelinePolicy, event.type, event.detail),
        ...outboxAttributes(orderId, key.sk, event.at, describeOrderEvents(orderId, event)),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Rounds of whole-transaction attempts. transactWrite retries conflicts a few times; when many orders
 * reserve against one supplier at once its TRADE_ASSURANCE item is a hot spot and a round can still
 * lose. Only conflicts are retried: a failed condition is an answer.
 */
const maxRounds = 8;

/** Reads a supplier's Trade Assurance account, strongly consistent. */
export async function findTradeAssuranceAccount(
  store: OrderStore,
  supplierId: string,
): Promise<TradeAssuranceAccount | undefined> {
  return getStoredItem<TradeAssuranceAccount>(store, tradeAssuranceKey(supplierId));
}

/**
 * Stores a new order with its first timeline entry, in one transaction. Nothing is reserved yet: the
 * coverage is reserved by the supplier's confirmation ({@link confirmOrderWithReservation}), so no buyer
 * can lock a supplier's amount with orders the supplier never agreed to.
 */
export async function insertOrder(store: OrderStore, order: Order, event: OrderTimelineEvent): Promise<void> {
  await transactWrite(store.db, `create-order:${order.orderId}`, {
    TransactItems: [
      {
        Put: {
          TableName: store.tableName,
          Item: { ...orderKey(order.orderId), ...orderIndexKeys(order), entity: 'ORDER', ...order },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      orderTimelinePut(store, order.orderId, event),
    ],
  });
}

/** Outcome of {@link confirmOrderWithReservation}. */
export type ReservationOutcome =
  | { reserved: true }
  | { reserved: false; refusedBy: 'ORDER' }
  | { reserved: false; refusedBy: 'ACCOUNT'; account: TradeAssuranceAccount | undefined };

/**
 * The supplier's confirmation of an order and the reservation of its coverage in ONE transaction: the
 * order's Update (under `update.condition`, which says the order still awaits the supplier), the Update of
 * the supplier's TRADE_ASSURANCE item `reserved += amount, available -= amount` under the condition
 * `enrolled AND qualified AND currency = :currency AND available >= :amount`, and the timeline entries.
 * Concurrent confirmations can therefore never oversubscribe the amount: each one's condition is checked
 * against the item as the previous transactions left it.
 * @returns which condition refused, with the account as read after a refusal of the account's
 */
export async function confirmOrderWithReservation(
  store: OrderStore,
  order: Pick<Order, 'orderId' | 'supplierPartyId' | 'currency'>,
  amount: number,
  update: ItemUpdate,
  events: OrderTimelineEvent[],
): Promise<ReservationOutcome> {
  const transaction = {
    TransactItems: [
      { Update: { TableName: store.tableName, Key: orderKey(order.orderId), ...toUpdateExpression(update) } },
      {
        Update: {
          TableName: store.tableName,
          Key: tradeAssuranceKey(order.supplierPartyId),
          UpdateExpression: 'SET reserved = reserved + :amount, available = available - :amount',
          // an enrolled supplier only: leaving Trade Assurance and this reservation cannot both win
          ConditionExpression:
            'enrolled = :true AND qualified = :true AND currency = :currency AND available >= :amount',
          ExpressionAttributeValues: { ':amount': amount, ':currency': order.currency, ':true': true },
        },
      },
      ...events.map((event, sequence) => orderTimelinePut(store, order.orderId, event, sequence)),
    ],
  };
  for (let round = 1; ; round++) {
    try {
      await transactWrite(store.db, `confirm-order:${order.orderId}:${round}`, transaction);
      return { reserved: true };
    } catch (error) {
      if (isConditionFailure(error, 0)) return { reserved: false, refusedBy: 'ORDER' };
      if (isConditionFailure(error, 1)) {
        return {
          reserved: false,
          refusedBy: 'ACCOUNT',
          account: await findTradeAssuranceAccount(store, order.supplierPartyId),
        };
      }
      if (!isTransactionConflict(error) || round >= maxRounds) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 40 * round));
    }
  }
}

/**
 * The ledger guard that lets a payment into escrow only while the order awaits it, that is once the
 * supplier confirmed it and before it was cancelled; checked in the payment's own transaction so a
 * cancellation and a payment cannot both win. A payment before the supplier's confirmation, or during a
 * compliance hold, is refused and moves nothing.
 */
export function awaitingPaymentGuard(orderId: string): MovementGuard {
  return {
    check: {
      Key: orderKey(orderId),
      ConditionExpression: '#status = :awaiting',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':awaiting': 'AWAITING_PAYMENT' },
    },
    refusal: { refused: 'ORDER_NOT_PAYABLE', detail: `order ${orderId} does not await a payment` },
  };
}

/** Reads the order item alone; undefined when there is no such order. */
export async function findOrder(store: OrderStore, orderId: string): Promise<Order | undefined> {
  return getStoredItem<Order>(store, orderKey(orderId));
}

/** An order with its timeline (the ledger's items are read by the ledger repository). */
export async function findOrderWithTimeline(
  store: OrderStore,
  orderId: string,
): Promise<{ order: Order; timeline: OrderTimelineEvent[] } | undefined> {
  const found = await findOrder(store, orderId);
  if (!found) return undefined;
  const items = await queryAllPages(store.db, {
    TableName: store.tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': orderPartition(orderId), ':prefix': 'EVENT#' },
    ConsistentRead: true,
  });
  return {
    order: found,
    timeline: items.map((item) => {
      // the outbound events an entry emitted are the dispatcher's business, not the timeline's
      const {
        orderId: _orderId,
        outbound: _outbound,
        ...event
      } = stripKeys<OrderTimelineEvent & { orderId: string; outbound?: unknown }>(item);
      return event;
    }),
  };
}

/**
 * A buyer's orders created at or after `since` (ISO), as the AML rules see them. Reads gsi2, which is
 * eventually consistent: an order placed a moment ago may be missing.
 */
export async function listBuyerOrderAmounts(store: OrderStore, buyerPartyId: string, since: string) {
  const items = await queryAllPages(store.db, {
    TableName: store.tableName,
    IndexName: 'gsi2',
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': `PARTY#${buyerPartyId}`, ':from': `ORDER#${since}`, ':to': 'ORDER#\uffff' },
  });
  const orders: OrderAmount[] = items
    .filter((item) => item.entity === 'ORDER')
    .map((item) => ({
      orderId: String(item.orderId),
      amount: Number(item.totalAmount),
      currency: String(item.currency),
      createdAt: String(item.createdAt),
    }));
  return orders;
}

/** Outcome of {@link releaseOrderReservation}; `releasedAt` is absent when nothing was ever reserved. */
export type ReleaseOutcome = { released: true; amount: number } | { released: false; releasedAt?: string };

/**
 * Gives an order's reserved coverage back to the supplier in ONE transaction: the order is marked
 * `reservation.releasedAt` (condition: not yet released), the supplier's account gets `reserved -= amount,
 * available += amount`, and a timeline entry is added. A second call finds the mark and changes nothing.
 * @returns undefined when there is no such order
 */
export async function releaseOrderReservation(
  store: OrderStore,
  orderId: string,
  event: OrderTimelineEvent,
): Promise<ReleaseOutcome | undefined> {
  for (let round = 1; ; round++) {
    const order = await findOrder(store, orderId);
    if (!order) return undefined;
    // an order the supplier never confirmed reserved nothing
    const reservation = order.reservation;
    if (!reservation) return { released: false };
    if (reservation.releasedAt) return { released: false, releasedAt: reservation.releasedAt };
    try {
      await transactWrite(store.db, `release-reservation:${orderId}:${round}`, {
        TransactItems: [
          {
            Update: {
              TableName: store.tableName,
              Key: orderKey(orderId),
              UpdateExpression: 'SET reservation.releasedAt = :at, updatedAt = :at',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(reservation.releasedAt)',
              ExpressionAttributeValues: { ':at': event.at },
            },
          },
          {
            Update: {
              TableName: store.tableName,
              Key: tradeAssuranceKey(order.supplierPartyId),
              UpdateExpression: 'SET reserved = reserved - :amount, available = available + :amount',
              ConditionExpression: 'reserved >= :amount',
              ExpressionAttributeValues: { ':amount': reservation.amount },
            },
          },
          orderTimelinePut(store, orderId, event),
        ],
      });
      return { released: true, amount: reservation.amount };
    } catch (error) {
      // released by a concurrent call: the next round reads the mark
      if (isConditionFailure(error, 0) || (isTransactionConflict(error) && round < maxRounds)) {
        if (round >= maxRounds) throw error;
        continue;
      }
      throw error;
    }
  }
}
