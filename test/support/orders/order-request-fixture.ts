import { createOrderRequestSchema, type CreateOrderRequest } from '../../../functions/orders/models/order';

/** The business time the order-rule tests assess at. */
export const orderRulesNow = new Date('2026-11-23T12:00:00.000Z');

/** A valid `POST /orders` body: 100 T-shirts at USD 5.00, fully covered, shipped to Germany by 20 December. */
export const orderRequest: CreateOrderRequest = createOrderRequestSchema.parse({
  supplierId: 'party_supplier',
  items: [{ description: 'Cotton T-shirts', hsCode: '610910', quantity: 100, unitPrice: 500 }],
  currency: 'USD',
  coverage: 'FULL',
  shipBy: '2026-12-20',
  destinationCountry: 'DE',
  qualitySpec: '180 gsm cotton',
});
