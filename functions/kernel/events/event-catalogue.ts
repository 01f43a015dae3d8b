import * as z from 'zod';

/*
 * The outbound events TrustFlow sends to the integrating marketplace (DESIGN, "Outbound events"): every
 * type with the schema of its `data`. The same schemas validate what the code emits and generate the
 * AsyncAPI document (`GET /asyncapi.json`), so the catalogue cannot drift from the events. `data` holds
 * ids, statuses and amounts, never personal data: consumers fetch details with the API.
 */

const id = z.string().min(1).max(200);
const money = { amount: z.number().int().meta({ description: 'Minor units of `currency`' }), currency: z.string() };

const kycCaseData = z
  .object({ caseId: id, status: z.string() })
  .strict()
  .meta({ description: 'A KYC or KYB case and its new status; `GET /kyc/cases/{caseId}` has the rest' });

const partyKycData = z
  .object({ partyId: id, standing: z.string(), tier: z.string().nullable() })
  .strict()
  .meta({ description: "A party's KYC standing after a change" });

const orderData = z
  .object({ orderId: id, status: z.string(), ...money })
  .partial({ amount: true, currency: true })
  .strict()
  .meta({
    description:
      'An order and its status after the change; `amount` is what the change moved (paid, refunded, released) ' +
      'or, for `order.placed`, what the order covers. `GET /orders/{orderId}` has the rest',
  });

const claimData = z
  .object({ orderId: id, claimId: id, status: z.string(), ...money })
  .partial({ amount: true, currency: true })
  .strict()
  .meta({ description: 'A claim on an order' });

const payoutData = z
  .object({ orderId: id, payoutId: id, beneficiary: z.enum(['BUYER', 'SUPPLIER']), status: z.string(), ...money })
  .strict()
  .meta({ description: 'A payout of money leaving escrow' });

const reviewTaskData = z
  .object({
    taskId: id,
    kind: z.string(),
    status: z.string(),
    subject: z.object({ type: z.string(), id }).strict(),
    decision: z.string().optional(),
  })
  .strict()
  .meta({ description: 'A review task; never its reasons or reviewers' });

const screeningAlertData = z
  .object({ taskId: id, partyId: id, status: z.string(), decision: z.string().optional() })
  .strict()
  .meta({ description: 'An ongoing-monitoring alert on a party' });

const endpointData = z
  .object({ endpointId: id, reason: z.string() })
  .strict()
  .meta({ description: 'A webhook endpoint TrustFlow disabled' });

/** Every event type, with the schema of its `data`. */
export const eventCatalogue = {
  'kyc.case.submitted': kycCaseData,
  'kyc.case.info_requested': kycCaseData,
  'kyc.case.in_review': kycCaseData,
  'kyc.case.approved': kycCaseData,
  'kyc.case.rejected': kycCaseData,
  'kyc.case.expired': kycCaseData,
  'party.kyc.changed': partyKycData,
  'order.placed': orderData,
  'order.confirmed': orderData,
  'order.declined': orderData,
  'order.paid': orderData,
  'order.overpaid': orderData.meta({
    description:
      'A payment beyond what the order owes (a second charge) came in: `amount` is held in escrow apart from ' +
      "the order's money and paid back to the buyer, announced by `payout.paid`; `status` is the order's",
  }),
  'order.inspected': orderData,
  'order.shipped': orderData,
  'order.delivered': orderData,
  'order.received': orderData,
  'order.refunded': orderData,
  'order.released': orderData,
  'order.completed': orderData,
  'order.cancelled': orderData,
  'order.held': orderData,
  'order.frozen': orderData,
  'claim.opened': claimData,
  'claim.answered': claimData,
  'claim.escalated': claimData,
  'claim.decided': claimData,
  'payout.paid': payoutData,
  'payout.failed': payoutData,
  'review.task.opened': reviewTaskData,
  'review.task.decided': reviewTaskData,
  'screening.alert.opened': screeningAlertData,
  'screening.alert.resolved': screeningAlertData,
  'webhook.endpoint.disabled': endpointData,
} as const satisfies Record<string, z.ZodType>;

/** An event type of the catalogue, such as `order.paid`. */
export type EventType = keyof typeof eventCatalogue;

/** Every event type, in catalogue order. */
export const eventTypes = Object.keys(eventCatalogue) as EventType[];

/** The `data` of an event of type `T`. */
export type EventData<T extends EventType> = z.output<(typeof eventCatalogue)[T]>;

/** The body of every delivery (`{type, id, occurredAt, data}`); `id` is also the `webhook-id` header. */
export interface OutboundEvent<T extends EventType = EventType> {
  type: T;
  id: string;
  occurredAt: string;
  data: EventData<T>;
}

/**
 * Builds an event, validating its data against the catalogue: an event that would not match its own
 * published schema fails where it is made, not at the receiver.
 */
export function buildOutboundEvent<T extends EventType>(
  type: T,
  fields: { id: string; occurredAt: string; data: EventData<T> },
): OutboundEvent<T> {
  const data = eventCatalogue[type].parse(fields.data) as EventData<T>;
  return { type, id: fields.id, occurredAt: fields.occurredAt, data };
}
