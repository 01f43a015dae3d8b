import type { Order } from '../../../../functions/orders/models/order';
import {
  advanceStatus,
  readMilestone,
  shipByDeadline,
  statusWhileAwaiting,
} from '../../../../functions/orders/models/order-lifecycle';
import { completedTransactionOf, finalStatusOf } from '../../../../functions/orders/workflow/close-order';
import { planSettlement } from '../../../../functions/orders/workflow/settle-order';
import { buildOrder } from '../../../support/orders/order-fixture';

/** An order of 10,000 USD, all covered, to ship by 2026-12-01: the figures the settlement and closing tests use. */
function order(change: Partial<Order> = {}): Order {
  return buildOrder({
    orderId: 'order_1',
    items: [{ description: 'Shirts', hsCode: '610910', quantity: 10, unitPrice: 1_000 }],
    currency: 'USD',
    totalAmount: 10_000,
    coverage: 'FULL',
    coveredAmount: 10_000,
    shipBy: '2026-12-01',
    status: 'AWAITING_PAYMENT',
    reservation: { amount: 10_000, reservedAt: '2026-11-01T00:00:00.000Z' },
    ...change,
  });
}

const claim = (change: Partial<NonNullable<Order['claim']>> = {}): NonNullable<Order['claim']> => ({
  claimId: 'claim_1',
  reason: 'QUALITY',
  description: 'light',
  requestedAmount: 4_000,
  openedAt: '2026-12-10T00:00:00.000Z',
  openedBy: 'user_b',
  status: 'OPEN',
  respondBy: '2026-12-13T00:00:00.000Z',
  escalatesAt: '2026-12-17T00:00:00.000Z',
  ...change,
});

describe('readMilestone', () => {
  it('reports each milestone only once its fact is on the order', () => {
    // Assess
    expect(readMilestone(order(), 'PAYMENT')).toBeUndefined();
    expect(readMilestone(order({ payment: {} as Order['payment'] }), 'PAYMENT')).toEqual({ milestone: 'PAYMENT' });
    expect(readMilestone(order(), 'SHIPMENT')).toBeUndefined();
    const delivered = { status: 'DELIVERED', deliveredAt: '2026-11-20T00:00:00Z', trackingNumber: 't', carrier: 'c' };
    expect(readMilestone(order({ shipment: delivered as Order['shipment'] }), 'SHIPMENT')).toEqual({
      milestone: 'SHIPMENT',
    });
    expect(readMilestone(order({ shipment: delivered as Order['shipment'] }), 'DELIVERY')).toEqual({
      milestone: 'DELIVERY',
      by: 'CARRIER',
    });
  });

  it('takes the buyer confirming receipt as delivery, ahead of the carrier', () => {
    // Prepare
    const received = order({
      receipt: { confirmedAt: '2026-11-21T00:00:00Z', by: 'BUYER', claimWindowEndsAt: '2026-12-21T00:00:00Z' },
    });

    // Assess
    expect(readMilestone(received, 'DELIVERY')).toEqual({ milestone: 'DELIVERY', by: 'BUYER' });
    expect(readMilestone(received, 'RECEIPT')).toEqual({ milestone: 'RECEIPT' });
  });

  it('lets a NOT_RECEIVED claim end the waits for delivery and receipt', () => {
    // Prepare
    const claimed = order({ status: 'DELIVERED', claim: claim({ reason: 'NOT_RECEIVED' }) });

    // Assess
    expect(readMilestone(claimed, 'DELIVERY')).toEqual({ milestone: 'DELIVERY', by: 'BUYER' });
    expect(readMilestone(claimed, 'RECEIPT')).toEqual({ milestone: 'RECEIPT' });
    expect(readMilestone(claimed, 'CLAIM')).toEqual({ milestone: 'CLAIM', claimId: 'claim_1' });
  });

  it('resolves a claim only when it is agreed or escalated, not while the supplier rejects it or offers less', () => {
    // Assess
    expect(readMilestone(order({ claim: claim() }), 'CLAIM')).toEqual({ milestone: 'CLAIM', claimId: 'claim_1' });
    expect(readMilestone(order({ claim: claim() }), 'CLAIM_RESOLUTION')).toBeUndefined();
    expect(readMilestone(order({ claim: claim({ status: 'REJECTED' }) }), 'CLAIM_RESOLUTION')).toBeUndefined();
    expect(readMilestone(order({ claim: claim({ status: 'OFFERED' }) }), 'CLAIM_RESOLUTION')).toBeUndefined();
    expect(readMilestone(order({ claim: claim({ status: 'ACCEPTED' }) }), 'CLAIM_RESOLUTION')).toEqual({
      milestone: 'CLAIM_RESOLUTION',
      outcome: 'ACCEPTED',
    });
    expect(readMilestone(order({ claim: claim({ status: 'ESCALATED' }) }), 'CLAIM_RESOLUTION')).toEqual({
      milestone: 'CLAIM_RESOLUTION',
      outcome: 'ESCALATED',
    });
  });

  it('reports payouts done when none is pending, with how many failed, including when there is none to make', () => {
    // Prepare
    const settlement = (statuses: ('PENDING' | 'PAID' | 'FAILED')[]): Order['settlement'] => ({
      outcome: 'NO_CLAIM',
      refunded: 0,
      released: 10_000,
      settledAt: '2026-12-30T00:00:00Z',
      payouts: statuses.map((status) => ({ status }) as NonNullable<Order['settlement']>['payouts'][number]),
    });

    // Assess
    expect(readMilestone(order(), 'PAYOUTS')).toBeUndefined();
    expect(readMilestone(order({ settlement: settlement(['PENDING', 'PAID']) }), 'PAYOUTS')).toBeUndefined();
    expect(readMilestone(order({ settlement: settlement(['PAID', 'FAILED']) }), 'PAYOUTS')).toEqual({
      milestone: 'PAYOUTS',
      failed: 1,
    });
    expect(readMilestone(order({ settlement: settlement([]) }), 'PAYOUTS')).toEqual({
      milestone: 'PAYOUTS',
      failed: 0,
    });
  });
});

