import {
  checkBuyerVelocity,
  checkHighRiskCorridor,
  checkLargeAmount,
  checkStructuring,
} from '../../../../functions/kernel/trade-rules/aml-rules';
import { loadRuleSets } from '../../../../functions/kernel/trade-rules/load-rule-sets';
import { days, hours, orderTime, pastOrder, ruleSetsWith, tradeOrder } from './trade-rules-fixtures';

const ruleSets = loadRuleSets();
const { aml } = ruleSets;

describe('checkLargeAmount', () => {
  it('flags (never holds) an order of exactly the threshold, USD 10,000.00', () => {
    // Prepare
    const order = tradeOrder({ amount: 1_000_000, currency: 'USD' });
    // Act
    const outcome = checkLargeAmount(order, aml);
    // Assess
    expect(outcome).toEqual({
      ruleId: 'aml/large-amount',
      ruleSetVersion: aml.version,
      action: 'FLAG',
      reason: 'The amount USD 10,000.00 is at or over the large-amount threshold of USD 10,000.00',
      evidence: {
        orderId: 'ord-current',
        amount: 1_000_000,
        currency: 'USD',
        createdAt: orderTime,
        threshold: 1_000_000,
      },
    });
  });

  it('passes an order one minor unit under the threshold', () => {
    // Prepare / Act
    const outcome = checkLargeAmount(tradeOrder({ amount: 999_999, currency: 'USD' }), aml);
    // Assess
    expect(outcome).toMatchObject({
      action: 'PASS',
      reason: 'The amount USD 9,999.99 is under the large-amount threshold of USD 10,000.00',
    });
  });

  it('reads yen as whole units, since JPY has no minor unit', () => {
    // Prepare / Act
    const at = checkLargeAmount(tradeOrder({ amount: 1_500_000, currency: 'JPY' }), aml);
    const under = checkLargeAmount(tradeOrder({ amount: 1_499_999, currency: 'JPY' }), aml);
    // Assess
    expect(at).toMatchObject({ action: 'FLAG', reason: expect.stringContaining('JPY 1,500,000 is at or over') });
    expect(under.action).toBe('PASS');
  });

  it('holds an order in a currency without a threshold rather than let it skip the check', () => {
    // Prepare / Act
    const outcome = checkLargeAmount(tradeOrder({ amount: 5_000, currency: 'TRY' }), aml);
    // Assess
    expect(outcome).toMatchObject({
      ruleId: 'aml/unconfigured-currency',
      action: 'HOLD',
      reason: 'No large-amount threshold is configured for TRY, so the amount cannot be checked',
    });
    expect(outcome.evidence.configuredCurrencies).toEqual(expect.arrayContaining(['USD', 'EUR', 'JPY']));
  });

  it('uses the configured actions: FLAG records a large amount without holding the order', () => {
    // Prepare
    const flagging = ruleSetsWith((raw) => {
      raw.aml.largeAmount.action = 'FLAG';
      raw.aml.largeAmount.unconfiguredCurrencyAction = 'FLAG';
    }).aml;
    // Act
    const large = checkLargeAmount(tradeOrder({ amount: 2_000_000 }), flagging);
    const unconfigured = checkLargeAmount(tradeOrder({ currency: 'TRY' }), flagging);
    // Assess
    expect(large.action).toBe('FLAG');
    expect(unconfigured.action).toBe('FLAG');
  });
});

describe('checkBuyerVelocity', () => {
  /** `count` earlier orders spread over the last 20 hours. */
  const recentOrders = (count: number) =>
    Array.from({ length: count }, (_, i) => pastOrder(`ord-${i}`, hours(1 + i * 4)));

  it('passes the 5th order in 24 h: the limit is "more than 5"', () => {
    // Prepare
    const history = recentOrders(4);
    // Act
    const outcome = checkBuyerVelocity(tradeOrder(), history, aml);
    // Assess
    expect(outcome).toMatchObject({ ruleId: 'aml/buyer-velocity', action: 'PASS' });
    expect(outcome.evidence).toMatchObject({ orderCount: 5, maxOrders: 5, windowHours: 24 });
  });

  it('holds the 6th order in 24 h and lists the orders that count', () => {
    // Prepare
    const history = recentOrders(5);
    // Act
    const outcome = checkBuyerVelocity(tradeOrder(), history, aml);
    // Assess
    expect(outcome).toMatchObject({
      action: 'HOLD',
      reason: 'The buyer placed 6 orders in the 24 h up to and including this one (limit 5)',
    });
    expect(outcome.evidence).toEqual({
      orderCount: 6,
      maxOrders: 5,
      windowHours: 24,
      windowStart: '2026-10-31T12:00:00.000Z',
      orderIds: ['ord-0', 'ord-1', 'ord-2', 'ord-3', 'ord-4', 'ord-current'],
    });
  });

  it('counts an order exactly 24 h old and not one 24 h and 1 ms old', () => {
    // Prepare
    const history = recentOrders(4);
    // Act
    const withEdge = checkBuyerVelocity(tradeOrder(), [...history, pastOrder('edge', hours(24))], aml);
    const withOlder = checkBuyerVelocity(tradeOrder(), [...history, pastOrder('older', hours(24) + 1)], aml);
    // Assess
    expect(withEdge).toMatchObject({ action: 'HOLD', evidence: { orderCount: 6 } });
    expect(withOlder).toMatchObject({ action: 'PASS', evidence: { orderCount: 5 } });
  });

  it('ignores the order itself, repeated history entries and orders dated after it', () => {
    // Prepare
    const history = [
      ...recentOrders(4),
      pastOrder('ord-0', hours(1)),
      { ...tradeOrder(), orderId: 'ord-current' },
      pastOrder('later', -hours(1)),
    ];
    // Act
    const outcome = checkBuyerVelocity(tradeOrder(), history, aml);
    // Assess
    expect(outcome).toMatchObject({ action: 'PASS', evidence: { orderCount: 5 } });
  });
});

