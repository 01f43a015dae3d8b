import { assessCountryRisk, type CountryRiskList } from './country-risk';
import { formatMinorUnits } from '../../commons/money';
import type { RuleSets } from './load-rule-sets';
import { compareSeverity, type EvidenceValue, type RuleAction, type RuleOutcome } from './rule-outcome';
import type { AmlRuleSet } from './rule-set-schemas';
import type { OrderAmount, TradeOrder } from './trade-order';

// Every rule here is a pure function of the order, the buyer's history and the rules. The order's
// createdAt is "now": re-evaluating an order later gives the same answer.

const hourMs = 3_600_000;

/**
 * The history orders within `windowMs` before the order, both ends included, ignoring the order itself
 * and repeats. Orders dated after it (a replay with a fuller history) are not "recent" to it.
 */
function ordersInWindow(order: OrderAmount, history: readonly OrderAmount[], windowMs: number): OrderAmount[] {
  const at = Date.parse(order.createdAt);
  const byId = new Map<string, OrderAmount>();
  for (const past of history) {
    const pastAt = Date.parse(past.createdAt);
    if (past.orderId !== order.orderId && pastAt >= at - windowMs && pastAt <= at) byId.set(past.orderId, past);
  }
  return [...byId.values()];
}

/** The currency's threshold; own keys only, so that a code like "constructor" finds none. */
function thresholdFor(aml: AmlRuleSet, currency: string): number | undefined {
  const { thresholds } = aml.largeAmount;
  return Object.hasOwn(thresholds, currency) ? thresholds[currency] : undefined;
}

function describeOrder(order: OrderAmount): { [key: string]: EvidenceValue } {
  return { orderId: order.orderId, amount: order.amount, currency: order.currency, createdAt: order.createdAt };
}

/**
 * An order at or over the large-amount threshold of its currency. Without a threshold for the currency
 * the amount cannot be judged, so the `unconfiguredCurrencyAction` outcome (`aml/unconfigured-currency`)
 * takes its place: amounts are never converted, which would need exchange rates and so I/O.
 */
export function checkLargeAmount(order: OrderAmount, aml: AmlRuleSet): RuleOutcome {
  const { thresholds, action, unconfiguredCurrencyAction } = aml.largeAmount;
  const threshold = thresholdFor(aml, order.currency);
  const ruleSetVersion = aml.version;
  if (threshold === undefined) {
    return {
      ruleId: 'aml/unconfigured-currency',
      ruleSetVersion,
      action: unconfiguredCurrencyAction,
      reason: `No large-amount threshold is configured for ${order.currency}, so the amount cannot be checked`,
      evidence: { ...describeOrder(order), configuredCurrencies: Object.keys(thresholds) },
    };
  }
  const over = order.amount >= threshold;
  const amount = formatMinorUnits(order.amount, order.currency);
  const limit = formatMinorUnits(threshold, order.currency);
  return {
    ruleId: 'aml/large-amount',
    ruleSetVersion,
    action: over ? action : 'PASS',
    reason: over
      ? `The amount ${amount} is at or over the large-amount threshold of ${limit}`
      : `The amount ${amount} is under the large-amount threshold of ${limit}`,
    evidence: { ...describeOrder(order), threshold },
  };
}

/**
 * More than `maxOrders` orders by the buyer in the `windowHours` up to the order, the order included.
 * An order exactly `windowHours` old is still inside the window.
 */
export function checkBuyerVelocity(order: OrderAmount, history: readonly OrderAmount[], aml: AmlRuleSet): RuleOutcome {
  const { action, maxOrders, windowHours } = aml.velocity;
  const windowMs = windowHours * hourMs;
  const orders = [...ordersInWindow(order, history, windowMs), order];
  const fired = orders.length > maxOrders;
  return {
    ruleId: 'aml/buyer-velocity',
    ruleSetVersion: aml.version,
    action: fired ? action : 'PASS',
    reason: `The buyer placed ${orders.length} order${orders.length === 1 ? '' : 's'} in the ${windowHours} h up to and including this one (limit ${maxOrders})`,
    evidence: {
      orderCount: orders.length,
      maxOrders,
      windowHours,
      windowStart: new Date(Date.parse(order.createdAt) - windowMs).toISOString(),
      orderIds: orders.map((o) => o.orderId),
    },
  };
}

/**
 * Several amounts each just under the large-amount threshold: at least `minOrders` orders within
 * `windowDays`, the order included, each at or above `bandPercent` % of its currency's threshold and
 * below it. Currencies are compared with their own thresholds, so USD 9,500 and EUR 9,400 both count.
 * It fires only when the order being checked is itself in the band: earlier orders completed the
 * pattern, if at all, when they were checked.
 */
