import { formatMinorUnits } from '../../commons/money';
import { ProblemError } from '../../commons/http/problem';
import type { PayoutConfirmationOutcome } from '../repositories/payout-repository';
import type { WebhookEventRecord, WebhookEventStatus } from '../repositories/webhook-repository';
import { payoutWebhookEventSchema, type PayoutWebhookEvent } from '../webhooks/webhook-events';
import {
  actor,
  authenticateWebhook,
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
  outcome: Exclude<
    PayoutConfirmationOutcome,
    { outcome: 'CONFIRMED' | 'ALREADY_CONFIRMED' | 'PAYOUT_NOT_YET_RECORDED' }
  >,
): { code: string; status: Exclude<WebhookEventStatus, 'RECEIVED'>; detail: string } {
  switch (outcome.outcome) {
    case 'INSTRUCTION_MISMATCH':
      return {
        code: 'PAYOUT_INSTRUCTION_MISMATCH',
        status: 'PAYOUT_CONFLICT',
        detail:
          `Payout ${event.idempotencyKey} of order ${event.orderId} was instructed for ` +
          `${formatMinorUnits(outcome.amount, outcome.currency)}, not ${formatMinorUnits(event.amount, event.currency)}; ` +
          'nothing changed',
      };
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
 * `POST /webhooks/payouts`: the payout provider's `payout.paid` / `payout.failed`, signed by a `payouts`
 * partner (no payments or logistics partner may confirm a payout). Deduplicated on eventId like every
 * webhook. The confirmation must match the instruction exactly: its order, idempotency key, amount and
 * currency, and the provider's payout id recorded from the provider's answer. Then the payout is
 * confirmed on its instruction and on the order in one transaction (`confirmOrderPayout`), with a
 * `PAYOUT_CONFIRMED` / `PAYOUT_FAILED` timeline entry, and the order's workflow is told (it waits until no
 * payout is PENDING). A confirmation of an already confirmed payout changes nothing and answers DUPLICATE.
 * @throws ProblemError 401, 400 (body), 404 UNKNOWN_ORDER, 409 UNKNOWN_PAYOUT / PAYOUT_ID_MISMATCH /
 *   PAYOUT_INSTRUCTION_MISMATCH / PAYOUT_ALREADY_CONFIRMED (the other status), the event stored and flagged
 *   in each case; 503 PAYOUT_NOT_YET_RECORDED (retry: the provider's answer is being recorded)
 */
export async function receivePayoutWebhook(deps: WebhookDeps, call: WebhookCall): Promise<WebhookAnswer> {
  const partner = await authenticateWebhook(deps, 'payouts', call);
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
    paid: { amount: event.amount, currency: event.currency },
    exact: true,
    actor: actor(record),
    ...(event.failureReason ? { failureReason: event.failureReason } : {}),
  });
  const settledAt = () => deps.now().toISOString();
  if (outcome.outcome === 'PAYOUT_NOT_YET_RECORDED') {
    // the event stays RECEIVED, so its retry is processed again rather than answered DUPLICATE
    throw new ProblemError(
      503,
      `The provider's answer for payout ${event.idempotencyKey} of order ${order.orderId} is not recorded yet; send the event again`,
      { code: 'PAYOUT_NOT_YET_RECORDED', eventId: event.eventId, retryable: true },
    );
  }
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
