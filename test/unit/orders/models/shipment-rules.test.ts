import {
  assessLogisticsEvent,
  MAX_CLOCK_SKEW_MS,
  MAX_LOGISTICS_EVENTS,
} from '../../../../functions/orders/models/shipment';
import type { Order } from '../../../../functions/orders/models/order';
import { buildPaidOrder } from '../../../support/orders/order-fixture';

/*
 * The logistics rules (DESIGN, "Money is only moved by those entitled to move it"): which partner events an
 * order takes, with the bounds exactly at their edges.
 */

const now = new Date('2026-12-04T12:00:00.000Z');
const confirmedAt = '2026-12-01T09:00:00.000Z';

function paidOrder(change: Partial<Order> = {}): Order {
  return buildPaidOrder(confirmedAt, { createdAt: '2026-11-30T09:00:00.000Z', ...change });
}

const event = (occurredAt: string, trackingNumber = '1Z999') => ({ occurredAt, trackingNumber });

describe('assessLogisticsEvent', () => {
  it('takes an event dated between the confirmation and 5 minutes after now', () => {
    // Act
    const atConfirmation = assessLogisticsEvent(paidOrder(), event(confirmedAt), now);
    const atSkewLimit = assessLogisticsEvent(
      paidOrder(),
      event(new Date(now.getTime() + MAX_CLOCK_SKEW_MS).toISOString()),
      now,
    );

    // Assess
    expect(atConfirmation).toBeUndefined();
    expect(atSkewLimit).toBeUndefined();
  });

  it.each([
    ['a millisecond before the supplier confirmed (after the order was placed)', '2026-12-01T08:59:59.999Z'],
    ['in 2000', '2000-01-01T00:00:00.000Z'],
    ['a millisecond past 5 minutes after now', new Date(now.getTime() + MAX_CLOCK_SKEW_MS + 1).toISOString()],
  ])('refuses an event dated %s', (_label, occurredAt) => {
    // Act
    const refusal = assessLogisticsEvent(paidOrder(), event(occurredAt), now);

    // Assess
    expect(refusal).toMatchObject({ refused: 'OCCURRED_AT_OUT_OF_BOUNDS' });
    expect(refusal!.detail).toContain(`supplier's confirmation of the order (${confirmedAt})`);
  });

  it.each([
    ['unpaid', paidOrder({ payment: undefined, status: 'AWAITING_PAYMENT' })],
    ['declined', paidOrder({ payment: undefined, status: 'DECLINED' })],
    ['closed', paidOrder({ status: 'COMPLETED' })],
  ])('refuses any event for an order that is %s', (_label, order) => {
    // Assess
    expect(assessLogisticsEvent(order, event(confirmedAt), now)).toMatchObject({ refused: 'ORDER_NOT_SHIPPABLE' });
  });

  it('refuses another tracking number than the first, and the event after the 50th', () => {
    // Prepare
    const shipment = { status: 'SHIPPED' as const, trackingNumber: '1Z999', carrier: 'UPS' };

    // Act
    const forged = assessLogisticsEvent(paidOrder({ shipment }), event(confirmedAt, 'FORGED'), now);
    const last = assessLogisticsEvent(
      paidOrder({ shipment: { ...shipment, eventCount: MAX_LOGISTICS_EVENTS - 1 } }),
      event(confirmedAt),
      now,
    );
    const tooMany = assessLogisticsEvent(
      paidOrder({ shipment: { ...shipment, eventCount: MAX_LOGISTICS_EVENTS } }),
      event(confirmedAt),
      now,
    );

    // Assess
    expect(forged).toMatchObject({ refused: 'TRACKING_NUMBER_MISMATCH' });
    expect(last).toBeUndefined();
    expect(tooMany).toMatchObject({ refused: 'TOO_MANY_EVENTS' });
  });
});
