import { ProblemError } from '../../../../functions/commons/http/problem';
import { applyMovement, buildMovement, type LedgerMovement } from '../../../../functions/orders/ledger/ledger-model';
import type { Order, OrderTimelineEvent } from '../../../../functions/orders/models/order';
import type { WebhookEventRecord } from '../../../../functions/orders/repositories/webhook-repository';
import {
  receiveLogisticsWebhook,
  receivePaymentWebhook,
  type OrderWorkflowNotification,
  type WebhookCall,
  type WebhookDeps,
} from '../../../../functions/orders/usecases/receive-webhook';
import { signWebhook } from '../../../../functions/orders/webhooks/sign-webhook';
import type { WebhookPartner } from '../../../../functions/orders/webhooks/webhook-partners';
import { buildOrder } from '../../../support/orders/order-fixture';

const realNow = new Date('2026-06-01T12:00:00Z');
// the business clock runs 40 days ahead, as on a local stack after clock jumps
const businessNow = new Date(realNow.getTime() + 40 * 86_400_000);
const partners: WebhookPartner[] = [
  { partnerId: 'pay-1', kind: 'payments', secrets: ['whsec_pay'] },
  { partnerId: 'ship-1', kind: 'logistics', secrets: ['whsec_old', 'whsec_ship'] },
];

/** An order of 50,000 USD of which the 10,000 deposit is covered, waiting for the buyer's payment. */
function anOrder(orderId = 'order_1'): Order {
  return buildOrder({
    orderId,
    buyerPartyId: 'party_buyer',
    currency: 'USD',
    totalAmount: 50_000,
    coverage: 'DEPOSIT',
    depositAmount: 10_000,
    coveredAmount: 10_000,
    status: 'AWAITING_PAYMENT',
    reservation: { amount: 10_000, reservedAt: '2026-06-01T00:00:00.000Z' },
  });
}

/** The order paid on 1 May 2026, awaiting shipment: logistics events count from then. */
function aPaidOrder(): Order {
  return {
    ...anOrder(),
    status: 'AWAITING_SHIPMENT',
    createdAt: '2026-05-01T00:00:00.000Z',
    payment: {
      amount: 50_000,
      currency: 'USD',
      receivedAt: '2026-05-01T01:00:00.000Z',
      partnerId: 'pay-1',
      eventId: 'evt_pay',
      movementKey: 'order_1#payment',
    },
  };
}

/** An in-memory stand-in for the table, with the same idempotency rules as the DynamoDB adapter. */
function fakeDeps() {
  const orders = new Map<string, Order>([['order_1', anOrder()]]);
  const events = new Map<string, WebhookEventRecord>();
  const movements = new Map<string, LedgerMovement>();
  const timeline = new Map<string, (OrderTimelineEvent & { orderId: string })[]>();
  const entryKeys = new Set<string>();
  const notifications: OrderWorkflowNotification[] = [];
  let balance: ReturnType<typeof applyMovement> | undefined;
  const append = (orderId: string, record: WebhookEventRecord, entry: OrderTimelineEvent) => {
    const key = `${orderId}#${record.receivedAt}#${record.partnerId}#${record.eventId}`;
    if (entryKeys.has(key)) return false;
    entryKeys.add(key);
    timeline.set(orderId, [...(timeline.get(orderId) ?? []), { ...entry, orderId }]);
    return true;
  };
  const deps: WebhookDeps = {
    findPartner: async (id) => partners.find((partner) => partner.partnerId === id),
    wallClock: () => realNow,
    now: () => businessNow,
    claimEvent: async (record) => {
      const key = `${record.partnerId}#${record.eventId}`;
      const existing = events.get(key);
      if (existing) return { claimed: false, existing };
      events.set(key, { ...record });
      return { claimed: true };
    },
    settleEvent: async (record, outcome) => {
      const key = `${record.partnerId}#${record.eventId}`;
      events.set(key, { ...events.get(key)!, ...outcome });
    },
    findOrder: async (orderId) => orders.get(orderId),
    recordPayment: async (request) => {
      const first = movements.get(request.idempotencyKey);
      if (first) return { movement: first, replayed: true };
      const { movement } = buildMovement({ ...request, kind: 'PAYMENT' });
      movements.set(request.idempotencyKey, movement);
      balance = applyMovement(balance, movement);
      return { movement, replayed: false };
    },
    recordOverpayment: async (request, record, entry) => {
      const first = movements.get(request.idempotencyKey);
      if (first) return { movement: first, replayed: true };
      const { movement } = buildMovement({ ...request, kind: 'OVERPAYMENT' });
      movements.set(request.idempotencyKey, movement);
      balance = applyMovement(balance, movement);
      append(request.orderId, record, entry);
      return { movement, replayed: false };
    },
    markOrderPaid: async (orderId, payment, record, entry) => {
      const order = orders.get(orderId);
      if (!order || order.payment) return false;
      append(orderId, record, entry);
      orders.set(orderId, { ...order, payment });
      return true;
    },
    appendTimelineEntry: async (orderId, record, entry) => {
      append(orderId, record, entry);
    },
    updateShipment: async (orderId, merge, record, entry) => {
      const order = orders.get(orderId);
      if (!order) return undefined;
      const shipment = merge(order);
      // as the repository: a refusal writes nothing
      if ('refused' in shipment) return shipment;
      if (!append(orderId, record, entry)) return order.shipment;
      orders.set(orderId, { ...order, shipment });
      return shipment;
    },
    notifyOrderWorkflow: async (notification) => {
      notifications.push(notification);
    },
  };
  return { deps, orders, events, movements, timeline, notifications, balance: () => balance };
}

