import { checkLedgerInvariants } from '../../functions/orders/ledger/check-ledger-invariants';
import {
  isRefusal,
  movementKey,
  type LedgerRefusal,
  type MovementOutcome,
} from '../../functions/orders/ledger/ledger-model';
import {
  findEscrowBalance,
  freezeEscrowUpdate,
  listOrderMovements,
  readOrderLedger,
  recordPayment,
  recordRefund,
  recordRelease,
  type LedgerStore,
  type MovementRequest,
  unfreezeEscrowUpdate,
} from '../../functions/orders/ledger/ledger-repository';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { generateId } from '../../functions/commons/ids';
import { suiteStack } from './support/api-client';
import { connectStackTable } from './support/stack-table';

const { endpoints } = suiteStack();
let store: LedgerStore;
/** Orders touched by the test in progress; their invariants are checked after it. */
let touched: string[];

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

/** A fresh order and requests for its movements. */
function newOrder() {
  const orderId = generateId('order');
  touched.push(orderId);
  let second = 0;
  const request = (step: string, amount: number, partyId = 'party_buyer', currency = 'USD'): MovementRequest => ({
    orderId,
    partyId,
    amount,
    currency,
    idempotencyKey: movementKey(orderId, step),
    reason: step,
    at: new Date(Date.UTC(2026, 2, 1, 10, 0, second++)).toISOString(),
  });
  return { orderId, request };
}

function amountOf(outcome: MovementOutcome): number {
  if (isRefusal(outcome)) throw new Error(`refused: ${outcome.refused} ${outcome.detail}`);
  return outcome.movement.amount;
}

