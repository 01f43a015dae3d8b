import fc from 'fast-check';
import { eventCatalogue } from '../../../../functions/kernel/events/event-catalogue';
import { draftEvent, outboxAttributes, type EventDraft } from '../../../../functions/kernel/events/outbox';
import type { OrderTimelineEvent } from '../../../../functions/orders/models/order';
import { describeOrderEvents } from '../../../../functions/orders/models/order-outbound-events';
import { orderStatuses } from '../../../../functions/orders/models/order-status';

const orderId = 'ord_9f2c';
const at = '2026-11-23T10:15:30.123Z';

function entry(type: string, detail: Record<string, unknown>): OrderTimelineEvent {
  return { at, type, actor: { type: 'SYSTEM', id: 'workflow' }, detail };
}

const order = { orderId };
const eur = { currency: 'EUR' };

describe('describeOrderEvents', () => {
  it.each<[string, OrderTimelineEvent, EventDraft[]]>([
    [
      'a new order: placed, with the amount it covers',
      entry('ORDER_CREATED', {
        status: 'AWAITING_SUPPLIER_CONFIRMATION',
        coveredAmount: 125_000,
        currency: 'EUR',
        complianceDecision: 'PASS',
      }),
      [draftEvent('order.placed', { ...order, status: 'AWAITING_SUPPLIER_CONFIRMATION', amount: 125_000, ...eur })],
    ],
    [
      'a new order on compliance hold: placed and held',
      entry('ORDER_CREATED', {
        status: 'COMPLIANCE_HOLD',
        coveredAmount: 125_000,
        currency: 'EUR',
        heldBy: ['aml.high-value'],
      }),
      [
        draftEvent('order.placed', { ...order, status: 'COMPLIANCE_HOLD', amount: 125_000, ...eur }),
        draftEvent('order.held', { ...order, status: 'COMPLIANCE_HOLD' }),
      ],
    ],
    [
      'a new order without a status: placed as awaiting the supplier, no amount without a currency',
      entry('ORDER_CREATED', { coveredAmount: 125_000 }),
      [draftEvent('order.placed', { ...order, status: 'AWAITING_SUPPLIER_CONFIRMATION' })],
    ],
    [
      'the payment: paid, awaiting shipment, with the amount and no partner',
      entry('PAYMENT_RECEIVED', { amount: 125_000, currency: 'EUR', partnerId: 'psp-acme', eventId: 'evt_1' }),
      [draftEvent('order.paid', { ...order, status: 'AWAITING_SHIPMENT', amount: 125_000, ...eur })],
    ],
    [
      'a passed inspection',
      entry('INSPECTION_PASSED', { eventId: 'evt_2', reportId: 'rep_1', findings: 'All 400 units conform' }),
      [draftEvent('order.inspected', { ...order, status: 'AWAITING_SHIPMENT' })],
    ],
    [
      'a failed inspection, without its findings',
      entry('INSPECTION_FAILED', { eventId: 'evt_3', reportId: 'rep_2', findings: 'Seals broken on 3 pallets' }),
      [draftEvent('order.inspected', { ...order, status: 'AWAITING_SHIPMENT' })],
    ],
    [
      'a settlement that refunds only',
      entry('ESCROW_SETTLED', { outcome: 'SHIP_BY_MISSED', refunded: 125_000, released: 0, currency: 'EUR' }),
      [draftEvent('order.refunded', { ...order, status: 'SETTLING', amount: 125_000, ...eur })],
    ],
    [
      'a settlement that releases only',
      entry('ESCROW_SETTLED', { outcome: 'NO_CLAIM', refunded: 0, released: 125_000, currency: 'EUR', payouts: [] }),
      [draftEvent('order.released', { ...order, status: 'SETTLING', amount: 125_000, ...eur })],
    ],
    [
      'a settlement that does both, refund first',
      entry('ESCROW_SETTLED', {
        outcome: 'CLAIM_ACCEPTED',
        refunded: 25_000,
        released: 100_000,
        currency: 'EUR',
        claimId: 'clm_1',
      }),
      [
        draftEvent('order.refunded', { ...order, status: 'SETTLING', amount: 25_000, ...eur }),
        draftEvent('order.released', { ...order, status: 'SETTLING', amount: 100_000, ...eur }),
      ],
    ],
    [
      'a determination: the money moved, and the claim decided with the refund',
      entry('ESCROW_SETTLED', {
        outcome: 'DETERMINATION',
        refunded: 40_000,
        released: 85_000,
        currency: 'EUR',
        claimId: 'clm_1',
      }),
      [
        draftEvent('order.refunded', { ...order, status: 'SETTLING', amount: 40_000, ...eur }),
        draftEvent('order.released', { ...order, status: 'SETTLING', amount: 85_000, ...eur }),
        draftEvent('claim.decided', { ...order, claimId: 'clm_1', status: 'DETERMINED', amount: 40_000, ...eur }),
      ],
    ],
    [
      'a determination that refunds nothing: the claim decided with 0',
      entry('ESCROW_SETTLED', {
        outcome: 'DETERMINATION',
        refunded: 0,
        released: 125_000,
        currency: 'EUR',
        claimId: 'clm_1',
      }),
      [
        draftEvent('order.released', { ...order, status: 'SETTLING', amount: 125_000, ...eur }),
        draftEvent('claim.decided', { ...order, claimId: 'clm_1', status: 'DETERMINED', amount: 0, ...eur }),
      ],
    ],
    [
      'a determination without a claim id: no claim event',
      entry('ESCROW_SETTLED', { outcome: 'DETERMINATION', refunded: 40_000, released: 0, currency: 'EUR' }),
      [draftEvent('order.refunded', { ...order, status: 'SETTLING', amount: 40_000, ...eur })],
    ],
    [
      'a cancellation’s refund: the order is CANCELLED, not SETTLING',
      entry('ESCROW_SETTLED', { outcome: 'CANCELLED', refunded: 125_000, released: 0, currency: 'EUR' }),
      [draftEvent('order.refunded', { ...order, status: 'CANCELLED', amount: 125_000, ...eur })],
    ],
    [
      'a settlement that moved nothing',
      entry('ESCROW_SETTLED', { outcome: 'NO_CLAIM', refunded: 0, released: 0, currency: 'EUR' }),
      [],
    ],
    [
      'a confirmed payout: paid, its idempotency key as payout id, no party',
      entry('PAYOUT_CONFIRMED', {
        idempotencyKey: 'ord_9f2c:release',
        providerPayoutId: 'po_77',
        beneficiary: 'SUPPLIER',
        partyId: 'pty_supplier',
        amount: 125_000,
        currency: 'EUR',
        eventId: 'evt_4',
      }),
      [
        draftEvent('payout.paid', {
          ...order,
          payoutId: 'ord_9f2c:release',
          beneficiary: 'SUPPLIER',
          status: 'PAID',
          amount: 125_000,
          ...eur,
        }),
      ],
    ],
    [
      'a failed payout, without its failure reason',
      entry('PAYOUT_FAILED', {
        idempotencyKey: 'ord_9f2c:refund',
        beneficiary: 'BUYER',
        partyId: 'pty_buyer',
        amount: 40_000,
        currency: 'EUR',
        failureReason: 'Account closed',
      }),
      [
        draftEvent('payout.failed', {
          ...order,
          payoutId: 'ord_9f2c:refund',
          beneficiary: 'BUYER',
          status: 'FAILED',
          amount: 40_000,
          ...eur,
        }),
      ],
    ],
    [
      'a payout without a currency: nothing (the catalogue needs the amount)',
      entry('PAYOUT_CONFIRMED', { idempotencyKey: 'k', beneficiary: 'BUYER', amount: 1 }),
      [],
    ],
    [
      'a payout to an unknown beneficiary: nothing',
      entry('PAYOUT_CONFIRMED', { idempotencyKey: 'k', beneficiary: 'BANK', amount: 1, currency: 'EUR' }),
      [],
    ],
    [
      'an opened claim, with the amount asked and without its reason',
      entry('CLAIM_OPENED', {
        claimId: 'clm_1',
        reason: 'Goods arrived damaged',
        requestedAmount: 40_000,
        currency: 'EUR',
        respondBy: '2026-11-30T10:00:00.000Z',
      }),
      [draftEvent('claim.opened', { ...order, claimId: 'clm_1', status: 'OPEN', amount: 40_000, ...eur })],
    ],
    [
      'a claim the supplier accepts: answered and decided',
      entry('CLAIM_ANSWERED', { claimId: 'clm_1', accept: true, currency: 'EUR', withinResponseTime: true }),
      [
        draftEvent('claim.answered', { ...order, claimId: 'clm_1', status: 'ACCEPTED' }),
        draftEvent('claim.decided', { ...order, claimId: 'clm_1', status: 'ACCEPTED' }),
      ],
    ],
    [
      'a claim the supplier answers with an offer',
      entry('CLAIM_ANSWERED', { claimId: 'clm_1', accept: false, offerAmount: 15_000, currency: 'EUR' }),
      [draftEvent('claim.answered', { ...order, claimId: 'clm_1', status: 'OFFERED', amount: 15_000, ...eur })],
    ],
    [
      'a claim the supplier rejects',
      entry('CLAIM_ANSWERED', { claimId: 'clm_1', accept: false, currency: 'EUR', withinResponseTime: false }),
      [draftEvent('claim.answered', { ...order, claimId: 'clm_1', status: 'REJECTED' })],
    ],
    [
      'an offer the buyer accepts: decided with the agreed amount',
      entry('CLAIM_OFFER_ACCEPTED', { claimId: 'clm_1', agreedAmount: 15_000, currency: 'EUR' }),
      [draftEvent('claim.decided', { ...order, claimId: 'clm_1', status: 'ACCEPTED', amount: 15_000, ...eur })],
    ],
    [
      'an escalated claim',
      entry('CLAIM_ESCALATED', { claimId: 'clm_1', by: 'BUYER' }),
      [draftEvent('claim.escalated', { ...order, claimId: 'clm_1', status: 'ESCALATED' })],
    ],
    ['a claim entry without a claim id', entry('CLAIM_ESCALATED', { by: 'BUYER' }), []],
    [
      'an opened review task, on the order',
      entry('REVIEW_TASK_OPENED', { taskId: 'tsk_1', kind: 'ORDER_COMPLIANCE', dueAt: '2026-11-24T10:00:00.000Z' }),
      [
        draftEvent('review.task.opened', {
          taskId: 'tsk_1',
          kind: 'ORDER_COMPLIANCE',
          status: 'OPEN',
          subject: { type: 'ORDER', id: orderId },
        }),
      ],
    ],
    [
      'a decided review task, with its decision and without its reason',
      entry('REVIEW_DECIDED', {
        taskId: 'tsk_1',
        kind: 'CLAIM_DETERMINATION',
        decision: 'PARTIAL_REFUND',
        reason: 'Photos show 10% of units damaged',
        amount: 12_500,
      }),
      [
        draftEvent('review.task.decided', {
          taskId: 'tsk_1',
          kind: 'CLAIM_DETERMINATION',
          status: 'DECIDED',
          subject: { type: 'ORDER', id: orderId },
          decision: 'PARTIAL_REFUND',
        }),
      ],
    ],
    [
      'a decided review task without a decision',
      entry('REVIEW_DECIDED', { taskId: 'tsk_1', kind: 'ORDER_COMPLIANCE' }),
      [
        draftEvent('review.task.decided', {
          taskId: 'tsk_1',
          kind: 'ORDER_COMPLIANCE',
          status: 'DECIDED',
          subject: { type: 'ORDER', id: orderId },
        }),
      ],
    ],
    ['a review task without a kind', entry('REVIEW_TASK_OPENED', { taskId: 'tsk_1' }), []],
    ['a deadline', entry('DEADLINE_SET', { name: 'shipBy', at: '2026-12-01T00:00:00.000Z' }), []],
    ['a cancellation entry (its status change announces it)', entry('ORDER_CANCELLED', { reason: 'Out of stock' }), []],
    ['a type it does not know', entry('SOMETHING_NEW', { claimId: 'clm_1', taskId: 'tsk_1' }), []],
  ])('maps %s', (_, timelineEntry, expected) => {
    // Act
    const drafts = describeOrderEvents(orderId, timelineEntry);

    // Assess
    expect(drafts).toEqual(expected);
  });

  it.each([
    ['COMPLIANCE_HOLD', 'order.held'],
    ['DECLINED', 'order.declined'],
    ['SHIPPED', 'order.shipped'],
    ['DELIVERED', 'order.delivered'],
    ['RECEIVED', 'order.received'],
    ['FROZEN', 'order.frozen'],
    ['COMPLETED', 'order.completed'],
    ['REFUNDED', 'order.completed'],
    ['CANCELLED', 'order.cancelled'],
  ] as const)('announces a change to %s as %s, with the new status', (to, type) => {
    // Act
    const drafts = describeOrderEvents(orderId, entry('STATUS_CHANGED', { from: 'AWAITING_SHIPMENT', to }));

    // Assess
    expect(drafts).toEqual([draftEvent(type, { orderId, status: to })]);
  });

  it('announces AWAITING_PAYMENT as order.confirmed only when the supplier confirmed', () => {
    // Act
    const confirmed = describeOrderEvents(
      orderId,
      entry('STATUS_CHANGED', { from: 'AWAITING_SUPPLIER_CONFIRMATION', to: 'AWAITING_PAYMENT' }),
    );
    const releasedFromHold = describeOrderEvents(
      orderId,
      entry('STATUS_CHANGED', { from: 'COMPLIANCE_HOLD', to: 'AWAITING_PAYMENT' }),
    );
    const withoutFrom = describeOrderEvents(orderId, entry('STATUS_CHANGED', { to: 'AWAITING_PAYMENT' }));

    // Assess
    expect(confirmed).toEqual([draftEvent('order.confirmed', { orderId, status: 'AWAITING_PAYMENT' })]);
    expect(releasedFromHold).toEqual([]);
    expect(withoutFrom).toEqual([]);
  });

  it.each(['AWAITING_SUPPLIER_CONFIRMATION', 'AWAITING_SHIPMENT', 'CLAIM_OPEN', 'IN_DETERMINATION', 'SETTLING', '', 7])(
    'announces nothing for a change to %p',
    (to) => {
      // Act
      const drafts = describeOrderEvents(orderId, entry('STATUS_CHANGED', { from: 'PAID', to }));

      // Assess
      expect(drafts).toEqual([]);
    },
  );

  it('announces every status of the lifecycle either not at all or with an event of the catalogue', () => {
    // Act
    const drafts = orderStatuses.flatMap((to) =>
      describeOrderEvents(orderId, entry('STATUS_CHANGED', { from: 'AWAITING_SUPPLIER_CONFIRMATION', to })),
    );

    // Assess
    expect(drafts.map((draft) => draft.type)).toEqual([
      'order.held',
      'order.confirmed',
      'order.shipped',
      'order.delivered',
      'order.received',
      'order.frozen',
      'order.completed',
      'order.completed',
      'order.cancelled',
      'order.declined',
    ]);
    for (const draft of drafts) expect(eventCatalogue[draft.type].safeParse(draft.data).success).toBe(true);
  });

  // statusEvents is looked up with Object.hasOwn: a `to` named like a member of Object.prototype once yielded a
  // draft whose type was a function or Object.prototype, not a catalogue type, and outboxAttributes then threw.
  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])(
    'announces nothing for a change to %p (a name of Object.prototype)',
    (to) => {
      // Act
      const drafts = describeOrderEvents(orderId, entry('STATUS_CHANGED', { from: 'SHIPPED', to }));

      // Assess
      expect(drafts).toEqual([]);
    },
  );
});

