import { processingFailedMessage, type TimelinePolicy } from '../../commons/views/view-policy';
import type { Order, OrderTimelineEvent } from './order';
import type { OrderClaim } from './order-claim';

/**
 * Which entries of an order's timeline its buyer and supplier see, and with which detail. Compliance
 * (rule outcomes, screening, holds and the officer's decision), review tasks, reviewers' reasons and
 * internal errors are for staff; types not named here are for staff only.
 */
export const orderTimelinePolicy: TimelinePolicy = {
  ORDER_CREATED: { audience: 'PARTIES', partyDetail: ['status', 'coveredAmount', 'currency', 'confirmBy'] },
  SUPPLIER_CONFIRMED: { audience: 'PARTIES', partyDetail: ['coveredAmount', 'currency', 'payBy'] },
  ORDER_DECLINED: { audience: 'PARTIES', partyDetail: ['reason'] },
  DEADLINE_SET: { audience: 'PARTIES', partyDetail: ['confirmBy', 'payBy'] },
  RECEIPT_WINDOW_OPENED: { audience: 'PARTIES', partyDetail: ['dueAt'] },
  INSPECTION_PASSED: { audience: 'PARTIES', partyDetail: ['reportId', 'occurredAt', 'findings'] },
  INSPECTION_FAILED: { audience: 'PARTIES', partyDetail: ['reportId', 'occurredAt', 'findings'] },
  RECEIPT_WINDOW_EXTENDED: { audience: 'PARTIES', partyDetail: ['by', 'days', 'dueAt'] },
  SHIP_BY_EXTENSION_REQUESTED: { audience: 'PARTIES', partyDetail: ['from', 'to', 'reason'] },
  SHIP_BY_EXTENDED: { audience: 'PARTIES', partyDetail: ['from', 'to'] },
  SHIP_BY_EXTENSION_REFUSED: { audience: 'PARTIES', partyDetail: ['from', 'to'] },
  // frozen money is for staff (no tipping-off): the parties read COMPLIANCE_HOLD (toPartyStatus) and no change to or from FROZEN
  STATUS_CHANGED: {
    audience: 'PARTIES',
    partyDetail: ['from', 'to'],
    partiesWhen: (detail) => detail.from !== 'FROZEN' && detail.to !== 'FROZEN',
  },
  PAYMENT_RECEIVED: { audience: 'PARTIES', partyDetail: ['amount', 'currency'] },
  // a second charge and its refund: the buyer's money, on the order's escrow like the payment
  OVERPAYMENT_RECEIVED: { audience: 'PARTIES', partyDetail: ['amount', 'currency'] },
  OVERPAYMENT_REFUNDED: { audience: 'PARTIES', partyDetail: ['amount', 'currency'] },
  SHIPPED: { audience: 'PARTIES', partyDetail: ['trackingNumber', 'carrier', 'occurredAt'] },
  DELIVERED: { audience: 'PARTIES', partyDetail: ['trackingNumber', 'carrier', 'occurredAt'] },
  SHIPMENT_EXCEPTION: { audience: 'PARTIES', partyDetail: ['trackingNumber', 'carrier', 'occurredAt'] },
  RECEIPT_CONFIRMED: { audience: 'PARTIES', partyDetail: ['by', 'claimWindowEndsAt'] },
  CLAIM_OPENED: {
    audience: 'PARTIES',
    partyDetail: ['claimId', 'reason', 'requestedAmount', 'respondBy', 'escalatesAt'],
  },
  CLAIM_ANSWERED: { audience: 'PARTIES', partyDetail: ['claimId', 'accept', 'offerAmount', 'withinResponseTime'] },
  CLAIM_OFFER_ACCEPTED: { audience: 'PARTIES', partyDetail: ['claimId', 'agreedAmount'] },
  CLAIM_ESCALATED: { audience: 'PARTIES', partyDetail: ['claimId', 'by'] },
  // the platform's determination of a claim is the parties' business; a compliance officer's is not
  REVIEW_DECIDED: {
    audience: 'PARTIES',
    partyDetail: ['decision', 'amount', 'message'],
    partiesWhen: (detail) => detail.kind === 'DISPUTE_DETERMINATION',
  },
  ESCROW_SETTLED: { audience: 'PARTIES', partyDetail: ['outcome', 'refunded', 'released', 'currency'] },
  PAYOUT_CONFIRMED: { audience: 'PARTIES', partyDetail: ['beneficiary', 'amount', 'currency'] },
  PAYOUT_FAILED: { audience: 'PARTIES', partyDetail: ['beneficiary', 'amount', 'currency'] },
  COVERAGE_RELEASED: { audience: 'PARTIES' },
  ORDER_CANCELLED: { audience: 'PARTIES', partyDetail: ['partyReason'] },
  ORDER_CLOSED: { audience: 'PARTIES', partyDetail: ['status'], partiesWhen: (detail) => detail.status !== 'FROZEN' },
  WORKFLOW_FAILED: { audience: 'PARTIES', partyReplacement: { message: processingFailedMessage } },
  COUNTERPARTIES_SCREENED: { audience: 'STAFF' },
  REVIEW_TASK_OPENED: { audience: 'STAFF' },
  // a suspension is staff business: the parties are not told (no tipping-off)
  ORDER_HELD: { audience: 'STAFF' },
  REVIEW_TASK_ESCALATED: { audience: 'STAFF' },
  PAYMENT_AMOUNT_MISMATCH: { audience: 'STAFF' },
};

/** How an actor of the order's timeline looks to its parties: staff, the platform, or a party's user. */
export function orderActorKind(entry: OrderTimelineEvent): 'STAFF' | 'SYSTEM' | 'PARTY' {
  if (entry.actor.type === 'SYSTEM') return 'SYSTEM';
  return entry.type === 'REVIEW_DECIDED' ? 'STAFF' : 'PARTY';
}

/**
 * The status a party reads: money frozen for a four-eyes decision shows as a compliance hold, never as
 * FROZEN, so a party under suspicion is not told its money was stopped, nor why (no tipping-off).
 */
export function toPartyStatus(status: string): string {
  return status === 'FROZEN' ? 'COMPLIANCE_HOLD' : status;
}

/** Why an order was cancelled, as its parties read it: compliance stays unnamed. */
export type PartyCancellationReason = 'PAYMENT_TIMEOUT' | 'CONFIRMATION_TIMEOUT' | 'NOT_APPROVED';

/** The cancellation reason a party reads. */
export function toPartyCancellationReason(
  reason: NonNullable<Order['cancellation']>['reason'],
): PartyCancellationReason {
  return reason === 'PAYMENT_TIMEOUT' || reason === 'CONFIRMATION_TIMEOUT' ? reason : 'NOT_APPROVED';
}

/** The plain-language sentence a party reads for a platform determination, unless the reviewer wrote one. */
export const determinationMessages: Record<string, string> = {
  REFUND: 'The platform decided the claim: the amount shown is refunded to the buyer and the rest released.',
  RELEASE: 'The platform decided the claim: the payment is released to the supplier.',
};

/** A claim as both parties read it: without the users who opened and answered it. */
export function partyClaimView(claim: OrderClaim): PartyClaim {
  const { openedBy: _openedBy, response, ...shown } = claim;
  if (!response) return shown;
  const { by: _by, ...answer } = response;
  return { ...shown, response: answer };
}

/** A claim without the users of either party. */
export type PartyClaim = Omit<OrderClaim, 'openedBy' | 'response'> & {
  response?: Omit<NonNullable<OrderClaim['response']>, 'by'>;
};
