import { ProblemError } from '../../commons/http/problem';
import { formatMinorUnits } from '../../commons/money';
import { isRefusal, movementKey, type LedgerMovement } from '../ledger/ledger-model';
import { overpaymentKey, paymentSource } from '../ledger/overpayment-keys';
import type { Order, OrderPayment } from '../models/order';
import { assessLogisticsEvent, mergeShipment } from '../models/shipment';
import {
  isPayoutWebhookType,
  logisticsWebhookEventSchema,
  paymentWebhookEventSchema,
  type LogisticsWebhookEvent,
  type PaymentWebhookEvent,
} from '../webhooks/webhook-events';
import {
  type WebhookDeps,
  type WebhookCall,
  type WebhookAnswer,
  authenticateWebhook,
  parseBody,
  peekJson,
  claim,
  newRecord,
  unknownOrder,
  actor,
} from './webhook-intake';
import type { WebhookEventRecord } from '../repositories/webhook-repository';
import type { WebhookPartner } from '../webhooks/webhook-partners';

// the intake's types and steps stay importable from here, where the webhooks are received
export * from './webhook-intake';

/**
 * `POST /webhooks/payments`. The buyer owes the order's `totalAmount` in its `currency` (the whole order
 * goes into escrow; the coverage only bounds refunds), so a payment of anything else is refused with 422,
 * stored as AMOUNT_MISMATCH and put on the order's timeline. An accepted payment is one ledger movement
 * buyer → escrow under `movementKey(orderId, 'payment')`, so a replay under a new eventId moves no money.
 * The movement is conditional on the order awaiting payment, in the same transaction: a payment for an
 * order that was cancelled (payment window over, compliance) gets 409 ORDER_NOT_PAYABLE and moves nothing.
 * The movement records which event made it (`source`), so a second payment of the right amount under
 * another eventId, even one racing the first, is told apart from a retry of the first: it is a second
 * charge, taken into escrow as an OVERPAYMENT, flagged, and refunded to the buyer (see `takeOverpayment`).
 * A payment partner may not confirm payouts: `payout.paid` / `payout.failed` here are refused with 403 and
 * nothing stored; they come from the `payouts` partner on `/webhooks/payouts` (`receivePayoutWebhook`).
 * @throws ProblemError 401, 400, 403, 404, 409, 422
 */