function signed(body: unknown, partnerId: string, secret: string, timestamp = realNow): WebhookCall {
  const rawBody = typeof body === 'string' ? body : JSON.stringify(body);
  return { partnerHeader: partnerId, signatureHeader: signWebhook({ secret, rawBody, timestamp }), rawBody };
}

const payment = (change: Record<string, unknown> = {}) =>
  signed(
    { eventId: 'evt_p1', type: 'payment.succeeded', orderId: 'order_1', amount: 50_000, currency: 'USD', ...change },
    'pay-1',
    'whsec_pay',
  );

const logistics = (type: string, eventId: string, occurredAt: string) =>
  signed(
    { eventId, type, orderId: 'order_1', trackingNumber: '1Z999', carrier: 'UPS', occurredAt },
    'ship-1',
    'whsec_ship',
  );

async function problemOf(promise: Promise<unknown>): Promise<ProblemError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProblemError);
  return error as ProblemError;
}

describe('receivePaymentWebhook', () => {
  it('records the order total buyer → escrow, marks the order paid and notifies the workflow hook', async () => {
    // Prepare
    const fake = fakeDeps();

    // Act
    const answer = await receivePaymentWebhook(fake.deps, payment());

    // Assess
    expect(answer).toEqual({ status: 'ACCEPTED', eventId: 'evt_p1' });
    expect([...fake.movements.values()]).toEqual([
      expect.objectContaining({
        kind: 'PAYMENT',
        amount: 50_000,
        idempotencyKey: 'order_1:payment',
        from: 'BUYER:party_buyer',
        to: 'ESCROW:order_1',
        at: businessNow.toISOString(),
      }),
    ]);
    expect(fake.orders.get('order_1')?.payment).toMatchObject({
      amount: 50_000,
      eventId: 'evt_p1',
      partnerId: 'pay-1',
    });
    expect(fake.timeline.get('order_1')?.map((entry) => entry.type)).toEqual(['PAYMENT_RECEIVED']);
    expect(fake.events.get('pay-1#evt_p1')).toMatchObject({ status: 'ACCEPTED', flagged: false });
    expect(fake.notifications).toEqual([
      { orderId: 'order_1', milestone: 'PAYMENT_RECEIVED', at: businessNow.toISOString() },
    ]);
  });

  it('answers DUPLICATE for the same event twice, moving money once', async () => {
    // Prepare
    const fake = fakeDeps();
    await receivePaymentWebhook(fake.deps, payment());

    // Act
    const again = await receivePaymentWebhook(fake.deps, payment());

    // Assess
    expect(again.status).toBe('DUPLICATE');
    expect(fake.movements.size).toBe(1);
    expect(fake.balance()?.paid).toBe(50_000);
    expect(fake.timeline.get('order_1')).toHaveLength(1);
  });

  it('takes a second payment under a new eventId as an overpayment, flagged, apart from the order money', async () => {
    // Prepare
    const fake = fakeDeps();
    await receivePaymentWebhook(fake.deps, payment());

    // Act
    const second = await receivePaymentWebhook(fake.deps, payment({ eventId: 'evt_p2' }));
    const secondAgain = await receivePaymentWebhook(fake.deps, payment({ eventId: 'evt_p2' }));

    // Assess
    expect(second).toEqual({
      status: 'OVERPAYMENT',
      eventId: 'evt_p2',
      detail: expect.stringContaining('was already paid (event evt_p1); this payment of USD 500.00 is an overpayment'),
    });
    expect(secondAgain.status).toBe('DUPLICATE');
    const kinds = [...fake.movements.values()].map((movement) => movement.kind);
    expect(kinds).toEqual(['PAYMENT', 'OVERPAYMENT']);
    const overpayment = [...fake.movements.values()].find((movement) => movement.kind === 'OVERPAYMENT')!;
    expect(overpayment).toMatchObject({
      amount: 50_000,
      currency: 'USD',
      from: 'BUYER:party_buyer',
      to: 'ESCROW:order_1',
      source: 'pay-1/evt_p2',
      idempotencyKey: expect.stringMatching(/^order_1:overpayment:[0-9a-f]{24}$/),
    });
    expect(fake.balance()).toMatchObject({ paid: 50_000, held: 50_000, overpaid: 50_000, overpaymentHeld: 50_000 });
    expect(fake.events.get('pay-1#evt_p2')).toMatchObject({ status: 'OVERPAYMENT', flagged: true });
    expect(fake.timeline.get('order_1')?.map((entry) => entry.type)).toEqual([
      'PAYMENT_RECEIVED',
      'OVERPAYMENT_RECEIVED',
    ]);
    expect(fake.timeline.get('order_1')?.[1]?.detail).toMatchObject({
      eventId: 'evt_p2',
      amount: 50_000,
      currency: 'USD',
      movementKey: overpayment.idempotencyKey,
      paidByEventId: 'evt_p1',
    });
    // the order stays paid by the first event, and its workflow hears of nothing new
    expect(fake.orders.get('order_1')?.payment?.eventId).toBe('evt_p1');
    expect(fake.notifications).toHaveLength(1);
  });

  it('tells a second charge racing the first apart by the event that recorded the payment', async () => {
    // Prepare: evt_p1 recorded the payment movement but has not yet marked the order paid
    const fake = fakeDeps();
    await fake.deps.recordPayment({
      orderId: 'order_1',
      partyId: 'party_buyer',
      amount: 50_000,
      currency: 'USD',
      idempotencyKey: 'order_1:payment',
      reason: 'payment.succeeded evt_p1 from pay-1',
      source: 'pay-1/evt_p1',
      at: businessNow.toISOString(),
    });

    // Act: the second charge arrives first at markOrderPaid's door, then the first finishes
    const second = await receivePaymentWebhook(fake.deps, payment({ eventId: 'evt_p2' }));
    const first = await receivePaymentWebhook(fake.deps, payment());

    // Assess
    expect(second.status).toBe('OVERPAYMENT');
    expect(first.status).toBe('ACCEPTED');
    expect(fake.orders.get('order_1')?.payment?.eventId).toBe('evt_p1');
    expect(fake.balance()).toMatchObject({ paid: 50_000, overpaid: 50_000 });
  });

  it('refuses a second payment of another amount as a mismatch, taking nothing', async () => {
    // Prepare
    const fake = fakeDeps();
    await receivePaymentWebhook(fake.deps, payment());

    // Act
    const wrong = await receivePaymentWebhook(fake.deps, payment({ eventId: 'evt_p3', amount: 50_001 })).catch(
      (error: unknown) => error,
    );

    // Assess
    expect(wrong).toBeInstanceOf(ProblemError);
    expect((wrong as ProblemError).status).toBe(422);
    expect(fake.movements.size).toBe(1);
    expect(fake.events.get('pay-1#evt_p3')).toMatchObject({ status: 'AMOUNT_MISMATCH', flagged: true });
  });

  it('finishes an event whose first processing stopped before it was settled', async () => {
    // Prepare: the first attempt claimed the event and moved the money, then the container died
    const fake = fakeDeps();
    const record: WebhookEventRecord = {
      partnerId: 'pay-1',
      kind: 'payments',
      eventId: 'evt_p1',
      orderId: 'order_1',
      event: {},
      signedAt: realNow.toISOString(),
      receivedAt: '2026-07-11T11:59:00.000Z',
      status: 'RECEIVED',
    };
    fake.events.set('pay-1#evt_p1', record);
    await fake.deps.recordPayment({
      orderId: 'order_1',
      partyId: 'party_buyer',
      amount: 50_000,
      currency: 'USD',
      idempotencyKey: 'order_1:payment',
      reason: 'first attempt',
      at: record.receivedAt,
    });

    // Act
    const answer = await receivePaymentWebhook(fake.deps, payment());

    // Assess
    expect(answer.status).toBe('ACCEPTED');
    expect(fake.movements.size).toBe(1);
    expect(fake.orders.get('order_1')?.payment?.receivedAt).toBe(record.receivedAt);
    expect(fake.events.get('pay-1#evt_p1')?.status).toBe('ACCEPTED');
  });

  it.each([
    ['the deposit instead of the total', { amount: 10_000 }],
    ['another currency', { currency: 'EUR' }],
  ])('refuses %s with 422, flags the event and notes it on the timeline', async (_case, change) => {
    // Prepare
    const fake = fakeDeps();

    // Act
    const problem = await problemOf(receivePaymentWebhook(fake.deps, payment(change)));

    // Assess
    expect(problem.status).toBe(422);
    expect(problem.extensions).toMatchObject({
      code: 'AMOUNT_MISMATCH',
      expected: { amount: 50_000, currency: 'USD' },
    });
    expect(fake.movements.size).toBe(0);
    expect(fake.events.get('pay-1#evt_p1')).toMatchObject({ status: 'AMOUNT_MISMATCH', flagged: true });
    expect(fake.timeline.get('order_1')?.map((entry) => entry.type)).toEqual(['PAYMENT_AMOUNT_MISMATCH']);
    expect(fake.orders.get('order_1')?.payment).toBeUndefined();
  });

  it('answers 404 for an unknown order and keeps the event for inspection', async () => {
    // Prepare
    const fake = fakeDeps();

    // Act
    const problem = await problemOf(receivePaymentWebhook(fake.deps, payment({ orderId: 'order_nope' })));

    // Assess
    expect(problem.status).toBe(404);
    expect(problem.extensions).toMatchObject({ code: 'UNKNOWN_ORDER' });
    expect(fake.events.get('pay-1#evt_p1')).toMatchObject({
      status: 'UNKNOWN_ORDER',
      flagged: true,
      orderId: 'order_nope',
    });
  });

  const paymentBody = () => String(payment().rawBody);
  const at = (offsetSeconds: number) => new Date(realNow.getTime() + offsetSeconds * 1000);
  it.each<[string, () => WebhookCall, string]>([
    ['a wrong secret', () => signed(paymentBody(), 'pay-1', 'whsec_wrong'), 'BAD_SIGNATURE'],
    ['a timestamp 301 s old', () => signed(paymentBody(), 'pay-1', 'whsec_pay', at(-301)), 'STALE_TIMESTAMP'],
    ['a timestamp 301 s ahead', () => signed(paymentBody(), 'pay-1', 'whsec_pay', at(301)), 'FUTURE_TIMESTAMP'],
    ['an unknown partner', () => signed(paymentBody(), 'pay-unknown', 'whsec_pay'), 'UNKNOWN_PARTNER'],
    ['a logistics partner', () => signed(paymentBody(), 'ship-1', 'whsec_ship'), 'WRONG_ROUTE_FOR_PARTNER'],
  ])('refuses %s with 401 and writes nothing', async (_case, build, reason) => {
    // Prepare
    const fake = fakeDeps();

    // Act
    const problem = await problemOf(receivePaymentWebhook(fake.deps, build()));

    // Assess
    expect(problem.status).toBe(401);
    expect(problem.extensions).toEqual({ reason });
    expect(fake.events.size).toBe(0);
    expect(fake.movements.size).toBe(0);
  });

  it('checks the signature window against real time, not the business clock', async () => {
    // Prepare: signed at real time while the business clock is 40 days ahead
    const fake = fakeDeps();

    // Act / Assess
    await expect(receivePaymentWebhook(fake.deps, payment())).resolves.toMatchObject({ status: 'ACCEPTED' });
  });

  it('answers 400 naming the field of a bad body, after the signature, and stores nothing', async () => {
    // Prepare
    const fake = fakeDeps();

    // Act
    const problem = await problemOf(receivePaymentWebhook(fake.deps, payment({ amount: 19.99 })));

    // Assess
    expect(problem.status).toBe(400);
    expect(problem.detail).toMatch(/^amount: /);
    expect(fake.events.size).toBe(0);
  });
});

