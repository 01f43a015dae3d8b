import type { LogisticsWebhookEvent } from '../webhooks/webhook-events';
import type { Order, OrderShipment } from './order';
import { isFinalStatus } from './order-status';
import { toPartyStatus } from './order-view-policy';

/** Logistics events one order takes at most: a carrier's real updates are far fewer. */
export const MAX_LOGISTICS_EVENTS = 50;

/** How far ahead of the platform's clock an event may be dated: carriers' clocks drift, not by hours. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Why a partner's event is dated out of bounds, or undefined: nothing ships or is inspected before the
 * supplier agreed to the order (orders placed before confirmations existed: their creation), and no
 * partner's clock runs more than 5 minutes ahead. Pure.
 */
export function occurredAtOutOfBounds(
  order: Pick<Order, 'createdAt' | 'supplierConfirmation'>,
  occurredAt: string,
  now: Date,
): string | undefined {
  const earliest = order.supplierConfirmation?.at ?? order.createdAt;
  const at = Date.parse(occurredAt);
  if (at >= Date.parse(earliest) && at <= now.getTime() + MAX_CLOCK_SKEW_MS) return undefined;
  return (
    `occurredAt ${occurredAt} must be between the supplier's confirmation of the order (${earliest}) and ` +
    `5 minutes after now (${new Date(now.getTime() + MAX_CLOCK_SKEW_MS).toISOString()})`
  );
}

/** Why a logistics event is refused; nothing about the order changes. */
export interface ShipmentRefusal {
  refused: 'ORDER_NOT_SHIPPABLE' | 'OCCURRED_AT_OUT_OF_BOUNDS' | 'TRACKING_NUMBER_MISMATCH' | 'TOO_MANY_EVENTS';
  detail: string;
}

/**
 * The rules a logistics partner's event must meet before it may touch an order (DESIGN, "Money is only
 * moved by those entitled to move it"): shipment decides money (a missed ship-by date refunds the buyer),
 * so an event is refused when
 * - the order is not paid, or is settled or final;
 * - it happened before the supplier confirmed the order, or more than 5 minutes after now;
 * - its tracking number is not the one first recorded;
 * - the order already took 50 events.
 * Pure.
 */
export function assessLogisticsEvent(
  order: Pick<
    Order,
    'orderId' | 'status' | 'payment' | 'settlement' | 'createdAt' | 'supplierConfirmation' | 'shipment'
  >,
  event: Pick<LogisticsWebhookEvent, 'occurredAt' | 'trackingNumber'>,
  now: Date,
): ShipmentRefusal | undefined {
  // FROZEN money was due to settle: nothing the order waited for counts any more
  if (!order.payment || order.settlement || order.status === 'FROZEN' || isFinalStatus(order.status)) {
    return {
      refused: 'ORDER_NOT_SHIPPABLE',
      detail: `Order ${order.orderId} is ${toPartyStatus(order.status)}${order.settlement ? ' and settled' : ''}; it takes logistics events only once paid and until it is settled`,
    };
  }
  const outOfBounds = occurredAtOutOfBounds(order, event.occurredAt, now);
  if (outOfBounds) return { refused: 'OCCURRED_AT_OUT_OF_BOUNDS', detail: outOfBounds };
  if (order.shipment && order.shipment.trackingNumber !== event.trackingNumber) {
    return {
      refused: 'TRACKING_NUMBER_MISMATCH',
      detail: `Order ${order.orderId} ships under tracking number ${order.shipment.trackingNumber}, not ${event.trackingNumber}`,
    };
  }
  if ((order.shipment?.eventCount ?? 0) >= MAX_LOGISTICS_EVENTS) {
    return {
      refused: 'TOO_MANY_EVENTS',
      detail: `Order ${order.orderId} has taken its ${MAX_LOGISTICS_EVENTS} logistics events`,
    };
  }
  return undefined;
}

function earliest(a: string | undefined, b: string): string {
  return a !== undefined && Date.parse(a) <= Date.parse(b) ? a : b;
}

function latest(a: string | undefined, b: string): string {
  return a !== undefined && Date.parse(a) >= Date.parse(b) ? a : b;
}

/**
 * Merges one logistics event into an order's shipment. Events may come twice and in any order, so the
 * merge is commutative and idempotent: the earliest SHIPPED and DELIVERED times win, the latest
 * EXCEPTION is kept, and the status is the furthest state reached (DELIVERED > SHIPPED > EXCEPTION).
 * The tracking number and carrier of the first event stay (a changed one is on the timeline).
 */
export function mergeShipment(
  current: OrderShipment | undefined,
  event: Pick<LogisticsWebhookEvent, 'type' | 'occurredAt' | 'trackingNumber' | 'carrier'>,
): OrderShipment {
  const occurredAt = new Date(event.occurredAt).toISOString();
  const next: OrderShipment = {
    ...(current ?? { status: 'EXCEPTION', trackingNumber: event.trackingNumber, carrier: event.carrier }),
  };
  next.eventCount = (current?.eventCount ?? 0) + 1;
  if (event.type === 'SHIPPED') next.shippedAt = earliest(current?.shippedAt, occurredAt);
  if (event.type === 'DELIVERED') next.deliveredAt = earliest(current?.deliveredAt, occurredAt);
  if (event.type === 'EXCEPTION') next.lastExceptionAt = latest(current?.lastExceptionAt, occurredAt);
  next.status = next.deliveredAt ? 'DELIVERED' : next.shippedAt ? 'SHIPPED' : 'EXCEPTION';
  return next;
}
