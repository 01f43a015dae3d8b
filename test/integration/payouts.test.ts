import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { generateId } from '../../functions/commons/ids';
import { movementKey } from '../../functions/orders/ledger/ledger-model';
import type { OrderPayout } from '../../functions/orders/models/order';
import { createHttpPayoutProvider } from '../../functions/orders/payouts/http-payout-provider';
import type { PayoutRequest } from '../../functions/orders/payouts/payout-provider';
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
import type {
  ConfirmationMode,
  LocalPayout,
  PayoutDecision,
} from '../../infra/local/payout-provider/payout-provider-server';
import { buildOrder } from '../support/orders/order-fixture';
import { eventually, suiteStack, type DevCredentials } from './support/api-client';
import { connectStackTable } from './support/stack-table';

/*
 * Payouts through the stack's own local payout provider (infra/local/payout-provider/), spoken to over HTTP
 * by `createHttpPayoutProvider` as the settle step speaks to the real one. What the provider received is
 * read from its side (`GET /_local/payouts`); how it confirms an order's payouts is set per order
 * (`POST /_local/confirmations`, `POST /_local/payouts/{id}/confirm`), so that the suite's other files,
 * which share the stack, keep the default.
 */

/** dev-credentials.json, with the local payout provider the stack started. */
type Credentials = DevCredentials & { payoutProvider: { url: string; apiKey: string } };

const { endpoints, credentials } = suiteStack();
const local = (credentials as Credentials).payoutProvider;
const provider = createHttpPayoutProvider({ name: 'local', baseUrl: local.url, apiKey: local.apiKey });
let store: OrderStore;
const now = () => new Date('2026-09-01T10:00:00.000Z');

beforeAll(() => {
  store = connectStackTable(endpoints);
});

afterAll(() => store.db.destroy());

/** Calls a `/_local` route of the local payout provider; any answer but 200 fails the test. */
async function callProvider<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${local.url}${route}`, {
    method,
    headers: { Authorization: `Bearer ${local.apiKey}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${method} ${route} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Every payout the provider holds for the order, with the requests its key brought. */
async function payoutsAtProvider(orderId: string): Promise<LocalPayout[]> {
  const route = `/_local/payouts?orderId=${encodeURIComponent(orderId)}`;
  return (await callProvider<{ payouts: LocalPayout[] }>('GET', route)).payouts;
}

/** How the provider confirms the order's payouts from now on (`hold`: only by {@link confirmAtProvider}). */
async function confirmPayoutsOf(orderId: string, mode: ConfirmationMode): Promise<void> {
  await callProvider('POST', '/_local/confirmations', { orderId, mode });
}

/** The provider pays (or fails) a held payout now; resolves once TrustFlow answered its signed webhook. */
function confirmAtProvider(
  payoutId: string,
  decision: { status: PayoutDecision['status']; failureReason?: string } = { status: 'paid' },
): Promise<LocalPayout> {
  return callProvider<LocalPayout>('POST', `/_local/payouts/${encodeURIComponent(payoutId)}/confirm`, decision);
}

/** TrustFlow's answer to the provider's last webhook attempt. */
function webhookAnswerOf(payout: LocalPayout): unknown {
  return JSON.parse(payout.webhook.lastAnswer ?? 'null');
}

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

async function timelineTypes(orderId: string): Promise<string[]> {
  return ((await findOrderWithTimeline(store, orderId))?.timeline ?? []).map((entry) => entry.type);
}

