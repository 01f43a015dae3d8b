import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { generateId } from '../../functions/commons/ids';
import { movementKey } from '../../functions/orders/ledger/ledger-model';
import type { OrderPayout } from '../../functions/orders/models/order';
import { createHttpPayoutProvider } from '../../functions/orders/payouts/http-payout-provider';
import type { PayoutProvider, PayoutReceipt, PayoutRequest } from '../../functions/orders/payouts/payout-provider';
import { submitPayout } from '../../functions/orders/payouts/submit-payout';
import {
  findOrder,
  findOrderWithTimeline,
  orderKey,
  type OrderStore,
} from '../../functions/orders/repositories/order-repository';
import {
  confirmOrderPayout,
  findPayoutInstruction,
  payoutOutboxKey,
  PayoutInstructionMismatch,
  syncConfirmedPayouts,
} from '../../functions/orders/repositories/payout-repository';
import { buildOrder } from '../support/orders/order-fixture';
import { eventually, suiteStack } from './support/api-client';
import { connectStackTable } from './support/stack-table';

const { endpoints, credentials } = suiteStack();
let store: OrderStore;
const now = () => new Date('2026-09-01T10:00:00.000Z');

beforeAll(() => {
  store = connectStackTable(endpoints);
});

afterAll(() => store.db.destroy());

/** An order item as the settle step leaves it, written straight to the table. */
async function putOrder(orderId: string, payouts?: OrderPayout[]): Promise<void> {
  const order = buildOrder({
    orderId,
    status: 'SETTLING',
    ...(payouts
      ? {
          settlement: {
            outcome: 'CLAIM_ACCEPTED',
            refunded: 10_000,
            released: 40_000,
            settledAt: now().toISOString(),
            payouts,
          },
        }
      : {}),
  });
  await store.db.send(
    new PutCommand({ TableName: store.tableName, Item: { ...orderKey(orderId), entity: 'ORDER', ...order } }),
  );
}

function payoutRequest(
  orderId: string,
  step = 'release:settlement',
  change: Partial<PayoutRequest> = {},
): PayoutRequest {
  return {
    idempotencyKey: movementKey(orderId, step),
    orderId,
    beneficiary: { role: 'SUPPLIER', partyId: 'party_supplier' },
    amount: 40_000,
    currency: 'USD',
    reference: `TrustFlow ${orderId}`,
    ...change,
  };
}

/** A provider that answers `status` and counts calls. */
function countingProvider(status: PayoutReceipt['status'] = 'PENDING') {
  const calls: PayoutRequest[] = [];
  const provider: PayoutProvider = {
    name: 'test',
    submitPayout: async (request) => {
      calls.push(request);
      return { provider: 'test', providerPayoutId: `po_${request.idempotencyKey}`, status };
    },
  };
  return { provider, calls };
}

async function timelineTypes(orderId: string): Promise<string[]> {
  return ((await findOrderWithTimeline(store, orderId))?.timeline ?? []).map((entry) => entry.type);
}