describe('advanceStatus', () => {
  it('moves to the waiting status but never back', () => {
    // Assess
    expect(advanceStatus('AWAITING_PAYMENT', statusWhileAwaiting.SHIPMENT)).toBe('AWAITING_SHIPMENT');
    expect(advanceStatus('RECEIVED', statusWhileAwaiting.RECEIPT)).toBe('RECEIVED');
    expect(advanceStatus('CANCELLED', statusWhileAwaiting.PAYOUTS)).toBe('CANCELLED');
  });
});

describe('shipByDeadline', () => {
  it('gives the supplier the whole ship-by day, UTC', () => {
    // Assess
    expect(shipByDeadline({ shipBy: '2026-12-01' }).toISOString()).toBe('2026-12-02T00:00:00.000Z');
  });
});

describe('planSettlement', () => {
  it('refunds nothing without a claim and releases what was paid', () => {
    expect(planSettlement(order(), 'NO_CLAIM', 10_000)).toEqual({ refund: 0, release: 10_000 });
  });

  it('refunds everything paid for a missed ship-by date, beyond the cover too: a supplier that never shipped gets nothing', () => {
    // Prepare: a deposit of 3,000 of 10,000 is covered
    const deposit = order({ coverage: 'DEPOSIT', depositAmount: 3_000, coveredAmount: 3_000 });

    // Assess
    expect(planSettlement(deposit, 'SHIP_BY_MISSED', 10_000)).toEqual({ refund: 10_000, release: 0 });
    expect(planSettlement(order(), 'SHIP_BY_MISSED', 10_000)).toEqual({ refund: 10_000, release: 0 });
  });

  it('refunds an accepted claim or a determination, never over the covered amount or what was paid', () => {
    // Prepare
    const claimed = order({ claim: claim({ requestedAmount: 5_000, agreedAmount: 4_000, status: 'ACCEPTED' }) });
    const determined = order({ determination: { taskId: 'task_1', decision: 'REFUND', amount: 25_000 } });
    const released = order({ determination: { taskId: 'task_1', decision: 'RELEASE' } });

    // Assess
    expect(planSettlement(claimed, 'CLAIM_ACCEPTED', 10_000)).toEqual({ refund: 4_000, release: 6_000 });
    expect(planSettlement(determined, 'DETERMINATION', 10_000)).toEqual({ refund: 10_000, release: 0 });
    expect(planSettlement(determined, 'DETERMINATION', 8_000)).toEqual({ refund: 8_000, release: 0 });
    expect(planSettlement(released, 'DETERMINATION', 10_000)).toEqual({ refund: 0, release: 10_000 });
  });
});

describe('closing an order', () => {
  it('closes REFUNDED after a missed ship-by date, CANCELLED after a cancellation, else COMPLETED', () => {
    // Assess
    const settled = (outcome: NonNullable<Order['settlement']>['outcome']) =>
      order({ settlement: { outcome, refunded: 0, released: 0, settledAt: 'x', payouts: [] } });
    expect(finalStatusOf(settled('SHIP_BY_MISSED'))).toBe('REFUNDED');
    expect(finalStatusOf(settled('CANCELLED'))).toBe('CANCELLED');
    expect(finalStatusOf(settled('NO_CLAIM'))).toBe('COMPLETED');
    expect(finalStatusOf(settled('DETERMINATION'))).toBe('COMPLETED');
  });

  it("records the supplier's transaction: paid amount, on-time shipment, dispute and response time", () => {
    // Prepare
    const closed = order({
      shipment: { status: 'DELIVERED', shippedAt: '2026-12-01T23:00:00.000Z', trackingNumber: 't', carrier: 'c' },
      claim: claim({
        status: 'REJECTED',
        response: { accept: false, message: 'no', at: '2026-12-11T06:00:00.000Z', by: 'user_s' },
      }),
      settlement: {
        outcome: 'DETERMINATION',
        refunded: 2_000,
        released: 8_000,
        settledAt: '2026-12-20T00:00:00.000Z',
        payouts: [],
      },
    });
    const late = order({
      shipment: { status: 'SHIPPED', shippedAt: '2026-12-02T00:00:00.000Z', trackingNumber: 't', carrier: 'c' },
      settlement: {
        outcome: 'NO_CLAIM',
        refunded: 0,
        released: 10_000,
        settledAt: '2026-12-30T00:00:00.000Z',
        payouts: [],
      },
    });

    // Assess
    expect(completedTransactionOf(closed)).toEqual({
      entity: 'COMPLETED_TRANSACTION',
      orderId: 'order_1',
      completedAt: '2026-12-20T00:00:00.000Z',
      amount: 8_000,
      currency: 'USD',
      shippedOnTime: true,
      disputed: true,
      responseHours: [30],
    });
    expect(completedTransactionOf(late)).toMatchObject({ shippedOnTime: false, disputed: false });
    expect(completedTransactionOf(late)).not.toHaveProperty('responseHours');
    expect(completedTransactionOf({ ...late, claim: claim({ status: 'ESCALATED' }) })).toMatchObject({
      disputed: true,
      responseHours: [],
    });
  });
});
