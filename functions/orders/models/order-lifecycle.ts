import type { Order } from './order';

/*
 * Where an assured order stands, and what its workflow (state-machines/assured-order.asl.json) waits
 * for. Partners' webhooks and the buyer's and supplier's calls record facts on the order (a payment, a
 * shipment, a receipt, a claim); the workflow's wait for a milestone ends when the fact is there,
 * whichever came first.
 */

export {
  finalOrderStatuses,
  isFinalStatus,
  orderMilestones,
  orderStatuses,
  statusWhileAwaiting,
  type OrderLifecycleStatus,
  type OrderMilestone,
  type OrderWorkflowWait,
} from './order-status';
import { inspectionPassed, shipmentCounts } from './inspection';
import { orderStatuses, type OrderLifecycleStatus, type OrderMilestone } from './order-status';

/** What a reached milestone tells the workflow; ids and outcomes only. */
export type MilestoneOutput =
  | { milestone: 'CONFIRMATION'; accepted: boolean }
  | { milestone: 'PAYMENT' }
  | { milestone: 'SHIPMENT' }
  | { milestone: 'DELIVERY'; by: 'CARRIER' | 'BUYER' }
  | { milestone: 'RECEIPT' }
  | { milestone: 'CLAIM'; claimId: string }
  | { milestone: 'CLAIM_RESOLUTION'; outcome: 'ACCEPTED' | 'ESCALATED' }
  | { milestone: 'PAYOUTS'; failed: number };

/**
 * Whether the order has reached `milestone`, and what the workflow should learn; undefined while it has
 * not. DELIVERY is reached by the carrier's DELIVERED event, or by the buyer confirming receipt or
 * claiming NOT_RECEIVED first (the claim wait then finds the claim at once).
 */
export function readMilestone(order: Order, milestone: OrderMilestone): MilestoneOutput | undefined {
  switch (milestone) {
    case 'CONFIRMATION':
      return order.supplierConfirmation ? { milestone, accepted: order.supplierConfirmation.accepted } : undefined;
    case 'PAYMENT':
      return order.payment ? { milestone } : undefined;
    case 'SHIPMENT':
      // a PRE_SHIPMENT order's buyer may claim QUALITY after a failed inspection, before shipment: the
      // claim's handling follows (the delivery and claim waits find the claim at once)
      if (order.qualityProtection === 'PRE_SHIPMENT' && order.claim) return { milestone };
      // a PRE_SHIPMENT order's shipment counts once an inspection passed
      if (!shipmentCounts(order)) return undefined;
      return order.shipment?.shippedAt || order.shipment?.deliveredAt ? { milestone } : undefined;
    case 'DELIVERY':
      // the buyer's receipt, or a NOT_RECEIVED claim, goes straight to the claim's handling
      if (order.receipt || order.claim) return { milestone, by: 'BUYER' };
      return order.shipment?.deliveredAt ? { milestone, by: 'CARRIER' } : undefined;
    case 'RECEIPT':
      return order.receipt || order.claim ? { milestone } : undefined;
    case 'CLAIM':
      return order.claim ? { milestone, claimId: order.claim.claimId } : undefined;
    case 'CLAIM_RESOLUTION':
      if (order.claim?.status === 'ACCEPTED') return { milestone, outcome: 'ACCEPTED' };
      return order.claim?.status === 'ESCALATED' ? { milestone, outcome: 'ESCALATED' } : undefined;
    case 'PAYOUTS':
      // a failed payout ends the wait too: the workflow then stops the order for an operator
      return order.settlement && order.settlement.payouts.every((payout) => payout.status !== 'PENDING')
        ? { milestone, failed: order.settlement.payouts.filter((payout) => payout.status === 'FAILED').length }
        : undefined;
  }
}

/**
 * The status to show once the workflow waits for `milestone`: the waiting status, unless the order is
 * already further along (the buyer confirmed receipt before the workflow reached that wait), since a
 * status never goes back.
 */
export function advanceStatus(current: string, next: OrderLifecycleStatus): string {
  const rank = (status: string) => orderStatuses.indexOf(status as OrderLifecycleStatus);
  return rank(current) >= rank(next) ? current : next;
}

/** The end of the ship-by day: `shipBy` is a date, and the supplier has the whole of it (UTC). */
export function shipByDeadline(order: Pick<Order, 'shipBy'>): Date {
  return new Date(Date.parse(`${order.shipBy}T00:00:00Z`) + 86_400_000);
}

/**
 * Whether the supplier shipped in time: a shipment before the end of the ship-by day (reported late by
 * the carrier's webhook, it still counts) and, for a PRE_SHIPMENT order, a PASSED inspection before it too.
 */
export function shippedInTime(order: Order): boolean {
  const deadline = shipByDeadline(order);
  const shippedAt = order.shipment?.shippedAt ?? order.shipment?.deliveredAt;
  if (shippedAt === undefined || Date.parse(shippedAt) >= deadline.getTime()) return false;
  return order.qualityProtection !== 'PRE_SHIPMENT' || inspectionPassed(order, deadline);
}
