import { draftEvent, type EventDraft } from '../../kernel/events/outbox';
import { describeReviewTaskEvent, textOf as text } from '../../kernel/events/review-task-events';
import type { OrderTimelineEvent } from './order';

/*
 * Which outbound events an order's timeline entry emits (DESIGN, "Outbound events"). Every change of an
 * order writes its entries in the transaction that makes it, so deriving the events from the entries puts
 * each event in the same transaction as its change, whichever use case or workflow step made it.
 */

/** The order status each status change announces; statuses not listed announce nothing of their own. */
const statusEvents = {
  COMPLIANCE_HOLD: 'order.held',
  DECLINED: 'order.declined',
  SHIPPED: 'order.shipped',
  DELIVERED: 'order.delivered',
  RECEIVED: 'order.received',
  FROZEN: 'order.frozen',
  COMPLETED: 'order.completed',
  REFUNDED: 'order.completed',
  CANCELLED: 'order.cancelled',
} as const;

const integer = (value: unknown): number | undefined => (Number.isSafeInteger(value) ? (value as number) : undefined);

function money(amount: unknown, currency: unknown): { amount?: number; currency?: string } {
  const minor = integer(amount);
  const code = text(currency);
  return minor !== undefined && code ? { amount: minor, currency: code } : {};
}

function settlementEvents(orderId: string, entry: OrderTimelineEvent): EventDraft[] {
  const { outcome, refunded, released, currency, claimId } = entry.detail;
  // a cancellation settles a closed order; every other settlement pays out while the order is SETTLING
  const status = outcome === 'CANCELLED' ? 'CANCELLED' : 'SETTLING';
  const events: EventDraft[] = [];
  if ((integer(refunded) ?? 0) > 0) {
    events.push(draftEvent('order.refunded', { orderId, status, ...money(refunded, currency) }));
  }
  if ((integer(released) ?? 0) > 0) {
    events.push(draftEvent('order.released', { orderId, status, ...money(released, currency) }));
  }
  if (outcome === 'DETERMINATION' && text(claimId)) {
    events.push(
      draftEvent('claim.decided', {
        orderId,
        claimId: text(claimId)!,
        status: 'DETERMINED',
        ...money(refunded, currency),
      }),
    );
  }
  return events;
}

function claimEvents(orderId: string, entry: OrderTimelineEvent): EventDraft[] {
  const claimId = text(entry.detail.claimId);
  if (!claimId) return [];
  const { detail } = entry;
  switch (entry.type) {
    case 'CLAIM_OPENED':
      return [
        draftEvent('claim.opened', {
          orderId,
          claimId,
          status: 'OPEN',
          ...money(detail.requestedAmount, detail.currency),
        }),
      ];
    case 'CLAIM_ANSWERED': {
      const status = detail.accept === true ? 'ACCEPTED' : detail.offerAmount !== undefined ? 'OFFERED' : 'REJECTED';
      return [
        draftEvent('claim.answered', { orderId, claimId, status, ...money(detail.offerAmount, detail.currency) }),
        ...(status === 'ACCEPTED' ? [draftEvent('claim.decided', { orderId, claimId, status })] : []),
      ];
    }
    case 'CLAIM_OFFER_ACCEPTED':
      return [
        draftEvent('claim.decided', {
          orderId,
          claimId,
          status: 'ACCEPTED',
          ...money(detail.agreedAmount, detail.currency),
        }),
      ];
    case 'CLAIM_ESCALATED':
      return [draftEvent('claim.escalated', { orderId, claimId, status: 'ESCALATED' })];
    default:
      return [];
  }
}

function payoutEvents(orderId: string, entry: OrderTimelineEvent): EventDraft[] {
  const payoutId = text(entry.detail.idempotencyKey);
  const beneficiary = entry.detail.beneficiary;
  const { amount, currency } = money(entry.detail.amount, entry.detail.currency);
  if (!payoutId || (beneficiary !== 'BUYER' && beneficiary !== 'SUPPLIER') || amount === undefined || !currency) {
    return [];
  }
  const paid = entry.type === 'PAYOUT_CONFIRMED';
  return [
    draftEvent(paid ? 'payout.paid' : 'payout.failed', {
      orderId,
      payoutId,
      beneficiary,
      status: paid ? 'PAID' : 'FAILED',
      amount,
      currency,
    }),
  ];
}

/**
 * The events one timeline entry of an order emits: status changes, money moved, claims, payouts, review
 * tasks. Ids, statuses and amounts only: never a reason, a name or a partner's id.
 */
export function describeOrderEvents(orderId: string, entry: OrderTimelineEvent): EventDraft[] {
  const { detail } = entry;
  switch (entry.type) {
    case 'ORDER_CREATED': {
      const status = text(detail.status) ?? 'AWAITING_SUPPLIER_CONFIRMATION';
      return [
        draftEvent('order.placed', { orderId, status, ...money(detail.coveredAmount, detail.currency) }),
        ...(status === 'COMPLIANCE_HOLD' ? [draftEvent('order.held', { orderId, status })] : []),
      ];
    }
    case 'STATUS_CHANGED': {
      const to = text(detail.to);
      if (to === 'AWAITING_PAYMENT' && detail.from === 'AWAITING_SUPPLIER_CONFIRMATION') {
        return [draftEvent('order.confirmed', { orderId, status: to })];
      }
      // own keys only: a status named like an object's built-in (`constructor`) announces nothing
      const type = to && Object.hasOwn(statusEvents, to) ? statusEvents[to as keyof typeof statusEvents] : undefined;
      return type && to ? [draftEvent(type, { orderId, status: to })] : [];
    }
    case 'ORDER_HELD':
      // a party was suspended: the order's status stays, its money (if any) is frozen
      return [draftEvent('order.held', { orderId, status: text(detail.status) ?? 'ON_HOLD' })];
    case 'PAYMENT_RECEIVED':
      return [
        draftEvent('order.paid', { orderId, status: 'AWAITING_SHIPMENT', ...money(detail.amount, detail.currency) }),
      ];
    case 'OVERPAYMENT_RECEIVED':
      return [
        draftEvent('order.overpaid', {
          orderId,
          status: text(detail.orderStatus) ?? 'PAID',
          ...money(detail.amount, detail.currency),
        }),
      ];
    case 'INSPECTION_PASSED':
    case 'INSPECTION_FAILED':
      // inspections come only before shipment
      return [draftEvent('order.inspected', { orderId, status: 'AWAITING_SHIPMENT' })];
    case 'ESCROW_SETTLED':
      return settlementEvents(orderId, entry);
    case 'PAYOUT_CONFIRMED':
    case 'PAYOUT_FAILED':
      return payoutEvents(orderId, entry);
    case 'REVIEW_TASK_OPENED':
    case 'REVIEW_DECIDED':
      return describeReviewTaskEvent({ type: 'ORDER', id: orderId }, entry);
    default:
      return claimEvents(orderId, entry);
  }
}