describe('payouts', () => {
  it('records the instruction and one PayoutRequested finance event, then the provider answer', async () => {
    // Prepare: the provider keeps the payout pending, so that both calls get its first answer
    const orderId = generateId('order');
    const request = payoutRequest(orderId);
    await confirmPayoutsOf(orderId, 'hold');

    // Act
    const first = await submitPayout({ orders: store, provider, now }, request);
    const again = await submitPayout({ orders: store, provider, now }, request);

    // Assess
    const atProvider = await payoutsAtProvider(orderId);
    // the provider dedupes on the same Idempotency-Key: it was asked twice and holds one payout
    expect(atProvider).toEqual([
      expect.objectContaining({
        idempotencyKey: request.idempotencyKey,
        status: 'pending',
        requests: 2,
        conflicts: 0,
        request: {
          amount: 40_000,
          currency: 'USD',
          beneficiary: { role: 'SUPPLIER', partyId: 'party_supplier' },
          reference: `TrustFlow ${orderId}`,
          metadata: { orderId, idempotencyKey: request.idempotencyKey },
        },
      }),
    ]);
    expect(first).toEqual({
      movementKey: request.idempotencyKey,
      beneficiary: 'SUPPLIER',
      partyId: 'party_supplier',
      amount: 40_000,
      currency: 'USD',
      provider: 'local',
      providerPayoutId: atProvider[0]!.id,
      status: 'PENDING',
      requestedAt: now().toISOString(),
    });
    expect(again).toEqual(first);
    expect(await findPayoutInstruction(store, orderId, request.idempotencyKey)).toMatchObject({
      status: 'PENDING',
      providerPayoutId: atProvider[0]!.id,
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
    await confirmPayoutsOf(orderId, 'hold');
    await submitPayout({ orders: store, provider, now }, payoutRequest(orderId));

    // Act
    const reused = submitPayout({ orders: store, provider, now }, payoutRequest(orderId, undefined, { amount: 1 }));

    // Assess
    await expect(reused).rejects.toBeInstanceOf(PayoutInstructionMismatch);
    // the provider heard only the first request: the second neither made a payout nor reached it as a conflict
    expect(await payoutsAtProvider(orderId)).toEqual([
      expect.objectContaining({
        idempotencyKey: movementKey(orderId, 'release:settlement'),
        request: expect.objectContaining({ amount: 40_000 }),
        requests: 1,
        conflicts: 0,
      }),
    ]);
  });

  it('confirms a payout on the order, the instruction and the timeline, once', async () => {
    // Prepare
    const orderId = generateId('order');
    const release = payoutRequest(orderId);
    const refund = payoutRequest(orderId, 'refund:settlement', {
      beneficiary: { role: 'BUYER', partyId: 'party_buyer' },
      amount: 10_000,
    });
    await confirmPayoutsOf(orderId, 'hold');
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
    // one payout per movement at the provider, each asked for once, the ones the order names
    const atProvider = await payoutsAtProvider(orderId);
    expect(atProvider.map((payout) => [payout.idempotencyKey, payout.id, payout.requests])).toEqual([
      [refund.idempotencyKey, payouts[0]!.providerPayoutId, 1],
      [release.idempotencyKey, payouts[1]!.providerPayoutId, 1],
    ]);
  });

  it('records a failure with its reason, and refuses a later contrary confirmation', async () => {
    // Prepare
    const orderId = generateId('order');
    const request = payoutRequest(orderId);
    await confirmPayoutsOf(orderId, 'hold');
    const pending = await submitPayout({ orders: store, provider, now }, request);
    await putOrder(orderId, [pending]);

    // Act: the provider fails the payout and says so with its signed payout.failed
    const failed = await confirmAtProvider(pending.providerPayoutId, {
      status: 'failed',
      failureReason: 'account closed',
    });
    const paid = await confirmOrderPayout(store, orderId, request.idempotencyKey, {
      status: 'PAID',
      at: '2026-09-01T12:00:00.000Z',
      eventId: 'evt_p',
    });

    // Assess
    expect(failed).toMatchObject({ status: 'failed', failure_reason: 'account closed', webhook: { lastStatus: 200 } });
    // ACCEPTED: the event confirmed the payout (an already confirmed one answers DUPLICATE)
    expect(webhookAnswerOf(failed)).toEqual({ status: 'ACCEPTED', eventId: `evt_${pending.providerPayoutId}_failed` });
    expect(paid).toEqual({ outcome: 'CONFLICT', status: 'FAILED' });
    expect(await findPayoutInstruction(store, orderId, request.idempotencyKey)).toMatchObject({
      status: 'FAILED',
      failureReason: 'account closed',
      confirmedByEvent: `evt_${pending.providerPayoutId}_failed`,
    });
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
    await confirmPayoutsOf(orderId, 'hold');
    const pending = await submitPayout({ orders: store, provider, now }, request);
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
    const atProvider = await payoutsAtProvider(orderId);
    expect(atProvider).toEqual([
      expect.objectContaining({ id: pending.providerPayoutId, idempotencyKey: request.idempotencyKey }),
    ]);
    expect(unknown).toEqual({ outcome: 'UNKNOWN_PAYOUT' });
    expect(mismatch).toEqual({ outcome: 'PAYOUT_ID_MISMATCH', providerPayoutId: atProvider[0]!.id });
    expect((await findPayoutInstruction(store, orderId, request.idempotencyKey))?.status).toBe('PENDING');
  });

  it('keeps a confirmation that beat the settle step: submitPayout then returns PAID', async () => {
    // Prepare: the settle step asked once and recorded the provider's pending answer; as its retry asks again,
    // the provider's signed payout.paid reaches TrustFlow before the answer (which still says pending) does
    const orderId = generateId('order');
    const request = payoutRequest(orderId);
    await putOrder(orderId);
    await confirmPayoutsOf(orderId, 'hold');
    const firstAttempt = await submitPayout({ orders: store, provider, now }, request);
    await confirmPayoutsOf(orderId, 'beforeAnswer');

    // Act
    const payout = await submitPayout({ orders: store, provider, now }, request);

    // Assess
    const [atProvider, ...others] = await payoutsAtProvider(orderId);
    expect(others).toEqual([]);
    expect(firstAttempt).toMatchObject({ status: 'PENDING', providerPayoutId: atProvider!.id });
    // asked twice, one payout, confirmed by one webhook that TrustFlow accepted before the answer came
    expect(atProvider).toMatchObject({ status: 'paid', requests: 2, webhook: { attempts: 1, lastStatus: 200 } });
    expect(webhookAnswerOf(atProvider!)).toEqual({ status: 'ACCEPTED', eventId: `evt_${atProvider!.id}_paid` });
    const instruction = await findPayoutInstruction(store, orderId, request.idempotencyKey);
    expect(instruction).toMatchObject({
      status: 'PAID',
      provider: 'local',
      providerPayoutId: atProvider!.id,
      confirmedByEvent: `evt_${atProvider!.id}_paid`,
      confirmedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(payout).toMatchObject({
      status: 'PAID',
      providerPayoutId: atProvider!.id,
      confirmedAt: instruction!.confirmedAt,
    });
  });

  it('refuses a confirmation that overtakes the first answer until the answer is recorded, then takes its retry', async () => {
    // Prepare: the provider's signed payout.paid reaches TrustFlow before its answer to the first request does
    const orderId = generateId('order');
    const request = payoutRequest(orderId);
    await putOrder(orderId);
    await confirmPayoutsOf(orderId, 'beforeAnswer');

    // Act
    const payout = await submitPayout({ orders: store, provider, now }, request);
    const confirmed = await eventually(
      () => findPayoutInstruction(store, orderId, request.idempotencyKey),
      (found) => found?.status === 'PAID',
    );

    // Assess
    expect(payout).toMatchObject({ status: 'PENDING', providerPayoutId: expect.stringMatching(/^po_/) });
    expect(confirmed).toMatchObject({
      status: 'PAID',
      provider: 'local',
      providerPayoutId: payout.providerPayoutId,
      confirmedByEvent: `evt_${payout.providerPayoutId}_paid`,
    });
    const [atProvider] = await eventually(
      () => payoutsAtProvider(orderId),
      ([found]) => found?.webhook.deliveredAt !== undefined,
    );
    // its first attempt was refused as retryable (the answer not yet recorded), its second accepted
    expect(atProvider).toMatchObject({
      id: payout.providerPayoutId,
      requests: 1,
      webhook: { attempts: 2, lastStatus: 200, lastError: expect.stringMatching(/^503 .*PAYOUT_NOT_YET_RECORDED/) },
    });
    expect(webhookAnswerOf(atProvider!)).toEqual({
      status: 'ACCEPTED',
      eventId: `evt_${payout.providerPayoutId}_paid`,
    });
  });

  it('syncs a confirmation that came between submitPayout and the order storing its payouts', async () => {
    // Prepare: the provider pays and confirms after its pending answer, before the settle step stores it
    const orderId = generateId('order');
    const request = payoutRequest(orderId);
    await putOrder(orderId);
    await confirmPayoutsOf(orderId, 'hold');
    const pending = await submitPayout({ orders: store, provider, now }, request);
    const confirmed = await confirmAtProvider(pending.providerPayoutId);
    await putOrder(orderId, [pending]);

    // Act
    const synced = await syncConfirmedPayouts(store, orderId);
    const again = await syncConfirmedPayouts(store, orderId);

    // Assess
    expect(webhookAnswerOf(confirmed)).toEqual({ status: 'ACCEPTED', eventId: `evt_${pending.providerPayoutId}_paid` });
    expect([synced, again]).toEqual([1, 0]);
    const instruction = await findPayoutInstruction(store, orderId, request.idempotencyKey);
    expect(instruction).toMatchObject({
      status: 'PAID',
      confirmedByEvent: `evt_${pending.providerPayoutId}_paid`,
      confirmedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect((await findOrder(store, orderId))?.settlement?.payouts[0]).toMatchObject({
      status: 'PAID',
      confirmedAt: instruction!.confirmedAt,
    });
    expect(await timelineTypes(orderId)).toEqual(['PAYOUT_CONFIRMED']);
  });

  it('confirms two payouts of one order at the same time without losing either', async () => {
    // Prepare
    const orderId = generateId('order');
    const requests = [
      payoutRequest(orderId, 'refund:settlement', { beneficiary: { role: 'BUYER', partyId: 'b' }, amount: 10_000 }),
      payoutRequest(orderId),
    ];
    await confirmPayoutsOf(orderId, 'hold');
    const payouts = await Promise.all(requests.map((r) => submitPayout({ orders: store, provider, now }, r)));
    await putOrder(orderId, payouts);

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
    // the two concurrent submissions made two payouts at the provider, one per key, each asked for once
    const atProvider = await payoutsAtProvider(orderId);
    expect(atProvider.map((payout) => [payout.idempotencyKey, payout.id, payout.requests]).sort()).toEqual(
      requests.map((r, i) => [r.idempotencyKey, payouts[i]!.providerPayoutId, 1]).sort(),
    );
  });

  it('pays out through the local payout provider, whose signed webhook confirms the payout on the order', async () => {
    // Prepare
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
    expect(await payoutsAtProvider(orderId)).toEqual([
      expect.objectContaining({ id: payout.providerPayoutId, status: 'paid', requests: 1 }),
    ]);
  });
});
