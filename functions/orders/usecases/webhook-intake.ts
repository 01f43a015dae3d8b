/*
 * What every partner webhook goes through before its own handling: authentication, parsing, claiming the
 * event id, and the records and answers they share (payments, logistics, payouts).
 */
import * as z from 'zod';
import { parseJsonText } from '../../commons/http/parse-request';
import { ProblemError, unauthorized } from '../../commons/http/problem';
import type { MovementOutcome } from '../ledger/ledger-model';
import type { MovementRequest } from '../ledger/ledger-repository';
import type { Order, OrderPayment, OrderShipment, OrderTimelineEvent } from '../models/order';
import type { InspectionRefusal, OrderInspection } from '../models/inspection';
import type { ShipmentRefusal } from '../models/shipment';
import type { WebhookEventRecord, WebhookEventStatus } from '../repositories/webhook-repository';
import type { RawWebhookBody } from '../webhooks/sign-webhook';
import { verifyWebhookSignature, type WebhookRefusalReason } from '../webhooks/verify-webhook-signature';
import type {
  InspectionWebhookEvent,
  LogisticsWebhookEvent,
  PaymentWebhookEvent,
  PayoutWebhookEvent,
} from '../webhooks/webhook-events';
import type { PayoutConfirmation, PayoutConfirmationOutcome } from '../repositories/payout-repository';
import type { WebhookKind, WebhookPartner } from '../webhooks/webhook-partners';

/** A milestone the assured-order workflow waits for. */
export interface OrderWorkflowNotification {
  orderId: string;
  milestone: 'PAYMENT_RECEIVED' | 'SHIPPED' | 'DELIVERED' | 'PAYOUT_CONFIRMED' | 'INSPECTED';
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
  /**
   * Takes a payment beyond what the order owes into escrow (`recordOverpayment`), with `entry` on the
   * order's timeline under the event's key, in one transaction.
   */
  recordOverpayment(
    request: MovementRequest,
    record: WebhookEventRecord,
    entry: OrderTimelineEvent,
  ): Promise<MovementOutcome>;
  /** False when the order already carries a payment. */
  markOrderPaid(
    orderId: string,
    payment: OrderPayment,
    record: WebhookEventRecord,
    entry: OrderTimelineEvent,
  ): Promise<boolean>;
  appendTimelineEntry(orderId: string, record: WebhookEventRecord, entry: OrderTimelineEvent): Promise<void>;
  /** Undefined when there is no such order; the refusal, with nothing written, when `merge` refuses. */
  updateShipment(
    orderId: string,
    merge: (order: Order) => OrderShipment | ShipmentRefusal,
    record: WebhookEventRecord,
    entry: OrderTimelineEvent,
  ): Promise<OrderShipment | ShipmentRefusal | undefined>;
  /** Undefined when there is no such order; the refusal, with nothing written, when `merge` refuses. */
  updateInspections?(
    orderId: string,
    merge: (order: Order) => OrderInspection[] | InspectionRefusal,
    record: WebhookEventRecord,
    entry: OrderTimelineEvent,
  ): Promise<OrderInspection[] | InspectionRefusal | undefined>;
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
export type WebhookAnswer = { status: 'ACCEPTED' | 'DUPLICATE' | 'OVERPAYMENT'; eventId: string; detail?: string };

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
export function peekJson(rawBody: RawWebhookBody): unknown {
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
  event: PaymentWebhookEvent | LogisticsWebhookEvent | PayoutWebhookEvent | InspectionWebhookEvent,
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
