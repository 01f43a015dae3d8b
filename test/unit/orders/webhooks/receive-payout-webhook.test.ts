import type { Order } from '../../../../functions/orders/models/order';
import type { PayoutConfirmation } from '../../../../functions/orders/repositories/payout-repository';
import type { WebhookEventRecord } from '../../../../functions/orders/repositories/webhook-repository';
import { receivePayoutWebhook } from '../../../../functions/orders/usecases/receive-payout-webhook';
import {
  receivePaymentWebhook,
  type OrderWorkflowNotification,
  type WebhookCall,
  type WebhookDeps,
} from '../../../../functions/orders/usecases/receive-webhook';
import { signWebhook } from '../../../../functions/orders/webhooks/sign-webhook';
import type { WebhookPartner } from '../../../../functions/orders/webhooks/webhook-partners';
import { buildOrder } from '../../../support/orders/order-fixture';
import { problemOf } from '../../../support/problem-of';

const realNow = new Date('2026-06-01T12:00:00Z');
const businessNow = new Date('2026-08-01T09:00:00Z');
const partners: WebhookPartner[] = [
  { partnerId: 'pay-1', kind: 'payments', secrets: ['whsec_pay'] },
  { partnerId: 'ship-1', kind: 'logistics', secrets: ['whsec_ship'] },
  { partnerId: 'payouts-1', kind: 'payouts', secrets: ['whsec_payouts'] },
];
const key = 'order_1:release:settlement';

/** The order whose payouts are being confirmed: settling. */
function anOrder(): Order {
  return buildOrder({ orderId: 'order_1', status: 'SETTLING' });
}

/**
 * In-memory deps. The payout confirmation follows confirmOrderPayout's rules: unknown key, payout id
 * mismatch, first status wins, a repeat changes nothing.
 */
function fakeDeps() {
  const orders = new Map<string, Order>([['order_1', anOrder()]]);
  const events = new Map<string, WebhookEventRecord>();
  const instructions = new Map<string, { status: string; providerPayoutId?: string; amount: number; currency: string }>(
    [[key, { status: 'PENDING', providerPayoutId: 'po_1', amount: 50_000, currency: 'USD' }]],
  );
  const confirmations: { orderId: string; idempotencyKey: string; confirmation: PayoutConfirmation }[] = [];
  const notifications: OrderWorkflowNotification[] = [];
  const deps: WebhookDeps = {
    findPartner: async (id) => partners.find((partner) => partner.partnerId === id),
    wallClock: () => realNow,
    now: () => businessNow,
    claimEvent: async (record) => {
      const existing = events.get(`${record.partnerId}#${record.eventId}`);
      if (existing) return { claimed: false, existing };
      events.set(`${record.partnerId}#${record.eventId}`, { ...record });
      return { claimed: true };
    },
    settleEvent: async (record, outcome) => {
      const eventKey = `${record.partnerId}#${record.eventId}`;
      events.set(eventKey, { ...events.get(eventKey)!, ...outcome });
    },
    findOrder: async (orderId) => orders.get(orderId),
    recordPayment: async () => {
      throw new Error('a payout event must not record a payment');
    },
    recordOverpayment: async () => {
      throw new Error('a payout event must not record an overpayment');
    },
    markOrderPaid: async () => false,
    appendTimelineEntry: async () => undefined,
    updateShipment: async () => undefined,
    notifyOrderWorkflow: async (notification) => {
      notifications.push(notification);
    },
    confirmPayout: async (orderId, idempotencyKey, confirmation) => {
      const instruction = instructions.get(idempotencyKey);
      if (!instruction) return { outcome: 'UNKNOWN_PAYOUT' };
      const { amount, currency } = instruction;
      if (confirmation.paid && (confirmation.paid.amount !== amount || confirmation.paid.currency !== currency)) {
        return { outcome: 'INSTRUCTION_MISMATCH', amount, currency };
      }
      if (!instruction.providerPayoutId) return { outcome: 'PAYOUT_NOT_YET_RECORDED' };
      if (confirmation.providerPayoutId && confirmation.providerPayoutId !== instruction.providerPayoutId) {
        return { outcome: 'PAYOUT_ID_MISMATCH', providerPayoutId: instruction.providerPayoutId };
      }
      if (instruction.status === 'PAID' || instruction.status === 'FAILED') {
        return instruction.status === confirmation.status
          ? { outcome: 'ALREADY_CONFIRMED', status: confirmation.status }
          : { outcome: 'CONFLICT', status: instruction.status };
      }
      instruction.status = confirmation.status;
      confirmations.push({ orderId, idempotencyKey, confirmation });
      return { outcome: 'CONFIRMED', status: confirmation.status, onOrder: true };
    },
  };
  return { deps, events, instructions, confirmations, notifications };
}