describe('receiveLogisticsWebhook', () => {
  it('keeps a DELIVERED that arrives before its SHIPPED, and the order stays delivered', async () => {
    // Prepare
    const fake = fakeDeps();
    fake.orders.set('order_1', aPaidOrder());

    // Act
    await receiveLogisticsWebhook(fake.deps, logistics('DELIVERED', 'evt_d', '2026-05-30T10:00:00Z'));
    const afterDelivered = fake.orders.get('order_1')?.shipment;
    await receiveLogisticsWebhook(fake.deps, logistics('SHIPPED', 'evt_s', '2026-05-20T08:00:00+02:00'));
    const duplicate = await receiveLogisticsWebhook(fake.deps, logistics('SHIPPED', 'evt_s', '2026-05-20T08:00:00Z'));

    // Assess
    expect(afterDelivered).toMatchObject({ status: 'DELIVERED', deliveredAt: '2026-05-30T10:00:00.000Z' });
    expect(fake.orders.get('order_1')?.shipment).toEqual({
      status: 'DELIVERED',
      shippedAt: '2026-05-20T06:00:00.000Z',
      deliveredAt: '2026-05-30T10:00:00.000Z',
      trackingNumber: '1Z999',
      carrier: 'UPS',
      eventCount: 2,
    });
    expect(duplicate.status).toBe('DUPLICATE');
    expect(fake.timeline.get('order_1')?.map((entry) => [entry.type, entry.detail.occurredAt])).toEqual([
      ['DELIVERED', '2026-05-30T10:00:00Z'],
      ['SHIPPED', '2026-05-20T08:00:00+02:00'],
    ]);
    expect(fake.notifications.map((notification) => notification.milestone)).toEqual(['DELIVERED', 'SHIPPED']);
  });

  it('records an EXCEPTION on the timeline without moving the state back', async () => {
    // Prepare
    const fake = fakeDeps();
    fake.orders.set('order_1', aPaidOrder());
    await receiveLogisticsWebhook(fake.deps, logistics('SHIPPED', 'evt_s', '2026-05-20T08:00:00Z'));

    // Act
    await receiveLogisticsWebhook(fake.deps, logistics('EXCEPTION', 'evt_x', '2026-05-21T08:00:00Z'));

    // Assess
    expect(fake.orders.get('order_1')?.shipment).toMatchObject({
      status: 'SHIPPED',
      lastExceptionAt: '2026-05-21T08:00:00.000Z',
    });
    expect(fake.timeline.get('order_1')?.map((entry) => entry.type)).toEqual(['SHIPPED', 'SHIPMENT_EXCEPTION']);
  });

  it.each<[string, Partial<Order>, string, string]>([
    [
      'an unpaid order',
      { payment: undefined, status: 'AWAITING_PAYMENT' },
      '2026-05-20T08:00:00Z',
      'ORDER_NOT_SHIPPABLE',
    ],
    [
      'an order settled by a missed ship-by date',
      { status: 'SETTLING', settlement: { outcome: 'SHIP_BY_MISSED' } as Order['settlement'] },
      '2026-05-20T08:00:00Z',
      'ORDER_NOT_SHIPPABLE',
    ],
    ['a closed order', { status: 'COMPLETED' }, '2026-05-20T08:00:00Z', 'ORDER_NOT_SHIPPABLE'],
    ['a date before the order existed', {}, '2000-01-01T00:00:00Z', 'OCCURRED_AT_OUT_OF_BOUNDS'],
    ['a date more than 5 minutes ahead', {}, '2026-07-11T12:05:01Z', 'OCCURRED_AT_OUT_OF_BOUNDS'],
  ])('refuses a SHIPPED for %s with 409, kept and flagged, the order unchanged', async (_case, change, at, code) => {
    // Prepare: the business clock is 2026-07-11T12:00:00Z
    const fake = fakeDeps();
    const order = { ...aPaidOrder(), ...change };
    fake.orders.set('order_1', order);

    // Act
    const problem = await problemOf(receiveLogisticsWebhook(fake.deps, logistics('SHIPPED', 'evt_s', at)));

    // Assess
    expect(problem.status).toBe(409);
    expect(problem.extensions).toMatchObject({ code, eventId: 'evt_s' });
    expect(fake.orders.get('order_1')).toEqual(order);
    expect(fake.timeline.get('order_1') ?? []).toEqual([]);
    expect(fake.notifications).toEqual([]);
    expect([...fake.events.values()][0]).toMatchObject({ status: 'REFUSED', flagged: true, detail: problem.detail });
  });

  it('refuses another tracking number than the first, and a 51st event', async () => {
    // Prepare
    const fake = fakeDeps();
    fake.orders.set('order_1', aPaidOrder());
    await receiveLogisticsWebhook(fake.deps, logistics('SHIPPED', 'evt_s', '2026-05-20T08:00:00Z'));
    const other = signed(
      {
        eventId: 'evt_o',
        type: 'DELIVERED',
        orderId: 'order_1',
        trackingNumber: 'OTHER1',
        carrier: 'UPS',
        occurredAt: '2026-05-25T08:00:00Z',
      },
      'ship-1',
      'whsec_ship',
    );

    // Act
    const mismatch = await problemOf(receiveLogisticsWebhook(fake.deps, other));
    for (let i = 2; i <= 50; i += 1) {
      await receiveLogisticsWebhook(fake.deps, logistics('EXCEPTION', `evt_x${i}`, '2026-05-21T08:00:00Z'));
    }
    const flood = await problemOf(
      receiveLogisticsWebhook(fake.deps, logistics('EXCEPTION', 'evt_x51', '2026-05-21T08:00:00Z')),
    );

    // Assess
    expect(mismatch.extensions.code).toBe('TRACKING_NUMBER_MISMATCH');
    expect(mismatch.detail).toBe('Order order_1 ships under tracking number 1Z999, not OTHER1');
    expect(fake.orders.get('order_1')?.shipment).toMatchObject({ status: 'SHIPPED', eventCount: 50 });
    expect(flood.extensions.code).toBe('TOO_MANY_EVENTS');
  });

  it('refuses a payments partner with 401 and answers 404 for an unknown order', async () => {
    // Prepare
    const fake = fakeDeps();
    const body = {
      eventId: 'e',
      type: 'SHIPPED',
      orderId: 'order_x',
      trackingNumber: 'T',
      carrier: 'C',
      occurredAt: '2026-05-20T08:00:00Z',
    };

    // Act
    const wrongPartner = await problemOf(receiveLogisticsWebhook(fake.deps, signed(body, 'pay-1', 'whsec_pay')));
    const unknown = await problemOf(receiveLogisticsWebhook(fake.deps, signed(body, 'ship-1', 'whsec_old')));

    // Assess
    expect(wrongPartner.status).toBe(401);
    expect(unknown.status).toBe(404);
    expect(fake.events.get('ship-1#e')).toMatchObject({ status: 'UNKNOWN_ORDER' });
  });
});
