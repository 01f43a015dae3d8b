import {
  applyMovement,
  assessMovement,
  buildMovement,
  emptyEscrowBalance,
  movementKey,
  sumEntries,
  type EscrowBalance,
  type MovementInput,
} from '../../../../functions/orders/ledger/ledger-model';

function input(override: Partial<MovementInput> = {}): MovementInput {
  return {
    orderId: 'order_1',
    kind: 'PAYMENT',
    partyId: 'party_buyer',
    amount: 10_000,
    currency: 'USD',
    idempotencyKey: movementKey('order_1', 'payment:evt_1'),
    reason: 'payment.succeeded evt_1',
    at: '2026-03-01T10:00:00.000Z',
    ...override,
  };
}

function balance(override: Partial<EscrowBalance> = {}): EscrowBalance {
  const base = { ...emptyEscrowBalance('order_1', 'USD'), ...override };
  return { ...base, held: base.paid - base.refunded - base.released };
}

describe('movementKey', () => {
  it('derives the key from the order and the step, so a repeated step repeats the key', () => {
    expect(movementKey('order_1', 'refund:ship-by-missed')).toBe('order_1:refund:ship-by-missed');
    expect(() => movementKey('order_1', '')).toThrow(/step/);
  });
});

describe('buildMovement', () => {
  it.each([
    ['PAYMENT', 'party_buyer', 'BUYER:party_buyer', 'ESCROW:order_1'],
    ['REFUND', 'party_buyer', 'ESCROW:order_1', 'BUYER:party_buyer'],
    ['RELEASE', 'party_supplier', 'ESCROW:order_1', 'SUPPLIER:party_supplier'],
  ] as const)('moves a %s from the right account to the right account', (kind, partyId, from, to) => {
    // Act
    const { movement, entries } = buildMovement(input({ kind, partyId, amount: 2_500 }));

    // Assess
    expect(movement).toMatchObject({ kind, from, to, amount: 2_500, currency: 'USD' });
    expect(entries).toEqual([
      expect.objectContaining({ account: to, side: 'DEBIT', amount: 2_500 }),
      expect.objectContaining({ account: from, side: 'CREDIT', amount: -2_500 }),
    ]);
    expect(sumEntries(entries)).toBe(0);
    expect(entries.every((entry) => entry.idempotencyKey === movement.idempotencyKey)).toBe(true);
  });

  it.each([
    [{ amount: 10.5 }, 'amount'],
    [{ amount: 0 }, 'amount'],
    [{ amount: -1 }, 'amount'],
    [{ currency: 'usd' }, 'currency'],
    [{ currency: 'DOLLAR' }, 'currency'],
    [{ idempotencyKey: 'order_2:payment:evt_1' }, 'idempotencyKey'],
    [{ at: 'yesterday' }, 'at'],
  ])('refuses %p', (override, field) => {
    expect(() => buildMovement(input(override))).toThrow(new RegExp(`"${field}"`));
  });
});

