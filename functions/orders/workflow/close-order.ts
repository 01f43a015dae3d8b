import { completedTransactionKey, type PartyStore } from '../../kernel/parties/repositories/party-repository';
import type { CompletedTransaction } from '../../kernel/parties/models/completed-transaction';
import type { Order } from '../models/order';
import { shipByDeadline } from '../models/order-lifecycle';
import { findOrder } from '../repositories/order-repository';
import { updateOrderWithEvents } from '../repositories/order-workflow-repository';
import { releaseReservation } from '../usecases/release-reservation';
import { OrderStateError, workflowActor, type OrderStepDeps } from './order-workflow-deps';

/** What closing needs. */
export interface CloseOrderDeps extends OrderStepDeps {
  parties: PartyStore;
  /** Suppliers' service: recomputes a supplier's Trade Assurance amount from its completed orders. */
  recomputeTradeAssurance: (supplierId: string) => Promise<unknown>;
}

/** The final status an order closes with, from how its escrow was settled. */
export function finalStatusOf(
  order: Pick<Order, 'settlement' | 'status' | 'freeze'>,
): 'COMPLETED' | 'REFUNDED' | 'CANCELLED' | 'DECLINED' | 'FROZEN' {
  // a declined order took no money and reserved nothing: it has no settlement
  if (order.status === 'DECLINED') return 'DECLINED';
  // money kept frozen by a four-eyes decision was never settled: it stays in escrow, reported
  if (!order.settlement && order.freeze?.decision === 'KEEP_FROZEN') return 'FROZEN';
  switch (order.settlement?.outcome) {
    case 'CANCELLED':
      return 'CANCELLED';
    case 'SHIP_BY_MISSED':
    case 'COMPLIANCE_REFUND':
      return 'REFUNDED';
    default:
      return 'COMPLETED';
  }
}

/**
 * The supplier's record of a settled order, for its trust profile: what it was paid (a missed ship-by
 * date counts, with nothing paid and a late shipment), whether it shipped in time, whether it was
 * disputed and how long it took to answer the claim (an unanswered claim lowers its response rate).
 */
export function completedTransactionOf(order: Order): CompletedTransaction & { entity: string } {
  const shippedAt = order.shipment?.shippedAt ?? order.shipment?.deliveredAt;
  // a claim asks the supplier to answer: an empty list counts it as asked and not answered
  const responseHours = order.claim
    ? order.claim.response
      ? [Math.round((Date.parse(order.claim.response.at) - Date.parse(order.claim.openedAt)) / 3_600_000)]
      : []
    : undefined;
  return {
    entity: 'COMPLETED_TRANSACTION',
    orderId: order.orderId,
    completedAt: order.settlement!.settledAt,
    amount: order.settlement!.released,
    currency: order.currency,
    shippedOnTime: shippedAt !== undefined && Date.parse(shippedAt) < shipByDeadline(order).getTime(),
    disputed: order.claim !== undefined || order.determination !== undefined,
    ...(responseHours ? { responseHours } : {}),
  };
}

/**
 * Workflow step, the last: gives the coverage reservation back to the supplier, records the completed
 * transaction on the supplier (not for a cancelled or declined order: nothing was traded) with the order's final
 * status in one transaction, then recomputes the supplier's Trade Assurance amount from its history.
 */
export async function closeOrder(
  deps: CloseOrderDeps,
  input: { orderId: string },
): Promise<{ status: string; coverageReleased: boolean }> {
  const order = await findOrder(deps.orders, input.orderId);
  if (!order) throw new OrderStateError(`There is no order ${input.orderId}`);
  const status = finalStatusOf(order);
  if (!order.settlement && status !== 'DECLINED' && status !== 'FROZEN') {
    throw new OrderStateError(`Order ${input.orderId} cannot close before it is settled`);
  }
  const released = await releaseReservation(deps, order.orderId, status);
  // nothing was traded on a cancelled or declined order; frozen money is not the supplier's record either
  const traded = status !== 'CANCELLED' && status !== 'DECLINED' && status !== 'FROZEN';
  if (!order.closedAt) {
    const at = deps.now().toISOString();
    const transaction = traded ? completedTransactionOf(order) : undefined;
    await updateOrderWithEvents(
      deps.orders,
      order.orderId,
      {
        set: { status, closedAt: at, updatedAt: at },
        remove: ['workflowWait'],
        condition: 'attribute_not_exists(#closedAt)',
      },
      [
        ...(status !== order.status
          ? [{ at, type: 'STATUS_CHANGED', actor: workflowActor, detail: { from: order.status, to: status } }]
          : []),
        { at, type: 'ORDER_CLOSED', actor: workflowActor, detail: { status } },
      ],
      `close:${order.orderId}`,
      transaction
        ? [
            {
              // keyed by the settlement time, so a retried step writes the same item again
              Put: {
                TableName: deps.parties.tableName,
                Item: {
                  ...completedTransactionKey(order.supplierPartyId, transaction.completedAt, order.orderId),
                  ...transaction,
                },
              },
            },
          ]
        : [],
    );
  }
  if (traded) {
    await deps.recomputeTradeAssurance(order.supplierPartyId);
  }
  return { status, coverageReleased: released.released };
}
