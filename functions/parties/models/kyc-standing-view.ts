import * as z from 'zod';
import { kycStandings } from '../../kernel/parties/models/kyc-standing';

/** Response of `GET /parties/{partyId}/kyc`: the party's own view; staff also see `riskLevel` and `reviewDueAt`. */
export const kycStandingViewSchema = z
  .object({
    partyId: z.string(),
    standing: z.enum(kycStandings),
    tier: z.enum(['STANDARD', 'HIGH_VALUE']).nullable(),
    caseId: z.string().nullable().meta({ description: 'The case of the latest decision' }),
    decidedAt: z.iso.datetime().nullable(),
    riskLevel: z.enum(['LOW', 'MEDIUM', 'HIGH']).nullable().optional().meta({ description: 'Staff only' }),
    reviewDueAt: z.iso.datetime().nullable().optional().meta({ description: 'Staff only: the periodic review' }),
    refresh: z
      .object({
        caseId: z.string(),
        submitBy: z.iso.datetime(),
        lapsed: z.boolean(),
      })
      .optional()
      .meta({
        description:
          'The periodic review under way: its refresh case, to be submitted by `submitBy`; once `lapsed`, the standing ' +
          'is PENDING and new orders get 409 KYC_REFRESH_REQUIRED until a case is approved',
      }),
  })
  .meta({ id: 'KycStanding' });

/** A party's KYC standing as the API shows it. */
export type KycStandingView = z.output<typeof kycStandingViewSchema>;
