import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { queryAllPages } from '../../commons/storage/query-all-pages';
import type { OrderStore } from './order-repository';

/*
 * Reads over the order indexes (see order-repository.ts for the keys):
 *   gsi2: PARTY#<buyerPartyId> / ORDER#<createdAt>#<orderId>
 *   gsi3: PARTY#<supplierPartyId> / ORDER#<createdAt>#<orderId>
 * gsi2 also holds a party's KYC cases, hence the ORDER# prefix in the key condition.
 */

/** A party's most recent order ids, as buyer or supplier. */
export interface PartyOrderIds {
  /** Newest first, at most `limit`. */
  orderIds: string[];
  /** True when the party has more orders than `limit`. */
  truncated: boolean;
}

async function queryNewestOrders(store: OrderStore, index: 'gsi2' | 'gsi3', partyId: string, limit: number) {
  // One page of limit + 1 keys says whether there are more without reading them
  const result = await store.db.send(
    new QueryCommand({
      TableName: store.tableName,
      IndexName: index,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :order)',
      ExpressionAttributeNames: { '#pk': `${index}pk`, '#sk': `${index}sk` },
      ExpressionAttributeValues: { ':pk': `PARTY#${partyId}`, ':order': 'ORDER#' },
      ScanIndexForward: false,
      Limit: limit + 1,
    }),
  );
  return (result.Items ?? []).map((item) => ({ sortKey: String(item[`${index}sk`]), orderId: String(item.orderId) }));
}

/**
 * The newest `limit` orders a party placed (gsi2) or supplies (gsi3), newest first: two Queries of at most
 * `limit + 1` keys, never a Scan. The indexes are eventually consistent: an order placed a moment ago may
 * be missing.
 */
export async function listPartyOrderIds(store: OrderStore, partyId: string, limit: number): Promise<PartyOrderIds> {
  const [asBuyer, asSupplier] = await Promise.all([
    queryNewestOrders(store, 'gsi2', partyId, limit),
    queryNewestOrders(store, 'gsi3', partyId, limit),
  ]);
  // a party may be buyer and supplier of one order; the sort key (createdAt#orderId) is the same in both
  const bySortKey = new Map([...asBuyer, ...asSupplier].map((order) => [order.sortKey, order.orderId]));
  const newestFirst = [...bySortKey.entries()].sort(([a], [b]) => b.localeCompare(a)).map(([, orderId]) => orderId);
  return { orderIds: newestFirst.slice(0, limit), truncated: newestFirst.length > limit };
}

/**
 * Every order of a party, as buyer (gsi2) and as supplier (gsi3), with the role it plays: every page of two
 * Queries, never a Scan. For a suspension, which must reach all of them; eventually consistent like the
 * indexes.
 */
export async function listAllPartyOrderIds(
  store: OrderStore,
  partyId: string,
): Promise<{ orderId: string; role: 'BUYER' | 'SUPPLIER' }[]> {
  const query = (index: 'gsi2' | 'gsi3') =>
    queryAllPages(store.db, {
      TableName: store.tableName,
      IndexName: index,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :order)',
      ExpressionAttributeNames: { '#pk': `${index}pk`, '#sk': `${index}sk` },
      ExpressionAttributeValues: { ':pk': `PARTY#${partyId}`, ':order': 'ORDER#' },
    });
  const [asBuyer, asSupplier] = await Promise.all([query('gsi2'), query('gsi3')]);
  return [
    ...asBuyer.map((item) => ({ orderId: String(item.orderId), role: 'BUYER' as const })),
    ...asSupplier.map((item) => ({ orderId: String(item.orderId), role: 'SUPPLIER' as const })),
  ];
}
