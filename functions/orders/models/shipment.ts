import type { LogisticsWebhookEvent } from '../webhooks/webhook-events';
import type { OrderShipment } from './order';

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
  if (event.type === 'SHIPPED') next.shippedAt = earliest(current?.shippedAt, occurredAt);
  if (event.type === 'DELIVERED') next.deliveredAt = earliest(current?.deliveredAt, occurredAt);
  if (event.type === 'EXCEPTION') next.lastExceptionAt = latest(current?.lastExceptionAt, occurredAt);
  next.status = next.deliveredAt ? 'DELIVERED' : next.shippedAt ? 'SHIPPED' : 'EXCEPTION';
  return next;
}
