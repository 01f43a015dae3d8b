import * as z from 'zod';
import { parseJsonText } from '../../commons/http/parse-request';
import { notFound, ProblemError, unauthorized } from '../../commons/http/problem';
import { isRefusal, movementKey, type MovementOutcome } from '../ledger/ledger-model';
import type { MovementRequest } from '../ledger/ledger-repository';
import type { Order, OrderPayment, OrderShipment, OrderTimelineEvent } from '../models/order';
import { mergeShipment } from '../models/shipment';
import type { WebhookEventRecord, WebhookEventStatus } from '../repositories/webhook-repository';
import type { RawWebhookBody } from '../webhooks/sign-webhook';
import { verifyWebhookSignature, type WebhookRefusalReason } from '../webhooks/verify-webhook-signature';
import {
  isPayoutWebhookType,
  logisticsWebhookEventSchema,
  paymentWebhookEventSchema,
  type LogisticsWebhookEvent,
  type PaymentWebhookEvent,
  type PayoutWebhookEvent,
} from '../webhooks/webhook-events';
import type { PayoutConfirmation, PayoutConfirmationOutcome } from '../repositories/payout-repository';
import { receivePayoutWebhook } from './receive-payout-webhook';
import type { WebhookKind, WebhookPartner } from '../webhooks/webhook-partners';

/** A milestone the assured-order workflow waits for. */
export interface OrderWorkflowNotification {
  orderId: string;
  milestone: 'PAYMENT_RECEIVED' | 'SHIPPED' | 'DELIVERED' | 'PAYOUT_CONFIRMED';
  at: string;
}

/**
 * Tells the order's workflow that a fact was recorded; it resumes if it waits for that milestone (what it
 * needs is on the order item: `payment`, `shipment`). See `resumeOrderWorkflow`.
 */
export type NotifyOrderWorkflow = (notification: OrderWorkflowNotification) => Promise<void>;

/** What the webhook use cases need; the handlers wire DynamoDB, tests wire fakes. */
export interface WebhookDeps {
  findPartner(partnerId: string): Promise<WebhookPartner | undefined>;
  /** Real time, for the signature window: partners sign with real time even when the business clock moved. */
  wallClock(): Date;
  /** Business time, for what is recorded. */
  now(): Date;
  claimEvent(record: WebhookEventRecord): Promise<{ claimed: true } | { claimed: false; existing: WebhookEventRecord }>;
  settleEvent(
    record: WebhookEventRecord,
    outcome: { status: Exclude<WebhookEventStatus, 'RECEIVED'>; flagged: boolean; detail?: string; settledAt: string },
  ): Promise<void>;
  findOrder(orderId: string): Promise<Order | undefined>;
  recordPayment(request: MovementRequest): Promise<MovementOutcome>;
  /** False when the order already carries a payment. */
  markOrderPaid(
    orderId: string,
    payment: OrderPayment,
    record: WebhookEventRecord,
    entry: OrderTimelineEvent,
  ): Promise<boolean>;
  appendTimelineEntry(orderId: string, record: WebhookEventRecord, entry: OrderTimelineEvent): Promise<void>;
  /** Undefined when there is no such order. */
  updateShipment(
    orderId: string,
    merge: (current: OrderShipment | undefined) => OrderShipment,
    record: WebhookEventRecord,
    entry: OrderTimelineEvent,
  ): Promise<OrderShipment | undefined>;
  notifyOrderWorkflow: NotifyOrderWorkflow;
  /**
   * Confirms a payout PAID or FAILED on its instruction and on the order (`confirmOrderPayout`). Optional so
   * that deps without payouts still type-check; a payout event then fails loudly (500).
   */
  confirmPayout?(
    orderId: string,
    idempotencyKey: string,
    confirmation: PayoutConfirmation,
  ): Promise<PayoutConfirmationOutcome>;
}

/** The call as received: headers and the body exactly as sent. */
export interface WebhookCall {
  partnerHeader: string | undefined;
  signatureHeader: string | undefined;
  rawBody: RawWebhookBody;
}

/** The 200 answers; every other outcome is a problem. */
export type WebhookAnswer = { status: 'ACCEPTED' | 'DUPLICATE'; eventId: string; detail?: string };

