import * as z from 'zod';
import { parseRuleFile } from '../../../commons/rule-file';
import { formatMinorUnits } from '../../../commons/money';
// A JSON import: esbuild bundles the policy into the functions that use it.
import shippedRules from '../../../../data/rules/kyc-step-up.json';

const amounts = z.record(z.string().regex(/^[A-Z]{3}$/), z.number().int().positive());

const rulesSchema = z
  .object({
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}(\.\d+)?$/),
    notes: z.array(z.string()).default([]),
    requiredTier: z.literal('HIGH_VALUE'),
    requiredDocuments: z.array(z.string()).min(1),
    orderAmountAtLeast: amounts,
    twelveMonthVolumeOver: amounts,
  })
  .strict();

/** The step-up policy of `data/rules/kyc-step-up.json`. */
export type KycStepUpRules = z.output<typeof rulesSchema>;

let cached: KycStepUpRules | undefined;

/** The shipped policy, validated once. */
export function loadKycStepUpRules(): KycStepUpRules {
  cached ??= parseRuleFile(rulesSchema, shippedRules, 'kyc-step-up.json');
  return cached;
}

/** Why a buyer must step up before this order; undefined when its tier suffices. */
export interface StepUpNeed {
  requiredTier: 'HIGH_VALUE';
  requiredDocuments: string[];
  reason: string;
}

/**
 * Whether an order needs the buyer at tier HIGH_VALUE: an order at or above the step-up amount of its
 * currency, or one that takes the buyer's 12-month volume over the limit. Orders in several currencies count
 * each as its share of its own currency's limit. A HIGH_VALUE buyer never needs it. Pure.
 */
export function assessStepUp(
  input: {
    tier: 'STANDARD' | 'HIGH_VALUE';
    order: { amount: number; currency: string };
    /** The buyer's orders of the last 12 months, this one excluded. */
    pastYear: readonly { amount: number; currency: string }[];
  },
  rules: KycStepUpRules = loadKycStepUpRules(),
): StepUpNeed | undefined {
  if (input.tier === 'HIGH_VALUE') return undefined;
  const need = (reason: string): StepUpNeed => ({
    requiredTier: rules.requiredTier,
    requiredDocuments: rules.requiredDocuments,
    reason,
  });
  const { amount, currency } = input.order;
  const single = rules.orderAmountAtLeast[currency];
  if (single === undefined) return need(`orders in ${currency} need the HIGH_VALUE tier`);
  if (amount >= single) {
    return need(
      `an order of ${formatMinorUnits(amount, currency)} is at or above the ${formatMinorUnits(single, currency)} ` +
        'that needs the HIGH_VALUE tier',
    );
  }
  const share = [...input.pastYear, input.order].reduce((sum, past) => {
    const limit = rules.twelveMonthVolumeOver[past.currency];
    return limit === undefined ? Number.POSITIVE_INFINITY : sum + past.amount / limit;
  }, 0);
  if (share > 1) {
    const limit = rules.twelveMonthVolumeOver[currency]!;
    return need(
      `this order takes the buyer's orders of the last 12 months over ${formatMinorUnits(limit, currency)}, ` +
        'which needs the HIGH_VALUE tier',
    );
  }
  return undefined;
}