export async function receivePaymentWebhook(deps: WebhookDeps, call: WebhookCall): Promise<WebhookAnswer> {
  const partner = await authenticateWebhook(deps, 'payments', call);
  if (isPayoutWebhookType(peekJson(call.rawBody))) {
    throw new ProblemError(
      403,
      `Partner ${partner.partnerId} is a payments partner; payout confirmations come from the payout provider's ` +
        '`payouts` partner on POST /webhooks/payouts',
      { code: 'PAYOUT_CONFIRMATION_NOT_ALLOWED' },
    );
  }
  const event = parseBody(call.rawBody, paymentWebhookEventSchema);
  const claimed = await claim(deps, newRecord(deps, partner, call, event));
  if ('answer' in claimed) return claimed.answer;
  const { record } = claimed;

  const order = await deps.findOrder(event.orderId);
  if (!order) return unknownOrder(deps, record);

  const settledAt = () => deps.now().toISOString();
  if (event.amount !== order.totalAmount || event.currency !== order.currency) {
    const detail =
      `Order ${order.orderId} is owed ${formatMinorUnits(order.totalAmount, order.currency)} (its total); ` +
      `the payment is ${formatMinorUnits(event.amount, event.currency)}`;
    await deps.appendTimelineEntry(order.orderId, record, {
      at: record.receivedAt,
      type: 'PAYMENT_AMOUNT_MISMATCH',
      actor: actor(record),
      detail: {
        eventId: event.eventId,
        amount: event.amount,
        currency: event.currency,
        expectedAmount: order.totalAmount,
        expectedCurrency: order.currency,
      },
    });
    await deps.settleEvent(record, { status: 'AMOUNT_MISMATCH', flagged: true, detail, settledAt: settledAt() });
    throw new ProblemError(422, detail, {
      code: 'AMOUNT_MISMATCH',
      eventId: event.eventId,
      expected: { amount: order.totalAmount, currency: order.currency },
      received: { amount: event.amount, currency: event.currency },
    });
  }

  const key = movementKey(order.orderId, 'payment');
  const source = paymentSource(partner.partnerId, event.eventId);
  const outcome = await deps.recordPayment({
    orderId: order.orderId,
    partyId: order.buyerPartyId,
    amount: event.amount,
    currency: event.currency,
    idempotencyKey: key,
    reason: `payment.succeeded ${event.eventId} from ${partner.partnerId}`,
    source,
    at: record.receivedAt,
  });
  if (!isRefusal(outcome) && outcome.replayed && !isThisPayment(outcome.movement, order, source, event.eventId)) {
    return takeOverpayment(deps, { order, event, record, partner, paidBy: outcome.movement });
  }
  if (isRefusal(outcome) && outcome.refused === 'ORDER_NOT_PAYABLE') {
    const current = await deps.findOrder(order.orderId);
    const detail = `Order ${order.orderId} is ${current?.status ?? order.status}; it no longer accepts a payment, and no money moved`;
    await deps.settleEvent(record, { status: 'REFUSED_BY_LEDGER', flagged: true, detail, settledAt: settledAt() });
    throw new ProblemError(409, detail, { code: 'ORDER_NOT_PAYABLE', eventId: event.eventId });
  }
  if (isRefusal(outcome)) {
    await deps.settleEvent(record, {
      status: 'REFUSED_BY_LEDGER',
      flagged: true,
      detail: outcome.detail,
      settledAt: settledAt(),
    });
    throw new ProblemError(422, `The ledger refused the payment: ${outcome.detail}`, {
      code: outcome.refused,
      eventId: event.eventId,
    });
  }
  const payment: OrderPayment = {
    amount: event.amount,
    currency: event.currency,
    receivedAt: record.receivedAt,
    partnerId: partner.partnerId,
    eventId: event.eventId,
    movementKey: key,
  };
  const paid = await deps.markOrderPaid(order.orderId, payment, record, {
    at: record.receivedAt,
    type: 'PAYMENT_RECEIVED',
    actor: actor(record),
    detail: { eventId: event.eventId, amount: event.amount, currency: event.currency, movementKey: key },
  });
  if (outcome.replayed && !paid && order.payment?.eventId !== event.eventId) {
    // another event already paid this order: the money moved once, this one changes nothing
    const detail = `Order ${order.orderId} is already paid (event ${order.payment?.eventId ?? 'unknown'}); no money moved`;
    await deps.settleEvent(record, {
      status: 'PAYMENT_ALREADY_RECORDED',
      flagged: false,
      detail,
      settledAt: settledAt(),
    });
    return { status: 'DUPLICATE', eventId: event.eventId, detail };
  }
  await deps.settleEvent(record, { status: 'ACCEPTED', flagged: false, settledAt: settledAt() });
  await deps.notifyOrderWorkflow({ orderId: order.orderId, milestone: 'PAYMENT_RECEIVED', at: record.receivedAt });
  return { status: 'ACCEPTED', eventId: event.eventId };
}

/**
 * Whether the recorded payment movement is this event's own (a retry of it, or its processing resumed):
 * by the movement's `source`; for a movement recorded before sources were kept, by the order's payment.
 */
function isThisPayment(movement: LedgerMovement, order: Order, source: string, eventId: string): boolean {
  if (movement.source) return movement.source === source;
  return !order.payment || order.payment.eventId === eventId;
}

/**
 * A second payment of an order already paid (a buyer charged twice): its money is taken into escrow as an
 * OVERPAYMENT movement, apart from the order's money, in one transaction with an OVERPAYMENT_RECEIVED
 * timeline entry whose `order.overpaid` event has the money refunded to the buyer through the payout
 * provider (the `internal:overpayment-refunds` subscriber, `refundOverpayments`). The event is stored
 * flagged for staff. A replay of the same event records nothing more. Money under a freeze stays frozen
 * with the rest, and goes back only once a four-eyes decision lets the order settle.
 */