function signed(body: unknown, partnerId = 'payouts-1', secret = 'whsec_payouts'): WebhookCall {
  const rawBody = JSON.stringify(body);
  return { partnerHeader: partnerId, signatureHeader: signWebhook({ secret, rawBody, timestamp: realNow }), rawBody };
}

const payoutEvent = (change: Record<string, unknown> = {}) => ({
  eventId: 'evt_po_1_paid',
  type: 'payout.paid',
  orderId: 'order_1',
  payoutId: 'po_1',
  idempotencyKey: key,
  amount: 50_000,
  currency: 'USD',
  occurredAt: '2026-06-01T11:59:00Z',
  ...change,
});

describe('receivePayoutWebhook', () => {
  it('confirms a paid payout on the order, stores the event and tells the workflow', async () => {
    // Prepare
    const fake = fakeDeps();

    // Act
    const answer = await receivePayoutWebhook(fake.deps, signed(payoutEvent()));

    // Assess
    expect(answer).toEqual({ status: 'ACCEPTED', eventId: 'evt_po_1_paid' });
    expect(fake.confirmations).toEqual([
      {
        orderId: 'order_1',
        idempotencyKey: key,
        confirmation: {
          status: 'PAID',
          at: businessNow.toISOString(),
          eventId: 'evt_po_1_paid',
          providerPayoutId: 'po_1',
          paid: { amount: 50_000, currency: 'USD' },
          exact: true,
          actor: { type: 'SYSTEM', id: 'webhook:payouts-1' },
        },
      },
    ]);
    expect(fake.events.get('payouts-1#evt_po_1_paid')).toMatchObject({ status: 'ACCEPTED', flagged: false });
    expect(fake.notifications).toEqual([
      { orderId: 'order_1', milestone: 'PAYOUT_CONFIRMED', at: businessNow.toISOString() },
    ]);
  });

  it('records a failed payout with its reason', async () => {
    // Prepare
    const fake = fakeDeps();
    const body = payoutEvent({ eventId: 'evt_f', type: 'payout.failed', failureReason: 'account closed' });

    // Act
    await receivePayoutWebhook(fake.deps, signed(body));

    // Assess
    expect(fake.confirmations[0]?.confirmation).toMatchObject({ status: 'FAILED', failureReason: 'account closed' });
    expect(fake.instructions.get(key)?.status).toBe('FAILED');
  });

  it('answers DUPLICATE for the same event again, confirming nothing twice', async () => {
    // Prepare
    const fake = fakeDeps();
    await receivePayoutWebhook(fake.deps, signed(payoutEvent()));

    // Act
    const answer = await receivePayoutWebhook(fake.deps, signed(payoutEvent()));

    // Assess
    expect(answer).toMatchObject({ status: 'DUPLICATE', eventId: 'evt_po_1_paid' });
    expect(fake.confirmations).toHaveLength(1);
  });

  it('answers DUPLICATE for another event confirming an already paid payout, and tells the workflow again', async () => {
    // Prepare
    const fake = fakeDeps();
    await receivePayoutWebhook(fake.deps, signed(payoutEvent()));

    // Act
    const answer = await receivePayoutWebhook(fake.deps, signed(payoutEvent({ eventId: 'evt_resent' })));

    // Assess
    expect(answer).toMatchObject({ status: 'DUPLICATE', detail: expect.stringContaining('already PAID') });
    expect(fake.confirmations).toHaveLength(1);
    expect(fake.events.get('payouts-1#evt_resent')).toMatchObject({
      status: 'PAYOUT_ALREADY_RECORDED',
      flagged: false,
    });
    expect(fake.notifications).toHaveLength(2);
  });

  it('answers 404 UNKNOWN_ORDER for an order that does not exist, keeping the event flagged', async () => {
    // Prepare
    const fake = fakeDeps();

    // Act
    const problem = await problemOf(receivePayoutWebhook(fake.deps, signed(payoutEvent({ orderId: 'order_x' }))));

    // Assess
    expect(problem.status).toBe(404);
    expect(problem.extensions).toMatchObject({ code: 'UNKNOWN_ORDER' });
    expect(fake.events.get('payouts-1#evt_po_1_paid')).toMatchObject({ status: 'UNKNOWN_ORDER', flagged: true });
    expect(fake.notifications).toEqual([]);
  });

  it.each([
    ['an unknown idempotency key', { idempotencyKey: 'order_1:refund:other' }, 'UNKNOWN_PAYOUT', 'UNKNOWN_PAYOUT'],
    ['another payout id', { payoutId: 'po_other' }, 'PAYOUT_ID_MISMATCH', 'PAYOUT_CONFLICT'],
    ['another amount', { amount: 50_001 }, 'PAYOUT_INSTRUCTION_MISMATCH', 'PAYOUT_CONFLICT'],
    ['another currency', { currency: 'EUR' }, 'PAYOUT_INSTRUCTION_MISMATCH', 'PAYOUT_CONFLICT'],
  ])('answers 409 for %s, keeping the event flagged', async (_case, change, code, stored) => {
    // Prepare
    const fake = fakeDeps();

    // Act
    const problem = await problemOf(receivePayoutWebhook(fake.deps, signed(payoutEvent(change))));

    // Assess
    expect(problem.status).toBe(409);
    expect(problem.extensions).toMatchObject({ code, eventId: 'evt_po_1_paid' });
    expect(fake.events.get('payouts-1#evt_po_1_paid')).toMatchObject({ status: stored, flagged: true });
    expect(fake.confirmations).toEqual([]);
    expect(fake.notifications).toEqual([]);
  });

  it('answers 409 PAYOUT_ALREADY_CONFIRMED when a failed payout is later reported paid', async () => {
    // Prepare
    const fake = fakeDeps();
    await receivePayoutWebhook(
      fake.deps,
      signed(payoutEvent({ eventId: 'evt_f', type: 'payout.failed', failureReason: 'closed' })),
    );

    // Act
    const problem = await problemOf(receivePayoutWebhook(fake.deps, signed(payoutEvent())));

    // Assess
    expect(problem.status).toBe(409);
    expect(problem.extensions).toMatchObject({ code: 'PAYOUT_ALREADY_CONFIRMED' });
    expect(fake.instructions.get(key)?.status).toBe('FAILED');
  });

  it('answers 400 naming the field for an invalid payout body, storing nothing', async () => {
    // Prepare
    const fake = fakeDeps();

    // Act
    const problem = await problemOf(receivePayoutWebhook(fake.deps, signed(payoutEvent({ payoutId: undefined }))));

    // Assess
    expect(problem.status).toBe(400);
    expect(problem.detail).toContain('payoutId: is required');
    expect(fake.events.size).toBe(0);
  });

  it.each([
    ['payments', 'pay-1', 'whsec_pay'],
    ['logistics', 'ship-1', 'whsec_ship'],
  ])('refuses a payout event from a %s partner with 401, before reading the body', async (_kind, partner, secret) => {
    // Prepare
    const fake = fakeDeps();

    // Act
    const problem = await problemOf(receivePayoutWebhook(fake.deps, signed(payoutEvent(), partner, secret)));

    // Assess
    expect(problem.status).toBe(401);
    expect(problem.extensions).toMatchObject({ reason: 'WRONG_ROUTE_FOR_PARTNER' });
    expect(fake.events.size).toBe(0);
    expect(fake.confirmations).toEqual([]);
  });

  it('refuses payout events on the payments route with 403: a payment partner cannot confirm payouts', async () => {
    // Prepare
    const fake = fakeDeps();

    // Act
    const problem = await problemOf(receivePaymentWebhook(fake.deps, signed(payoutEvent(), 'pay-1', 'whsec_pay')));

    // Assess
    expect(problem.status).toBe(403);
    expect(problem.extensions).toMatchObject({ code: 'PAYOUT_CONFIRMATION_NOT_ALLOWED' });
    expect(problem.detail).toContain('POST /webhooks/payouts');
    expect(fake.events.size).toBe(0);
    expect(fake.confirmations).toEqual([]);
  });

  it("answers 503, retryable, while the provider's answer is not recorded, and takes the event when sent again", async () => {
    // Prepare
    const fake = fakeDeps();
    fake.instructions.get(key)!.providerPayoutId = undefined;

    // Act
    const early = await problemOf(receivePayoutWebhook(fake.deps, signed(payoutEvent())));
    fake.instructions.get(key)!.providerPayoutId = 'po_1';
    const again = await receivePayoutWebhook(fake.deps, signed(payoutEvent()));

    // Assess
    expect(early.status).toBe(503);
    expect(early.extensions).toMatchObject({ code: 'PAYOUT_NOT_YET_RECORDED', retryable: true });
    expect(again).toEqual({ status: 'ACCEPTED', eventId: 'evt_po_1_paid' });
    expect(fake.confirmations).toHaveLength(1);
  });
});
