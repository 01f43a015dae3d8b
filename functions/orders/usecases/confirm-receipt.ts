import type { Principal } from '../../commons/http/principal';
import { conflict } from '../../commons/http/problem';
import type { Order, OrderTimelineEvent } from '../models/order';
import { loadTradeAssurancePolicy } from '../models/trade-assurance-policy';
import { findOrder } from '../repositories/order-repository';
import { updateOrderWithEvents } from '../repositories/order-workflow-repository';
import { resumeOrderWorkflow } from '../workflow/await-order-milestone';
import { OrderStateError, workflowActor } from '../workflow/order-workflow-deps';
import { addDays, loadOrderForParty, userActor, type OrderActionDeps } from './order-party-actions';

/** Statuses in which the goods are on their way or arrived, so receipt can be confirmed. */
const receivableStatuses = ['SHIPPED', 'DELIVERED'];

/** Response of `POST /orders/{orderId}/receipt`. */
export type ReceiptView = { orderId: string; status: string } & NonNullable<Order['receipt']>;

function receiptView(order: Order): ReceiptView {
  return { orderId: order.orderId, status: order.status, ...order.receipt! };
}

/**
 * `POST /orders/{orderId}/receipt`: the buyer confirms the goods arrived, after shipment (with or without
 * the carrier's DELIVERED). The 30-day claim window starts now. Confirming again returns the receipt.
 * @throws ProblemError 404, 403, 409 before shipment or once the order is closed
 */
export async function confirmReceipt(
  deps: OrderActionDeps,
  principal: Principal,
  orderId: string,
): Promise<ReceiptView> {
  const order = await loadOrderForParty(deps.orders, principal, orderId, 'BUYER');
  if (order.receipt) return receiptView(order);
  if (!receivableStatuses.includes(order.status)) {
    throw conflict(`Order ${orderId} is ${order.status}; receipt can be confirmed once it has shipped`, {
      code: 'NOT_RECEIVABLE',
      orderStatus: order.status,
    });
  }
  const recorded = await recordReceipt(deps, order, 'BUYER', userActor(principal));
  if (!recorded) return confirmReceipt(deps, principal, orderId);
  await resumeOrderWorkflow(deps, orderId);
  return receiptView((await findOrder(deps.orders, orderId))!);
}

/**
 * Workflow step: the buyer did not confirm receipt by the end of the receipt window (14 days after
 * delivery, plus any extensions), so it is confirmed for them and the claim window starts. A receipt
 * confirmed meanwhile is kept; a window extended meanwhile is waited for (`extended: true`).
 */
export async function confirmReceiptAutomatically(
  deps: Pick<OrderActionDeps, 'orders' | 'now'>,
  input: { orderId: string },
): Promise<{ by?: 'BUYER' | 'AUTOMATIC'; extended: boolean }> {
  const order = await findOrder(deps.orders, input.orderId);
  if (!order) throw new OrderStateError(`There is no order ${input.orderId}`);
  if (order.receipt) return { by: order.receipt.by, extended: false };
  const dueAt = order.receiptWindow?.dueAt;
  if (dueAt && deps.now().getTime() < Date.parse(dueAt)) return { extended: true };
  if (!(await recordReceipt(deps, order, 'AUTOMATIC', workflowActor))) {
    return confirmReceiptAutomatically(deps, input);
  }
  return { by: 'AUTOMATIC', extended: false };
}

async function recordReceipt(
  deps: Pick<OrderActionDeps, 'orders' | 'now'>,
  order: Order,
  by: 'BUYER' | 'AUTOMATIC',
  actor: OrderTimelineEvent['actor'],
): Promise<boolean> {
  const at = deps.now().toISOString();
  const receipt = {
    confirmedAt: at,
    by,
    claimWindowEndsAt: addDays(at, loadTradeAssurancePolicy().periods.claimWindowDays),
  };
  return updateOrderWithEvents(
    deps.orders,
    order.orderId,
    {
      set: { receipt, status: 'RECEIVED', updatedAt: at },
      condition: 'attribute_not_exists(#receipt) AND #status = :status',
      conditionValues: { ':status': order.status },
    },
    [
      { at, type: 'STATUS_CHANGED', actor, detail: { from: order.status, to: 'RECEIVED' } },
      { at, type: 'RECEIPT_CONFIRMED', actor, detail: { by, claimWindowEndsAt: receipt.claimWindowEndsAt } },
    ],
    `receipt:${order.orderId}`,
  );
}
