import fc from 'fast-check';
import { ZodError } from 'zod';
import { eventCatalogue } from '../../../../functions/kernel/events/event-catalogue';
import {
  draftEvent,
  outboxAttributes,
  outboxShardOf,
  outboxShards,
  type EventDraft,
} from '../../../../functions/kernel/events/outbox';

/** FNV-1a over UTF-16 code units, written with BigInt: an independent reference for the shard. */
function referenceShard(subjectId: string): number {
  let hash = 0x811c9dc5n;
  for (let index = 0; index < subjectId.length; index++) {
    hash ^= BigInt(subjectId.charCodeAt(index));
    hash = (hash * 0x01000193n) % 2n ** 32n;
  }
  return Number(hash % BigInt(outboxShards));
}

describe('outboxShardOf', () => {
  it('gives every subject one shard in [0, outboxShards), the same on every call (FNV-1a)', () => {
    // Prepare: any text (ASCII, or any code point, surrogate pairs included), or an order id
    const hex = fc.constantFrom(...'0123456789abcdef');
    const subjectIds = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ maxLength: 40, unit: 'binary' }),
      fc.string({ minLength: 32, maxLength: 32, unit: hex }).map((digits) => `ord_${digits}`),
    );

    fc.assert(
      fc.property(subjectIds, (subjectId) => {
        // Act
        const first = outboxShardOf(subjectId);
        const second = outboxShardOf(subjectId);

        // Assess
        expect(Number.isInteger(first)).toBe(true);
        expect(first).toBeGreaterThanOrEqual(0);
        expect(first).toBeLessThan(outboxShards);
        expect(second).toBe(first);
        expect(first).toBe(referenceShard(subjectId));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the published FNV-1a values, so a deployment does not move subjects between shards', () => {
    // Prepare: FNV-1a 32 of these is 811c9dc5, e40c292c, e60c2c52, a9f37ed7, bf9cf968
    const subjects = ['', 'a', 'c', 'foo', 'foobar'];

    // Act
    const shards = subjects.map(outboxShardOf);

    // Assess
    expect(shards).toEqual([1, 0, 2, 3, 0]);
  });

  it('spreads order ids over every shard', () => {
    // Prepare
    const orderIds = Array.from({ length: 400 }, (_, index) => `ord_${index.toString(16).padStart(32, '0')}`);

    // Act
    const used = new Set(orderIds.map(outboxShardOf));

    // Assess
    expect([...used].sort()).toEqual([0, 1, 2, 3]);
  });
});

describe('outboxAttributes', () => {
  const occurredAt = '2026-11-23T10:15:30.123Z';
  const entrySortKey = 'EVENT#2026-11-23T10:15:30.123Z#001';

  it('puts nothing on an entry that emits no event', () => {
    // Act
    const attributes = outboxAttributes('ord_1', entrySortKey, occurredAt, []);

    // Assess
    expect(attributes).toEqual({});
  });

  it('gives each event a new msg_ id and the entry time, and files the entry under its subject’s shard', () => {
    // Prepare
    const drafts: EventDraft[] = [
      draftEvent('order.paid', { orderId: 'ord_1', status: 'AWAITING_SHIPMENT', amount: 125_000, currency: 'EUR' }),
      draftEvent('claim.decided', { orderId: 'ord_1', claimId: 'clm_1', status: 'ACCEPTED' }),
      draftEvent('order.held', { orderId: 'ord_1', status: 'COMPLIANCE_HOLD' }),
    ];

    // Act
    const attributes = outboxAttributes('ord_1', entrySortKey, occurredAt, drafts);

    // Assess
    expect(attributes.outbound).toEqual(
      drafts.map((draft) => ({
        type: draft.type,
        id: expect.stringMatching(/^msg_[0-9a-f]{32}$/),
        occurredAt,
        data: draft.data,
      })),
    );
    expect(new Set(attributes.outbound!.map((event) => event.id)).size).toBe(3);
    expect(attributes.gsi1pk).toBe(`OUTBOX#${outboxShardOf('ord_1')}`);
    expect(attributes.gsi1sk).toBe(entrySortKey);
  });

  it('files two entries of one subject in the same shard, and new ids on every call', () => {
    // Prepare
    const drafts = [draftEvent('kyc.case.approved', { caseId: 'kyc_7', status: 'APPROVED' })];

    // Act
    const first = outboxAttributes('kyc_7', 'EVENT#1', occurredAt, drafts);
    const second = outboxAttributes('kyc_7', 'EVENT#2', occurredAt, drafts);

    // Assess
    expect(second.gsi1pk).toBe(first.gsi1pk);
    expect([first.gsi1sk, second.gsi1sk]).toEqual(['EVENT#1', 'EVENT#2']);
    expect(second.outbound![0]!.id).not.toBe(first.outbound![0]!.id);
  });

  it.each([
    [
      'an order event with an unknown field',
      draftEvent('order.paid', { orderId: 'ord_1', status: 'PAID', buyerName: 'Ada' } as never),
    ],
    ['a claim event without its claim', draftEvent('claim.opened', { orderId: 'ord_1', status: 'OPEN' } as never)],
    [
      'a payout with a beneficiary the catalogue does not know',
      draftEvent('payout.paid', {
        orderId: 'ord_1',
        payoutId: 'p_1',
        beneficiary: 'BANK',
        status: 'PAID',
        amount: 1,
        currency: 'EUR',
      } as never),
    ],
    [
      'an amount in fractions of a minor unit',
      draftEvent('order.refunded', { orderId: 'ord_1', status: 'SETTLING', amount: 10.5, currency: 'EUR' }),
    ],
    ['an empty id', draftEvent('kyc.case.submitted', { caseId: '', status: 'PROCESSING' })],
  ])('refuses %s (the catalogue schema)', (_, draft) => {
    // Act
    const build = () => outboxAttributes('ord_1', entrySortKey, occurredAt, [draft]);

    // Assess
    expect(build).toThrow(ZodError);
  });

  it('refuses the whole entry when one of its events does not match', () => {
    // Prepare
    const valid = draftEvent('order.confirmed', { orderId: 'ord_1', status: 'AWAITING_PAYMENT' });
    const invalid = draftEvent('order.confirmed', {
      orderId: 'ord_1',
      status: 'AWAITING_PAYMENT',
      reason: 'x',
    } as never);

    // Act
    const build = () => outboxAttributes('ord_1', entrySortKey, occurredAt, [valid, invalid]);

    // Assess
    expect(build).toThrow(ZodError);
    expect(eventCatalogue['order.confirmed'].safeParse(valid.data).success).toBe(true);
  });
});
