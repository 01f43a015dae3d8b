/** A stored `Order` for tests, built from one set of plain defaults. */
import type { Order } from '../../../functions/orders/models/order';

/**
 * Builds a full `Order` as the table holds it: `order_1` of `party_buyer` from `party_supplier`, 100 shirts at
 * 500 minor units (50,000 USD minor units in all), fully covered and reserved, screened PASS, shipping to DE by
 * 2026-09-01, created 2026-06-01, AWAITING_PAYMENT.
 *
 * `change` replaces whole fields (a shallow spread, so a nested field such as `reservation` must be given
 * complete). A test that asserts on a value (an id, an amount, a date, the status) should pass it here
 * explicitly rather than rely on these defaults.
 */
export function buildOrder(change: Partial<Order> = {}): Order {
  return {
    orderId: 'order_1',
    buyerPartyId: 'party_buyer',
    supplierPartyId: 'party_supplier',
    createdBy: 'user',
    items: [{ description: 'Shirts', hsCode: '610910', quantity: 100, unitPrice: 500 }],
    currency: 'USD',
    totalAmount: 50_000,
    coverage: 'FULL',
    coveredAmount: 50_000,
    shipBy: '2026-09-01',
    destination: { country: 'DE' },
    qualitySpec: 'cotton',
    status: 'AWAITING_PAYMENT',
    compliance: { decision: 'PASS', outcomes: [], screenedAt: '2026-06-01T00:00:00.000Z' },
    reservation: { amount: 50_000, reservedAt: '2026-06-01T00:00:00.000Z' },
    createdAt: '2026-06-01T00:00:00.000Z',
    updatedAt: '2026-06-01T00:00:00.000Z',
    ...change,
  };
}

/**
 * An order its supplier confirmed at `confirmedAt` and its buyer paid in full: AWAITING_SHIPMENT, the state
 * in which partners' logistics and inspection events are judged. `change` as in {@link buildOrder}.
 */
export function buildPaidOrder(confirmedAt: string, change: Partial<Order> = {}): Order {
  return buildOrder({
    status: 'AWAITING_SHIPMENT',
    supplierConfirmation: { accepted: true, at: confirmedAt, by: 'supplier-user' },
    payment: {
      amount: 50_000,
      currency: 'USD',
      receivedAt: confirmedAt,
      partnerId: 'pay',
      eventId: 'evt_1',
      movementKey: 'order_1:payment',
    },
    ...change,
  });
}