const entryTypes = [
  'ORDER_CREATED',
  'STATUS_CHANGED',
  'PAYMENT_RECEIVED',
  'INSPECTION_PASSED',
  'INSPECTION_FAILED',
  'ESCROW_SETTLED',
  'PAYOUT_CONFIRMED',
  'PAYOUT_FAILED',
  'CLAIM_OPENED',
  'CLAIM_ANSWERED',
  'CLAIM_OFFER_ACCEPTED',
  'CLAIM_ESCALATED',
  'REVIEW_TASK_OPENED',
  'REVIEW_DECIDED',
  'DEADLINE_SET',
  'ORDER_CANCELLED',
];

const amounts = [0, 1, 40_000, 125_000, -5, Number.MAX_SAFE_INTEGER];
const ids = ['clm_1', 'tsk_1', 'ord_9f2c:release', 'x'];

/** For each key the mapping reads, values that steer it somewhere (the rest of the time, anything). */
const meaningful: Record<string, readonly unknown[]> = {
  status: orderStatuses,
  from: orderStatuses,
  to: orderStatuses,
  outcome: ['NO_CLAIM', 'CLAIM_ACCEPTED', 'DETERMINATION', 'SHIP_BY_MISSED', 'CANCELLED', 'COMPLIANCE_REFUND'],
  beneficiary: ['BUYER', 'SUPPLIER'],
  currency: ['EUR', 'USD', 'JPY'],
  accept: [true, false],
  coveredAmount: amounts,
  amount: amounts,
  refunded: amounts,
  released: amounts,
  offerAmount: amounts,
  requestedAmount: amounts,
  agreedAmount: amounts,
  claimId: ids,
  idempotencyKey: ids,
  taskId: ids,
  kind: ['ORDER_COMPLIANCE', 'CLAIM_DETERMINATION'],
  decision: ['RELEASE', 'REFUND', 'PARTIAL_REFUND'],
  partyId: ['pty_1'],
  findings: ['All units conform'],
};

