import * as z from 'zod';
import { parseRuleFile } from '../../../commons/rule-file';
// A JSON import: esbuild bundles the policy into each Lambda that uses it.
import shippedRules from '../../../../data/rules/kyc-standing.json';

/**
 * A party's KYC standing (DESIGN, "KYC standing"):
 * - NONE: never decided and no case open;
 * - PENDING: a case is open and nothing was decided before;
 * - APPROVED, REJECTED: a decision, automatic or a reviewer's;
 * - SUSPENDED: a confirmed match found later.
 * Human decisions stick: no automatic step changes REJECTED or SUSPENDED.
 */
export const kycStandings = ['NONE', 'PENDING', 'APPROVED', 'REJECTED', 'SUSPENDED'] as const;

/** One of {@link kycStandings}. */
export type KycStanding = (typeof kycStandings)[number];

/** Standings only a reviewer may change. */
export const stickyStandings: readonly KycStanding[] = ['REJECTED', 'SUSPENDED'];

/** The stored standing of a party (`kycStatus` on its profile); EXPIRED is what cases once wrote there. */
export type StoredKycStatus = 'APPROVED' | 'REJECTED' | 'SUSPENDED' | 'PENDING' | 'EXPIRED';

/** What the standing is read from. */
export interface StandingSource {
  kycStatus?: StoredKycStatus;
  /** Cases of the party that are not final. */
  openCases?: number;
}

/** The standing a profile stands for. */
export function readStanding(profile: StandingSource | undefined): KycStanding {
  const stored = profile?.kycStatus;
  if (stored === 'APPROVED' || stored === 'REJECTED' || stored === 'SUSPENDED' || stored === 'PENDING') return stored;
  return (profile?.openCases ?? 0) > 0 ? 'PENDING' : 'NONE';
}

/** True when the party may trade: its standing is APPROVED. */
export function isKycApproved(profile: StandingSource | undefined): boolean {
  return readStanding(profile) === 'APPROVED';
}

const rulesSchema = z
  .object({
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}(\.\d+)?$/),
    notes: z.array(z.string()).default([]),
    maxOpenCases: z.number().int().min(1).max(20),
    periodicReviewYears: z
      .object({ LOW: z.number().int().min(1), MEDIUM: z.number().int().min(1), HIGH: z.number().int().min(1) })
      .strict(),
    /** Days a party has to submit the refresh case a periodic review opens, before its standing lapses. */
    refreshSubmissionDays: z.number().int().min(1).max(365),
  })
  .strict();

/** The standing policy of `data/rules/kyc-standing.json`. */
export type KycStandingRules = z.output<typeof rulesSchema>;

let cached: KycStandingRules | undefined;

/** The shipped standing policy, validated once. */
export function loadKycStandingRules(): KycStandingRules {
  cached ??= parseRuleFile(rulesSchema, shippedRules, 'kyc-standing.json');
  return cached;
}

/**
 * When an approval falls due for its periodic review (DESIGN, "Periodic review"): after the years its risk
 * level gives, or when the first of its identity documents expires (`identityValidUntil`, YYYY-MM-DD), if
 * sooner.
 */
export function computeReviewDueAt(
  approvedAt: string,
  riskLevel: 'LOW' | 'MEDIUM' | 'HIGH',
  rules = loadKycStandingRules(),
  identityValidUntil?: string,
): string {
  const due = new Date(approvedAt);
  due.setUTCFullYear(due.getUTCFullYear() + rules.periodicReviewYears[riskLevel]);
  const byRisk = due.toISOString();
  const byDocuments = identityValidUntil ? `${identityValidUntil}T00:00:00.000Z` : undefined;
  return byDocuments && byDocuments < byRisk ? byDocuments : byRisk;
}