/** Why a call was refused with 401: a signature reason, or a partner calling the other kind's route. */
export type WebhookAuthRefusal = WebhookRefusalReason | 'WRONG_ROUTE_FOR_PARTNER';

function refuse(reason: WebhookAuthRefusal, detail: string): ProblemError {
  const problem = unauthorized(detail);
  return new ProblemError(problem.status, problem.detail, { reason });
}

/**
 * Verifies the signature against the partner's secrets and real time, then checks the partner may call
 * this route. Nothing is written on any failure.
 * @throws ProblemError 401 with `reason`
 */
export async function authenticateWebhook(
  deps: Pick<WebhookDeps, 'findPartner' | 'wallClock'>,
  kind: WebhookKind,
  call: WebhookCall,
): Promise<WebhookPartner> {
  const partnerId = call.partnerHeader?.trim() ?? '';
  const partner = partnerId ? await deps.findPartner(partnerId) : undefined;
  const verification = verifyWebhookSignature({
    partnerHeader: call.partnerHeader,
    signatureHeader: call.signatureHeader,
    rawBody: call.rawBody,
    now: deps.wallClock(),
    secretsOf: (id) => (partner && partner.partnerId === id ? partner.secrets : undefined),
  });
  if (!verification.ok) throw refuse(verification.reason, verification.detail);
  // checked after the signature, so an unsigned call learns nothing about which partners exist
  if (!partner || partner.kind !== kind) {
    throw refuse(
      'WRONG_ROUTE_FOR_PARTNER',
      `partner ${JSON.stringify(partnerId)} is registered for ${partner?.kind ?? 'no'} webhooks; it may not post to /webhooks/${kind}`,
    );
  }
  return partner;
}

/** Parses the verified body; 400 naming the fields. */
export function parseBody<Schema extends z.ZodType>(rawBody: RawWebhookBody, schema: Schema): z.output<Schema> {
  const text = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
  return parseJsonText(text, schema);
}

