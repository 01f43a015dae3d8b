import { checkOrderLedger } from '../../../../functions/orders/ledger/check-ledger-invariants';
import {
  applyMovement,
  buildMovement,
  movementKey,
  type EscrowBalance,
  type LedgerEntry,
  type LedgerMovement,
  type MovementInput,
} from '../../../../functions/orders/ledger/ledger-model';
import type { OrderLedger } from '../../../../functions/orders/ledger/ledger-repository';

type Step = Pick<MovementInput, 'kind' | 'amount' | 'at'> & { step: string };

/** A sound ledger built the way the repository writes one. */
function ledgerOf(steps: Step[]): OrderLedger {
  const movements: LedgerMovement[] = [];
  const entries: LedgerEntry[] = [];
  let balance: EscrowBalance | undefined;
  for (const { step, ...fields } of steps) {
    const record = buildMovement({
      orderId: 'order_1',
      partyId: fields.kind === 'RELEASE' ? 'party_supplier' : 'party_buyer',
      currency: 'USD',
      idempotencyKey: movementKey('order_1', step),
      reason: step,
      ...fields,
    });
    movements.push(record.movement);
    entries.push(...record.entries);
    balance = applyMovement(balance, record.movement);
  }
  return { orderId: 'order_1', movements, entries, balance };
}

const paidRefundedReleased: Step[] = [
  { step: 'payment:evt_1', kind: 'PAYMENT', amount: 10_000, at: '2026-03-01T10:00:00.000Z' },
  { step: 'refund:claim_1', kind: 'REFUND', amount: 4_000, at: '2026-03-20T10:00:00.000Z' },
  { step: 'release:claim_1', kind: 'RELEASE', amount: 6_000, at: '2026-03-20T10:00:01.000Z' },
];

