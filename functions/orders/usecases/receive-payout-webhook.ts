import { ProblemError } from '../../commons/http/problem';
import type { PayoutConfirmationOutcome } from '../repositories/payout-repository';
import type { WebhookEventRecord, WebhookEventStatus } from '../repositories/webhook-repository';
import { payoutWebhookEventSchema, type PayoutWebhookEvent } from '../webhooks/webhook-events';
import type { WebhookPartner } from '../webhooks/webhook-partners';
import {
  actor,
  claim,
  newRecord,
  parseBody,
  unknownOrder,
  type WebhookAnswer,
  type WebhookCall,
  type WebhookDeps,
} from './webhook-intake';

/** Why a confirmation was refused: its 409 code and what is stored on the event. */
function refusal(
  event: PayoutWebhookEvent,
  outcome: Exclude<PayoutConfirmationOutcome, { outcome: 'CONFIRMED' | 'ALREADY_CONFIRMED' }>,
): { code: string; status: Exclude<WebhookEventStatus, 'RECEIVED'>; detail: string } {
  switch (outcome.outcome) {
    case 'UNKNOWN_PAYOUT':
      return {
        code: 'UNKNOWN_PAYOUT',
        status: 'UNKNOWN_PAYOUT',
        detail:
          `Order ${event.orderId} has no payout with idempotency key ${event.idempotencyKey}; ` +
          `event ${event.eventId} is stored for inspection`,
      };
    case 'PAYOUT_ID_MISMATCH':
      return {
        code: 'PAYOUT_ID_MISMATCH',
        status: 'PAYOUT_CONFLICT',
        detail:
          `Payout ${event.idempotencyKey} of order ${event.orderId} is the provider's payout ` +
          `${outcome.providerPayoutId}, not ${event.payoutId}; nothing changed`,
      };
    case 'CONFLICT':
      return {
        code: 'PAYOUT_ALREADY_CONFIRMED',
        status: 'PAYOUT_CONFLICT',
        detail:
          `Payout ${event.idempotencyKey} of order ${event.orderId} was already confirmed ${outcome.status}; ` +
          `${event.type} changes nothing`,
      };
  }
}

/**
 * A payout provider's `payout.paid` / `payout.failed` on `POST /webhooks/payments`, the partner already
 * authenticated by `receivePaymentWebhook`. Deduplicated on eventId like every webhook; then the payout is
 * confirmed on its instruction and on the order in one transaction (`confirmOrderPayout`), with a
 * `PAYOUT_CONFIRMED` / `PAYOUT_FAILED` timeline entry, and the order's workflow is told (it waits until no
 * payout is PENDING). A confirmation of an already confirmed payout changes nothing and answers DUPLICATE.
 * @throws ProblemError 400 (body), 404 UNKNOWN_ORDER, 409 UNKNOWN_PAYOUT / PAYOUT_ID_MISMATCH /
 *   PAYOUT_ALREADY_CONFIRMED (the other status); the event is stored, flagged, in each case
 */
export async function receivePayoutWebhook(
  deps: WebhookDeps,
  partner: WebhookPartner,
  call: WebhookCall,
): Promise<WebhookAnswer> {
  const event = parseBody(call.rawBody, payoutWebhookEventSchema);
  const claimed = await claim(deps, newRecord(deps, partner, call, event));
  if ('answer' in claimed) return claimed.answer;
  const record: WebhookEventRecord = claimed.record;

  const order = await deps.findOrder(event.orderId);
  if (!order) return unknownOrder(deps, record);
  if (!deps.confirmPayout) throw new Error('payout confirmations are not wired into these webhook dependencies');

  const outcome = await deps.confirmPayout(order.orderId, event.idempotencyKey, {
    status: event.type === 'payout.paid' ? 'PAID' : 'FAILED',
    at: record.receivedAt,
    eventId: event.eventId,
    providerPayoutId: event.payoutId,
    actor: actor(record),
    ...(event.failureReason ? { failureReason: event.failureReason } : {}),
  });
  const settledAt = () => deps.now().toISOString();
  if (outcome.outcome !== 'CONFIRMED' && outcome.outcome !== 'ALREADY_CONFIRMED') {
    const { code, status, detail } = refusal(event, outcome);
    await deps.settleEvent(record, { status, flagged: true, detail, settledAt: settledAt() });
    throw new ProblemError(409, detail, { code, eventId: event.eventId });
  }
  const notify = () =>
    deps.notifyOrderWorkflow({ orderId: order.orderId, milestone: 'PAYOUT_CONFIRMED', at: record.receivedAt });
  if (outcome.outcome === 'ALREADY_CONFIRMED') {
    const detail = `Payout ${event.idempotencyKey} of order ${order.orderId} is already ${outcome.status}; nothing changed`;
    await deps.settleEvent(record, {
      status: 'PAYOUT_ALREADY_RECORDED',
      flagged: false,
      detail,
      settledAt: settledAt(),
    });
    // told again: a first processing may have died between the confirmation and the notification
    await notify();
    return { status: 'DUPLICATE', eventId: event.eventId, detail };
  }
  await deps.settleEvent(record, { status: 'ACCEPTED', flagged: false, settledAt: settledAt() });
  await notify();
  return { status: 'ACCEPTED', eventId: event.eventId };
}
