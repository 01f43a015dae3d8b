/**
 * What one rule says about an order:
 * - BLOCK: the order must not go ahead (the workflow cancels it);
 * - HOLD: a compliance officer decides (the workflow opens a COMPLIANCE_HOLD review);
 * - FLAG: recorded for the audit trail and later pattern review, the order goes ahead;
 * - PASS: the rule was checked and did not fire.
 */
export type RuleAction = 'BLOCK' | 'HOLD' | 'FLAG' | 'PASS';

/** The decision on a whole order. FLAG outcomes never change it, so it has no FLAG. */
export type TradeDecision = 'BLOCK' | 'HOLD' | 'PASS';

/** Evidence is plain JSON so that outcomes can travel through Step Functions and into the audit trail as they are. */
export type EvidenceValue = string | number | boolean | null | EvidenceValue[] | { [key: string]: EvidenceValue };

/** One rule's verdict, with what it was based on. */
export interface RuleOutcome {
  /** Stable id of the rule that decided, e.g. `export-control/ru-by-high-priority`; greppable in data/rules. */
  ruleId: string;
  /** `version` of the data file the rule came from, so a decision can be replayed against the exact rules. */
  ruleSetVersion: string;
  action: RuleAction;
  /** One sentence a reviewer can read without opening the evidence. */
  reason: string;
  evidence: { [key: string]: EvidenceValue };
}

const severity: Record<RuleAction, number> = { PASS: 0, FLAG: 1, HOLD: 2, BLOCK: 3 };

/** Positive when `a` is more severe than `b`: BLOCK > HOLD > FLAG > PASS. */
export function compareSeverity(a: RuleAction, b: RuleAction): number {
  return severity[a] - severity[b];
}

/**
 * The order's decision from all outcomes: BLOCK if any rule blocks, else HOLD if any holds, else PASS.
 * @param outcomes every outcome of every rule checked
 */
export function decideTradeOutcome(outcomes: readonly RuleOutcome[]): TradeDecision {
  if (outcomes.some((o) => o.action === 'BLOCK')) return 'BLOCK';
  if (outcomes.some((o) => o.action === 'HOLD')) return 'HOLD';
  return 'PASS';
}