describe('assessMovement', () => {
  const refund = (amount: number) =>
    buildMovement(input({ kind: 'REFUND', amount, idempotencyKey: 'order_1:r' })).movement;
  const release = (amount: number) =>
    buildMovement(input({ kind: 'RELEASE', partyId: 'party_supplier', amount, idempotencyKey: 'order_1:x' })).movement;

  it('allows a refund up to min(refund limit, paid) minus what was refunded', () => {
    // Prepare
    const state = balance({ paid: 10_000, refunded: 3_000 });

    // Act / Assess: covered 8 000 of the 10 000 paid, 3 000 already back with the buyer
    expect(assessMovement(state, refund(5_000), 8_000)).toBeUndefined();
    expect(assessMovement(state, refund(5_001), 8_000)).toMatchObject({ refused: 'EXCEEDS_REFUND_LIMIT' });
    // covered 20 000 but only 10 000 paid
    expect(assessMovement(state, refund(7_001), 20_000)).toMatchObject({
      refused: 'EXCEEDS_REFUND_LIMIT',
      detail: expect.stringMatching(/USD 70.00 still refundable/),
    });
  });

  it('refuses what escrow no longer holds, even within the refund limit', () => {
    // Prepare: 6 000 of 10 000 already released
    const state = balance({ paid: 10_000, released: 6_000 });

    // Act / Assess
    expect(assessMovement(state, refund(4_000), 10_000)).toBeUndefined();
    expect(assessMovement(state, refund(4_001), 10_000)).toMatchObject({ refused: 'EXCEEDS_ESCROW' });
    expect(assessMovement(state, release(4_001))).toMatchObject({ refused: 'EXCEEDS_ESCROW' });
    expect(assessMovement(undefined, release(1))).toMatchObject({ refused: 'EXCEEDS_ESCROW' });
  });

  it('refuses every refund and release of a frozen escrow, and takes payments in', () => {
    // Prepare
    const state = { ...balance({ paid: 10_000 }), frozen: { since: '2026-03-01T10:00:00.000Z', reason: 'held' } };

    // Act / Assess
    expect(assessMovement(state, refund(1), 10_000)).toMatchObject({
      refused: 'ESCROW_FROZEN',
      detail: expect.stringMatching(/frozen since 2026-03-01T10:00:00.000Z \(held\)/),
    });
    expect(assessMovement(state, release(1))).toMatchObject({ refused: 'ESCROW_FROZEN' });
    expect(assessMovement(state, buildMovement(input()).movement)).toBeUndefined();
  });

  it('gives back overpayments only from the overpayments escrow holds, never while frozen', () => {
    // Prepare
    const overpaid = applyMovement(
      balance({ paid: 10_000 }),
      buildMovement(input({ kind: 'OVERPAYMENT', idempotencyKey: 'order_1:overpayment:a' })).movement,
    );
    const giveBack = (amount: number) =>
      buildMovement(input({ kind: 'OVERPAYMENT_REFUND', amount, idempotencyKey: 'order_1:overpayment-refund:a' }))
        .movement;

    // Act / Assess: the order's own 10 000 never pays an overpayment refund, nor an overpayment a release
    expect(assessMovement(overpaid, giveBack(10_000))).toBeUndefined();
    expect(assessMovement(overpaid, giveBack(10_001))).toMatchObject({
      refused: 'EXCEEDS_OVERPAYMENT',
      detail: 'overpayment refund of USD 100.01 exceeds the USD 100.00 of overpayments held in escrow',
    });
    expect(assessMovement(balance({ paid: 10_000 }), giveBack(1))).toMatchObject({ refused: 'EXCEEDS_OVERPAYMENT' });
    expect(assessMovement(overpaid, release(10_001))).toMatchObject({ refused: 'EXCEEDS_ESCROW' });
    expect(
      assessMovement({ ...overpaid, frozen: { since: '2026-03-02T00:00:00.000Z', reason: 'held' } }, giveBack(1)),
    ).toMatchObject({ refused: 'ESCROW_FROZEN' });
  });

  it('refuses a movement in another currency than the order', () => {
    const payment = buildMovement(input({ currency: 'EUR' })).movement;
    expect(assessMovement(balance({ paid: 1 }), payment)).toMatchObject({
      refused: 'CURRENCY_MISMATCH',
      detail: expect.stringMatching(/USD.*EUR/),
    });
  });
});

describe('applyMovement', () => {
  it('keeps held equal to paid - refunded - released', () => {
    // Act
    let state = applyMovement(undefined, buildMovement(input({ amount: 10_000 })).movement);
    state = applyMovement(state, buildMovement(input({ kind: 'REFUND', amount: 3_000 })).movement);
    state = applyMovement(state, buildMovement(input({ kind: 'RELEASE', amount: 7_000 })).movement);

    // Assess
    expect(state).toEqual({
      orderId: 'order_1',
      currency: 'USD',
      paid: 10_000,
      refunded: 3_000,
      released: 7_000,
      held: 0,
    });
  });

  it('keeps overpayments apart: overpaymentHeld is overpaid - overpaymentRefunded, held untouched', () => {
    // Act
    let state = applyMovement(undefined, buildMovement(input({ amount: 10_000 })).movement);
    state = applyMovement(state, buildMovement(input({ kind: 'OVERPAYMENT', amount: 10_000 })).movement);
    state = applyMovement(state, buildMovement(input({ kind: 'OVERPAYMENT', amount: 2_500 })).movement);
    state = applyMovement(state, buildMovement(input({ kind: 'OVERPAYMENT_REFUND', amount: 10_000 })).movement);

    // Assess
    expect(state).toEqual({
      orderId: 'order_1',
      currency: 'USD',
      paid: 10_000,
      refunded: 0,
      released: 0,
      held: 10_000,
      overpaid: 12_500,
      overpaymentRefunded: 10_000,
      overpaymentHeld: 2_500,
    });
  });

  it('moves an overpayment from the buyer into escrow and its refund back', () => {
    // Act
    const inbound = buildMovement(input({ kind: 'OVERPAYMENT' })).movement;
    const back = buildMovement(input({ kind: 'OVERPAYMENT_REFUND' })).movement;

    // Assess
    expect([inbound.from, inbound.to]).toEqual(['BUYER:party_buyer', 'ESCROW:order_1']);
    expect([back.from, back.to]).toEqual(['ESCROW:order_1', 'BUYER:party_buyer']);
  });
});
