import * as z from 'zod';
import { textSchema } from '../../commons/validation';

/** What a buyer claims about. NOT_RECEIVED may be claimed before receipt; the others after it. */
export const claimReasons = ['QUALITY', 'NOT_AS_DESCRIBED', 'NOT_RECEIVED'] as const;

/** One of {@link claimReasons}. */
export type ClaimReason = (typeof claimReasons)[number];

/**
 * Where a claim stands:
 * - OPEN: waiting for the supplier's one answer;
 * - OFFERED: the supplier offered a smaller refund; the buyer may accept it or escalate;
 * - REJECTED: the supplier refused; the buyer may escalate;
 * - ACCEPTED: agreed on `agreedAmount` (the supplier accepted, or the buyer took the offer): settled;
 * - ESCALATED: handed to a platform determination (by the buyer from day 4, by itself on day 8).
 */
export type ClaimStatus = 'OPEN' | 'OFFERED' | 'REJECTED' | 'ACCEPTED' | 'ESCALATED';

/** A buyer's claim on an order, as stored on the order (one claim per order). */
export interface OrderClaim {
  claimId: string;
  reason: ClaimReason;
  description: string;
  /** The refund the buyer asks for, in minor units; at most the covered amount. */
  requestedAmount: number;
  openedAt: string;
  openedBy: string;
  status: ClaimStatus;
  /** The supplier should answer by then (3 days); the buyer may escalate from then on. */
  respondBy: string;
  /** The claim escalates by itself then (day 8). */
  escalatesAt: string;
  response?: { accept: boolean; offerAmount?: number; message?: string; at: string; by: string };
  /** The refund both sides agreed on, once ACCEPTED. */
  agreedAmount?: number;
  /** When the buyer took the supplier's offer. */
  offerAcceptedAt?: string;
  escalation?: { by: 'BUYER' | 'AUTOMATIC'; at: string };
}

const minorUnits = z
  .number()
  .int({ message: 'must be an integer amount in minor units' })
  .positive({ message: 'must be positive' })
  .max(Number.MAX_SAFE_INTEGER);

/** Body of `POST /orders/{orderId}/claims`. */
export const openClaimRequestSchema = z
  .object({
    reason: z.enum(claimReasons).meta({
      description:
        'QUALITY and NOT_AS_DESCRIBED within 30 days of receipt; NOT_RECEIVED after shipment, before receipt',
    }),
    description: textSchema(4000).meta({ description: 'What is wrong, against the quality spec of the order' }),
    requestedAmount: minorUnits.meta({ description: 'Refund asked for, in minor units; at most the covered amount' }),
  })
  .strict()
  .meta({ id: 'OpenClaim' });

/** Parsed body of a claim. */
export type OpenClaimRequest = z.output<typeof openClaimRequestSchema>;

/** Body of `POST /orders/{orderId}/claims/{claimId}/response`. */
export const claimResponseRequestSchema = z
  .object({
    accept: z.boolean().meta({
      description: 'true refunds the requested amount and settles the order; false rejects the claim or offers less',
    }),
    offerAmount: minorUnits
      .optional()
      .meta({ description: 'With accept: false, a smaller refund the buyer may accept instead of escalating' }),
    message: textSchema(4000).optional(),
  })
  .strict()
  .superRefine((body, context) => {
    if (body.accept && body.offerAmount !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['offerAmount'],
        message: 'is only allowed with accept: false (accepting refunds the requested amount)',
      });
    }
  })
  .meta({ id: 'ClaimResponse' });

/** Parsed body of a supplier's answer. */
export type ClaimResponseRequest = z.output<typeof claimResponseRequestSchema>;

/** Response of the claim routes: the claim as it now stands. */
export const claimViewSchema = z
  .object({
    orderId: z.string(),
    claimId: z.string(),
    reason: z.enum(claimReasons),
    description: z.string(),
    requestedAmount: z.number().int(),
    status: z.enum(['OPEN', 'OFFERED', 'REJECTED', 'ACCEPTED', 'ESCALATED']),
    openedAt: z.string(),
    respondBy: z.string(),
    escalatesAt: z.string(),
    response: z
      .object({
        accept: z.boolean(),
        offerAmount: z.number().int().optional(),
        message: z.string().optional(),
        at: z.string(),
      })
      .optional(),
    agreedAmount: z.number().int().optional().meta({ description: 'The refund agreed, once ACCEPTED' }),
    offerAcceptedAt: z.string().optional(),
    escalation: z.object({ by: z.enum(['BUYER', 'AUTOMATIC']), at: z.string() }).optional(),
  })
  .meta({ id: 'Claim', description: "A claim as the order's parties read it: no user of either party is named" });
