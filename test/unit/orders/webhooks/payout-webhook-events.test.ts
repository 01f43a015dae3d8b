import * as z from 'zod';
import { isPayoutWebhookType, payoutWebhookEventSchema } from '../../../../functions/orders/webhooks/webhook-events';

const paid = {
  eventId: 'evt_po_1_paid',
  type: 'payout.paid',
  orderId: 'order_7f3a',
  payoutId: 'po_1',
  idempotencyKey: 'order_7f3a:release:settlement',
  amount: 500_000,
  currency: 'USD',
  occurredAt: '2026-05-01T12:00:00Z',
};

function issuesOf(schema: z.ZodType, body: unknown): string[] {
  const result = schema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('payoutWebhookEventSchema', () => {
  it('accepts payout.paid, and payout.failed with a reason', () => {
    // Prepare
    const failed = { ...paid, type: 'payout.failed', failureReason: 'account closed' };

    // Act / Assess
    expect(payoutWebhookEventSchema.parse(paid)).toEqual(paid);
    expect(payoutWebhookEventSchema.parse(failed)).toEqual(failed);
  });

  it.each([
    ['type', 'payout.reversed', 'type: must be one of payout.paid, payout.failed'],
    ['payoutId', undefined, 'payoutId: is required'],
    ['payoutId', 'po 1', 'payoutId: must be visible ASCII characters without spaces'],
    ['idempotencyKey', '', 'idempotencyKey: must not be empty'],
    ['idempotencyKey', 'k'.repeat(257), 'idempotencyKey: must be at most 256 characters'],
    [
      'occurredAt',
      '2026-05-01T12:00:00',
      'occurredAt: must be an ISO 8601 date-time with a time zone, such as 2026-05-01T12:00:00Z',
    ],
    ['orderId', 'order/1', 'orderId: must be 1-64 letters, digits, _ or -'],
    ['amount', undefined, 'amount: is required'],
    ['amount', 10.5, 'amount: must be an integer amount in minor units'],
    ['currency', 'usd', 'currency: must be an ISO 4217 code'],
    ['failureReason', 'account closed', 'failureReason: is only allowed with payout.failed'],
  ])('refuses %s = %p, naming the field', (field, value, expected) => {
    // Prepare
    const body: Record<string, unknown> = { ...paid, [field]: value };
    if (value === undefined) delete body[field];

    // Act
    const issues = issuesOf(payoutWebhookEventSchema, body);

    // Assess
    expect(issues).toEqual([expected]);
  });

  it('refuses a field the contract does not have, naming it', () => {
    expect(issuesOf(payoutWebhookEventSchema, { ...paid, fee: 1 })).toEqual([': has unknown field "fee"']);
  });
});

describe('isPayoutWebhookType', () => {
  it.each([
    [{ type: 'payout.paid' }, true],
    [{ type: 'payout.anything' }, true],
    [{ type: 'payment.succeeded' }, false],
    [{ type: 42 }, false],
    [null, false],
    ['payout.paid', false],
  ])('%p → %p', (body, expected) => {
    expect(isPayoutWebhookType(body)).toBe(expected);
  });
});