/** One character of the text drawn: mostly ASCII, some of any script, never a `~`. */
const char = fc
  .oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  )
  .filter((character) => !character.includes('~'));

/** Any value a stored item could hold, and a few it could not (NaN, Infinity, undefined). */
const anything = fc.anything({ maxDepth: 2, stringUnit: char });

/** Marks what must never leave in an event: reasons, partners, personal data. No other value drawn has a `~`. */
const secret = fc.string({ maxLength: 8, unit: char }).map((text) => `SECRET~${text}`);

/**
 * A detail where each key may be missing: a value that steers the mapping, anything, or a secret; and maybe a key of
 * its own.
 */
const randomDetail: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.record(
      {
        ...Object.fromEntries(
          Object.entries(meaningful).map(([key, values]) => [
            key,
            fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: anything }),
          ]),
        ),
        ...Object.fromEntries(['reason', 'partnerId', 'failureReason', 'message'].map((key) => [key, secret])),
        reasons: fc.tuple(secret, secret),
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 6, unit: char }), anything, { maxKeys: 1 }),
  )
  .map(([detail, extra]) => ({ ...detail, ...extra }));

function keysOf(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
}

describe('describeOrderEvents, whatever the entry holds', () => {
  it('never throws, emits only valid catalogue events, and never lets a reason, a partner or a party out', () => {
    // Prepare
    const entryType = fc.oneof(
      { weight: 19, arbitrary: fc.constantFrom(...entryTypes) },
      { weight: 1, arbitrary: fc.string({ maxLength: 12, unit: char }) },
    );

    fc.assert(
      fc.property(entryType, randomDetail, (type, detail) => {
        // Act
        const drafts = describeOrderEvents(orderId, entry(type, detail));

        // Assess
        for (const draft of drafts) {
          expect(Object.keys(eventCatalogue)).toContain(draft.type);
          expect(eventCatalogue[draft.type].safeParse(draft.data).error).toBeUndefined();
          expect(keysOf(draft.data)).not.toEqual(expect.arrayContaining(['reason']));
          expect(keysOf(draft.data)).not.toEqual(expect.arrayContaining(['partnerId']));
          expect(keysOf(draft.data)).not.toEqual(expect.arrayContaining(['partyId']));
          expect(JSON.stringify(draft.data)).not.toContain('~');
          expect(draft.data).toEqual(
            expect.objectContaining(
              'subject' in draft.data ? { subject: { type: 'ORDER', id: orderId } } : { orderId },
            ),
          );
        }
        expect(() => outboxAttributes(orderId, 'EVENT#1', at, drafts)).not.toThrow();
      }),
      { numRuns: 3_000 },
    );
  });
});
