import { releaseOrderReservation, type OrderStore, type ReleaseOutcome } from '../repositories/order-repository';

/**
 * Gives an order's reserved Trade Assurance coverage back to its supplier, when the order is cancelled or
 * completed. Idempotent: the order carries `reservation.releasedAt`, set in the same transaction as the
 * supplier's account, so a retry or a second caller changes nothing and gets `released: false`.
 * @throws Error when there is no such order (a workflow bug, not a caller's mistake)
 */
export async function releaseReservation(
  deps: { orders: OrderStore; now: () => Date },
  orderId: string,
  reason = 'ORDER_CLOSED',
): Promise<ReleaseOutcome> {
  const at = deps.now().toISOString();
  const outcome = await releaseOrderReservation(deps.orders, orderId, {
    at,
    type: 'COVERAGE_RELEASED',
    actor: { type: 'SYSTEM', id: 'assured-order' },
    detail: { reason },
  });
  if (!outcome) throw new Error(`There is no order ${orderId} to release the coverage of`);
  return outcome;
}