describe('escrow ledger', () => {
  it('records a payment then a release of everything paid', async () => {
    // Prepare
    const { orderId, request } = newOrder();

    // Act
    const paid = await recordPayment(store, request('payment:evt_1', 10_000));
    const released = await recordRelease(store, request('release:claim-window-closed', 10_000, 'party_supplier'));

    // Assess
    expect(paid).toMatchObject({ replayed: false, movement: { kind: 'PAYMENT', to: `ESCROW:${orderId}` } });
    expect(released).toMatchObject({ replayed: false, movement: { kind: 'RELEASE', to: 'SUPPLIER:party_supplier' } });
    expect(await findEscrowBalance(store, orderId)).toEqual({
      orderId,
      currency: 'USD',
      paid: 10_000,
      refunded: 0,
      released: 10_000,
      held: 0,
    });
    const movements = await listOrderMovements(store, orderId);
    expect(movements.map((movement) => [movement.kind, movement.amount])).toEqual([
      ['PAYMENT', 10_000],
      ['RELEASE', 10_000],
    ]);
  });

  it('records a payment, a partial refund and the release of the remainder', async () => {
    // Prepare
    const { orderId, request } = newOrder();
    await recordPayment(store, request('payment:evt_1', 10_000));

    // Act
    const refund = await recordRefund(store, request('refund:claim_1', 3_500), 8_000);
    const release = await recordRelease(store, request('release:claim_1', 6_500, 'party_supplier'));
    const more = await recordRelease(store, request('release:extra', 1, 'party_supplier'));

    // Assess
    expect(amountOf(refund)).toBe(3_500);
    expect(amountOf(release)).toBe(6_500);
    expect(more).toEqual({
      refused: 'EXCEEDS_ESCROW',
      detail: 'release of USD 0.01 exceeds the USD 0.00 held in escrow',
    });
    const ledger = await readOrderLedger(store, orderId);
    expect(ledger.balance).toMatchObject({ paid: 10_000, refunded: 3_500, released: 6_500, held: 0 });
    expect(ledger.movements).toHaveLength(3);
    expect(ledger.entries).toHaveLength(6);
  });

  it('moves money once when a movement is replayed with the same key', async () => {
    // Prepare
    const { orderId, request } = newOrder();
    await recordPayment(store, request('payment:evt_1', 10_000));
    const refund = request('refund:ship-by-missed', 10_000);

    // Act: the first call, a sequential retry, concurrent duplicates, and a retry sent later with another time
    const first = await recordRefund(store, refund, 10_000);
    const again = await recordRefund(store, refund, 10_000);
    const duplicates = await Promise.all([1, 2, 3].map(() => recordRefund(store, refund, 10_000)));
    const later = await recordRefund(store, { ...refund, at: '2026-04-01T00:00:00.000Z' }, 10_000);
    const paymentAgain = await recordPayment(store, request('payment:evt_1', 10_000));

    // Assess: every replay answers with the first movement, not a refusal, although escrow is empty now
    expect(first).toMatchObject({ replayed: false });
    for (const replay of [again, ...duplicates, later]) {
      expect(replay).toEqual({ movement: (first as { movement: unknown }).movement, replayed: true });
    }
    expect(paymentAgain).toMatchObject({ replayed: true, movement: { amount: 10_000 } });
    expect(await findEscrowBalance(store, orderId)).toMatchObject({ paid: 10_000, refunded: 10_000, held: 0 });
    expect(await listOrderMovements(store, orderId)).toHaveLength(2);
  });

  it('never refunds beyond the limit when 20 refunds race', async () => {
    // Prepare: 10 000 paid, 6 000 covered; 20 refunds of 500 (10 000 in all) at once
    const { orderId, request } = newOrder();
    await recordPayment(store, request('payment:evt_1', 10_000));
    const refunds = Array.from({ length: 20 }, (_, index) => request(`refund:claim_${index}`, 500));

    // Act
    const outcomes = await Promise.allSettled(refunds.map((refund) => recordRefund(store, refund, 6_000)));

    // Assess
    const answered = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    const recorded = answered.filter((outcome) => !isRefusal(outcome));
    const refused = answered.filter(isRefusal);
    expect(recorded).toHaveLength(12);
    expect(new Set(refused.map((refusal: LedgerRefusal) => refusal.refused))).toEqual(
      new Set(['EXCEEDS_REFUND_LIMIT']),
    );
    expect(await findEscrowBalance(store, orderId)).toMatchObject({ paid: 10_000, refunded: 6_000, held: 4_000 });
    expect(await listOrderMovements(store, orderId)).toHaveLength(13);
  });

  it('refuses a refund above min(covered, paid) and writes nothing', async () => {
    // Prepare: 8 000 covered, but only a 5 000 deposit paid
    const { orderId, request } = newOrder();
    await recordPayment(store, request('payment:deposit', 5_000));

    // Act
    const refused = await recordRefund(store, request('refund:ship-by-missed', 5_001), 8_000);
    const allowed = await recordRefund(store, request('refund:ship-by-missed-2', 5_000), 8_000);

    // Assess
    expect(refused).toEqual({
      refused: 'EXCEEDS_REFUND_LIMIT',
      detail:
        'refund of USD 50.01 exceeds the USD 50.00 still refundable (the least of the refund limit USD 80.00 ' +
        'and the USD 50.00 paid, less the USD 0.00 refunded)',
    });
    expect(amountOf(allowed)).toBe(5_000);
    const ledger = await readOrderLedger(store, orderId);
    expect(ledger.movements.map((movement) => movement.idempotencyKey)).not.toContain(
      movementKey(orderId, 'refund:ship-by-missed'),
    );
    expect(ledger.entries).toHaveLength(4);
  });

  it('refuses a release beyond escrow, also before any payment', async () => {
    // Prepare
    const { orderId, request } = newOrder();
    const early = await recordRelease(store, request('release:early', 1, 'party_supplier'));
    await recordPayment(store, request('payment:evt_1', 10_000));
    await recordRefund(store, request('refund:claim_1', 2_000), 10_000);

    // Act
    const refused = await recordRelease(store, request('release:claim_1', 8_001, 'party_supplier'));

    // Assess
    expect(early).toEqual({
      refused: 'EXCEEDS_ESCROW',
      detail: 'release of USD 0.01 exceeds the USD 0.00 held in escrow',
    });
    expect(refused).toEqual({
      refused: 'EXCEEDS_ESCROW',
      detail: 'release of USD 80.01 exceeds the USD 80.00 held in escrow',
    });
    expect(await findEscrowBalance(store, orderId)).toMatchObject({ released: 0, held: 8_000 });
    expect(await listOrderMovements(store, orderId)).toHaveLength(2);
  });

  it('refuses every refund and release while the escrow is frozen, and allows them once a decision unfreezes it', async () => {
    // Prepare
    const { orderId, request } = newOrder();
    await recordPayment(store, request('payment', 10_000));
    const freeze = { since: '2026-03-01T10:00:05.000Z', reason: 'the supplier party_s is SUSPENDED' };
    await store.db.send(new TransactWriteCommand({ TransactItems: [freezeEscrowUpdate(store, orderId, freeze)] }));

    // Act
    const refund = await recordRefund(store, request('refund', 4_000), 10_000);
    const release = await recordRelease(store, request('release', 6_000, 'party_supplier'));
    const frozen = await findEscrowBalance(store, orderId);
    const refreeze = store.db.send(
      new TransactWriteCommand({ TransactItems: [freezeEscrowUpdate(store, orderId, { ...freeze, reason: 'again' })] }),
    );
    await expect(refreeze).rejects.toThrow();
    await store.db.send(new TransactWriteCommand({ TransactItems: [unfreezeEscrowUpdate(store, orderId)] }));
    const afterDecision = await recordRefund(store, request('refund', 4_000), 10_000);

    // Assess
    expect(refund).toMatchObject({ refused: 'ESCROW_FROZEN', detail: expect.stringContaining('SUSPENDED') });
    expect(release).toMatchObject({ refused: 'ESCROW_FROZEN' });
    expect(frozen).toMatchObject({ paid: 10_000, held: 10_000, refunded: 0, released: 0, frozen: freeze });
    expect(amountOf(afterDecision)).toBe(4_000);
    expect(await findEscrowBalance(store, orderId)).not.toHaveProperty('frozen');
    expect((await listOrderMovements(store, orderId)).map((movement) => movement.kind)).toEqual(['PAYMENT', 'REFUND']);
  });

  it('refuses movements in another currency than the first payment', async () => {
    // Prepare
    const { orderId, request } = newOrder();
    await recordPayment(store, request('payment:evt_1', 10_000));

    // Act
    const payment = await recordPayment(store, request('payment:evt_2', 10_000, 'party_buyer', 'EUR'));
    const refund = await recordRefund(store, request('refund:claim_1', 100, 'party_buyer', 'EUR'), 10_000);
    const release = await recordRelease(store, request('release:claim_1', 100, 'party_supplier', 'EUR'));

    // Assess
    const detail = `order ${orderId} is in USD, the movement is in EUR`;
    for (const outcome of [payment, refund, release]) {
      expect(outcome).toEqual({ refused: 'CURRENCY_MISMATCH', detail });
    }
    expect(await findEscrowBalance(store, orderId)).toMatchObject({ currency: 'USD', paid: 10_000, held: 10_000 });
    expect(await listOrderMovements(store, orderId)).toHaveLength(1);
  });
});
