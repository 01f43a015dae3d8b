import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { generateId } from '../../functions/commons/ids';
import { checkLedgerInvariants } from '../../functions/orders/ledger/check-ledger-invariants';
import { movementKey } from '../../functions/orders/ledger/ledger-model';
import {
  freezeEscrowUpdate,
  readOrderLedger,
  recordOverpayment,
  recordPayment,
  unfreezeEscrowUpdate,
} from '../../functions/orders/ledger/ledger-repository';
import { overpaymentKey, overpaymentRefundKey, paymentSource } from '../../functions/orders/ledger/overpayment-keys';
import {
  createHttpPayoutProvider,
  PayoutProviderUnavailable,
} from '../../functions/orders/payouts/http-payout-provider';
import { findOrderWithTimeline, orderKey, type OrderStore } from '../../functions/orders/repositories/order-repository';
import { findPayoutInstruction } from '../../functions/orders/repositories/payout-repository';
import { refundOverpayments } from '../../functions/orders/usecases/refund-overpayments';
import { settleOrder } from '../../functions/orders/workflow/settle-order';
import type { LocalPayout } from '../../infra/local/payout-provider/payout-provider-server';
import { buildOrder } from '../support/orders/order-fixture';
import { eventually, suiteStack, type DevCredentials } from './support/api-client';
import { connectStackTable } from './support/stack-table';

/*
 * Giving overpayments back (functions/orders/usecases/refund-overpayments.ts) on the stack's table, through
 * the stack's own payout provider: what the `internal:overpayment-refunds` subscriber and the settlement
 * run. The webhook that takes an overpayment in is covered in webhooks.test.ts.
 */

type Credentials = DevCredentials & { payoutProvider: { url: string; apiKey: string } };
const { endpoints, credentials } = suiteStack();
const local = (credentials as Credentials).payoutProvider;
const provider = createHttpPayoutProvider({ name: 'local', baseUrl: local.url, apiKey: local.apiKey });
let store: OrderStore;
let touched: string[];
const now = () => new Date();

beforeAll(() => {
  store = connectStackTable(endpoints);
});

beforeEach(() => {
  touched = [];
});

afterEach(async () => {
  expect(await checkLedgerInvariants(store, touched)).toEqual({ ok: true, violations: [] });
});

afterAll(() => store.db.destroy());

async function callProvider(method: 'GET', route: string): Promise<unknown> {
  const response = await fetch(`${local.url}${route}`, {
    method,
    headers: { Authorization: `Bearer ${local.apiKey}` },
  });
  expect(response.status).toBe(200);
  return response.json();
}

async function payoutsAtProvider(orderId: string): Promise<LocalPayout[]> {
  return ((await callProvider('GET', `/_local/payouts?orderId=${orderId}`)) as { payouts: LocalPayout[] }).payouts;
}

/** A paid order (50,000 USD, fully covered) awaiting shipment, charged a second time under `pay-1/evt_2`. */
async function overpaidOrder(status = 'AWAITING_SHIPMENT') {
  const orderId = generateId('order');
  touched.push(orderId);
  const order = buildOrder({ orderId, status: status as never, buyerPartyId: generateId('party') });
  await store.db.send(
    new PutCommand({ TableName: store.tableName, Item: { ...orderKey(orderId), entity: 'ORDER', ...order } }),
  );
  const base = { orderId, partyId: order.buyerPartyId, amount: 50_000, currency: 'USD' };
  await recordPayment(store, {
    ...base,
    idempotencyKey: movementKey(orderId, 'payment'),
    reason: 'payment.succeeded evt_1',
    source: paymentSource('pay-1', 'evt_1'),
    at: '2026-09-01T10:00:00.000Z',
  });
  const source = paymentSource('pay-1', 'evt_2');
  const key = overpaymentKey(orderId, source);
  await recordOverpayment(store, {
    ...base,
    idempotencyKey: key,
    reason: 'payment.succeeded evt_2 for an order already paid',
    source,
    at: '2026-09-01T10:05:00.000Z',
  });
  return { order, refundKey: overpaymentRefundKey(key) };
}

function transact(update: { Update: object }) {
  return store.db.send(new TransactWriteCommand({ TransactItems: [update as never] }));
}

