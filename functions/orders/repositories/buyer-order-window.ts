import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../commons/storage/transact-write';
import type { OrderAmount } from '../../kernel/trade-rules/trade-order';
import type { OrderStore } from './order-repository';

/**
 * The buyer's recent orders, kept on one item of its party (`PARTY#<buyer>` / `ORDER_WINDOW`) and
 * rewritten by every order's own transaction under a version condition. The AML velocity and structuring
 * rules read it strongly consistent, so concurrent orders cannot all see the same past: the one that
 * loses the race reads the window again, with the winner in it, and is judged on that.
 */
export interface BuyerOrderWindow {
  /** Orders within the longest AML window, oldest first. */
  orders: OrderAmount[];
  /** 0 before the buyer's first order. */
  version: number;
}

/** Entries kept at most: far past every rule's threshold, so a capped window still fires every rule. */
const MAX_ENTRIES = 200;

function windowKey(buyerPartyId: string) {
  return { pk: `PARTY#${buyerPartyId}`, sk: 'ORDER_WINDOW' };
}

/** Reads the buyer's window, strongly consistent; empty before its first order. */
export async function findBuyerOrderWindow(store: OrderStore, buyerPartyId: string): Promise<BuyerOrderWindow> {
  const result = await store.db.send(
    new GetCommand({ TableName: store.tableName, Key: windowKey(buyerPartyId), ConsistentRead: true }),
  );
  const item = result.Item as { orders?: OrderAmount[]; version?: number } | undefined;
  return { orders: item?.orders ?? [], version: item?.version ?? 0 };
}

/**
 * The Update that adds an order to the window it was judged on, for the order's own transaction: entries
 * older than `retainMs` before the order go, and the condition fails if another order got in first.
 */
export function buyerOrderWindowUpdate(
  store: OrderStore,
  buyerPartyId: string,
  seen: BuyerOrderWindow,
  order: OrderAmount,
  retainMs: number,
): TransactItem {
  const since = Date.parse(order.createdAt) - retainMs;
  const orders = [...seen.orders.filter((past) => Date.parse(past.createdAt) >= since), order].slice(-MAX_ENTRIES);
  return {
    Update: {
      TableName: store.tableName,
      Key: windowKey(buyerPartyId),
      UpdateExpression: 'SET entity = :entity, orders = :orders, version = :next',
      ConditionExpression: seen.version === 0 ? 'attribute_not_exists(version)' : 'version = :seen',
      ExpressionAttributeValues: {
        ':entity': 'BUYER_ORDER_WINDOW',
        ':orders': orders,
        ':next': seen.version + 1,
        ...(seen.version === 0 ? {} : { ':seen': seen.version }),
      },
    },
  };
}
