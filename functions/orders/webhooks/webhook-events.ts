import * as z from 'zod';
import { textSchema } from '../../commons/validation';

/** Says "is required" for an absent field and what was expected for a present one of the wrong type. */
function expecting(what: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`);
}

/** The body as a whole: not an object, or a field the contract does not have (named, so a partner can fix it). */
function describeBodyIssue(issue: { code?: string; input?: unknown; keys?: readonly string[] }): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys ?? [];
    return `has unknown field${keys.length === 1 ? '' : 's'} ${keys.map((key) => JSON.stringify(key)).join(', ')}`;
  }
  return 'must be a JSON object';
}

/**
 * A partner's event id, the deduplication key. Partners choose its format, so any visible ASCII is
 * allowed; the bound keeps it a sensible storage key, and no spaces or control characters means two ids
 * that look the same are the same.
 */
export const webhookEventIdSchema = z
  .string({ error: expecting('a string') })
  .min(1, { message: 'must not be empty' })
  .max(128, { message: 'must be at most 128 characters' })
  .regex(/^[\x21-\x7E]*$/, { message: 'must be visible ASCII characters without spaces' });

/** A TrustFlow order id, as issued by TrustFlow: the same opaque-id rule as path parameters. */
export const webhookOrderIdSchema = z
  .string({ error: expecting('a string') })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 letters, digits, _ or -' });

/** An ISO 4217 alphabetic currency code. Only the form is checked; whether it is payable is the order's business. */
export const currencyCodeSchema = z
  .string({ error: expecting('a string') })
  .regex(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 currency code of 3 upper-case letters, such as EUR or USD' });

/** `POST /webhooks/payments`: the buyer's payment for an order went through. */
export const paymentWebhookEventSchema = z.strictObject(
  {
    eventId: webhookEventIdSchema,
    type: z.literal('payment.succeeded', { error: expecting('"payment.succeeded"') }),
    orderId: webhookOrderIdSchema,
    // Minor units (cents) as an integer: floating-point money would round differently on each side.
    amount: z
      .int({
        error: (issue) =>
          issue.code === 'too_big'
            ? `must be at most ${Number.MAX_SAFE_INTEGER}`
            : expecting('an integer number of minor units, such as 1999 for 19.99')(issue),
      })
      .positive({ message: 'must be greater than 0' }),
    currency: currencyCodeSchema,
  },
  { error: describeBodyIssue },
);

/** A payment partner's event body. */
export type PaymentWebhookEvent = z.infer<typeof paymentWebhookEventSchema>;

/** The payout confirmations a payout provider sends on `/webhooks/payouts`. */
export const payoutEventTypes = ['payout.paid', 'payout.failed'] as const;

/** An id the provider or TrustFlow chose: visible ASCII, bounded, as the other ids of the contract. */
function opaqueIdSchema(maxLength: number) {
  return z
    .string({ error: expecting('a string') })
    .min(1, { message: 'must not be empty' })
    .max(maxLength, { message: `must be at most ${maxLength} characters` })
    .regex(/^[\x21-\x7E]*$/, { message: 'must be visible ASCII characters without spaces' });
}

/**
 * `POST /webhooks/payouts` from the payout provider: a payout TrustFlow instructed was paid, or failed.
 * `idempotencyKey` is the key TrustFlow sent with the payout (the ledger movement's key), `payoutId` the
 * provider's own id, `amount` and `currency` what it paid: all must match the instruction exactly.
 */
export const payoutWebhookEventSchema = z
  .strictObject(
    {
      eventId: webhookEventIdSchema,
      type: z.enum(payoutEventTypes, { error: expecting(`one of ${payoutEventTypes.join(', ')}`) }),
      orderId: webhookOrderIdSchema,
      payoutId: opaqueIdSchema(256),
      idempotencyKey: opaqueIdSchema(256),
      amount: z
        .number({ error: expecting('an integer amount in minor units') })
        .int({ message: 'must be an integer amount in minor units' })
        .positive({ message: 'must be positive' }),
      currency: z
        .string({ error: expecting('a currency code') })
        .regex(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code' }),
      occurredAt: z.iso.datetime({
        offset: true,
        error: expecting('an ISO 8601 date-time with a time zone, such as 2026-05-01T12:00:00Z'),
      }),
      failureReason: z
        .string({ error: expecting('a string') })
        .pipe(textSchema(1000))
        .optional(),
    },
    { error: describeBodyIssue },
  )
  .superRefine((event, context) => {
    // a paid payout has no failure; saying so would leave two truths on the order
    if (event.type === 'payout.paid' && event.failureReason !== undefined) {
      context.addIssue({ code: 'custom', path: ['failureReason'], message: 'is only allowed with payout.failed' });
    }
  });

/** A payout provider's event body. */
export type PayoutWebhookEvent = z.infer<typeof payoutWebhookEventSchema>;

/**
 * True for a body whose `type` is a payout event. The payments route reads `type` first to choose the
 * schema, so that payment bodies keep their own field messages.
 */
export function isPayoutWebhookType(body: unknown): boolean {
  const type = typeof body === 'object' && body !== null ? (body as { type?: unknown }).type : undefined;
  return typeof type === 'string' && type.startsWith('payout.');
}

/** The logistics milestones a carrier partner reports. */
export const logisticsEventTypes = ['SHIPPED', 'DELIVERED', 'EXCEPTION'] as const;

/** `POST /webhooks/logistics`: a shipment milestone for an order. */
export const logisticsWebhookEventSchema = z.strictObject(
  {
    eventId: webhookEventIdSchema,
    type: z.enum(logisticsEventTypes, { error: expecting(`one of ${logisticsEventTypes.join(', ')}`) }),
    orderId: webhookOrderIdSchema,
    trackingNumber: z
      .string({ error: expecting('a string') })
      .min(1, { message: 'must not be empty' })
      .max(64, { message: 'must be at most 64 characters' })
      .regex(/^[\x21-\x7E]*$/, { message: 'must be visible ASCII characters without spaces' }),
    carrier: z.string({ error: expecting('a string') }).pipe(textSchema(100)),
    // Events arrive out of order, so this time (not the arrival time) orders them; an offset is required
    // because a local time without one cannot be placed.
    occurredAt: z.iso.datetime({
      offset: true,
      error: expecting('an ISO 8601 date-time with a time zone, such as 2026-05-01T12:00:00Z'),
    }),
  },
  { error: describeBodyIssue },
);

/** A logistics partner's event body. */
export type LogisticsWebhookEvent = z.infer<typeof logisticsWebhookEventSchema>;

/** The report an inspection agency sends. */
export const inspectionResults = ['PASSED', 'FAILED'] as const;

/** `POST /webhooks/inspections`: a third-party inspection of a PRE_SHIPMENT order was completed. */
export const inspectionWebhookEventSchema = z.strictObject(
  {
    eventId: webhookEventIdSchema,
    type: z.literal('inspection.completed', { error: expecting('inspection.completed') }),
    orderId: webhookOrderIdSchema,
    result: z.enum(inspectionResults, { error: expecting(`one of ${inspectionResults.join(', ')}`) }),
    reportId: opaqueIdSchema(128),
    occurredAt: z.iso.datetime({
      offset: true,
      error: expecting('an ISO 8601 date-time with a time zone, such as 2026-05-01T12:00:00Z'),
    }),
    findings: z
      .string({ error: expecting('a string') })
      .pipe(textSchema(4000))
      .optional(),
  },
  { error: describeBodyIssue },
);

/** An inspection agency's event body. */
export type InspectionWebhookEvent = z.infer<typeof inspectionWebhookEventSchema>;