/** The body as JSON, or undefined when it is not JSON (the schema's parse then says so). */
function peekJson(rawBody: RawWebhookBody): unknown {
  try {
    return JSON.parse(typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Claims the event. A duplicate of a settled event is answered DUPLICATE; a duplicate of an event whose
 * processing never finished (status RECEIVED: a crash, or a concurrent delivery) is processed again,
 * which is safe because every write it makes is idempotent.
 */
export async function claim(
  deps: WebhookDeps,
  record: WebhookEventRecord,
): Promise<{ record: WebhookEventRecord } | { answer: WebhookAnswer }> {
  const claimed = await deps.claimEvent(record);
  if (claimed.claimed) return { record };
  if (claimed.existing.status !== 'RECEIVED') {
    return {
      answer: {
        status: 'DUPLICATE',
        eventId: record.eventId,
        detail: `event ${record.eventId} was already received (${claimed.existing.status}); nothing changed`,
      },
    };
  }
  return { record: claimed.existing };
}

export function newRecord(
  deps: WebhookDeps,
  partner: WebhookPartner,
  call: WebhookCall,
  event: PaymentWebhookEvent | LogisticsWebhookEvent | PayoutWebhookEvent,
): WebhookEventRecord {
  const signedAt = call.signatureHeader?.match(/(?:^|,)\s*t=\s*(\d+)/)?.[1];
  return {
    partnerId: partner.partnerId,
    kind: partner.kind,
    eventId: event.eventId,
    orderId: event.orderId,
    event: { ...event },
    signedAt: new Date(Number(signedAt ?? 0) * 1000).toISOString(),
    receivedAt: deps.now().toISOString(),
    status: 'RECEIVED',
  };
}

export async function unknownOrder(deps: WebhookDeps, record: WebhookEventRecord): Promise<never> {
  const detail = `There is no order ${record.orderId}; event ${record.eventId} is stored for inspection`;
  await deps.settleEvent(record, {
    status: 'UNKNOWN_ORDER',
    flagged: true,
    detail,
    settledAt: deps.now().toISOString(),
  });
  throw new ProblemError(404, detail, { code: 'UNKNOWN_ORDER', eventId: record.eventId });
}

export function actor(record: WebhookEventRecord): OrderTimelineEvent['actor'] {
  return { type: 'SYSTEM', id: `webhook:${record.partnerId}` };
}

/**
 * `POST /webhooks/payments`. The buyer owes the order's `totalAmount` in its `currency` (the whole order
 * goes into escrow; the coverage only bounds refunds), so a payment of anything else is refused with 422,
 * stored as AMOUNT_MISMATCH and put on the order's timeline. An accepted payment is one ledger movement
 * buyer → escrow under `movementKey(orderId, 'payment')`, so a replay under a new eventId moves no money.
 * The movement is conditional on the order awaiting payment, in the same transaction: a payment for an
 * order that was cancelled (payment window over, compliance) gets 409 ORDER_NOT_PAYABLE and moves nothing.
 * The payout provider's confirmations (`payout.paid` / `payout.failed`) come to the same route and go to
 * `receivePayoutWebhook` once the signature is verified.
 * @throws ProblemError 401, 400, 404, 409, 422
 */
export async function receivePaymentWebhook(deps: WebhookDeps, call: WebhookCall): Promise<WebhookAnswer> {
  const partner = await authenticateWebhook(deps, 'payments', call);
  // the payout provider posts its confirmations to the payments route too; `type` tells them apart
  if (isPayoutWebhookType(peekJson(call.rawBody))) return receivePayoutWebhook(deps, partner, call);
  const event = parseBody(call.rawBody, paymentWebhookEventSchema);
  const claimed = await claim(deps, newRecord(deps, partner, call, event));
  if ('answer' in claimed) return claimed.answer;
  const { record } = claimed;

  const order = await deps.findOrder(event.orderId);
  if (!order) return unknownOrder(deps, record);

  const settledAt = () => deps.now().toISOString();
  if (event.amount !== order.totalAmount || event.currency !== order.currency) {
    const detail =
      `Order ${order.orderId} is owed ${order.totalAmount} ${order.currency} (its total); ` +
      `the payment is ${event.amount} ${event.currency}`;
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
  const outcome = await deps.recordPayment({
    orderId: order.orderId,
    partyId: order.buyerPartyId,
    amount: event.amount,
    currency: event.currency,
    idempotencyKey: key,
    reason: `payment.succeeded ${event.eventId} from ${partner.partnerId}`,
    at: record.receivedAt,
  });
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

const logisticsTimelineTypes = {
  SHIPPED: 'SHIPPED',
  DELIVERED: 'DELIVERED',
  EXCEPTION: 'SHIPMENT_EXCEPTION',
} as const satisfies Record<LogisticsWebhookEvent['type'], string>;

/**
 * `POST /webhooks/logistics`. Every event becomes a timeline entry with its `occurredAt`, in whatever
 * order it arrives, and is merged into `order.shipment` (the furthest state; DELIVERED implies shipped).
 * @throws ProblemError 401, 400, 404
 */
export async function receiveLogisticsWebhook(deps: WebhookDeps, call: WebhookCall): Promise<WebhookAnswer> {
  const partner = await authenticateWebhook(deps, 'logistics', call);
  const event = parseBody(call.rawBody, logisticsWebhookEventSchema);
  const claimed = await claim(deps, newRecord(deps, partner, call, event));
  if ('answer' in claimed) return claimed.answer;
  const { record } = claimed;

  const shipment = await deps.updateShipment(event.orderId, (current) => mergeShipment(current, event), record, {
    at: record.receivedAt,
    type: logisticsTimelineTypes[event.type],
    actor: actor(record),
    detail: {
      eventId: event.eventId,
      occurredAt: event.occurredAt,
      trackingNumber: event.trackingNumber,
      carrier: event.carrier,
    },
  });
  if (!shipment) return unknownOrder(deps, record);
  await deps.settleEvent(record, { status: 'ACCEPTED', flagged: false, settledAt: deps.now().toISOString() });
  if (event.type !== 'EXCEPTION') {
    await deps.notifyOrderWorkflow({ orderId: event.orderId, milestone: event.type, at: record.receivedAt });
  }
  return { status: 'ACCEPTED', eventId: event.eventId };
}
