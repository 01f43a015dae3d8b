import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { getStoredItem } from '../../commons/storage/stored-item';
import type { OrderAmount } from '../../kernel/trade-rules/trade-order';
import type { OrderStore } from './order-repository';

/*
 * The buyer's recent orders, in the order they were placed, on one item of its party (`PARTY#<buyer>` /
 * `ORDER_WINDOW`). An order takes its place with one atomic append that returns every order placed
 * before it: the AML velocity and structuring rules judge it on exactly those, so a burst of concurrent
 * orders is counted one after another, with no lost race to retry. An order that is then not placed
 * gives its place back.
 */

/** Entries kept at most: far past every rule's threshold, so a capped window still fires every rule. */
const MAX_ENTRIES = 200;

function windowKey(buyerPartyId: string) {
  return { pk: `PARTY#${buyerPartyId}`, sk: 'ORDER_WINDOW' };
}

/**
 * Appends the order to the buyer's window, atomically, and returns the orders placed before it, dated no
 * later than it: they came first, whatever clock stamped them.
 */
export async function takeWindowPlace(
  store: OrderStore,
  buyerPartyId: string,
  order: OrderAmount,
): Promise<OrderAmount[]> {
  const result = await store.db.send(
    new UpdateCommand({
      TableName: store.tableName,
      Key: windowKey(buyerPartyId),
      UpdateExpression:
        'SET entity = :entity, orders = list_append(if_not_exists(orders, :empty), :order) ADD revision :one',
      ExpressionAttributeValues: { ':entity': 'BUYER_ORDER_WINDOW', ':empty': [], ':order': [order], ':one': 1 },
      ReturnValues: 'ALL_NEW',
    }),
  );
  const orders = (result.Attributes?.orders ?? []) as OrderAmount[];
  const place = orders.map((entry) => entry.orderId).lastIndexOf(order.orderId);
  return orders
    .slice(0, place)
    .map((entry) => (entry.createdAt > order.createdAt ? { ...entry, createdAt: order.createdAt } : entry));
}

/** Gives back the place of an order that was not placed after all (refused, or failed), so it is not counted. */
export async function giveBackWindowPlace(store: OrderStore, buyerPartyId: string, orderId: string): Promise<void> {
  for (let round = 1; round <= 5; round += 1) {
    const { orders } = await readWindow(store, buyerPartyId);
    const index = orders.map((entry) => entry.orderId).lastIndexOf(orderId);
    if (index < 0) return;
    try {
      await store.db.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: windowKey(buyerPartyId),
          UpdateExpression: `REMOVE orders[${index}] ADD revision :one`,
          // other orders may have been appended or removed meanwhile: only if the entry is still there
          ConditionExpression: `orders[${index}].orderId = :orderId`,
          ExpressionAttributeValues: { ':orderId': orderId, ':one': 1 },
        }),
      );
      return;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}

/**
 * Drops the entries older than `retainMs` before `now`, and the oldest past {@link MAX_ENTRIES}, unless an
 * order got in meanwhile (the next order prunes then). Best effort: the rules ignore old entries anyway.
 */
export async function pruneWindow(store: OrderStore, buyerPartyId: string, now: Date, retainMs: number): Promise<void> {
  const { orders, revision } = await readWindow(store, buyerPartyId);
  const since = new Date(now.getTime() - retainMs).toISOString();
  const kept = orders.filter((entry) => entry.createdAt >= since).slice(-MAX_ENTRIES);
  if (kept.length === orders.length) return;
  try {
    await store.db.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: windowKey(buyerPartyId),
        UpdateExpression: 'SET orders = :kept ADD revision :one',
        // every append and removal counts a revision: only over the window as read
        ConditionExpression: 'revision = :seen',
        ExpressionAttributeValues: { ':kept': kept, ':seen': revision, ':one': 1 },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

async function readWindow(
  store: OrderStore,
  buyerPartyId: string,
): Promise<{ orders: OrderAmount[]; revision: number }> {
  const item = await getStoredItem<{ orders?: OrderAmount[]; revision?: number }>(store, windowKey(buyerPartyId));
  return { orders: item?.orders ?? [], revision: item?.revision ?? 0 };
}
