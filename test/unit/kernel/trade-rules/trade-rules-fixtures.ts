import amlRules from '../../../../data/rules/aml-rules.json';
import embargoes from '../../../../data/rules/embargoes.json';
import exportControls from '../../../../data/rules/export-controls.json';
import fatfJurisdictions from '../../../../data/rules/fatf-jurisdictions.json';
import { parseRuleSets, type RuleSets } from '../../../../functions/kernel/trade-rules/load-rule-sets';
import type { OrderAmount, TradeOrder } from '../../../../functions/kernel/trade-rules/trade-order';

/** The time every fixture order is placed at. */
export const orderTime = '2026-11-01T12:00:00.000Z';

const hourMs = 3_600_000;

/** A clean order: a German buyer importing T-shirts from China to Hamburg, USD 2,500.00. */
export function tradeOrder(override: Partial<TradeOrder> = {}): TradeOrder {
  return {
    orderId: 'ord-current',
    buyerCountry: 'DE',
    supplierCountry: 'CN',
    destination: { country: 'DE', city: 'Hamburg' },
    items: [{ hsCode: '6109.10', description: 'Cotton T-shirts' }],
    amount: 250_000,
    currency: 'USD',
    createdAt: orderTime,
    ...override,
  };
}

/** An earlier order of the same buyer, `msBefore` before {@link orderTime}. */
export function pastOrder(orderId: string, msBefore: number, amount = 100_000, currency = 'USD'): OrderAmount {
  return { orderId, amount, currency, createdAt: new Date(Date.parse(orderTime) - msBefore).toISOString() };
}

/** Hours and days in milliseconds, for readable history. */
export const hours = (n: number): number => n * hourMs;
export const days = (n: number): number => n * 24 * hourMs;

/** The shipped rules files as plain JSON, deep-copied so a test can change them freely. */
export function rawRuleFiles(): {
  embargoes: typeof embargoes;
  exportControls: typeof exportControls;
  fatf: typeof fatfJurisdictions;
  aml: typeof amlRules;
} {
  return structuredClone({ embargoes, exportControls, fatf: fatfJurisdictions, aml: amlRules });
}

/** Rule sets from the shipped files after `change` edits their JSON. */
export function ruleSetsWith(change: (raw: ReturnType<typeof rawRuleFiles>) => void): RuleSets {
  const raw = rawRuleFiles();
  change(raw);
  return parseRuleSets(raw);
}