describe('payouts', () => {
  it('records the instruction and one PayoutRequested finance event, then the provider answer', async () => {
    // Prepare
    const orderId = generateId('order');
    const { provider, calls } = countingProvider();
    const request = payoutRequest(orderId);

    // Act
    const first = await submitPayout({ orders: store, provider, now }, request);
    const again = await submitPayout({ orders: store, provider, now }, request);

    // Assess
    expect(first).toEqual({
      movementKey: request.idempotencyKey,
      beneficiary: 'SUPPLIER',
      partyId: 'party_supplier',
      amount: 40_000,
      currency: 'USD',
      provider: 'test',
      providerPayoutId: `po_${request.idempotencyKey}`,
      status: 'PENDING',
      requestedAt: now().toISOString(),
    });
    expect(again).toEqual(first);
    expect(calls).toHaveLength(2); // the provider dedupes on the same Idempotency-Key
    expect(await findPayoutInstruction(store, orderId, request.idempotencyKey)).toMatchObject({
      status: 'PENDING',
      providerPayoutId: `po_${request.idempotencyKey}`,
    });
    const outbox = await store.db.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `ORDER#${orderId}`, ':prefix': 'OUTBOX#' },
        ConsistentRead: true,
      }),
    );
    expect(outbox.Items).toEqual([
      expect.objectContaining({
        ...payoutOutboxKey(orderId, request.idempotencyKey),
        entity: 'FINANCE_EVENT',
        detailType: 'PayoutRequested',
        detail: expect.objectContaining({ amount: 40_000, currency: 'USD', idempotencyKey: request.idempotencyKey }),
      }),
    ]);
  });

  it('refuses a key reused for another amount, before calling the provider', async () => {
    // Prepare
    const orderId = generateId('order');
    const { provider, calls } = countingProvider();
    await submitPayout({ orders: store, provider, now }, payoutRequest(orderId));

    // Act
    const reused = submitPayout({ orders: store, provider, now }, payoutRequest(orderId, undefined, { amount: 1 }));

    // Assess
    await expect(reused).rejects.toBeInstanceOf(PayoutInstructionMismatch);
    expect(calls).toHaveLength(1);
  });

  it('confirms a payout on the order, the instruction and the timeline, once', async () => {
    // Prepare
    const orderId = generateId('order');
    const release = payoutRequest(orderId);
    const refund = payoutRequest(orderId, 'refund:settlement', {
      beneficiary: { role: 'BUYER', partyId: 'party_buyer' },
      amount: 10_000,
    });
    const { provider } = countingProvider();
    const payouts = [
      await submitPayout({ orders: store, provider, now }, refund),
      await submitPayout({ orders: store, provider, now }, release),
    ];
    await putOrder(orderId, payouts);
    const confirmation = { status: 'PAID' as const, at: '2026-09-01T11:00:00.000Z', eventId: 'evt_1' };

    // Act
    const first = await confirmOrderPayout(store, orderId, release.idempotencyKey, confirmation);
    const second = await confirmOrderPayout(store, orderId, release.idempotencyKey, {
      ...confirmation,
      eventId: 'evt_2',
    });

    // Assess
    expect(first).toEqual({ outcome: 'CONFIRMED', status: 'PAID', onOrder: true });
    expect(second).toEqual({ outcome: 'ALREADY_CONFIRMED', status: 'PAID' });
    const order = await findOrder(store, orderId);
    expect(order?.settlement?.payouts.map((payout) => [payout.movementKey, payout.status])).toEqual([
      [refund.idempotencyKey, 'PENDING'],
      [release.idempotencyKey, 'PAID'],
    ]);
    expect(order?.settlement?.payouts[1]?.confirmedAt).toBe('2026-09-01T11:00:00.000Z');
    expect(await findPayoutInstruction(store, orderId, release.idempotencyKey)).toMatchObject({
      status: 'PAID',
      confirmedByEvent: 'evt_1',
    });
    expect(await timelineTypes(orderId)).toEqual(['PAYOUT_CONFIRMED']);
  });

  it('records a failure with its reason, and refuses a later contrary confirmation', async () => {
    // Prepare
    const orderId = generateId('order');
    const request = payoutRequest(orderId);
    await putOrder(orderId, [
      await submitPayout({ orders: store, provider: countingProvider().provider, now }, request),
    ]);

    // Act
    const failed = await confirmOrderPayout(store, orderId, request.idempotencyKey, {
      status: 'FAILED',
      at: '2026-09-01T11:00:00.000Z',
      eventId: 'evt_f',
      failureReason: 'account closed',
    });
    const paid = await confirmOrderPayout(store, orderId, request.idempotencyKey, {
      status: 'PAID',
      at: '2026-09-01T12:00:00.000Z',
      eventId: 'evt_p',
    });

    // Assess
    expect(failed).toMatchObject({ outcome: 'CONFIRMED', status: 'FAILED' });
    expect(paid).toEqual({ outcome: 'CONFLICT', status: 'FAILED' });
    expect((await findOrder(store, orderId))?.settlement?.payouts[0]).toMatchObject({
      status: 'FAILED',
      failureReason: 'account closed',
    });
    expect(await timelineTypes(orderId)).toEqual(['PAYOUT_FAILED']);
  });

  it('answers UNKNOWN_PAYOUT for a key never instructed, and PAYOUT_ID_MISMATCH for another provider id', async () => {
    // Prepare
    const orderId = generateId('order');
    const request = payoutRequest(orderId);
    await submitPayout({ orders: store, provider: countingProvider().provider, now }, request);
    const at = now().toISOString();

    // Act
    const unknown = await confirmOrderPayout(store, orderId, `${orderId}:nothing`, {
      status: 'PAID',
      at,
      eventId: 'e1',
    });
    const mismatch = await confirmOrderPayout(store, orderId, request.idempotencyKey, {
      status: 'PAID',
      at,
      eventId: 'e2',
      providerPayoutId: 'po_other',
    });

    // Assess
    expect(unknown).toEqual({ outcome: 'UNKNOWN_PAYOUT' });
    expect(mismatch).toEqual({ outcome: 'PAYOUT_ID_MISMATCH', providerPayoutId: `po_${request.idempotencyKey}` });
    expect((await findPayoutInstruction(store, orderId, request.idempotencyKey))?.status).toBe('PENDING');
  });

  it('keeps a confirmation that beat the settle step: submitPayout then returns PAID', async () => {
    // Prepare: the instruction is recorded, the provider's webhook arrives before its answer is stored
    const orderId = generateId('order');
    const request = payoutRequest(orderId);
    const provider: PayoutProvider = {
      name: 'test',
      submitPayout: async () => {
        await confirmOrderPayout(store, orderId, request.idempotencyKey, {
          status: 'PAID',
          at: '2026-09-01T10:00:01.000Z',
          eventId: 'evt_early',
          providerPayoutId: 'po_early',
        });
        return { provider: 'test', providerPayoutId: 'po_early', status: 'PENDING' };
      },
    };

    // Act
    const payout = await submitPayout({ orders: store, provider, now }, request);

    // Assess
    expect(payout).toMatchObject({
      status: 'PAID',
      providerPayoutId: 'po_early',
      confirmedAt: '2026-09-01T10:00:01.000Z',
    });
    expect(await findPayoutInstruction(store, orderId, request.idempotencyKey)).toMatchObject({
      status: 'PAID',
      provider: 'test',
    });
  });

  it('syncs a confirmation that came between submitPayout and the order storing its payouts', async () => {
    // Prepare
    const orderId = generateId('order');
    const request = payoutRequest(orderId);
    const pending = await submitPayout({ orders: store, provider: countingProvider().provider, now }, request);
    await confirmOrderPayout(store, orderId, request.idempotencyKey, {
      status: 'PAID',
      at: '2026-09-01T10:30:00.000Z',
      eventId: 'evt_between',
    });
    await putOrder(orderId, [pending]);

    // Act
    const synced = await syncConfirmedPayouts(store, orderId);
    const again = await syncConfirmedPayouts(store, orderId);

    // Assess
    expect([synced, again]).toEqual([1, 0]);
    expect((await findOrder(store, orderId))?.settlement?.payouts[0]).toMatchObject({
      status: 'PAID',
      confirmedAt: '2026-09-01T10:30:00.000Z',
    });
    expect(await timelineTypes(orderId)).toEqual(['PAYOUT_CONFIRMED']);
  });

  it('confirms two payouts of one order at the same time without losing either', async () => {
    // Prepare
    const orderId = generateId('order');
    const { provider } = countingProvider();
    const requests = [
      payoutRequest(orderId, 'refund:settlement', { beneficiary: { role: 'BUYER', partyId: 'b' }, amount: 10_000 }),
      payoutRequest(orderId),
    ];
    await putOrder(orderId, await Promise.all(requests.map((r) => submitPayout({ orders: store, provider, now }, r))));

    // Act
    const outcomes = await Promise.all(
      requests.map((r, i) =>
        confirmOrderPayout(store, orderId, r.idempotencyKey, {
          status: 'PAID',
          at: now().toISOString(),
          eventId: `e${i}`,
        }),
      ),
    );

    // Assess
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual(['CONFIRMED', 'CONFIRMED']);
    expect((await findOrder(store, orderId))?.settlement?.payouts.map((payout) => payout.status)).toEqual([
      'PAID',
      'PAID',
    ]);
  });

  it('pays out through the local payout provider, whose signed webhook confirms the payout on the order', async () => {
    // Prepare
    const local = (credentials as unknown as { payoutProvider: { url: string; apiKey: string } }).payoutProvider;
    const provider = createHttpPayoutProvider({ name: 'local', baseUrl: local.url, apiKey: local.apiKey });
    const orderId = generateId('order');
    const request = payoutRequest(orderId);
    await putOrder(orderId, []);

    // Act
    const payout = await submitPayout({ orders: store, provider, now }, request);
    await store.db.send(
      new PutCommand({
        TableName: store.tableName,
        Item: {
          ...((await store.db.send(new GetCommand({ TableName: store.tableName, Key: orderKey(orderId) }))).Item ?? {}),
          settlement: {
            outcome: 'NO_CLAIM',
            refunded: 0,
            released: 40_000,
            settledAt: now().toISOString(),
            payouts: [payout],
          },
        },
      }),
    );
    await syncConfirmedPayouts(store, orderId);

    // Assess
    expect(payout).toMatchObject({ provider: 'local', providerPayoutId: expect.stringMatching(/^po_/) });
    const confirmed = await eventually(
      async () => (await findOrder(store, orderId))?.settlement?.payouts[0],
      (found) => found?.status === 'PAID',
    );
    expect(confirmed).toMatchObject({ status: 'PAID', providerPayoutId: payout.providerPayoutId });
    expect(await timelineTypes(orderId)).toEqual(['PAYOUT_CONFIRMED']);
  });
});
