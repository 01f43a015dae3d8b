import type { InspectionWebhookEvent } from '../webhooks/webhook-events';
import type { Order, OrderInspection } from './order';
import { isFinalStatus } from './order-status';
import { toPartyStatus } from './order-view-policy';
import { occurredAtOutOfBounds } from './shipment';

export type { OrderInspection } from './order';

/*
 * Pre-shipment quality protection (DESIGN, "Quality protection"): a PRE_SHIPMENT order's shipment counts
 * only after a third-party inspection PASSED; after a FAILED one the buyer may claim QUALITY before
 * shipment, or a later PASSED inspection lets the order go on. Once an inspection passed, quality is
 * settled: post-delivery QUALITY and NOT_AS_DESCRIBED claims are not covered.
 */

/** Inspection reports one order takes at most: a failed inspection is re-done a few times, not dozens. */
export const MAX_INSPECTIONS = 20;

/** Why an inspection report is refused; nothing about the order changes. */
export interface InspectionRefusal {
  refused:
    | 'NOT_PRE_SHIPMENT'
    | 'ORDER_NOT_INSPECTABLE'
    | 'INSPECTION_ALREADY_PASSED'
    | 'REPORT_ALREADY_RECEIVED'
    | 'OCCURRED_AT_OUT_OF_BOUNDS'
    | 'TOO_MANY_INSPECTIONS';
  detail: string;
}

/** The latest report by when the inspection took place; undefined before any. */
export function latestInspection(order: Pick<Order, 'inspections'>): OrderInspection | undefined {
  return [...(order.inspections ?? [])].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)).at(-1);
}

/** Whether a PASSED inspection is on file, and, with `before`, whether one took place before it. */
export function inspectionPassed(order: Pick<Order, 'inspections'>, before?: Date): boolean {
  return (order.inspections ?? []).some(
    (report) => report.result === 'PASSED' && (!before || Date.parse(report.occurredAt) < before.getTime()),
  );
}

/** Whether the shipment counts: always for POST_DELIVERY, after a PASSED inspection for PRE_SHIPMENT. */
export function shipmentCounts(order: Pick<Order, 'qualityProtection' | 'inspections'>): boolean {
  return order.qualityProtection !== 'PRE_SHIPMENT' || inspectionPassed(order);
}

/**
 * The inspections rules: which agency report an order takes. Refused when the order is not PRE_SHIPMENT,
 * is not paid or is settled or closed, has passed an inspection already, has this report already, or
 * has taken {@link MAX_INSPECTIONS}; or when the inspection is dated before the supplier's confirmation
 * or more than 5 minutes after now. Pure.
 */
export function assessInspectionEvent(
  order: Order,
  event: Pick<InspectionWebhookEvent, 'reportId' | 'occurredAt'>,
  now: Date,
): InspectionRefusal | undefined {
  if (order.qualityProtection !== 'PRE_SHIPMENT') {
    return {
      refused: 'NOT_PRE_SHIPMENT',
      detail: `Order ${order.orderId} has POST_DELIVERY quality protection; it takes no pre-shipment inspection`,
    };
  }
  // FROZEN money was due to settle: nothing the order waited for counts any more
  if (!order.payment || order.settlement || order.status === 'FROZEN' || isFinalStatus(order.status)) {
    return {
      refused: 'ORDER_NOT_INSPECTABLE',
      detail: `Order ${order.orderId} is ${toPartyStatus(order.status)}; it takes inspection reports once paid and until it is settled`,
    };
  }
  if (inspectionPassed(order)) {
    return {
      refused: 'INSPECTION_ALREADY_PASSED',
      detail: `Order ${order.orderId} passed its inspection already; its quality is settled`,
    };
  }
  if ((order.inspections ?? []).some((report) => report.reportId === event.reportId)) {
    return {
      refused: 'REPORT_ALREADY_RECEIVED',
      detail: `Order ${order.orderId} has report ${event.reportId} already`,
    };
  }
  const outOfBounds = occurredAtOutOfBounds(order, event.occurredAt, now);
  if (outOfBounds) return { refused: 'OCCURRED_AT_OUT_OF_BOUNDS', detail: outOfBounds };
  if ((order.inspections ?? []).length >= MAX_INSPECTIONS) {
    return {
      refused: 'TOO_MANY_INSPECTIONS',
      detail: `Order ${order.orderId} took ${MAX_INSPECTIONS} inspection reports; it takes no more`,
    };
  }
  return undefined;
}