export function checkStructuring(order: OrderAmount, history: readonly OrderAmount[], aml: AmlRuleSet): RuleOutcome {
  const { action, minOrders, windowDays, bandPercent } = aml.structuring;
  const band = (currency: string): { threshold: number; floor: number } | undefined => {
    const threshold = thresholdFor(aml, currency);
    return threshold === undefined ? undefined : { threshold, floor: Math.ceil((threshold * bandPercent) / 100) };
  };
  const inBand = (o: OrderAmount): boolean => {
    const b = band(o.currency);
    return b !== undefined && o.amount >= b.floor && o.amount < b.threshold;
  };
  const ownBand = band(order.currency);
  const evidence = {
    minOrders,
    windowDays,
    bandPercent,
    bandFloor: ownBand?.floor ?? null,
    threshold: ownBand?.threshold ?? null,
  };
  const pass = (reason: string): RuleOutcome => ({
    ruleId: 'aml/structuring',
    ruleSetVersion: aml.version,
    action: 'PASS',
    reason,
    evidence: { ...evidence, orders: [describeOrder(order)] },
  });
  if (!ownBand) return pass(`No threshold is configured for ${order.currency}, so structuring cannot be checked`);
  if (!inBand(order)) {
    return pass(
      `The amount ${formatMinorUnits(order.amount, order.currency)} is not between ${bandPercent}% of the threshold and the threshold`,
    );
  }
  const orders = [...ordersInWindow(order, history, windowDays * 24 * hourMs).filter(inBand), order];
  const fired = orders.length >= minOrders;
  return {
    ruleId: 'aml/structuring',
    ruleSetVersion: aml.version,
    action: fired ? action : 'PASS',
    reason: `${orders.length} orders in ${windowDays} days were each just under the large-amount threshold (${minOrders} fire the rule)`,
    evidence: { ...evidence, orders: orders.map(describeOrder) },
  };
}

/**
 * The buyer → destination and buyer → supplier corridors:
 * - `aml/high-risk-corridor`: any of the three countries is FATF call-for-action or embargoed (the
 *   `action`), or under FATF increased monitoring (the `increasedMonitoringAction`);
 * - each corridor listed in the rules whose `from` has the buyer and whose `to` has the destination or
 *   the supplier, under the corridor's own id.
 * @returns the jurisdiction outcome first, then one per listed corridor that matched
 */
export function checkHighRiskCorridor(
  order: Pick<TradeOrder, 'buyerCountry' | 'supplierCountry' | 'destination'>,
  ruleSets: Pick<RuleSets, 'aml' | 'fatf' | 'embargoes'>,
): RuleOutcome[] {
  const { action, increasedMonitoringAction, corridors } = ruleSets.aml.highRiskCorridor;
  const ruleSetVersion = ruleSets.aml.version;
  const ends = [
    { party: 'buyer', country: order.buyerCountry },
    { party: 'destination', country: order.destination.country },
    { party: 'supplier', country: order.supplierCountry },
  ] as const;
  const highRisk: CountryRiskList[] = ['FATF_CALL_FOR_ACTION', 'EMBARGO'];
  const actionFor = (lists: readonly CountryRiskList[]): RuleAction => {
    if (lists.some((list) => highRisk.includes(list))) return action;
    return lists.includes('FATF_INCREASED_MONITORING') ? increasedMonitoringAction : 'PASS';
  };
  const risky = ends
    .map(({ party, country }) => {
      const { lists } = assessCountryRisk(country, ruleSets);
      return { party, country, lists, action: actionFor(lists) };
    })
    .filter((end) => end.action !== 'PASS');
  const worst = risky.reduce<RuleAction>((a, r) => (compareSeverity(r.action, a) > 0 ? r.action : a), 'PASS');
  const corridor = `${order.buyerCountry} → ${order.destination.country} (supplier in ${order.supplierCountry})`;
  const jurisdictions: RuleOutcome = {
    ruleId: 'aml/high-risk-corridor',
    ruleSetVersion,
    action: worst,
    reason:
      risky.length === 0
        ? `The corridor ${corridor} involves no FATF-listed or embargoed jurisdiction`
        : `The corridor ${corridor} involves ${risky.map((r) => `${r.party} ${r.country} (${r.lists.join(', ')})`).join('; ')}`,
    evidence: {
      buyerCountry: order.buyerCountry,
      destinationCountry: order.destination.country,
      supplierCountry: order.supplierCountry,
      riskyEnds: risky.map((r) => ({ party: r.party, country: r.country, lists: r.lists, action: r.action })),
      fatfVersion: ruleSets.fatf.version,
      embargoVersion: ruleSets.embargoes.version,
    },
  };
  const listed = corridors.flatMap((c): RuleOutcome[] => {
    if (!c.from.includes(order.buyerCountry)) return [];
    const end = ends.find((e) => e.party !== 'buyer' && c.to.includes(e.country));
    if (!end) return [];
    return [
      {
        ruleId: c.id,
        ruleSetVersion,
        action: c.action,
        reason: `The buyer is in ${order.buyerCountry} and the ${end.party} in ${end.country}: ${c.reason}`,
        evidence: { buyerCountry: order.buyerCountry, party: end.party, country: end.country },
      },
    ];
  });
  return [jurisdictions, ...listed];
}
