import { totalHeld } from '../ledger/ledger-model';
import { forEachConcurrently } from '../../commons/for-each-concurrently';
import type { PartyOpenOrder } from '../../kernel/parties/party-orders';
import { findEscrowBalance } from '../ledger/ledger-repository';
import { orderTotal, type Order } from '../models/order';
import { isFinalStatus } from '../models/order-status';
import { listAllPartyOrderIds } from '../repositories/order-index-repository';
import { findOrder, type OrderStore } from '../repositories/order-repository';

// Orders read at once: each is one GetItem and one for its escrow balance.
const READ_CONCURRENCY = 8;

/** A party's orders that are not closed, with the order items themselves, as buyer or supplier. */
export async function findPartyOpenOrders(
  orders: OrderStore,
  partyId: string,
): Promise<{ order: Order; role: 'BUYER' | 'SUPPLIER' }[]> {
  const ids = await listAllPartyOrderIds(orders, partyId);
  const open: { order: Order; role: 'BUYER' | 'SUPPLIER' }[] = [];
  await forEachConcurrently(ids, READ_CONCURRENCY, async ({ orderId, role }) => {
    const order = await findOrder(orders, orderId);
    if (order && !isFinalStatus(order.status)) open.push({ order, role });
  });
  return open.sort((a, b) => a.order.createdAt.localeCompare(b.order.createdAt));
}

/**
 * The orders area's service to other areas (`ListPartyOpenOrders`): a party's open orders with their status,
 * total and what escrow holds, ids and amounts only.
 */
export async function listPartyOpenOrders(orders: OrderStore, partyId: string): Promise<PartyOpenOrder[]> {
  const open = await findPartyOpenOrders(orders, partyId);
  return Promise.all(
    open.map(async ({ order, role }) => ({
      orderId: order.orderId,
      role,
      status: order.status,
      total: orderTotal(order.items),
      currency: order.currency,
      held: totalHeld(await findEscrowBalance(orders, order.orderId)),
    })),
  );
}

/**
 * The orders area's service to ongoing monitoring: whether a party has an open order, as buyer or supplier.
 * The newest orders are read first and the first open one ends the search.
 */
export async function countPartyOpenOrders(orders: OrderStore, partyId: string, atMost = 1): Promise<number> {
  const ids = await listAllPartyOrderIds(orders, partyId);
  let open = 0;
  // the index keys sort by creation time; ids carry no time, so read in the order the indexes gave, newest last
  for (const { orderId } of ids.reverse()) {
    const order = await findOrder(orders, orderId);
    if (order && !isFinalStatus(order.status)) open += 1;
    if (open >= atMost) break;
  }
  return open;
}

/** The orders area's service to ongoing monitoring: the buyer and supplier of an order, when it exists. */
export async function findOrderPartyIds(orders: OrderStore, orderId: string): Promise<string[]> {
  const order = await findOrder(orders, orderId);
  return order ? [order.buyerPartyId, order.supplierPartyId] : [];
}
