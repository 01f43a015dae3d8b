/** The statuses and milestones of an assured order, shared by the order record and its lifecycle. */

/**
 * Every status, in the order an order passes them; the last four are final. FROZEN is the money held
 * for a four-eyes decision instead of settling, and final once the decision keeps it frozen.
 */
export const orderStatuses = [
  'COMPLIANCE_HOLD',
  'AWAITING_SUPPLIER_CONFIRMATION',
  'AWAITING_PAYMENT',
  'AWAITING_SHIPMENT',
  'SHIPPED',
  'DELIVERED',
  'RECEIVED',
  'CLAIM_OPEN',
  'IN_DETERMINATION',
  'SETTLING',
  'FROZEN',
  'COMPLETED',
  'REFUNDED',
  'CANCELLED',
  'DECLINED',
] as const;

/** One of {@link orderStatuses}. */
export type OrderLifecycleStatus = (typeof orderStatuses)[number];

/** Statuses after which nothing changes. */
export const finalOrderStatuses: readonly OrderLifecycleStatus[] = ['COMPLETED', 'REFUNDED', 'CANCELLED', 'DECLINED'];

/** True when the order is closed. */
export function isFinalStatus(status: string): boolean {
  return (finalOrderStatuses as readonly string[]).includes(status);
}

/** What the workflow can wait for on a task token. */
export const orderMilestones = [
  'CONFIRMATION',
  'PAYMENT',
  'SHIPMENT',
  'DELIVERY',
  'RECEIPT',
  'CLAIM',
  'CLAIM_RESOLUTION',
  'PAYOUTS',
] as const;

/** One of {@link orderMilestones}. */
export type OrderMilestone = (typeof orderMilestones)[number];

/** The status an order shows while its workflow waits for each milestone. */
export const statusWhileAwaiting: Record<OrderMilestone, OrderLifecycleStatus> = {
  CONFIRMATION: 'AWAITING_SUPPLIER_CONFIRMATION',
  PAYMENT: 'AWAITING_PAYMENT',
  SHIPMENT: 'AWAITING_SHIPMENT',
  DELIVERY: 'SHIPPED',
  RECEIPT: 'DELIVERED',
  CLAIM: 'RECEIVED',
  CLAIM_RESOLUTION: 'CLAIM_OPEN',
  PAYOUTS: 'SETTLING',
};

/** The workflow's current wait, kept on the order; the token never leaves the back end. */
export interface OrderWorkflowWait {
  milestone: OrderMilestone;
  taskToken: string;
  since: string;
}