describe('checkStructuring', () => {
  const justUnder = 950_000; // USD 9,500.00

  it('holds the third order in 7 days just under the threshold', () => {
    // Prepare
    const history = [pastOrder('s-1', days(1), justUnder), pastOrder('s-2', days(5), 920_000)];
    // Act
    const outcome = checkStructuring(tradeOrder({ amount: justUnder }), history, aml);
    // Assess
    expect(outcome).toMatchObject({
      ruleId: 'aml/structuring',
      action: 'HOLD',
      reason: '3 orders in 7 days were each just under the large-amount threshold (3 fire the rule)',
    });
    expect(outcome.evidence).toMatchObject({ bandFloor: 900_000, threshold: 1_000_000, bandPercent: 90 });
    expect((outcome.evidence.orders as { orderId: string }[]).map((o) => o.orderId)).toEqual([
      's-1',
      's-2',
      'ord-current',
    ]);
  });

  it('passes two such orders: one short of the pattern', () => {
    // Prepare
    const history = [pastOrder('s-1', days(1), justUnder)];
    // Act
    const outcome = checkStructuring(tradeOrder({ amount: justUnder }), history, aml);
    // Assess
    expect(outcome.action).toBe('PASS');
  });

  it('counts 90% of the threshold exactly but not one minor unit less, and not the threshold itself', () => {
    // Prepare
    const atFloor = [pastOrder('s-1', days(1), 900_000), pastOrder('s-2', days(2), justUnder)];
    const belowFloor = [pastOrder('s-1', days(1), 899_999), pastOrder('s-2', days(2), justUnder)];
    const atThreshold = [pastOrder('s-1', days(1), 1_000_000), pastOrder('s-2', days(2), justUnder)];
    // Act
    const actions = [atFloor, belowFloor, atThreshold].map(
      (history) => checkStructuring(tradeOrder({ amount: justUnder }), history, aml).action,
    );
    // Assess
    expect(actions).toEqual(['HOLD', 'PASS', 'PASS']);
  });

  it('counts an order exactly 7 days old and not one 7 days and 1 ms old', () => {
    // Prepare
    const recent = pastOrder('s-1', days(1), justUnder);
    // Act
    const edge = checkStructuring(
      tradeOrder({ amount: justUnder }),
      [recent, pastOrder('s-2', days(7), justUnder)],
      aml,
    );
    const older = checkStructuring(
      tradeOrder({ amount: justUnder }),
      [recent, pastOrder('s-2', days(7) + 1, justUnder)],
      aml,
    );
    // Assess
    expect(edge.action).toBe('HOLD');
    expect(older.action).toBe('PASS');
  });

  it('compares each currency with its own threshold', () => {
    // Prepare: EUR 9,400.00 and JPY 1,400,000 are each just under their thresholds
    const history = [pastOrder('eur', days(1), 940_000, 'EUR'), pastOrder('jpy', days(2), 1_400_000, 'JPY')];
    // Act
    const outcome = checkStructuring(tradeOrder({ amount: justUnder }), history, aml);
    // Assess
    expect(outcome.action).toBe('HOLD');
  });

  it('passes when the order being checked is not itself just under the threshold', () => {
    // Prepare
    const history = [
      pastOrder('s-1', days(1), justUnder),
      pastOrder('s-2', days(2), justUnder),
      pastOrder('s-3', days(3), justUnder),
    ];
    // Act
    const outcome = checkStructuring(tradeOrder({ amount: 300_000 }), history, aml);
    // Assess
    expect(outcome).toMatchObject({
      action: 'PASS',
      reason: 'The amount USD 3,000.00 is not between 90% of the threshold and the threshold',
    });
  });

  it('passes, saying why, an order in a currency without a threshold', () => {
    // Prepare / Act
    const outcome = checkStructuring(tradeOrder({ currency: 'TRY' }), [], aml);
    // Assess
    expect(outcome).toMatchObject({
      action: 'PASS',
      reason: 'No threshold is configured for TRY, so structuring cannot be checked',
    });
  });
});

