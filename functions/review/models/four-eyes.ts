import * as z from 'zod';
import { parseRuleFile } from '../../commons/rule-file';
// A JSON import: esbuild bundles the policy into the functions that decide.
import shippedRules from '../../../data/rules/four-eyes.json';

const ruleSchema = z
  .object({
    ruleId: z.string().regex(/^four-eyes\/[a-z0-9-]+$/),
    kind: z.string().min(1),
    decision: z.string().min(1),
    /** The rule applies when any named fact of the subject has one of the listed values. */
    whenAnyFact: z.record(z.string(), z.array(z.union([z.string(), z.boolean(), z.number()])).min(1)).optional(),
    /** The rule applies when the decision's amount is at least this, in minor units of the subject's currency. */
    amountAtLeast: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().int().positive()).optional(),
    reason: z.string().min(10),
  })
  .strict();

const rulesSchema = z
  .object({
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}(\.\d+)?$/),
    notes: z.array(z.string()).default([]),
    rules: z.array(ruleSchema).min(1),
  })
  .strict()
  .refine((file) => new Set(file.rules.map((rule) => rule.ruleId)).size === file.rules.length, {
    message: 'a ruleId is used twice',
  });

/** The four-eyes policy of `data/rules/four-eyes.json`. */
export type FourEyesRules = z.output<typeof rulesSchema>;

let cached: FourEyesRules | undefined;

/** The shipped policy, validated once. */
export function loadFourEyesRules(): FourEyesRules {
  if (!cached) cached = parseFourEyesRules(shippedRules);
  return cached;
}

/** Validates a policy file; an invalid one stops with every bad field named. */
export function parseFourEyesRules(file: unknown): FourEyesRules {
  return parseRuleFile(rulesSchema, file, 'four-eyes.json');
}

/** What a decision is judged on: the task's kind, the decision, and the subject's facts read fresh. */
export interface FourEyesQuestion {
  kind: string;
  decision: string;
  amount?: number;
  /** From the subject: `screeningHit`, `riskLevel`, `priorStanding`, `currency`… */
  facts: Record<string, unknown>;
}

/** Whether a second reviewer must approve, and by which rules. */
export interface FourEyesAnswer {
  required: boolean;
  ruleIds: string[];
  reasons: string[];
}

/**
 * Which rules ask for a second reviewer on this decision. A rule with neither facts nor an amount applies
 * to every such decision; an amount in a currency the rule does not list is treated as over the threshold,
 * so an unlisted currency never slips through with one pair of eyes.
 */
export function requireSecondReviewer(rules: FourEyesRules, question: FourEyesQuestion): FourEyesAnswer {
  const applying = rules.rules.filter((rule) => {
    if (rule.kind !== question.kind || rule.decision !== question.decision) return false;
    const byFacts = rule.whenAnyFact
      ? Object.entries(rule.whenAnyFact).some(([fact, values]) =>
          values.includes(question.facts[fact] as string | boolean | number),
        )
      : undefined;
    const byAmount = rule.amountAtLeast ? overThreshold(rule.amountAtLeast, question) : undefined;
    if (byFacts === undefined && byAmount === undefined) return true;
    return byFacts === true || byAmount === true;
  });
  return {
    required: applying.length > 0,
    ruleIds: applying.map((rule) => rule.ruleId),
    reasons: applying.map((rule) => rule.reason),
  };
}

function overThreshold(thresholds: Record<string, number>, question: FourEyesQuestion): boolean {
  if (question.amount === undefined) return false;
  const currency = typeof question.facts.currency === 'string' ? question.facts.currency : undefined;
  const threshold = currency ? thresholds[currency] : undefined;
  return threshold === undefined || question.amount >= threshold;
}
