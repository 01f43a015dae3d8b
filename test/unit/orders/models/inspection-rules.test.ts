import {
  assessInspectionEvent,
  MAX_INSPECTIONS,
  type OrderInspection,
} from '../../../../functions/orders/models/inspection';
import { readMilestone, shippedInTime } from '../../../../functions/orders/models/order-lifecycle';
import type { Order } from '../../../../functions/orders/models/order';
import { buildPaidOrder } from '../../../support/orders/order-fixture';

/* Pre-shipment quality protection: which inspection reports an order takes, and when its shipment counts. */

const now = new Date('2026-12-04T12:00:00.000Z');
const confirmedAt = '2026-12-01T09:00:00.000Z';

function report(result: 'PASSED' | 'FAILED', occurredAt: string, reportId = `rep-${occurredAt}`): OrderInspection {
  return { result, reportId, occurredAt, receivedAt: occurredAt, partnerId: 'agency' };
}

function preShipmentOrder(change: Partial<Order> = {}): Order {
  return buildPaidOrder(confirmedAt, { shipBy: '2026-12-20', qualityProtection: 'PRE_SHIPMENT', ...change });
}

const event = (occurredAt: string, reportId = 'rep-new') => ({ occurredAt, reportId });

describe('assessInspectionEvent', () => {
  it('takes a report of a paid PRE_SHIPMENT order dated from the confirmation on, and a re-inspection after a failure', () => {
    // Assess
    expect(assessInspectionEvent(preShipmentOrder(), event(confirmedAt), now)).toBeUndefined();
    expect(
      assessInspectionEvent(
        preShipmentOrder({ inspections: [report('FAILED', '2026-12-02T09:00:00.000Z')] }),
        event('2026-12-03T09:00:00.000Z'),
        now,
      ),
    ).toBeUndefined();
  });

  it.each([
    ['a POST_DELIVERY order', preShipmentOrder({ qualityProtection: 'POST_DELIVERY' }), 'NOT_PRE_SHIPMENT'],
    [
      'an order placed before quality protection existed',
      preShipmentOrder({ qualityProtection: undefined }),
      'NOT_PRE_SHIPMENT',
    ],
    ['an unpaid order', preShipmentOrder({ payment: undefined, status: 'AWAITING_PAYMENT' }), 'ORDER_NOT_INSPECTABLE'],
    ['a closed order', preShipmentOrder({ status: 'COMPLETED' }), 'ORDER_NOT_INSPECTABLE'],
    [
      'an order that passed already',
      preShipmentOrder({ inspections: [report('PASSED', '2026-12-02T09:00:00.000Z')] }),
      'INSPECTION_ALREADY_PASSED',
    ],
    [
      'the same report again',
      preShipmentOrder({ inspections: [report('FAILED', '2026-12-02T09:00:00.000Z', 'rep-new')] }),
      'REPORT_ALREADY_RECEIVED',
    ],
    [
      `the ${MAX_INSPECTIONS + 1}st report`,
      preShipmentOrder({
        inspections: Array.from({ length: MAX_INSPECTIONS }, (_, i) =>
          report('FAILED', '2026-12-02T09:00:00.000Z', `rep-${i}`),
        ),
      }),
      'TOO_MANY_INSPECTIONS',
    ],
  ])('refuses a report for %s', (_label, order, refused) => {
    // Assess
    expect(assessInspectionEvent(order, event(confirmedAt), now)).toMatchObject({ refused });
  });

  it.each([
    ['a millisecond before the confirmation', '2026-12-01T08:59:59.999Z'],
    ['more than 5 minutes after now', '2026-12-04T12:05:00.001Z'],
  ])('refuses a report dated %s', (_label, occurredAt) => {
    // Assess
    expect(assessInspectionEvent(preShipmentOrder(), event(occurredAt), now)).toMatchObject({
      refused: 'OCCURRED_AT_OUT_OF_BOUNDS',
    });
  });
});

describe('the shipment of a PRE_SHIPMENT order', () => {
  const shipped = {
    status: 'SHIPPED' as const,
    shippedAt: '2026-12-10T09:00:00.000Z',
    trackingNumber: '1Z',
    carrier: 'UPS',
  };

  it('counts only after a PASSED inspection; a claim after a failed one ends the wait too', () => {
    // Prepare
    const failed = preShipmentOrder({ shipment: shipped, inspections: [report('FAILED', '2026-12-05T09:00:00.000Z')] });
    const passed = preShipmentOrder({
      shipment: shipped,
      inspections: [report('FAILED', '2026-12-05T09:00:00.000Z'), report('PASSED', '2026-12-06T09:00:00.000Z')],
    });
    const claimed = preShipmentOrder({
      inspections: failed.inspections,
      claim: { claimId: 'claim_1' } as Order['claim'],
    });

    // Assess
    expect(readMilestone(failed, 'SHIPMENT')).toBeUndefined();
    expect(readMilestone(passed, 'SHIPMENT')).toEqual({ milestone: 'SHIPMENT' });
    expect(readMilestone(claimed, 'SHIPMENT')).toEqual({ milestone: 'SHIPMENT' });
    expect(
      readMilestone(preShipmentOrder({ qualityProtection: 'POST_DELIVERY', shipment: shipped }), 'SHIPMENT'),
    ).toEqual({ milestone: 'SHIPMENT' });
  });

  it('is in time only with a shipment and a PASSED inspection before the end of the ship-by day', () => {
    // Prepare
    const endOfShipBy = '2026-12-21T00:00:00.000Z';
    const passedInTime = [report('PASSED', '2026-12-20T23:59:59.999Z')];

    // Assess
    expect(shippedInTime(preShipmentOrder({ shipment: shipped, inspections: passedInTime }))).toBe(true);
    expect(shippedInTime(preShipmentOrder({ shipment: shipped, inspections: [report('PASSED', endOfShipBy)] }))).toBe(
      false,
    );
    expect(
      shippedInTime(
        preShipmentOrder({ shipment: shipped, inspections: [report('FAILED', '2026-12-05T09:00:00.000Z')] }),
      ),
    ).toBe(false);
    expect(shippedInTime(preShipmentOrder({ inspections: passedInTime }))).toBe(false);
    expect(shippedInTime(preShipmentOrder({ qualityProtection: 'POST_DELIVERY', shipment: shipped }))).toBe(true);
  });
});
