import * as z from 'zod';
import {
  logisticsWebhookEventSchema,
  paymentWebhookEventSchema,
} from '../../../../functions/orders/webhooks/webhook-events';

const payment = {
  eventId: 'evt_1001',
  type: 'payment.succeeded',
  orderId: 'order_7f3a',
  amount: 125000,
  currency: 'EUR',
};
const shipment = {
  eventId: 'dhl:2026-05-01:00042',
  type: 'SHIPPED',
  orderId: 'order_7f3a',
  trackingNumber: 'JD014600006281230704',
  carrier: 'DHL Express',
  occurredAt: '2026-05-01T12:00:00.123+02:00',
};

/** The issues as `path: message`, the way the API reports them. */
function issuesOf(schema: z.ZodType, body: unknown): string[] {
  const result = schema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('paymentWebhookEventSchema', () => {
  it('accepts a valid payment event unchanged', () => {
    expect(paymentWebhookEventSchema.parse(payment)).toEqual(payment);
  });

  it.each([
    ['eventId', undefined, 'eventId: is required'],
    ['eventId', '', 'eventId: must not be empty'],
    ['eventId', 'e'.repeat(129), 'eventId: must be at most 128 characters'],
    ['eventId', 'evt 1', 'eventId: must be visible ASCII characters without spaces'],
    ['eventId', 42, 'eventId: must be a string'],
    ['type', undefined, 'type: is required'],
    ['type', 'payment.failed', 'type: must be "payment.succeeded"'],
    ['orderId', undefined, 'orderId: is required'],
    ['orderId', 'order/7f3a', 'orderId: must be 1-64 letters, digits, _ or -'],
    ['orderId', 'o'.repeat(65), 'orderId: must be 1-64 letters, digits, _ or -'],
    ['amount', undefined, 'amount: is required'],
    ['amount', 0, 'amount: must be greater than 0'],
    ['amount', -100, 'amount: must be greater than 0'],
    ['amount', 19.99, 'amount: must be an integer number of minor units, such as 1999 for 19.99'],
    ['amount', '1999', 'amount: must be an integer number of minor units, such as 1999 for 19.99'],
    ['amount', 2 ** 53, `amount: must be at most ${Number.MAX_SAFE_INTEGER}`],
    ['currency', undefined, 'currency: is required'],
    ['currency', 'eur', 'currency: must be an ISO 4217 currency code of 3 upper-case letters, such as EUR or USD'],
    ['currency', 'EURO', 'currency: must be an ISO 4217 currency code of 3 upper-case letters, such as EUR or USD'],
  ])('refuses %s = %p, naming the field', (field, value, expected) => {
    // Prepare
    const body = { ...payment, [field]: value };
    if (value === undefined) delete body[field as keyof typeof body];

    // Act
    const issues = issuesOf(paymentWebhookEventSchema, body);

    // Assess
    expect(issues).toEqual([expected]);
  });

  it('refuses a field the contract does not have, naming it', () => {
    expect(issuesOf(paymentWebhookEventSchema, { ...payment, paidBy: 'x' })).toEqual([': has unknown field "paidBy"']);
  });

  it.each([null, [], 'payment', 1])('refuses a body that is not an object: %p', (body) => {
    expect(issuesOf(paymentWebhookEventSchema, body)).toEqual([': must be a JSON object']);
  });
});

describe('logisticsWebhookEventSchema', () => {
  it.each(['SHIPPED', 'DELIVERED', 'EXCEPTION'])('accepts a valid %s event', (type) => {
    expect(logisticsWebhookEventSchema.parse({ ...shipment, type })).toEqual({ ...shipment, type });
  });

  it('trims the carrier name and accepts a UTC time', () => {
    const parsed = logisticsWebhookEventSchema.parse({
      ...shipment,
      carrier: '  DHL ',
      occurredAt: '2026-05-01T10:00:00Z',
    });

    expect(parsed).toMatchObject({ carrier: 'DHL', occurredAt: '2026-05-01T10:00:00Z' });
  });

  it.each([
    ['eventId', undefined, 'eventId: is required'],
    ['eventId', '', 'eventId: must not be empty'],
    ['type', undefined, 'type: is required'],
    ['type', 'shipped', 'type: must be one of SHIPPED, DELIVERED, EXCEPTION'],
    ['type', 'payment.succeeded', 'type: must be one of SHIPPED, DELIVERED, EXCEPTION'],
    ['orderId', '', 'orderId: must be 1-64 letters, digits, _ or -'],
    ['trackingNumber', undefined, 'trackingNumber: is required'],
    ['trackingNumber', '', 'trackingNumber: must not be empty'],
    ['trackingNumber', 'T'.repeat(65), 'trackingNumber: must be at most 64 characters'],
    ['trackingNumber', 'JD 0146', 'trackingNumber: must be visible ASCII characters without spaces'],
    ['carrier', undefined, 'carrier: is required'],
    ['carrier', '   ', 'carrier: must not be empty'],
    ['carrier', 'C'.repeat(101), 'carrier: must be at most 100 characters'],
    ['carrier', 7, 'carrier: must be a string'],
    ['occurredAt', undefined, 'occurredAt: is required'],
    [
      'occurredAt',
      '2026-05-01T12:00:00',
      'occurredAt: must be an ISO 8601 date-time with a time zone, such as 2026-05-01T12:00:00Z',
    ],
    [
      'occurredAt',
      '2026-05-01',
      'occurredAt: must be an ISO 8601 date-time with a time zone, such as 2026-05-01T12:00:00Z',
    ],
    [
      'occurredAt',
      '2026-02-30T12:00:00Z',
      'occurredAt: must be an ISO 8601 date-time with a time zone, such as 2026-05-01T12:00:00Z',
    ],
    [
      'occurredAt',
      1777629600000,
      'occurredAt: must be an ISO 8601 date-time with a time zone, such as 2026-05-01T12:00:00Z',
    ],
  ])('refuses %s = %p, naming the field', (field, value, expected) => {
    // Prepare
    const body = { ...shipment, [field]: value };
    if (value === undefined) delete body[field as keyof typeof body];

    // Act
    const issues = issuesOf(logisticsWebhookEventSchema, body);

    // Assess
    expect(issues).toEqual([expected]);
  });

  it('refuses unknown fields, naming each', () => {
    expect(issuesOf(logisticsWebhookEventSchema, { ...shipment, status: 'x', eta: 'y' })).toEqual([
      ': has unknown fields "status", "eta"',
    ]);
  });
});