describe('checkHighRiskCorridor', () => {
  it('passes a corridor between unlisted countries', () => {
    // Prepare / Act
    const outcomes = checkHighRiskCorridor(tradeOrder(), ruleSets);
    // Assess
    expect(outcomes).toEqual([
      {
        ruleId: 'aml/high-risk-corridor',
        ruleSetVersion: aml.version,
        action: 'PASS',
        reason: 'The corridor DE → DE (supplier in CN) involves no FATF-listed or embargoed jurisdiction',
        evidence: {
          buyerCountry: 'DE',
          destinationCountry: 'DE',
          supplierCountry: 'CN',
          riskyEnds: [],
          fatfVersion: ruleSets.fatf.version,
          embargoVersion: ruleSets.embargoes.version,
        },
      },
    ]);
  });

  it('holds an order with a supplier in a FATF call-for-action country', () => {
    // Prepare / Act
    const [outcome] = checkHighRiskCorridor(tradeOrder({ supplierCountry: 'MM' }), ruleSets);
    // Assess
    expect(outcome).toMatchObject({
      action: 'HOLD',
      reason: 'The corridor DE → DE (supplier in MM) involves supplier MM (FATF_CALL_FOR_ACTION)',
    });
    expect(outcome?.evidence.riskyEnds).toEqual([
      { party: 'supplier', country: 'MM', lists: ['FATF_CALL_FOR_ACTION'], action: 'HOLD' },
    ]);
  });

  it('holds an order with an embargoed end that the FATF does not list', () => {
    // Prepare / Act
    const [outcome] = checkHighRiskCorridor(tradeOrder({ buyerCountry: 'CU' }), ruleSets);
    // Assess
    expect(outcome).toMatchObject({ action: 'HOLD' });
    expect(outcome?.evidence.riskyEnds).toEqual([
      { party: 'buyer', country: 'CU', lists: ['EMBARGO'], action: 'HOLD' },
    ]);
  });

  it('only flags a destination under FATF increased monitoring, and holds when another end is worse', () => {
    // Prepare / Act
    const [greyOnly] = checkHighRiskCorridor(tradeOrder({ destination: { country: 'VN' } }), ruleSets);
    const [mixed] = checkHighRiskCorridor(
      tradeOrder({ destination: { country: 'VN' }, supplierCountry: 'IR' }),
      ruleSets,
    );
    // Assess
    expect(greyOnly?.action).toBe('FLAG');
    expect(mixed?.action).toBe('HOLD');
  });

  it('holds a listed corridor: a Russian buyer shipping to Kazakhstan', () => {
    // Prepare / Act
    const outcomes = checkHighRiskCorridor(
      tradeOrder({ buyerCountry: 'RU', destination: { country: 'KZ' } }),
      ruleSets,
    );
    // Assess
    expect(outcomes.map((o) => [o.ruleId, o.action])).toEqual([
      ['aml/high-risk-corridor', 'PASS'],
      ['aml/corridor/ru-by-buyer-via-transit-hub', 'HOLD'],
    ]);
    expect(outcomes[1]?.evidence).toEqual({ buyerCountry: 'RU', party: 'destination', country: 'KZ' });
  });

  it('matches a listed corridor through the supplier as well', () => {
    // Prepare / Act
    const outcomes = checkHighRiskCorridor(tradeOrder({ buyerCountry: 'BY', supplierCountry: 'AE' }), ruleSets);
    // Assess
    expect(outcomes[1]).toMatchObject({
      ruleId: 'aml/corridor/ru-by-buyer-via-transit-hub',
      evidence: { party: 'supplier', country: 'AE' },
    });
  });

  it.each([
    ['a Russian buyer shipping home', { buyerCountry: 'RU', destination: { country: 'RU' } }],
    ['a German buyer shipping to Kazakhstan', { buyerCountry: 'DE', destination: { country: 'KZ' } }],
  ])('does not match the listed corridor for %s', (_case, override) => {
    // Prepare / Act
    const outcomes = checkHighRiskCorridor(tradeOrder(override), ruleSets);
    // Assess
    expect(outcomes.map((o) => o.ruleId)).toEqual(['aml/high-risk-corridor']);
  });
});
