import { randomUUID } from 'node:crypto';
import { checkLedgerInvariants } from '../../functions/orders/ledger/check-ledger-invariants';
import { findWebhookEvent } from '../../functions/orders/repositories/webhook-repository';
import { signWebhook } from '../../functions/orders/webhooks/sign-webhook';
import { readOrderLedger } from '../../functions/orders/ledger/ledger-repository';
import { localResourceNames } from '../../infra/local/local-stack-config';
import type { LocalPayout } from '../../infra/local/payout-provider/payout-provider-server';
import { callApi, eventually, suiteStack } from './support/api-client';
import { orderFixtures } from './support/order-fixtures';
import { createOrderJourney } from './support/order-journey';
import { connectStackTable } from './support/stack-table';

const { credentials, endpoints } = suiteStack();
const { apiUrl, tokens, webhooks } = credentials;
/** The stack's own payout provider (dev-credentials.json), read from its side. */
const payoutProvider = (credentials as typeof credentials & { payoutProvider: { url: string; apiKey: string } })
  .payoutProvider;
const tableName = localResourceNames.tableName;

const db = connectStackTable(endpoints).db;
const store = { db, tableName };
const { createSupplier, createBuyer, supplierToken, orderBody } = orderFixtures(store, apiUrl);
const journey = createOrderJourney(apiUrl, credentials);

/** Orders touched by the test in progress; their ledgers are checked after it. */
let touched: string[] = [];
let supplierId: string;

beforeAll(async () => {
  supplierId = await createSupplier({ limit: 50_000_000 });
});

beforeEach(() => {
  touched = [];
});

afterEach(async () => {
  expect(await checkLedgerInvariants(store, touched)).toEqual({ ok: true, violations: [] });
});

afterAll(() => db.destroy());

/** The buyer party of each order: every order has a buyer of its own, so none is held for velocity. */
const buyerOf = new Map<string, string>();
const buyerTokenOf = new Map<string, string>();

