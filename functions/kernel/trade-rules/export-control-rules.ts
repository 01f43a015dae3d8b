import { formatHsCode, normaliseHsCode } from './hs-code';
import { compareSeverity, type RuleOutcome } from './rule-outcome';
import type { ExportControlRule, ExportControlRuleSet } from './rule-set-schemas';
import type { TradeItem } from './trade-order';

/** How a rule's destinations cover the order's destination; more specific entries explain a hit better. */
interface DestinationMatch {
  destinationGroup: string | null;
  /** 2 for the country itself, 1 for a group, 0 for `*`. */
  specificity: number;
}

/** One rule that applies to one item. */
interface Candidate {
  rule: ExportControlRule;
  /** Position in the file: the last tie-break, so the file's order decides between equal rules. */
  index: number;
  prefix: string;
  hsGroup: string | null;
  /** FULL: the item's code starts with the prefix. TOO_BROAD: the item's code is a shorter part of the prefix. */
  match: 'FULL' | 'TOO_BROAD';
  action: 'BLOCK' | 'HOLD';
  destination: DestinationMatch;
}

function matchDestination(
  rule: ExportControlRule,
  country: string,
  rules: ExportControlRuleSet,
): DestinationMatch | undefined {
  const matches = rule.destinations.flatMap((entry): DestinationMatch[] => {
    if (entry === country) return [{ destinationGroup: null, specificity: 2 }];
    if (rules.destinationGroups[entry]?.countries.includes(country)) {
      return [{ destinationGroup: entry, specificity: 1 }];
    }
    return entry === '*' ? [{ destinationGroup: null, specificity: 0 }] : [];
  });
  return matches.sort((a, b) => b.specificity - a.specificity)[0];
}

interface Prefix {
  prefix: string;
  hsGroup: string | null;
}

/** The rule's prefixes with the group each came from; group names are expanded here, once per evaluation. */
function expandPrefixes(rule: ExportControlRule, rules: ExportControlRuleSet): Prefix[] {
  return rule.hsPrefixes.flatMap((entry): Prefix[] => {
    const group = rules.hsGroups[entry];
    if (group) return group.prefixes.map((prefix) => ({ prefix, hsGroup: entry }));
    const prefix = normaliseHsCode(entry);
    return prefix ? [{ prefix, hsGroup: null }] : [];
  });
}

/**
 * The order of precedence: the more severe action first (BLOCK beats HOLD), then a full match before a
 * code too broad to tell, then the longest prefix, then the most specific destination, then file order.
 */
function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    compareSeverity(b.action, a.action) ||
    Number(b.match === 'FULL') - Number(a.match === 'FULL') ||
    b.prefix.length - a.prefix.length ||
    b.destination.specificity - a.destination.specificity ||
    a.index - b.index
  );
}

function findCandidates(hsCode: string, destination: string, rules: ExportControlRuleSet): Candidate[] {
  return rules.rules.flatMap((rule, index) => {
    const destinationMatch = matchDestination(rule, destination, rules);
    if (!destinationMatch) return [];
    return expandPrefixes(rule, rules).flatMap(({ prefix, hsGroup }): Candidate[] => {
      if (hsCode.startsWith(prefix)) {
        return [{ rule, index, prefix, hsGroup, match: 'FULL', action: rule.action, destination: destinationMatch }];
      }
      // "85" could be 8542: a declared chapter must not clear what its subheadings would not.
      if (prefix.startsWith(hsCode)) {
        return [{ rule, index, prefix, hsGroup, match: 'TOO_BROAD', action: 'HOLD', destination: destinationMatch }];
      }
      return [];
    });
  });
}

function screenItem(item: TradeItem, itemIndex: number, destination: string, rules: ExportControlRuleSet): RuleOutcome {
  const ruleSetVersion = rules.version;
  const description = item.description ?? null;
  const hsCode = normaliseHsCode(item.hsCode);
  if (hsCode === undefined) {
    return {
      ruleId: 'export-control/invalid-hs-code',
      ruleSetVersion,
      action: 'HOLD',
      reason: `Item ${itemIndex + 1} has HS code "${item.hsCode}", which is not 2 to 10 digits, so it cannot be cleared`,
      evidence: { itemIndex, hsCode: item.hsCode, description, destination },
    };
  }
  const [winner, ...others] = findCandidates(hsCode, destination, rules).sort(compareCandidates);
  if (!winner) {
    return {
      ruleId: 'export-control',
      ruleSetVersion,
      action: 'PASS',
      reason: `HS ${formatHsCode(hsCode)} to ${destination} matches no export-control rule`,
      evidence: { itemIndex, hsCode, description, destination },
    };
  }
  const reason =
    winner.match === 'FULL'
      ? `HS ${formatHsCode(hsCode)} ${winner.rule.reason}`
      : `HS ${formatHsCode(hsCode)} is too broad to clear: it includes ${formatHsCode(winner.prefix)}, which ${winner.rule.reason}. Declare the full subheading`;
  return {
    ruleId: winner.rule.id,
    ruleSetVersion,
    action: winner.action,
    reason,
    evidence: {
      itemIndex,
      hsCode,
      description,
      match: winner.match,
      matchedPrefix: winner.prefix,
      hsGroup: winner.hsGroup,
      destination,
      destinationGroup: winner.destination.destinationGroup,
      otherRules: [...new Set(others.map((c) => c.rule.id))].filter((id) => id !== winner.rule.id),
    },
  };
}

/**
 * Screens each item's HS code against the export-control rules for the destination country.
 * Per item the most severe rule wins (BLOCK over HOLD), then the longest matching prefix. A code too
 * short to rule out a controlled subheading ("85" against 8542) is a HOLD; an unreadable code is a HOLD.
 * @returns exactly one outcome per item, in item order
 */
export function screenExportControls(
  items: readonly TradeItem[],
  destinationCountry: string,
  rules: ExportControlRuleSet,
): RuleOutcome[] {
  return items.map((item, index) => screenItem(item, index, destinationCountry, rules));
}
