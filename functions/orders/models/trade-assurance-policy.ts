import * as z from 'zod';
import { parseRuleFile } from '../../commons/rule-file';
// A JSON import: esbuild bundles the policy into the functions that use it.
import shippedPolicy from '../../../data/rules/trade-assurance-policy.json';

const days = z.number().int().positive().max(365);

const policySchema = z
  .object({
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}(\.\d+)?$/),
    notes: z.array(z.string()).default([]),
    periods: z
      .object({
        /** The supplier confirms or declines an order within this many days, else it is cancelled. */
        supplierConfirmationDays: days,
        /** The buyer pays within this many days of the supplier's confirmation, else it is cancelled. */
        paymentDays: days,
        /** An order's `shipBy` is at most this many days ahead when it is placed. */
        shipByMaxDaysAhead: days,
        /** No delivery this many days after shipment: a platform determination. */
        deliveryWaitDays: days,
        /** Delivered but not confirmed: receipt is confirmed automatically after this many days. */
        automaticReceiptDays: days,
        /** The buyer may claim for this many days after receipt. */
        claimWindowDays: days,
        /** The supplier answers a claim within this many days. */
        supplierAnswerDays: days,
        /** The buyer may escalate a claim this many days after opening it. */
        earliestBuyerEscalationDays: days,
        /** A claim not settled by agreement escalates by itself after this many days. */
        automaticEscalationDays: days,
        /** A compliance review or a determination nobody decided is waited on again after this many days. */
        reviewRecheckDays: days,
        /** Payouts not confirmed are waited on again after this many days. */
        payoutsRecheckDays: days,
        /**
         * An execution older than this once the delivery is settled goes on in a new one (a Standard
         * execution lasts at most a year).
         */
        continueWorkflowAfterDays: days,
      })
      .strict(),
    extensions: z
      .object({
        /** All ship-by extensions of an order together add at most this many days to its first ship-by date. */
        shipByMaxTotalDays: days,
        /** Days one receipt-window extension adds. */
        receiptWindowDays: days,
        /** How many receipt-window extensions each party may make. */
        receiptWindowPerParty: z.number().int().min(0).max(10),
      })
      .strict(),
  })
  .strict()
  .superRefine((policy, context) => {
    const { periods } = policy;
    if (periods.earliestBuyerEscalationDays > periods.automaticEscalationDays) {
      context.addIssue({
        code: 'custom',
        path: ['periods', 'earliestBuyerEscalationDays'],
        message: 'must not be later than automaticEscalationDays',
      });
    }
    // a Standard execution lasts at most a year: the longest path of timers must fit in it
    const longest =
      periods.supplierConfirmationDays +
      periods.paymentDays +
      periods.shipByMaxDaysAhead +
      policy.extensions.shipByMaxTotalDays +
      periods.deliveryWaitDays;
    if (longest > 365) {
      context.addIssue({
        code: 'custom',
        path: ['periods'],
        message: `confirmation, payment, ship-by, its extensions and the delivery wait add up to ${longest} days; a Step Functions execution lasts at most 365`,
      });
    }
    // an execution not continued at delivery is younger than continueWorkflowAfterDays, and must finish too
    const afterDelivery =
      periods.automaticReceiptDays +
      2 * policy.extensions.receiptWindowPerParty * policy.extensions.receiptWindowDays +
      periods.claimWindowDays +
      periods.automaticEscalationDays;
    if (periods.continueWorkflowAfterDays + afterDelivery > 365) {
      context.addIssue({
        code: 'custom',
        path: ['periods', 'continueWorkflowAfterDays'],
        message:
          `plus the ${afterDelivery} days of timers after delivery (receipt, its extensions, the claim window, ` +
          'escalation) must fit in the 365 days of a Step Functions execution',
      });
    }
  });

/** The Trade Assurance policy of `data/rules/trade-assurance-policy.json`. */
export type TradeAssurancePolicy = z.output<typeof policySchema>;

let cached: TradeAssurancePolicy | undefined;

/** The shipped policy, validated once. */
export function loadTradeAssurancePolicy(): TradeAssurancePolicy {
  cached ??= parseRuleFile(policySchema, shippedPolicy, 'trade-assurance-policy.json');
  return cached;
}

/** Validates a policy file's content (tests, tools). */
export function parseTradeAssurancePolicy(file: unknown): TradeAssurancePolicy {
  return parseRuleFile(policySchema, file, 'trade-assurance-policy.json');
}

/** The fixed waits of the assured-order workflow in seconds, as its execution input carries them. */
export interface WorkflowPolicyInput {
  version: string;
  deliveryWaitSeconds: number;
  claimWindowSeconds: number;
  automaticEscalationSeconds: number;
  reviewRecheckSeconds: number;
  payoutsRecheckSeconds: number;
}

const daySeconds = 86_400;

/**
 * The periods the state machine reads with `TimeoutSecondsPath` (`$.policy.…`). The waits for a deadline
 * stored on the order (confirmBy, payBy, shipBy, the automatic receipt) take their seconds from a step
 * instead, since extensions move them.
 */
export function toWorkflowPolicyInput(policy: TradeAssurancePolicy = loadTradeAssurancePolicy()): WorkflowPolicyInput {
  const { periods } = policy;
  return {
    version: policy.version,
    deliveryWaitSeconds: periods.deliveryWaitDays * daySeconds,
    claimWindowSeconds: periods.claimWindowDays * daySeconds,
    automaticEscalationSeconds: periods.automaticEscalationDays * daySeconds,
    reviewRecheckSeconds: periods.reviewRecheckDays * daySeconds,
    payoutsRecheckSeconds: periods.payoutsRecheckDays * daySeconds,
  };
}