async function takeOverpayment(
  deps: WebhookDeps,
  input: {
    order: Order;
    event: PaymentWebhookEvent;
    record: WebhookEventRecord;
    partner: WebhookPartner;
    paidBy: LedgerMovement;
  },
): Promise<WebhookAnswer> {
  const { order, event, record, partner, paidBy } = input;
  const source = paymentSource(partner.partnerId, event.eventId);
  const key = overpaymentKey(order.orderId, source);
  const paidByEvent = paidBy.source?.split('/').slice(1).join('/') ?? order.payment?.eventId;
  const outcome = await deps.recordOverpayment(
    {
      orderId: order.orderId,
      partyId: order.buyerPartyId,
      amount: event.amount,
      currency: event.currency,
      idempotencyKey: key,
      reason: `payment.succeeded ${event.eventId} from ${partner.partnerId} for an order already paid`,
      source,
      at: record.receivedAt,
    },
    record,
    {
      at: record.receivedAt,
      type: 'OVERPAYMENT_RECEIVED',
      actor: actor(record),
      detail: {
        eventId: event.eventId,
        amount: event.amount,
        currency: event.currency,
        movementKey: key,
        orderStatus: order.status,
        ...(paidByEvent ? { paidByEventId: paidByEvent } : {}),
      },
    },
  );
  const settledAt = deps.now().toISOString();
  if (isRefusal(outcome)) {
    await deps.settleEvent(record, { status: 'REFUSED_BY_LEDGER', flagged: true, detail: outcome.detail, settledAt });
    throw new ProblemError(422, `The ledger refused the payment: ${outcome.detail}`, {
      code: outcome.refused,
      eventId: event.eventId,
    });
  }
  const detail =
    `Order ${order.orderId} was already paid${paidByEvent ? ` (event ${paidByEvent})` : ''}; this payment of ` +
    `${formatMinorUnits(event.amount, event.currency)} is an overpayment: it is held in escrow apart from the ` +
    "order's money and refunded to the buyer (if the order's money is frozen, once a four-eyes decision allows)";
  await deps.settleEvent(record, { status: 'OVERPAYMENT', flagged: true, detail, settledAt });
  return { status: 'OVERPAYMENT', eventId: event.eventId, detail };
}

const logisticsTimelineTypes = {
  SHIPPED: 'SHIPPED',
  DELIVERED: 'DELIVERED',
  EXCEPTION: 'SHIPMENT_EXCEPTION',
} as const satisfies Record<LogisticsWebhookEvent['type'], string>;

/**
 * `POST /webhooks/logistics`. Every event becomes a timeline entry with its `occurredAt`, in whatever
 * order it arrives, and is merged into `order.shipment` (the furthest state; DELIVERED implies shipped).
 * An event the logistics rules refuse (`assessLogisticsEvent`: an unpaid, settled or closed order, a date
 * out of bounds, another tracking number, more than 50 events) is kept and flagged, and changes nothing.
 * @throws ProblemError 401, 400, 404, 409 with the refusal's `code`
 */
export async function receiveLogisticsWebhook(deps: WebhookDeps, call: WebhookCall): Promise<WebhookAnswer> {
  const partner = await authenticateWebhook(deps, 'logistics', call);
  const event = parseBody(call.rawBody, logisticsWebhookEventSchema);
  const claimed = await claim(deps, newRecord(deps, partner, call, event));
  if ('answer' in claimed) return claimed.answer;
  const { record } = claimed;

  const now = deps.now();
  const shipment = await deps.updateShipment(
    event.orderId,
    (order) => assessLogisticsEvent(order, event, now) ?? mergeShipment(order.shipment, event),
    record,
    {
      at: record.receivedAt,
      type: logisticsTimelineTypes[event.type],
      actor: actor(record),
      detail: {
        eventId: event.eventId,
        occurredAt: event.occurredAt,
        trackingNumber: event.trackingNumber,
        carrier: event.carrier,
      },
    },
  );
  if (!shipment) return unknownOrder(deps, record);
  if ('refused' in shipment) {
    // kept and flagged for staff, with no change to the order
    await deps.settleEvent(record, {
      status: 'REFUSED',
      flagged: true,
      detail: shipment.detail,
      settledAt: deps.now().toISOString(),
    });
    throw new ProblemError(409, shipment.detail, { code: shipment.refused, eventId: event.eventId });
  }
  await deps.settleEvent(record, { status: 'ACCEPTED', flagged: false, settledAt: deps.now().toISOString() });
  if (event.type !== 'EXCEPTION') {
    await deps.notifyOrderWorkflow({ orderId: event.orderId, milestone: event.type, at: record.receivedAt });
  }
  return { status: 'ACCEPTED', eventId: event.eventId };
}
