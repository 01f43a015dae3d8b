import fc from 'fast-check';
import type { OutboundEvent } from '../../../functions/kernel/events/event-catalogue';
import {
  deliveryIdOf,
  nextAttemptTime,
  retryDelaysMs,
  toWebhookDeliveryView,
  webhookDeliveryViewSchema,
  type WebhookDelivery,
} from '../../../functions/events/models/webhook-delivery';

const day = 86_400_000;
const scheduledFor = '2026-11-23T10:00:00.000Z';
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
/** An instant between `min` and `max`, as `toISOString` writes it. */
const isoTime = (min: string, max: string) =>
  fc.date({ min: new Date(min), max: new Date(max), noInvalidDate: true }).map((date) => date.toISOString());

describe('nextAttemptTime', () => {
  it.each(retryDelaysMs.map((delay, index) => [index + 1, delay] as const))(
    'after scheduled attempt %i, waits %i ms from when the failed attempt was due',
    (scheduledAttempts, delay) => {
      // Prepare: the sweep ran the attempt 40 minutes late
      const now = new Date(Date.parse(scheduledFor) + 40 * 60_000);

      // Act
      const next = nextAttemptTime(scheduledAttempts, scheduledFor, now);

      // Assess
      expect(next).toBe(plus(scheduledFor, delay));
    },
  );

  it('follows the published schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then nothing', () => {
    // Prepare
    let due = scheduledFor;
    const times: string[] = [];

    // Act: every attempt fails
    for (let attempts = 1; attempts <= 10; attempts++) {
      const next = nextAttemptTime(attempts, due, new Date(due));
      if (next === undefined) break;
      times.push(next);
      due = next;
    }

    // Assess
    expect(times).toEqual([
      '2026-11-23T10:00:05.000Z',
      '2026-11-23T10:05:05.000Z',
      '2026-11-23T10:35:05.000Z',
      '2026-11-23T12:35:05.000Z',
      '2026-11-23T17:35:05.000Z',
      '2026-11-24T03:35:05.000Z',
      '2026-11-24T13:35:05.000Z',
    ]);
  });

  it('gives a next time in the past when the clock jumped past it, so the sweep plays it out', () => {
    // Prepare
    const now = new Date(Date.parse(scheduledFor) + 2 * day);

    // Act
    const next = nextAttemptTime(3, scheduledFor, now);

    // Assess
    expect(next).toBe(plus(scheduledFor, 1_800_000));
    expect(Date.parse(next!)).toBeLessThan(now.getTime());
  });

  it.each([retryDelaysMs.length + 1, retryDelaysMs.length + 5])(
    'has no next time after scheduled attempt %i (the schedule is spent)',
    (scheduledAttempts) => {
      // Act
      const next = nextAttemptTime(scheduledAttempts, scheduledFor, new Date(scheduledFor), 60_000);

      // Assess
      expect(next).toBeUndefined();
    },
  );

  it('honours a Retry-After that asks for longer than the schedule, counted from now', () => {
    // Prepare
    const now = new Date(Date.parse(scheduledFor) + 1_000);

    // Act: the schedule says 5 s, the receiver 2 minutes
    const next = nextAttemptTime(1, scheduledFor, now, 120_000);

    // Assess
    expect(next).toBe(new Date(now.getTime() + 120_000).toISOString());
  });

  it('ignores a Retry-After shorter than the schedule', () => {
    // Prepare
    const now = new Date(Date.parse(scheduledFor) + 1_000);

    // Act: the schedule says 30 min, the receiver 10 s
    const next = nextAttemptTime(3, scheduledFor, now, 10_000);

    // Assess
    expect(next).toBe(plus(scheduledFor, 1_800_000));
  });

  it('caps a Retry-After at one day from now', () => {
    // Prepare
    const now = new Date(Date.parse(scheduledFor) + 1_000);

    // Act
    const weekLater = nextAttemptTime(1, scheduledFor, now, 7 * day);
    const endless = nextAttemptTime(1, scheduledFor, now, Number.POSITIVE_INFINITY);

    // Assess
    expect(weekLater).toBe(new Date(now.getTime() + day).toISOString());
    expect(endless).toBe(weekLater);
  });

  it('keeps the schedule when the schedule already waits longer than a capped Retry-After', () => {
    // Prepare: attempt 7 waits 10 h from a due time 20 h ahead of now (a clock that jumped back)
    const now = new Date(Date.parse(scheduledFor) - 20 * 3_600_000);

    // Act
    const next = nextAttemptTime(7, scheduledFor, now, 3 * day);

    // Assess
    expect(next).toBe(plus(scheduledFor, 36_000_000));
  });

  it('is never earlier than the schedule nor later than the schedule or a day from now, whatever Retry-After says', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: retryDelaysMs.length }),
        isoTime('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'),
        fc.integer({ min: -day, max: 3 * day }),
        fc.option(fc.integer({ min: 0, max: 5 * day }), { nil: undefined }),
        (attempts, due, lateness, retryAfter) => {
          // Prepare
          const now = new Date(Date.parse(due) + lateness);

          // Act
          const next = Date.parse(nextAttemptTime(attempts, due, now, retryAfter)!);

          // Assess
          const onSchedule = Date.parse(due) + retryDelaysMs[attempts - 1]!;
          expect(next).toBeGreaterThanOrEqual(onSchedule);
          expect(next).toBeLessThanOrEqual(Math.max(onSchedule, now.getTime() + day));
          if (retryAfter === undefined) expect(next).toBe(onSchedule);
          else expect(next).toBe(Math.max(onSchedule, now.getTime() + Math.min(retryAfter, day)));
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

describe('deliveryIdOf', () => {
  it('is the event time without separators and the message id without its prefix', () => {
    // Act
    const id = deliveryIdOf({ id: 'msg_0a1b2c', occurredAt: '2026-11-23T10:15:30.123Z' });

    // Assess
    expect(id).toBe('dlv_20261123T101530123Z_0a1b2c');
  });

  it('is the same for the same event, so a second fan-out makes the same delivery', () => {
    // Prepare
    const event = { id: 'msg_9f', occurredAt: '2026-11-23T10:15:30.123Z' };

    // Act
    const first = deliveryIdOf(event);
    const again = deliveryIdOf({ ...event });

    // Assess
    expect(again).toBe(first);
    expect(deliveryIdOf({ ...event, id: 'msg_a0' })).not.toBe(first);
  });

  it('sorts as the events happened, whatever their ids', () => {
    // Prepare: two instants of years 1970 to 9999, as toISOString writes them, now and then a few ms apart
    const from = '1970-01-01T00:00:00.000Z';
    const to = '9999-12-31T23:59:59.999Z';
    const instants = fc.oneof(
      { weight: 4, arbitrary: fc.tuple(isoTime(from, to), isoTime(from, to)) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(isoTime(from, plus(to, -1_000)), fc.integer({ min: 1, max: 1_000 }))
          .map(([first, ms]) => [first, plus(first, ms)] as const),
      },
    );
    const messageId = fc
      .string({ minLength: 32, maxLength: 32, unit: fc.constantFrom(...'0123456789abcdef') })
      .map((hex) => `msg_${hex}`);

    fc.assert(
      fc.property(instants, messageId, messageId, ([first, second], firstId, secondId) => {
        // Act
        const a = deliveryIdOf({ id: firstId, occurredAt: first });
        const b = deliveryIdOf({ id: secondId, occurredAt: second });

        // Assess
        if (first < second) expect(a < b).toBe(true);
        if (first > second) expect(a > b).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('toWebhookDeliveryView', () => {
  const event: OutboundEvent = {
    type: 'order.paid',
    id: 'msg_0a1b',
    occurredAt: '2026-11-23T10:15:30.123Z',
    data: { orderId: 'ord_1', status: 'AWAITING_SHIPMENT', amount: 125_000, currency: 'EUR' },
  };
  const delivery: WebhookDelivery = {
    deliveryId: 'dlv_20261123T101530123Z_0a1b',
    endpointId: 'whe_1',
    event,
    subjectKey: 'ORDER#ord_1',
    sequence: 'EVENT#2026-11-23T10:15:30.123Z#001#00',
    shard: 2,
    status: 'PENDING',
    attempts: [
      {
        at: '2026-11-23T10:15:31.000Z',
        scheduledFor: '2026-11-23T10:15:30.500Z',
        result: 'FAILED',
        httpStatus: 503,
        error: 'Service Unavailable',
        durationMs: 120,
      },
    ],
    scheduledAttempts: 1,
    nextAttemptAt: '2026-11-23T10:15:35.500Z',
    manual: true,
    createdAt: '2026-11-23T10:15:30.500Z',
    updatedAt: '2026-11-23T10:15:31.000Z',
  };

  it('shows the event as sent and every attempt, and nothing of how it is stored', () => {
    // Act
    const view = toWebhookDeliveryView(delivery);

    // Assess
    expect(view).toEqual({
      deliveryId: 'dlv_20261123T101530123Z_0a1b',
      endpointId: 'whe_1',
      eventId: 'msg_0a1b',
      eventType: 'order.paid',
      occurredAt: '2026-11-23T10:15:30.123Z',
      status: 'PENDING',
      attempts: delivery.attempts,
      nextAttemptAt: '2026-11-23T10:15:35.500Z',
      createdAt: '2026-11-23T10:15:30.500Z',
      event,
    });
    for (const stored of ['subjectKey', 'shard', 'sequence', 'scheduledAttempts', 'updatedAt', 'manual']) {
      expect(view).not.toHaveProperty(stored);
    }
    expect(webhookDeliveryViewSchema.safeParse(view).error).toBeUndefined();
  });

  it('shows when a delivered one was delivered, and no next attempt', () => {
    // Prepare
    const { nextAttemptAt: _next, ...rest } = delivery;
    const delivered: WebhookDelivery = { ...rest, status: 'DELIVERED', deliveredAt: '2026-11-23T10:15:36.000Z' };

    // Act
    const view = toWebhookDeliveryView(delivered);

    // Assess
    expect(view).toMatchObject({ status: 'DELIVERED', deliveredAt: '2026-11-23T10:15:36.000Z' });
    expect(view).not.toHaveProperty('nextAttemptAt');
    expect(webhookDeliveryViewSchema.safeParse(view).error).toBeUndefined();
  });
});
