import { evaluateTradeRules } from '../../../../functions/kernel/trade-rules/evaluate-trade-rules';
import { loadRuleSets } from '../../../../functions/kernel/trade-rules/load-rule-sets';
import type { TradeOrder } from '../../../../functions/kernel/trade-rules/trade-order';
import { days, hours, pastOrder, ruleSetsWith, tradeOrder } from './trade-rules-fixtures';

const noHistory = { buyerHistory: [] };

describe('evaluateTradeRules', () => {
  it('passes a clean order and reports every rule it checked, in a fixed order', () => {
    // Prepare
    const order = tradeOrder({ items: [{ hsCode: '6109.10' }, { hsCode: '6203.42' }] });
    // Act
    const result = evaluateTradeRules(order, noHistory);
    // Assess
    expect(result.decision).toBe('PASS');
    expect(result.outcomes.map((o) => [o.ruleId, o.action])).toEqual([
      ['embargo', 'PASS'],
      ['export-control', 'PASS'],
      ['export-control', 'PASS'],
      ['aml/large-amount', 'PASS'],
      ['aml/buyer-velocity', 'PASS'],
      ['aml/structuring', 'PASS'],
      ['aml/high-risk-corridor', 'PASS'],
    ]);
  });

  it('blocks chips to Russia and names the rule, version and evidence', () => {
    // Prepare
    const order = tradeOrder({ destination: { country: 'RU', city: 'Moscow' }, items: [{ hsCode: '8542.31' }] });
    // Act
    const result = evaluateTradeRules(order, noHistory);
    // Assess
    expect(result.decision).toBe('BLOCK');
    expect(result.outcomes).toContainEqual(
      expect.objectContaining({
        ruleId: 'export-control/ru-by-high-priority',
        ruleSetVersion: loadRuleSets().exportControls.version,
        action: 'BLOCK',
        evidence: expect.objectContaining({ hsCode: '854231', matchedPrefix: '8542', destination: 'RU' }),
      }),
    );
  });

  it('blocks a harmless order to Crimea on the embargo alone', () => {
    // Prepare
    const order = tradeOrder({ destination: { country: 'UA', region: 'Crimea', city: 'Simferopol' } });
    // Act
    const result = evaluateTradeRules(order, noHistory);
    // Assess
    expect(result.decision).toBe('BLOCK');
    expect(result.outcomes.filter((o) => o.action !== 'PASS').map((o) => o.ruleId)).toEqual(['embargo/ua-crimea']);
  });

  it('lets a BLOCK win over AML holds on the same order', () => {
    // Prepare
    const order = tradeOrder({ destination: { country: 'IR' }, amount: 5_000_000 });
    // Act
    const result = evaluateTradeRules(order, noHistory);
    // Assess
    expect(result.decision).toBe('BLOCK');
    expect(result.outcomes.filter((o) => o.action === 'HOLD').map((o) => o.ruleId)).toEqual(['aml/high-risk-corridor']);
    expect(result.outcomes.filter((o) => o.action === 'FLAG').map((o) => o.ruleId)).toContain('aml/large-amount');
  });

  it.each<[string, Partial<TradeOrder>]>([
    ['an unconfigured currency', { currency: 'TRY', amount: 100 }],
    ['a partly occupied oblast', { destination: { country: 'UA', region: 'UA-14', city: 'Kramatorsk' } }],
    ['ammunition to France', { destination: { country: 'FR' }, items: [{ hsCode: '9306.21' }] }],
    ['a supplier in Myanmar', { supplierCountry: 'MM' }],
  ])('holds an order for review for %s', (_case, override) => {
    // Prepare / Act
    const result = evaluateTradeRules(tradeOrder(override), noHistory);
    // Assess
    expect(result.decision).toBe('HOLD');
  });

  it('flags a large amount alone, recorded for staff, and lets the order go ahead (no false alarm)', () => {
    // Prepare: USD 40,000.00 between low-risk countries
    const order = tradeOrder({ amount: 4_000_000, currency: 'USD' });
    // Act
    const result = evaluateTradeRules(order, noHistory);
    // Assess
    expect(result.decision).toBe('PASS');
    expect(result.outcomes.find((o) => o.ruleId === 'aml/large-amount')).toMatchObject({
      action: 'FLAG',
      reason: 'The amount USD 40,000.00 is at or over the large-amount threshold of USD 10,000.00',
    });
  });

  it('holds the sixth order of the day and the third just-under-threshold order of the week', () => {
    // Prepare
    const busy = Array.from({ length: 5 }, (_, i) => pastOrder(`busy-${i}`, hours(i + 1)));
    const split = [pastOrder('split-1', days(2), 960_000), pastOrder('split-2', days(4), 940_000)];
    // Act
    const velocity = evaluateTradeRules(tradeOrder(), { buyerHistory: busy });
    const structuring = evaluateTradeRules(tradeOrder({ amount: 950_000 }), { buyerHistory: split });
    // Assess
    expect(velocity.decision).toBe('HOLD');
    expect(velocity.outcomes.find((o) => o.action === 'HOLD')?.ruleId).toBe('aml/buyer-velocity');
    expect(structuring.decision).toBe('HOLD');
    expect(structuring.outcomes.find((o) => o.action === 'HOLD')?.ruleId).toBe('aml/structuring');
  });

  it('lets a FLAG-only order go ahead with the flag on record', () => {
    // Prepare
    const order = tradeOrder({ destination: { country: 'VN' } });
    // Act
    const result = evaluateTradeRules(order, noHistory);
    // Assess
    expect(result.decision).toBe('PASS');
    expect(result.outcomes.filter((o) => o.action === 'FLAG').map((o) => o.ruleId)).toEqual(['aml/high-risk-corridor']);
  });

  it('stamps each outcome with the version of the file its rule came from', () => {
    // Prepare
    const ruleSets = ruleSetsWith((raw) => {
      raw.aml.version = '2027-01-15';
      raw.exportControls.version = '2027-01-10';
    });
    // Act
    const { outcomes } = evaluateTradeRules(tradeOrder(), noHistory, ruleSets);
    // Assess
    expect(outcomes.map((o) => [o.ruleId, o.ruleSetVersion])).toEqual([
      ['embargo', ruleSets.embargoes.version],
      ['export-control', '2027-01-10'],
      ['aml/large-amount', '2027-01-15'],
      ['aml/buyer-velocity', '2027-01-15'],
      ['aml/structuring', '2027-01-15'],
      ['aml/high-risk-corridor', '2027-01-15'],
    ]);
  });

  it('gives the same result for the same input and leaves the input untouched', () => {
    // Prepare
    const order = Object.freeze(tradeOrder({ destination: { country: 'KZ' }, buyerCountry: 'RU', amount: 990_000 }));
    const context = Object.freeze({ buyerHistory: Object.freeze([pastOrder('p-1', hours(2))]) });
    // Act
    const first = evaluateTradeRules(order, context);
    const second = evaluateTradeRules(order, context);
    // Assess
    expect(second).toEqual(first);
    expect(first.decision).toBe('HOLD');
  });

  it('refuses a malformed order, naming every bad field', () => {
    // Prepare
    const order = tradeOrder({ amount: 10.5, destination: { country: 'XX' }, items: [] });
    // Act
    const act = () => evaluateTradeRules(order, noHistory);
    // Assess
    expect(act).toThrow(TypeError);
    expect(act).toThrow(
      'Invalid trade order: amount: must be an integer amount in minor units; destination.country: must be an ISO 3166-1 alpha-2 country code, such as DE or CN; items: must list at least one item',
    );
  });

  it('refuses a history entry without a usable timestamp', () => {
    // Prepare
    const context = { buyerHistory: [{ ...pastOrder('p-1', hours(1)), createdAt: 'yesterday' }] };
    // Act
    const act = () => evaluateTradeRules(tradeOrder(), context);
    // Assess
    expect(act).toThrow(/^Invalid trade rules context: buyerHistory\.0\.createdAt: /);
  });
});