/** Every payout the local payout provider holds for an order. */
async function payoutsAtProvider(orderId: string): Promise<LocalPayout[]> {
  const response = await fetch(`${payoutProvider.url}/_local/payouts?orderId=${encodeURIComponent(orderId)}`, {
    headers: { Authorization: `Bearer ${payoutProvider.apiKey}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { payouts: LocalPayout[] }).payouts;
}

/**
 * A new order of 100 × 5.00 USD (total 50,000 minor units, fully covered), confirmed by its supplier and
 * awaiting payment: a payment before the confirmation is refused.
 */
async function newOrder(): Promise<string> {
  const buyer = await createBuyer();
  const response = await callApi(apiUrl, 'POST', '/orders', {
    token: buyer.token,
    body: await orderBody(supplierId),
  });
  expect(response.status).toBe(201);
  const orderId = response.body.orderId as string;
  touched.push(orderId);
  buyerOf.set(orderId, buyer.partyId);
  buyerTokenOf.set(orderId, buyer.token);
  await journey.confirmOrder(supplierToken(supplierId), orderId);
  return orderId;
}

/** The order as staff read it: the webhooks' own records (partner, event ids, flags) are for staff. */
async function readOrder(orderId: string) {
  const response = await callApi(apiUrl, 'GET', `/orders/${orderId}`, { token: tokens.reviewer });
  expect(response.status).toBe(200);
  return response.body;
}

type Kind = 'payments' | 'logistics';

/** Posts a webhook signed as a partner would, with any part of the call overridden. */
function postWebhook(
  kind: Kind,
  body: unknown,
  options: {
    partner?: { partnerId: string; secret: string };
    timestamp?: Date;
    signature?: string;
    contentType?: string;
  } = {},
) {
  const partner = options.partner ?? webhooks[kind];
  const rawBody = JSON.stringify(body);
  const signature =
    options.signature ?? signWebhook({ secret: partner.secret, rawBody, timestamp: options.timestamp ?? new Date() });
  return callApi(apiUrl, 'POST', `/webhooks/${kind}`, {
    rawBody,
    headers: {
      'content-type': options.contentType ?? 'application/json',
      'TrustFlow-Partner': partner.partnerId,
      'TrustFlow-Signature': signature,
    },
  });
}

function paymentEvent(orderId: string, change: Record<string, unknown> = {}) {
  return {
    eventId: `evt_${randomUUID()}`,
    type: 'payment.succeeded',
    orderId,
    amount: 50_000,
    currency: 'USD',
    ...change,
  };
}

function logisticsEvent(orderId: string, type: string, occurredAt: string, trackingNumber = '1Z999AA10123456784') {
  return { eventId: `evt_${randomUUID()}`, type, orderId, trackingNumber, carrier: 'UPS', occurredAt };
}

/** A new order, paid: logistics events are taken only from then. Answers its id and creation time. */
/** A confirmed and paid order, with the time of the supplier's confirmation (logistics events come after it). */
async function paidOrder(): Promise<{ orderId: string; confirmedAt: number }> {
  const orderId = await newOrder();
  const paid = await postWebhook('payments', paymentEvent(orderId));
  expect(paid.status).toBe(200);
  return { orderId, confirmedAt: Date.parse((await readOrder(orderId)).supplierConfirmation.at) };
}

/** An ISO time `seconds` after `from`. */
const after = (from: number, seconds: number) => new Date(from + seconds * 1000).toISOString();

describe('POST /webhooks/payments', () => {
  it('accepts a signed payment of the order total and the ledger shows buyer → escrow', async () => {
    // Prepare
    const orderId = await newOrder();
    const event = paymentEvent(orderId);

    // Act
    const response = await postWebhook('payments', event);

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ACCEPTED', eventId: event.eventId });
    const order = await readOrder(orderId);
    expect(order.movements).toEqual([
      expect.objectContaining({
        kind: 'PAYMENT',
        amount: 50_000,
        currency: 'USD',
        idempotencyKey: `${orderId}:payment`,
        from: `BUYER:${buyerOf.get(orderId)}`,
        to: `ESCROW:${orderId}`,
      }),
    ]);
    expect(order.payment).toMatchObject({ amount: 50_000, currency: 'USD', eventId: event.eventId });
    expect(order.timeline.map((entry: { type: string }) => entry.type)).toContain('PAYMENT_RECEIVED');
    expect(await findWebhookEvent(store, webhooks.payments.partnerId, event.eventId)).toMatchObject({
      status: 'ACCEPTED',
    });
  });

  it('answers DUPLICATE to the same event twice: one movement', async () => {
    // Prepare
    const orderId = await newOrder();
    const event = paymentEvent(orderId);
    expect((await postWebhook('payments', event)).body.status).toBe('ACCEPTED');

    // Act
    const again = await postWebhook('payments', event);

    // Assess
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('DUPLICATE');
    const order = await readOrder(orderId);
    expect(order.movements).toHaveLength(1);
    expect(order.timeline.filter((entry: { type: string }) => entry.type === 'PAYMENT_RECEIVED')).toHaveLength(1);
  });

  it('takes a second charge into escrow as an overpayment, flags it and refunds the buyer once through the payout provider', async () => {
    // Prepare
    const orderId = await newOrder();
    const first = paymentEvent(orderId);
    const second = paymentEvent(orderId);
    expect((await postWebhook('payments', first)).body.status).toBe('ACCEPTED');

    // Act
    const overpaid = await postWebhook('payments', second);
    const replayed = await postWebhook('payments', second);
    const order = await eventually(
      () => readOrder(orderId),
      (view) => view.timeline.some((entry: { type: string }) => entry.type === 'PAYOUT_CONFIRMED'),
    );

    // Assess: the answer, and the event flagged for staff
    expect(overpaid.status).toBe(200);
    expect(overpaid.body).toEqual({
      status: 'OVERPAYMENT',
      eventId: second.eventId,
      detail: expect.stringContaining(
        `was already paid (event ${first.eventId}); this payment of USD 500.00 is an overpayment`,
      ),
    });
    expect(replayed.body.status).toBe('DUPLICATE');
    expect(await findWebhookEvent(store, webhooks.payments.partnerId, second.eventId)).toMatchObject({
      status: 'OVERPAYMENT',
      flagged: true,
    });
    // the ledger: in and back out, apart from the order's own 50,000
    const buyer = `BUYER:${buyerOf.get(orderId)}`;
    expect(order.movements.map((movement: { kind: string }) => movement.kind)).toEqual([
      'PAYMENT',
      'OVERPAYMENT',
      'OVERPAYMENT_REFUND',
    ]);
    const [, inbound, back] = order.movements;
    expect(inbound).toMatchObject({ amount: 50_000, from: buyer, to: `ESCROW:${orderId}` });
    expect(back).toMatchObject({ amount: 50_000, from: `ESCROW:${orderId}`, to: buyer });
    expect((await readOrderLedger(store, orderId)).balance).toMatchObject({
      paid: 50_000,
      held: 50_000,
      overpaid: 50_000,
      overpaymentRefunded: 50_000,
      overpaymentHeld: 0,
    });
    // one payout at the provider, to the buyer, under the refund's key; the order's payment untouched
    const payouts = await payoutsAtProvider(orderId);
    expect(payouts).toHaveLength(1);
    expect(payouts[0]).toMatchObject({
      idempotencyKey: back.idempotencyKey,
      status: 'paid',
      request: { amount: 50_000, currency: 'USD', beneficiary: { role: 'BUYER', partyId: buyerOf.get(orderId) } },
    });
    expect(order.payment).toMatchObject({ eventId: first.eventId });
    expect(order.status).toBe('AWAITING_SHIPMENT');
    const types = order.timeline.map((entry: { type: string }) => entry.type);
    expect(types.filter((type: string) => type.startsWith('OVERPAYMENT_'))).toEqual([
      'OVERPAYMENT_RECEIVED',
      'OVERPAYMENT_REFUNDED',
    ]);
    // the buyer sees its money come and go, without the partner's event or any flag
    const asBuyer = await callApi(apiUrl, 'GET', `/orders/${orderId}`, { token: buyerTokenOf.get(orderId) });
    const buyerEntries = asBuyer.body.timeline.filter((entry: { type: string }) =>
      entry.type.startsWith('OVERPAYMENT_'),
    );
    expect(buyerEntries.map((entry: { detail: unknown }) => entry.detail)).toEqual([
      { amount: 50_000, currency: 'USD' },
      { amount: 50_000, currency: 'USD' },
    ]);
    expect(JSON.stringify(asBuyer.body)).not.toContain(second.eventId);
  });

  it('tells two charges at the same moment apart: one pays the order, the other goes back', async () => {
    // Prepare
    const orderId = await newOrder();
    const charges = [paymentEvent(orderId), paymentEvent(orderId)];

    // Act
    const answers = await Promise.all(charges.map((charge) => postWebhook('payments', charge)));
    await eventually(
      () => payoutsAtProvider(orderId),
      (payouts) => payouts.length === 1 && payouts[0]?.status === 'paid',
    );
    await eventually(
      () => readOrder(orderId),
      (view) => view.timeline.some((entry: { type: string }) => entry.type === 'PAYOUT_CONFIRMED'),
    );

    // Assess
    const statuses = answers.map((answer) => answer.body.status);
    expect([...statuses].sort()).toEqual(['ACCEPTED', 'OVERPAYMENT']);
    const payer = charges[statuses.indexOf('ACCEPTED')]!;
    const order = await readOrder(orderId);
    expect(order.payment.eventId).toBe(payer.eventId);
    expect(order.movements.map((movement: { kind: string }) => movement.kind).sort()).toEqual([
      'OVERPAYMENT',
      'OVERPAYMENT_REFUND',
      'PAYMENT',
    ]);
    expect(await payoutsAtProvider(orderId)).toHaveLength(1);
  });

  it('refuses a wrong amount with 422 and flags the event, moving no money', async () => {
    // Prepare
    const orderId = await newOrder();
    const event = paymentEvent(orderId, { amount: 49_999 });

    // Act
    const response = await postWebhook('payments', event);

    // Assess
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'AMOUNT_MISMATCH',
      expected: { amount: 50_000, currency: 'USD' },
      received: { amount: 49_999, currency: 'USD' },
    });
    const order = await readOrder(orderId);
    expect(order.movements).toEqual([]);
    expect(order.payment).toBeUndefined();
    expect(order.timeline.map((entry: { type: string }) => entry.type)).toContain('PAYMENT_AMOUNT_MISMATCH');
    expect(await findWebhookEvent(store, webhooks.payments.partnerId, event.eventId)).toMatchObject({
      status: 'AMOUNT_MISMATCH',
      flagged: true,
    });
  });

  it('answers 404 for an unknown order and stores the event for inspection', async () => {
    // Prepare
    const event = paymentEvent(`order_unknown${randomUUID().slice(0, 8)}`);

    // Act
    const response = await postWebhook('payments', event);

    // Assess
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'UNKNOWN_ORDER', eventId: event.eventId });
    expect(await findWebhookEvent(store, webhooks.payments.partnerId, event.eventId)).toMatchObject({
      status: 'UNKNOWN_ORDER',
      flagged: true,
      orderId: event.orderId,
    });
  });

  it('answers 400 naming the field of a bad body and stores nothing', async () => {
    // Prepare
    const orderId = await newOrder();
    const event = paymentEvent(orderId, { amount: '500.00' });

    // Act
    const response = await postWebhook('payments', event);

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.detail).toMatch(/^amount: /);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/amount' })]);
    expect(await findWebhookEvent(store, webhooks.payments.partnerId, event.eventId)).toBeUndefined();
  });

  describe('refuses with 401 and writes nothing', () => {
    const cases: [string, Kind, (event: object) => Parameters<typeof postWebhook>[2], string][] = [
      [
        'a bad signature',
        'payments',
        () => ({ signature: `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` }),
        'BAD_SIGNATURE',
      ],
      ['a timestamp 301 s old', 'payments', () => ({ timestamp: new Date(Date.now() - 301_000) }), 'STALE_TIMESTAMP'],
      [
        'a timestamp 301 s in the future',
        'payments',
        // whole seconds rounded up, so the signed t is at least 301 s ahead when it arrives
        () => ({ timestamp: new Date((Math.ceil(Date.now() / 1000) + 301) * 1000) }),
        'FUTURE_TIMESTAMP',
      ],
      [
        'an unknown partner',
        'payments',
        () => ({ partner: { partnerId: `nobody-${randomUUID()}`, secret: webhooks.payments.secret } }),
        'UNKNOWN_PARTNER',
      ],
      [
        'the payments partner on the logistics route',
        'logistics',
        () => ({ partner: webhooks.payments }),
        'WRONG_ROUTE_FOR_PARTNER',
      ],
    ];

    it.each(cases)('%s', async (_case, kind, options, reason) => {
      // Prepare
      const orderId = await newOrder();
      const event =
        kind === 'payments' ? paymentEvent(orderId) : logisticsEvent(orderId, 'SHIPPED', new Date().toISOString());

      // Act
      const response = await postWebhook(kind, event, options(event));

      // Assess
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ status: 401, reason });
      const order = await readOrder(orderId);
      expect(order.movements).toEqual([]);
      expect(order.payment).toBeUndefined();
      expect(order.shipment).toBeUndefined();
      // the order's workflow writes its own entries meanwhile; none may come from a webhook
      const fromWebhooks = order.timeline.filter((entry: { actor: { id: string } }) =>
        entry.actor.id.startsWith('webhook:'),
      );
      expect(fromWebhooks).toEqual([]);
      expect(order.timeline.map((entry: { type: string }) => entry.type)).toContain('ORDER_CREATED');
      for (const partner of [webhooks.payments, webhooks.logistics]) {
        expect(await findWebhookEvent(store, partner.partnerId, event.eventId)).toBeUndefined();
      }
    });
  });
});

describe('POST /webhooks/logistics', () => {
  it('records a DELIVERED that arrives before its SHIPPED, both on the timeline, and leaves the order delivered', async () => {
    // Prepare
    const { orderId, confirmedAt } = await paidOrder();
    const delivered = logisticsEvent(orderId, 'DELIVERED', after(confirmedAt, 60));
    const shipped = logisticsEvent(orderId, 'SHIPPED', after(confirmedAt, 30));

    // Act
    const first = await postWebhook('logistics', delivered);
    const second = await postWebhook('logistics', shipped);
    const duplicate = await postWebhook('logistics', shipped);

    // Assess
    expect([first.status, second.status, duplicate.status]).toEqual([200, 200, 200]);
    expect(duplicate.body.status).toBe('DUPLICATE');
    const order = await readOrder(orderId);
    expect(order.shipment).toEqual({
      status: 'DELIVERED',
      shippedAt: after(confirmedAt, 30),
      deliveredAt: after(confirmedAt, 60),
      trackingNumber: '1Z999AA10123456784',
      carrier: 'UPS',
      eventCount: 2,
    });
    const logistics = order.timeline.filter((entry: { type: string }) => ['SHIPPED', 'DELIVERED'].includes(entry.type));
    expect(
      logistics.map((entry: { type: string; detail: { occurredAt: string } }) => [entry.type, entry.detail.occurredAt]),
    ).toEqual([
      ['DELIVERED', after(confirmedAt, 60)],
      ['SHIPPED', after(confirmedAt, 30)],
    ]);
  });

  it('refuses each out-of-bounds event with 409, kept and flagged, and nothing about the order changes', async () => {
    // Prepare: an unpaid order, and a paid one that shipped under its first tracking number
    const unpaid = await newOrder();
    const { orderId, confirmedAt } = await paidOrder();
    const shipped = await postWebhook('logistics', logisticsEvent(orderId, 'SHIPPED', after(confirmedAt, 10)));
    expect(shipped.status).toBe(200);
    // the workflow moves the status on the shipment: read the order once it has
    const before = await journey.waitForStatus(tokens.reviewer, orderId, ['SHIPPED']);
    const refusals = [
      logisticsEvent(unpaid, 'SHIPPED', new Date().toISOString()),
      logisticsEvent(orderId, 'DELIVERED', '2000-01-01T00:00:00Z'),
      // after the order was placed, but before the supplier confirmed it
      logisticsEvent(orderId, 'DELIVERED', after(confirmedAt, -0.001)),
      logisticsEvent(orderId, 'DELIVERED', after(Date.now(), 86_400 * 365 * 5)),
      logisticsEvent(orderId, 'DELIVERED', after(confirmedAt, 20), 'FORGED0001'),
    ];

    // Act
    const responses = [];
    for (const event of refusals) responses.push(await postWebhook('logistics', event));

    // Assess
    expect(responses.map((response) => [response.status, response.body.code])).toEqual([
      [409, 'ORDER_NOT_SHIPPABLE'],
      [409, 'OCCURRED_AT_OUT_OF_BOUNDS'],
      [409, 'OCCURRED_AT_OUT_OF_BOUNDS'],
      [409, 'OCCURRED_AT_OUT_OF_BOUNDS'],
      [409, 'TRACKING_NUMBER_MISMATCH'],
    ]);
    const afterwards = await readOrder(orderId);
    expect(afterwards.shipment).toEqual(before.shipment);
    expect(afterwards.status).toBe(before.status);
    expect((await readOrder(unpaid)).shipment).toBeUndefined();
    for (const event of refusals) {
      expect(await findWebhookEvent(store, webhooks.logistics.partnerId, event.eventId)).toMatchObject({
        status: 'REFUSED',
        flagged: true,
      });
    }
  });

  it('verifies a body API Gateway passed base64-encoded (a non-JSON content type)', async () => {
    // Prepare
    const { orderId, confirmedAt } = await paidOrder();
    const event = logisticsEvent(orderId, 'EXCEPTION', after(confirmedAt, 5));

    // Act
    const response = await postWebhook('logistics', event, { contentType: 'application/octet-stream' });

    // Assess
    expect(response.status).toBe(200);
    expect((await readOrder(orderId)).shipment).toMatchObject({ status: 'EXCEPTION' });
  });
});
