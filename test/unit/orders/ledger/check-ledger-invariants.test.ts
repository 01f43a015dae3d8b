import fc from 'fast-check';
import { checkOrderLedger } from '../../../../functions/orders/ledger/check-ledger-invariants';
import { overpaymentKey, overpaymentRefundKey } from '../../../../functions/orders/ledger/overpayment-keys';
import {
  applyMovement,
  assessMovement,
  buildMovement,
  movementKey,
  type EscrowBalance,
  type LedgerEntry,
  type LedgerMovement,
  type MovementInput,
} from '../../../../functions/orders/ledger/ledger-model';
import type { OrderLedger } from '../../../../functions/orders/ledger/ledger-repository';

type Step = Pick<MovementInput, 'kind' | 'amount' | 'at'> & { step: string; key?: string };

/** A sound ledger built the way the repository writes one. */
function ledgerOf(steps: Step[]): OrderLedger {
  const movements: LedgerMovement[] = [];
  const entries: LedgerEntry[] = [];
  let balance: EscrowBalance | undefined;
  for (const { step, key, ...fields } of steps) {
    const record = buildMovement({
      orderId: 'order_1',
      partyId: fields.kind === 'RELEASE' ? 'party_supplier' : 'party_buyer',
      currency: 'USD',
      idempotencyKey: key ?? movementKey('order_1', step),
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

  describe('overpayments', () => {
    const second = overpaymentKey('order_1', 'pay-1/evt_2');
    const overpaidAndRefunded: Step[] = [
      ...paidRefundedReleased.slice(0, 1),
      { step: 'overpayment', key: second, kind: 'OVERPAYMENT', amount: 10_000, at: '2026-03-01T10:05:00.000Z' },
      {
        step: 'overpayment-refund',
        key: overpaymentRefundKey(second),
        kind: 'OVERPAYMENT_REFUND',
        amount: 10_000,
        at: '2026-03-01T10:05:01.000Z',
      },
      ...paidRefundedReleased.slice(1),
    ];

    it('finds a ledger with an overpayment given back sound, on a completed order too', () => {
      expect(checkOrderLedger(ledgerOf(overpaidAndRefunded), { status: 'COMPLETED' })).toEqual([]);
    });

    it('flags a final order whose overpayment was never given back', () => {
      // Prepare: the order is settled, its overpayment still in escrow
      const ledger = ledgerOf(overpaidAndRefunded.filter((step) => step.kind !== 'OVERPAYMENT_REFUND'));

      // Act
      const violations = checkOrderLedger(ledger, { status: 'COMPLETED' });

      // Assess
      expect(violations).toEqual([
        {
          orderId: 'order_1',
          rule: 'FINAL_ORDER_HOLDS_NOTHING',
          detail: 'order is COMPLETED but escrow still holds 10000 USD (10000 of it overpaid, not yet refunded)',
        },
      ]);
    });

    it('flags an overpayment refund that gives back no overpayment, or another amount', () => {
      // Prepare
      const stray = ledgerOf([
        ...overpaidAndRefunded.slice(0, 2),
        {
          step: 'x',
          key: overpaymentRefundKey(overpaymentKey('order_1', 'pay-1/evt_9')),
          kind: 'OVERPAYMENT_REFUND',
          amount: 5_000,
          at: '2026-03-01T10:06:00.000Z',
        },
      ]);
      const partial = ledgerOf([...overpaidAndRefunded.slice(0, 2), { ...overpaidAndRefunded[2]!, amount: 4_000 }]);

      // Act
      const strayRules = checkOrderLedger(stray).map((violation) => violation.rule);
      const partialViolations = checkOrderLedger(partial);

      // Assess
      expect(strayRules).toEqual(['OVERPAYMENT_REFUND_MATCHES']);
      expect(partialViolations).toEqual([
        {
          orderId: 'order_1',
          rule: 'OVERPAYMENT_REFUND_MATCHES',
          detail: expect.stringMatching(
            /gives back 4000 USD to BUYER:party_buyer; .* took 10000 USD from BUYER:party_buyer/,
          ),
        },
      ]);
    });

    it('detects an overpayment balance that drifted from its entries', () => {
      // Prepare
      const ledger = ledgerOf(overpaidAndRefunded);
      ledger.balance = { ...ledger.balance!, overpaymentHeld: 1, overpaid: 10_001 };

      // Act
      const violations = checkOrderLedger(ledger);

      // Assess
      expect(violations).toEqual([
        {
          orderId: 'order_1',
          rule: 'BALANCE_MATCHES_ENTRIES',
          detail: 'overpaid is 10001, entries say 10000; overpaymentHeld is 1, entries say 0',
        },
      ]);
    });

    it('keeps every invariant over any sequence of movements the rules allow (property)', () => {
      type Try = { kind: MovementInput['kind']; amount: number; n: number };
      const tryArb: fc.Arbitrary<Try> = fc.record({
        kind: fc.constantFrom<MovementInput['kind']>(
          'PAYMENT',
          'OVERPAYMENT',
          'REFUND',
          'RELEASE',
          'OVERPAYMENT_REFUND',
        ),
        amount: fc.integer({ min: 1, max: 20_000 }),
        n: fc.integer({ min: 0, max: 3 }),
      });
      fc.assert(
        fc.property(fc.array(tryArb, { maxLength: 25 }), (tries) => {
          // Prepare: each try is recorded only if the ledger's rules allow it, as the repository does
          const steps: Step[] = [];
          let state: EscrowBalance | undefined;
          let paid = false;
          tries.forEach((attempt, index) => {
            const at = new Date(Date.UTC(2026, 2, 1, 10, 0, index)).toISOString();
            const key =
              attempt.kind === 'PAYMENT'
                ? movementKey('order_1', 'payment')
                : attempt.kind === 'OVERPAYMENT'
                  ? overpaymentKey('order_1', `pay-1/evt_${index}`)
                  : attempt.kind === 'OVERPAYMENT_REFUND'
                    ? overpaymentRefundKey(overpaymentKey('order_1', `pay-1/evt_${attempt.n}`))
                    : movementKey('order_1', `${attempt.kind.toLowerCase()}:${index}`);
            if (steps.some((step) => step.key === key)) return; // a replay records nothing
            if (attempt.kind === 'PAYMENT' && paid) return; // one payment per order
            if (attempt.kind === 'OVERPAYMENT' && !paid) return; // an overpayment follows the payment
            const overpayment = steps.find((step) => step.key === overpaymentKey('order_1', `pay-1/evt_${attempt.n}`));
            if (attempt.kind === 'OVERPAYMENT_REFUND' && !overpayment) return;
            const amount = attempt.kind === 'OVERPAYMENT_REFUND' ? overpayment!.amount : attempt.amount;
            const { movement } = buildMovement({
              orderId: 'order_1',
              kind: attempt.kind,
              partyId: attempt.kind === 'RELEASE' ? 'party_supplier' : 'party_buyer',
              amount,
              currency: 'USD',
              idempotencyKey: key,
              reason: 'property',
              at,
            });
            if (assessMovement(state, movement, 15_000)) return;
            state = applyMovement(state, movement);
            paid ||= attempt.kind === 'PAYMENT';
            steps.push({ step: 'property', key, kind: attempt.kind, amount, at });
          });

          // Act
          const ledger = ledgerOf(steps);

          // Assess
          expect(checkOrderLedger(ledger)).toEqual([]);
          expect(ledger.balance ?? state).toEqual(state);
          expect(state?.held ?? 0).toBeGreaterThanOrEqual(0);
          expect(state?.overpaymentHeld ?? 0).toBeGreaterThanOrEqual(0);
          // the order's own money never pays back an overpayment, nor an overpayment a settlement
          expect((state?.refunded ?? 0) + (state?.released ?? 0)).toBeLessThanOrEqual(state?.paid ?? 0);
          expect(state?.overpaymentRefunded ?? 0).toBeLessThanOrEqual(state?.overpaid ?? 0);
        }),
        { numRuns: 300 },
      );
    });
  });
});
