import type * as z from 'zod';
import { checkBuyerVelocity, checkHighRiskCorridor, checkLargeAmount, checkStructuring } from './aml-rules';
import { screenEmbargoes } from './embargo-rules';
import { screenExportControls } from './export-control-rules';
import { loadRuleSets, type RuleSets } from './load-rule-sets';
import { decideTradeOutcome, type RuleOutcome, type TradeDecision } from './rule-outcome';
import { tradeOrderSchema, tradeRulesContextSchema, type TradeOrder, type TradeRulesContext } from './trade-order';

/** The verdict on an order and every outcome behind it. */
export interface TradeRulesResult {
  /** BLOCK cancels the order, HOLD opens a COMPLIANCE_HOLD review, PASS lets it go on. */
  decision: TradeDecision;
  /** Embargo outcomes, then one export-control outcome per item, then the AML outcomes. */
  outcomes: RuleOutcome[];
}

function parseOrThrow<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new TypeError(`Invalid ${what}: ${fields.join('; ')}`);
}

/**
 * Runs every trade rule on an order. Pure: the same order, history and rule sets always give the same
 * result, and the order's `createdAt` is the only time used.
 *
 * The decision is the most severe outcome, FLAG aside:
 * - embargoes: BLOCK for comprehensive embargoes, HOLD for entries that need a review (Syria, partly
 *   occupied oblasts), per the entry in data/rules/embargoes.json;
 * - export controls: BLOCK or HOLD as the winning rule for each item says;
 * - AML (large amount, unconfigured currency, buyer velocity, structuring, high-risk corridor): the
 *   `action` configured in data/rules/aml-rules.json, HOLD by default, FLAG for a corridor that only
 *   touches FATF increased monitoring. AML never blocks on its own: it calls for a person's judgement.
 * @throws TypeError naming every invalid field of `order` or `context`
 */
export function evaluateTradeRules(
  order: TradeOrder,
  context: TradeRulesContext,
  ruleSets: RuleSets = loadRuleSets(),
): TradeRulesResult {
  const checked = parseOrThrow(tradeOrderSchema, order, 'trade order');
  const { buyerHistory } = parseOrThrow(tradeRulesContextSchema, context, 'trade rules context');
  const outcomes = [
    ...screenEmbargoes(checked, ruleSets.embargoes),
    ...screenExportControls(checked.items, checked.destination.country, ruleSets.exportControls),
    checkLargeAmount(checked, ruleSets.aml),
    checkBuyerVelocity(checked, buyerHistory, ruleSets.aml),
    checkStructuring(checked, buyerHistory, ruleSets.aml),
    ...checkHighRiskCorridor(checked, ruleSets),
  ];
  return { decision: decideTradeOutcome(outcomes), outcomes };
}
