import fc from 'fast-check';
import { deliveryIdOf } from '../../../functions/events/models/webhook-delivery';
import type { WebhookEndpoint } from '../../../functions/events/models/webhook-endpoint';
import type { OutboxEntry } from '../../../functions/events/repositories/outbox-repository';
import { planDeliveries } from '../../../functions/events/usecases/dispatch-webhooks';
import { eventTypes, type EventType, type OutboundEvent } from '../../../functions/kernel/events/event-catalogue';

const at = '2026-11-23T10:15:31.000Z';

function endpoint(endpointId: string, eventTypes: WebhookEndpoint['eventTypes'], disabled = false): WebhookEndpoint {
  return {
    endpointId,
    url: `https://hooks.example.com/${endpointId}`,
    eventTypes,
    disabled,
    secrets: [{ secret: 'whsec_c2VjcmV0', createdAt: '2026-11-01T00:00:00.000Z' }],
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    createdBy: 'admin',
  };
}

function event(type: EventType, id: string): OutboundEvent {
  return { type, id, occurredAt: '2026-11-23T10:15:30.123Z', data: { orderId: 'ord_1', status: 'X' } as never };
}

function outboxEntry(events: OutboundEvent[]): OutboxEntry {
  const sk = 'EVENT#2026-11-23T10:15:30.123Z#003';
  return { key: { pk: 'ORDER#ord_1', sk }, indexKey: sk, shard: 2, events };
}

describe('planDeliveries', () => {
  it('makes one pending delivery of each event for each endpoint subscribed to its type', () => {
    // Prepare
    const paid = event('order.paid', 'msg_aa');
    const held = event('order.held', 'msg_bb');
    const endpoints = [
      endpoint('whe_all', ['*']),
      endpoint('whe_paid', ['order.paid', 'order.shipped']),
      endpoint('whe_kyc', ['kyc.case.approved']),
    ];

    // Act
    const deliveries = planDeliveries(outboxEntry([paid, held]), endpoints, at);

    // Assess
    expect(deliveries.map((delivery) => [delivery.event.id, delivery.endpointId])).toEqual([
      ['msg_aa', 'whe_all'],
      ['msg_aa', 'whe_paid'],
      ['msg_bb', 'whe_all'],
    ]);
    expect(deliveries[0]).toEqual({
      deliveryId: deliveryIdOf(paid),
      endpointId: 'whe_all',
      event: paid,
      subjectKey: 'ORDER#ord_1',
      sequence: 'EVENT#2026-11-23T10:15:30.123Z#003#000',
      shard: 2,
      status: 'PENDING',
      attempts: [],
      scheduledAttempts: 0,
      nextAttemptAt: at,
      createdAt: at,
      updatedAt: at,
    });
  });

  it('makes nothing for a disabled endpoint, even one subscribed to everything', () => {
    // Prepare
    const endpoints = [endpoint('whe_off', ['*'], true), endpoint('whe_paid_off', ['order.paid'], true)];

    // Act
    const deliveries = planDeliveries(outboxEntry([event('order.paid', 'msg_aa')]), endpoints, at);

    // Assess
    expect(deliveries).toEqual([]);
  });

  it('makes nothing without endpoints or without events', () => {
    // Act
    const noEndpoint = planDeliveries(outboxEntry([event('order.paid', 'msg_aa')]), [], at);
    const noEvent = planDeliveries(outboxEntry([]), [endpoint('whe_all', ['*'])], at);

    // Assess
    expect(noEndpoint).toEqual([]);
    expect(noEvent).toEqual([]);
  });

  it('orders the events of an entry by sequence, past ten events too', () => {
    // Prepare
    const events = Array.from({ length: 12 }, (_, index) => event('order.paid', `msg_${index}`));

    // Act
    const deliveries = planDeliveries(outboxEntry(events), [endpoint('whe_all', ['*'])], at);

    // Assess
    const bySequence = [...deliveries].sort((a, b) => a.sequence.localeCompare(b.sequence));
    expect(bySequence.map((delivery) => delivery.event.id)).toEqual(events.map((e) => e.id));
    expect(deliveries.every((delivery) => delivery.sequence.startsWith('EVENT#2026-11-23T10:15:30.123Z#003#'))).toBe(
      true,
    );
  });

  it('gives the same event the same delivery id for every endpoint, and for a second plan', () => {
    // Prepare
    const entry = outboxEntry([event('order.paid', 'msg_aa')]);
    const endpoints = [endpoint('whe_1', ['*']), endpoint('whe_2', ['order.paid'])];

    // Act
    const first = planDeliveries(entry, endpoints, at);
    const second = planDeliveries(entry, endpoints, '2026-11-23T11:00:00.000Z');

    // Assess
    expect(new Set([...first, ...second].map((delivery) => delivery.deliveryId))).toEqual(
      new Set([deliveryIdOf(entry.events[0]!)]),
    );
  });

  it('plans exactly the subscribed pairs, for any endpoints and events', () => {
    // Prepare
    const eventArb = fc
      .tuple(
        fc.constantFrom(...eventTypes),
        fc.string({ minLength: 4, maxLength: 8, unit: fc.constantFrom(...'abcdef0123') }),
      )
      .map(([type, id]) => event(type, `msg_${id}`));
    const endpointArb = fc
      .tuple(
        fc.string({ minLength: 3, maxLength: 3, unit: fc.constantFrom('x', 'y', 'z') }),
        fc.oneof(
          fc.constant<WebhookEndpoint['eventTypes']>(['*']),
          fc.array(fc.constantFrom(...eventTypes), { minLength: 1, maxLength: 4 }),
        ),
        fc.boolean(),
      )
      .map(([id, types, disabled]) => endpoint(`whe_${id}`, types, disabled));

    fc.assert(
      fc.property(
        fc.array(eventArb, { maxLength: 6 }),
        fc.array(endpointArb, { maxLength: 5 }),
        (events, endpoints) => {
          // Act
          const deliveries = planDeliveries(outboxEntry(events), endpoints, at);

          // Assess
          const expected = events.flatMap((e) =>
            endpoints
              .filter((ep) => !ep.disabled && (ep.eventTypes.includes('*') || ep.eventTypes.includes(e.type)))
              .map((ep) => [deliveryIdOf(e), ep.endpointId]),
          );
          expect(deliveries.map((delivery) => [delivery.deliveryId, delivery.endpointId])).toEqual(expected);
          const sequences = deliveries.map((delivery) => delivery.sequence);
          expect(sequences).toEqual([...sequences].sort());
        },
      ),
      { numRuns: 500 },
    );
  });
});
