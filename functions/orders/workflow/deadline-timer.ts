import type { Order, OrderTimelineEvent } from '../models/order';
import { shipByDeadline } from '../models/order-lifecycle';
import { loadTradeAssurancePolicy } from '../models/trade-assurance-policy';
import { findOrder } from '../repositories/order-repository';
import { updateOrderWithEvents } from '../repositories/order-workflow-repository';
import { OrderStateError, workflowActor, type OrderStepDeps } from './order-workflow-deps';

/** The deadlines on an order that the workflow waits for, each moved only by the use cases. */
export const orderDeadlines = ['CONFIRM_BY', 'PAY_BY', 'SHIP_BY', 'RECEIPT_DUE'] as const;

/** One of {@link orderDeadlines}. */
export type OrderDeadline = (typeof orderDeadlines)[number];

/** Where a deadline is kept on the order, and how long it is when the workflow must set it. */
const deadlineFields = {
  CONFIRM_BY: { field: 'confirmBy', days: () => loadTradeAssurancePolicy().periods.supplierConfirmationDays },
  PAY_BY: { field: 'payBy', days: () => loadTradeAssurancePolicy().periods.paymentDays },
} as const;

/**
 * Workflow step: the seconds from now until one of the order's deadlines, as the next wait's
 * `TimeoutSecondsPath` (at least 1: a deadline already past times out at once). The deadline is the one
 * the parties read on the order, so the timer and the order never disagree:
 * - CONFIRM_BY: `confirmBy`; a held order gets it when the hold is cleared (now + the confirmation period);
 * - PAY_BY: `payBy`, set by the supplier's confirmation;
 * - SHIP_BY: the end of the `shipBy` day (UTC), moved by an accepted extension;
 * - RECEIPT_DUE: `receiptWindow.dueAt`, set when the delivery is reported, moved by extensions.
 * A deadline the step sets is written once (a retried step reads it back).
 */
export async function secondsUntilDeadline(
  deps: OrderStepDeps,
  input: { orderId: string; deadline: OrderDeadline },
): Promise<{ seconds: number; at: string }> {
  const order = await findOrder(deps.orders, input.orderId);
  if (!order) throw new OrderStateError(`There is no order ${input.orderId}`);
  const deadline = readDeadline(order, input.deadline) ?? (await setDeadline(deps, order, input.deadline));
  const remaining = Math.ceil((Date.parse(deadline) - deps.now().getTime()) / 1000);
  return { seconds: Math.max(1, remaining), at: deadline };
}

/** The deadline as the order holds it; undefined when the workflow has to set it. */
export function readDeadline(order: Order, deadline: OrderDeadline): string | undefined {
  switch (deadline) {
    case 'CONFIRM_BY':
      return order.confirmBy;
    case 'PAY_BY':
      return order.payBy;
    case 'SHIP_BY':
      return shipByDeadline(order).toISOString();
    case 'RECEIPT_DUE':
      return order.receiptWindow?.dueAt;
  }
}

/** Sets a deadline that is not on the order yet, from now and the policy; re-reads when another step won. */
async function setDeadline(deps: OrderStepDeps, order: Order, deadline: OrderDeadline): Promise<string> {
  const at = deps.now().toISOString();
  let set: Record<string, unknown>;
  let event: OrderTimelineEvent;
  if (deadline === 'RECEIPT_DUE') {
    const window = order.receiptWindow ?? { extensions: [] };
    const { periods, extensions } = loadTradeAssurancePolicy();
    // extensions asked for before the delivery count from it
    const days = periods.automaticReceiptDays + window.extensions.length * extensions.receiptWindowDays;
    const dueAt = addDaysTo(at, days);
    set = { receiptWindow: { ...window, dueAt } };
    event = { at, type: 'RECEIPT_WINDOW_OPENED', actor: workflowActor, detail: { dueAt } };
  } else if (deadline === 'CONFIRM_BY' || deadline === 'PAY_BY') {
    const { field, days } = deadlineFields[deadline];
    const value = addDaysTo(at, days());
    set = { [field]: value };
    event = { at, type: 'DEADLINE_SET', actor: workflowActor, detail: { [field]: value } };
  } else {
    throw new OrderStateError(`Order ${order.orderId} has no ${deadline} to wait for`);
  }
  const stored = await updateOrderWithEvents(
    deps.orders,
    order.orderId,
    {
      set: { ...set, updatedAt: at },
      condition: '#updatedAt = :previous',
      conditionValues: { ':previous': order.updatedAt },
    },
    [event],
    `deadline:${order.orderId}:${deadline}:${order.updatedAt}`,
  );
  if (!stored) {
    const current = await findOrder(deps.orders, order.orderId);
    if (!current) throw new OrderStateError(`There is no order ${order.orderId}`);
    return readDeadline(current, deadline) ?? setDeadline(deps, current, deadline);
  }
  return readDeadline({ ...order, ...set } as Order, deadline)!;
}

function addDaysTo(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString();
}
