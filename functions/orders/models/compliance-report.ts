import * as z from 'zod';

/** Query of `GET /compliance/reports`. */
export const complianceReportQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2000).optional(),
  })
  .strict();

/** Parsed query of the report list. */
export type ComplianceReportQuery = z.output<typeof complianceReportQuerySchema>;

/** A compliance report as staff read it. */
export const complianceReportViewSchema = z
  .object({
    reportId: z.string(),
    type: z.enum(['FROZEN_FUNDS_KEPT', 'ORDER_REJECTED_FOR_SANCTIONS']).meta({
      description:
        'FROZEN_FUNDS_KEPT: a four-eyes review kept an order’s money frozen; ORDER_REJECTED_FOR_SANCTIONS: a ' +
        'compliance officer rejected an order held on a sanctions or embargo finding',
    }),
    status: z.enum(['OPEN']),
    subject: z.object({ type: z.literal('ORDER'), id: z.string() }),
    parties: z.array(
      z.object({ role: z.enum(['BUYER', 'SUPPLIER']), partyId: z.string(), standing: z.string().optional() }),
    ),
    frozenAmount: z.number().int().meta({ description: 'Money kept frozen in escrow, in minor units' }),
    currency: z.string(),
    reasons: z.array(z.string()),
    taskId: z.string().optional(),
    decisionReason: z.string().optional(),
    createdAt: z.string(),
  })
  .meta({ id: 'ComplianceReport' });

/** Response of `GET /compliance/reports`. */
export const complianceReportListSchema = z
  .object({ reports: z.array(complianceReportViewSchema), nextCursor: z.string().optional() })
  .meta({ id: 'ComplianceReports' });
