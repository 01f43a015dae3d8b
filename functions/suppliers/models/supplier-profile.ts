import type { CompletedTransaction } from '../../kernel/parties/models/completed-transaction';
import * as z from 'zod';

/** Response of `GET /suppliers/{supplierId}/profile`. */
export const supplierProfileSchema = z
  .object({
    supplierId: z.string(),
    verified: z.boolean(),
    tradeAssurance: z.object({
      enrolled: z.boolean().meta({
        description: 'Whether the supplier takes part in Trade Assurance; only then can it cover an order',
      }),
      qualified: z.boolean(),
      limit: z.number().int(),
      reserved: z.number().int(),
      available: z.number().int(),
      currency: z.string(),
      reasons: z.array(z.string()).meta({ description: 'Why the supplier does or does not qualify' }),
      rulesVersion: z.string(),
    }),
    last12Months: z.object({ transactions: z.number().int(), turnover: z.number().int() }),
    responseRate: z.number().nullable().meta({ description: 'Share of claims and messages answered, 0–1' }),
    avgResponseHours: z.number().nullable(),
  })
  .meta({ id: 'SupplierProfile' });

/** The profile as the API returns it. */
export type SupplierProfile = z.output<typeof supplierProfileSchema>;
