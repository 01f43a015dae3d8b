import { shipByDeadline } from '../models/order-lifecycle';
import { findOrder } from '../repositories/order-repository';
import { OrderStateError, type OrderStepDeps } from './order-workflow-deps';

/**
 * Workflow step: the seconds from now until the end of the ship-by day, as the shipment wait's
 * `TimeoutSecondsPath` (at least 1: a deadline already past times out at once and refunds).
 */
export async function secondsUntilShipBy(
  deps: OrderStepDeps,
  input: { orderId: string },
): Promise<{ seconds: number }> {
  const order = await findOrder(deps.orders, input.orderId);
  if (!order) throw new OrderStateError(`There is no order ${input.orderId}`);
  const remaining = Math.ceil((shipByDeadline(order).getTime() - deps.now().getTime()) / 1000);
  return { seconds: Math.max(1, remaining) };
}
