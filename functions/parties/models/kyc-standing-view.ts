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
  })
  .meta({ id: 'KycStanding' });

/** A party's KYC standing as the API shows it. */
export type KycStandingView = z.output<typeof kycStandingViewSchema>;
