import { logger } from '../../commons/logger';
import { now } from '../../commons/clock';
import type { EventType, OutboundEvent } from '../../kernel/events/event-catalogue';
import type { InternalSubscriber } from '../../events/usecases/dispatch-webhooks';
import { resolveOrderStore } from '../../orders/handlers/order-store-deps';
import { resolvePayoutProvider } from '../../orders/payouts/resolve-payout-provider';
import { refundOverpayments, type RefundOverpaymentsDeps } from '../../orders/usecases/refund-overpayments';

/** The event after which an order has money to give back. */
export const overpaymentRefundEvents: EventType[] = ['order.overpaid'];

/**
 * Gives a buyer's overpayment back (DESIGN, "Every payout is idempotent"): hears `order.overpaid` through
 * the outbox, so the refund is as durable as any delivery. A payout provider that is down fails the
 * delivery, which is retried on the schedule and goes DEAD with its alarm after the last attempt; every
 * retry lands on the same movement and the same payout. The provider is resolved at the first delivery,
 * so a dispatcher without payout settings fails only the deliveries that need them.
 */
export function createOverpaymentRefundsSubscriber(
  resolveDeps: () => RefundOverpaymentsDeps = () => ({
    orders: resolveOrderStore(),
    provider: resolvePayoutProvider(),
    now,
  }),
): InternalSubscriber {
  return {
    subscriberId: 'internal:overpayment-refunds',
    eventTypes: overpaymentRefundEvents,
    async deliver(event: OutboundEvent) {
      const { orderId } = event.data as { orderId: string };
      const outcome = await refundOverpayments(resolveDeps(), orderId);
      logger.info('overpayments of an order given back', {
        orderId,
        payouts: outcome.payouts.map((payout) => ({ movementKey: payout.movementKey, status: payout.status })),
        keptFrozen: outcome.keptFrozen,
      });
    },
  };
}