describe('refundOverpayments', () => {
  it('gives an overpayment back once, however many times and at once it runs', async () => {
    // Prepare
    const { order, refundKey } = await overpaidOrder();

    // Act
    const runs = await Promise.all(
      [1, 2, 3].map(() => refundOverpayments({ orders: store, provider, now }, order.orderId)),
    );
    const later = await refundOverpayments({ orders: store, provider, now }, order.orderId);

    // Assess
    for (const run of [...runs, later]) {
      expect(run.keptFrozen).toBe(0);
      expect(run.payouts).toEqual([
        expect.objectContaining({
          movementKey: refundKey,
          beneficiary: 'BUYER',
          partyId: order.buyerPartyId,
          amount: 50_000,
        }),
      ]);
    }
    const ledger = await readOrderLedger(store, order.orderId);
    expect(ledger.movements.filter((movement) => movement.kind === 'OVERPAYMENT_REFUND')).toHaveLength(1);
    expect(ledger.balance).toMatchObject({ held: 50_000, overpaid: 50_000, overpaymentHeld: 0 });
    const atProvider = await payoutsAtProvider(order.orderId);
    expect(atProvider).toHaveLength(1);
    expect(atProvider[0]).toMatchObject({ idempotencyKey: refundKey, request: { amount: 50_000 } });
    const timeline = (await findOrderWithTimeline(store, order.orderId))!.timeline;
    expect(timeline.filter((entry) => entry.type === 'OVERPAYMENT_REFUNDED')).toHaveLength(1);
  });

  it('keeps an overpayment in a frozen escrow, and gives it back once the freeze is lifted', async () => {
    // Prepare
    const { order, refundKey } = await overpaidOrder();
    await transact(
      freezeEscrowUpdate(store, order.orderId, { since: '2026-09-01T11:00:00.000Z', reason: 'test hold' }),
    );

    // Act
    const whileFrozen = await refundOverpayments({ orders: store, provider, now }, order.orderId);
    const providerWhileFrozen = await payoutsAtProvider(order.orderId);
    await transact(unfreezeEscrowUpdate(store, order.orderId));
    const afterwards = await refundOverpayments({ orders: store, provider, now }, order.orderId);

    // Assess
    expect(whileFrozen).toEqual({ payouts: [], keptFrozen: 1 });
    expect(providerWhileFrozen).toEqual([]);
    expect(afterwards.payouts.map((payout) => payout.movementKey)).toEqual([refundKey]);
    expect(await payoutsAtProvider(order.orderId)).toHaveLength(1);
  });

  it('fails while the provider cannot be reached, with the refund recorded, and pays once when retried', async () => {
    // Prepare: nothing listens on port 9 of loopback (the provider's outage hook would stop the whole
    // shared stack's payouts, so this test reaches for a provider that is not there instead)
    const { order, refundKey } = await overpaidOrder();
    const unreachable = createHttpPayoutProvider({
      name: 'local',
      baseUrl: 'http://127.0.0.1:9',
      apiKey: local.apiKey,
    });

    // Act
    const failed = await refundOverpayments({ orders: store, provider: unreachable, now }, order.orderId).catch(
      (error: unknown) => error,
    );
    const instructionMeanwhile = await findPayoutInstruction(store, order.orderId, refundKey);
    const retried = await refundOverpayments({ orders: store, provider, now }, order.orderId);

    // Assess
    expect(failed).toBeInstanceOf(PayoutProviderUnavailable);
    expect(instructionMeanwhile).toMatchObject({ status: 'REQUESTED', amount: 50_000 });
    expect(retried.payouts.map((payout) => payout.movementKey)).toEqual([refundKey]);
    const atProvider = await payoutsAtProvider(order.orderId);
    expect(atProvider).toHaveLength(1);
    expect(atProvider[0]?.requests).toBe(1);
    const ledger = await readOrderLedger(store, order.orderId);
    expect(ledger.movements.filter((movement) => movement.kind === 'OVERPAYMENT_REFUND')).toHaveLength(1);
  });
});

describe('the settlement', () => {
  it('gives back an overpayment a freeze kept, with the settlement, under the same key', async () => {
    // Prepare: the overpayment came in while the money was frozen; a four-eyes RELEASE let it settle
    const { order, refundKey } = await overpaidOrder('RECEIVED');
    await transact(
      freezeEscrowUpdate(store, order.orderId, { since: '2026-09-01T11:00:00.000Z', reason: 'test hold' }),
    );
    expect((await refundOverpayments({ orders: store, provider, now }, order.orderId)).keptFrozen).toBe(1);
    await transact(unfreezeEscrowUpdate(store, order.orderId));

    // Act
    const result = await settleOrder(
      { orders: store, parties: store, payouts: provider, now },
      { orderId: order.orderId, outcome: 'NO_CLAIM' },
    );

    // Assess: the order's 50,000 to the supplier, the overpaid 50,000 back to the buyer
    expect(result).toMatchObject({ settled: true, released: 50_000, refunded: 0 });
    const ledger = await readOrderLedger(store, order.orderId);
    expect(ledger.balance).toMatchObject({
      held: 0,
      overpaymentHeld: 0,
      released: 50_000,
      overpaymentRefunded: 50_000,
    });
    const payouts = await payoutsAtProvider(order.orderId);
    expect(payouts.map((payout) => [payout.idempotencyKey, payout.request.beneficiary.role]).sort()).toEqual(
      [
        [movementKey(order.orderId, 'release:settlement'), 'SUPPLIER'],
        [refundKey, 'BUYER'],
      ].sort(),
    );
  });

  it('leaves out an overpayment the subscriber already paid back', async () => {
    // Prepare
    const { order, refundKey } = await overpaidOrder('RECEIVED');
    const refunded = await refundOverpayments({ orders: store, provider, now }, order.orderId);
    expect(refunded.payouts.map((payout) => payout.movementKey)).toEqual([refundKey]);
    const instruction = await eventually(
      () => findPayoutInstruction(store, order.orderId, refundKey),
      (found) => found?.status === 'PAID',
    );
    expect(instruction?.status).toBe('PAID');

    // Act
    await settleOrder(
      { orders: store, parties: store, payouts: provider, now },
      { orderId: order.orderId, outcome: 'NO_CLAIM' },
    );

    // Assess
    const settled = (await findOrderWithTimeline(store, order.orderId))!.order;
    expect(settled.settlement?.payouts.map((payout) => payout.movementKey)).toEqual([
      movementKey(order.orderId, 'release:settlement'),
    ]);
    expect(await payoutsAtProvider(order.orderId)).toHaveLength(2);
  });
});
