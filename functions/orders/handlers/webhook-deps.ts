import { now, wallClockNow } from '../../commons/clock';
import type { HttpEvent } from '../../commons/http/http-handler';
import { recordOverpayment, recordPayment } from '../ledger/ledger-repository';
import { findOrder } from '../repositories/order-repository';
import { confirmOrderPayout } from '../repositories/payout-repository';
import {
  appendWebhookTimelineEntry,
  claimWebhookEvent,
  markOrderPaid,
  settleWebhookEvent,
  updateOrderInspections,
  updateOrderShipment,
  webhookTimelineKey,
} from '../repositories/webhook-repository';
import { resumeWaitingWorkflow } from '../../commons/resume-waiting-workflow';
import { sfnClient } from '../../commons/sfn-client';
import { type WebhookCall, type WebhookDeps } from '../usecases/receive-webhook';
import { awaitingPaymentGuard, orderTimelineEntryPut } from '../repositories/order-repository';
import { resumeOrderWorkflow } from '../workflow/await-order-milestone';
import { webhookHeaders } from '../webhooks/verify-webhook-signature';
import { cachePartnerLookup, findWebhookPartner } from '../webhooks/webhook-partners';
import { resolveOrderStore } from './order-store-deps';

// per container: partners are read at most once a minute
let partnerLookup: WebhookDeps['findPartner'] | undefined;

/** The webhook use cases' dependencies on DynamoDB, the real clock for signatures and the business clock. */
export function resolveWebhookDeps(): WebhookDeps {
  const store = resolveOrderStore();
  partnerLookup ??= cachePartnerLookup((partnerId) => findWebhookPartner(store, partnerId));
  return {
    findPartner: partnerLookup,
    wallClock: wallClockNow,
    now,
    claimEvent: (record) => claimWebhookEvent(store, record),
    settleEvent: (record, outcome) => settleWebhookEvent(store, record, outcome),
    findOrder: (orderId) => findOrder(store, orderId),
    recordPayment: (request) => recordPayment(store, request, awaitingPaymentGuard(request.orderId)),
    recordOverpayment: (request, record, entry) =>
      recordOverpayment(store, request, [
        orderTimelineEntryPut(store, request.orderId, webhookTimelineKey(request.orderId, record), entry),
      ]),
    markOrderPaid: (orderId, payment, record, entry) =>
      markOrderPaid(store, orderId, payment, webhookTimelineKey(orderId, record), entry),
    appendTimelineEntry: (orderId, record, entry) =>
      appendWebhookTimelineEntry(store, orderId, webhookTimelineKey(orderId, record), entry),
    updateShipment: (orderId, merge, record, entry) =>
      updateOrderShipment(store, orderId, merge, webhookTimelineKey(orderId, record), entry),
    updateInspections: (orderId, merge, record, entry) =>
      updateOrderInspections(store, orderId, merge, webhookTimelineKey(orderId, record), entry),
    confirmPayout: (orderId, idempotencyKey, confirmation) =>
      confirmOrderPayout(store, orderId, idempotencyKey, confirmation),
    notifyOrderWorkflow: async ({ orderId }) => {
      await resumeOrderWorkflow(
        { orders: store, now, resume: (token, output) => resumeWaitingWorkflow(sfnClient, token, output) },
        orderId,
      );
    },
  };
}

/**
 * The headers and the raw body of a webhook call. The signature covers the bytes as sent, so the body is
 * never parsed and re-serialised first; API Gateway base64-encodes bodies it does not treat as text.
 */
export function readWebhookCall(event: HttpEvent): WebhookCall {
  const header = (name: string) => event.headers?.[name.toLowerCase()];
  const body = event.body ?? '';
  return {
    partnerHeader: header(webhookHeaders.partner),
    signatureHeader: header(webhookHeaders.signature),
    rawBody: event.isBase64Encoded ? Buffer.from(body, 'base64') : body,
  };
}