describe('checkOrderLedger', () => {
  it('finds nothing wrong with a ledger written by the rules', () => {
    expect(checkOrderLedger(ledgerOf(paidRefundedReleased))).toEqual([]);
    expect(checkOrderLedger({ orderId: 'order_1', movements: [], entries: [], balance: undefined })).toEqual([]);
  });

  it('detects a tampered entry', () => {
    // Prepare: the buyer's credit of the refund is raised by one cent
    const ledger = ledgerOf(paidRefundedReleased);
    ledger.entries = ledger.entries.map((entry) =>
      entry.idempotencyKey === 'order_1:refund:claim_1' && entry.side === 'DEBIT'
        ? { ...entry, amount: entry.amount + 1 }
        : entry,
    );

    // Act
    const violations = checkOrderLedger(ledger);

    // Assess
    expect(violations.map((violation) => violation.rule).sort()).toEqual([
      'ENTRIES_MATCH_MOVEMENT',
      'ENTRIES_SUM_TO_ZERO',
    ]);
    expect(violations).toContainEqual(
      expect.objectContaining({ orderId: 'order_1', detail: 'entries of order_1:refund:claim_1 sum to 1' }),
    );
  });

  it('detects a tampered escrow entry through the balance as well', () => {
    // Prepare: the escrow side of the release says 5 000 left instead of 6 000
    const ledger = ledgerOf(paidRefundedReleased);
    ledger.entries = ledger.entries.map((entry) =>
      entry.idempotencyKey === 'order_1:release:claim_1' && entry.account === 'ESCROW:order_1'
        ? { ...entry, amount: -5_000 }
        : entry,
    );

    // Act
    const violations = checkOrderLedger(ledger);

    // Assess
    expect(violations).toContainEqual({
      orderId: 'order_1',
      rule: 'BALANCE_MATCHES_ENTRIES',
      detail: 'released is 6000, entries say 5000; held is 0, entries say 1000',
    });
  });

  it('detects a balance item that drifted from the entries', () => {
    const ledger = ledgerOf(paidRefundedReleased.slice(0, 1));
    ledger.balance = { ...ledger.balance!, paid: 12_000, held: 12_000 };

    expect(checkOrderLedger(ledger)).toEqual([
      {
        orderId: 'order_1',
        rule: 'BALANCE_MATCHES_ENTRIES',
        detail: 'paid is 12000, entries say 10000; held is 12000, entries say 10000',
      },
    ]);
  });

  it('detects a missing entry and an entry without a movement', () => {
    // Prepare
    const ledger = ledgerOf(paidRefundedReleased.slice(0, 1));
    const [debit] = ledger.entries;
    ledger.entries = [{ ...debit!, idempotencyKey: 'order_1:payment:ghost' }, ledger.entries[1]!];

    // Act
    const details = checkOrderLedger(ledger).map((violation) => `${violation.rule}: ${violation.detail}`);

    // Assess
    expect(details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ENTRIES_MATCH_MOVEMENT: order_1:payment:evt_1 .*has entries/),
        'ENTRIES_MATCH_MOVEMENT: 1 entries of order_1:payment:ghost have no movement',
        'ENTRIES_SUM_TO_ZERO: entries of order_1:payment:evt_1 sum to -10000',
      ]),
    );
  });

  it('detects escrow going negative along the way even when the end balance is sound', () => {
    // Prepare: the release was recorded before the payment that covers it
    const ledger = ledgerOf([
      { step: 'release:early', kind: 'RELEASE', amount: 1_000, at: '2026-03-01T09:00:00.000Z' },
      { step: 'payment:evt_1', kind: 'PAYMENT', amount: 1_000, at: '2026-03-01T10:00:00.000Z' },
    ]);

    // Act
    const violations = checkOrderLedger(ledger);

    // Assess
    expect(violations).toEqual([
      {
        orderId: 'order_1',
        rule: 'ESCROW_NOT_NEGATIVE',
        detail: 'escrow holds -1000 after order_1:release:early at 2026-03-01T09:00:00.000Z',
      },
    ]);
  });

  it('detects a negative balance item', () => {
    const ledger = ledgerOf([{ step: 'release:x', kind: 'RELEASE', amount: 500, at: '2026-03-01T09:00:00.000Z' }]);

    expect(checkOrderLedger(ledger).map((violation) => violation.rule)).toEqual([
      'ESCROW_NOT_NEGATIVE',
      'ESCROW_NOT_NEGATIVE',
    ]);
  });

  it('accepts frozen money on a FROZEN order, and flags frozen escrow on an order in any other status', () => {
    // Prepare: paid 10 000 and refunded 4 000; 6 000 left, marked frozen
    const ledger = ledgerOf(paidRefundedReleased.slice(0, 2));
    const frozenLedger = {
      ...ledger,
      balance: { ...ledger.balance!, frozen: { since: '2026-03-02T00:00:00.000Z', reason: 'held' } },
    };

    // Act
    const onFrozenOrder = checkOrderLedger(frozenLedger, { status: 'FROZEN' });
    const onSettlingOrder = checkOrderLedger(frozenLedger, { status: 'SETTLING' });

    // Assess
    expect(onFrozenOrder).toEqual([]);
    expect(onSettlingOrder).toEqual([
      {
        orderId: 'order_1',
        rule: 'FROZEN_ESCROW_ON_FROZEN_ORDER',
        detail: 'escrow is frozen since 2026-03-02T00:00:00.000Z but the order is SETTLING',
      },
    ]);
  });

  it('detects money left in escrow on an order in a final status', () => {
    // Prepare: paid 10 000, refunded 4 000, 6 000 never released
    const ledger = ledgerOf(paidRefundedReleased.slice(0, 2));

    // Act
    const completed = checkOrderLedger(ledger, { status: 'COMPLETED' });
    const cancelled = checkOrderLedger(ledger, { status: 'CANCELLED' });
    const refunded = checkOrderLedger(ledger, { status: 'REFUNDED' });

    // Assess
    expect(completed).toEqual([
      {
        orderId: 'order_1',
        rule: 'FINAL_ORDER_HOLDS_NOTHING',
        detail: 'order is COMPLETED but escrow still holds 6000 USD',
      },
    ]);
    expect(cancelled.map((violation) => violation.rule)).toEqual(['FINAL_ORDER_HOLDS_NOTHING']);
    expect(refunded.map((violation) => violation.rule)).toEqual(['FINAL_ORDER_HOLDS_NOTHING']);
  });

  it('lets an open order hold escrow, and a final one that holds nothing pass', () => {
    // Prepare
    const open = ledgerOf(paidRefundedReleased.slice(0, 2));
    const settled = ledgerOf(paidRefundedReleased);

    // Act
    const violations = [
      ...checkOrderLedger(open, { status: 'AWAITING_SHIPMENT' }),
      ...checkOrderLedger(open),
      ...checkOrderLedger(settled, { status: 'COMPLETED' }),
      ...checkOrderLedger(
        { orderId: 'order_1', movements: [], entries: [], balance: undefined },
        { status: 'CANCELLED' },
      ),
    ];

    // Assess
    expect(violations).toEqual([]);
  });
});
