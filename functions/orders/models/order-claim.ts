import * as z from 'zod';
import { textSchema } from '../../commons/validation';

/** A buyer's quality claim on an order, as stored on the order (one claim per order). */
export interface OrderClaim {
  claimId: string;
  /** The refund the buyer asks for, in minor units; at most the covered amount. */
  amount: number;
  reason: string;
  openedAt: string;
  openedBy: string;
  /**
   * OPEN until the supplier answers; ACCEPTED settles it with the asked refund; REJECTED leaves it to the
   * buyer's escalation or the automatic one; ESCALATED hands it to a platform determination.
   */
  status: 'OPEN' | 'ACCEPTED' | 'REJECTED' | 'ESCALATED';
  /** The supplier should answer by then (3 days); the buyer may escalate from then on. */
  respondBy: string;
  /** The claim escalates by itself then (day 8). */
  escalatesAt: string;
  response?: { decision: 'ACCEPT' | 'REJECT'; message: string; at: string; by: string };
  escalation?: { by: 'BUYER' | 'AUTOMATIC'; at: string };
}

/** Body of `POST /orders/{orderId}/claims`. */
export const openClaimRequestSchema = z
  .object({
    amount: z
      .number()
      .int({ message: 'must be an integer amount in minor units' })
      .positive({ message: 'must be positive' })
      .max(Number.MAX_SAFE_INTEGER)
      .meta({ description: 'Refund asked for, in minor units; at most the covered amount' }),
    reason: textSchema(4000).meta({ description: 'What is wrong, against the quality spec of the order' }),
  })
  .strict()
  .meta({ id: 'OpenClaim' });

/** Parsed body of a claim. */
export type OpenClaimRequest = z.output<typeof openClaimRequestSchema>;

/** Body of `POST /orders/{orderId}/claims/{claimId}/response`. */
export const claimResponseRequestSchema = z
  .object({
    decision: z.enum(['ACCEPT', 'REJECT']).meta({
      description: 'ACCEPT refunds the amount asked for and settles the order; REJECT leaves the claim to escalation',
    }),
    message: textSchema(4000),
  })
  .strict()
  .meta({ id: 'ClaimResponse' });

/** Parsed body of a supplier's answer. */
export type ClaimResponseRequest = z.output<typeof claimResponseRequestSchema>;

/** Response of the claim routes: the claim as it now stands. */
export const claimViewSchema = z
  .object({
    orderId: z.string(),
    claimId: z.string(),
    amount: z.number().int(),
    reason: z.string(),
    status: z.enum(['OPEN', 'ACCEPTED', 'REJECTED', 'ESCALATED']),
    openedAt: z.string(),
    openedBy: z.string(),
    respondBy: z.string(),
    escalatesAt: z.string(),
    response: z
      .object({ decision: z.enum(['ACCEPT', 'REJECT']), message: z.string(), at: z.string(), by: z.string() })
      .optional(),
    escalation: z.object({ by: z.enum(['BUYER', 'AUTOMATIC']), at: z.string() }).optional(),
  })
  .meta({ id: 'Claim' });
