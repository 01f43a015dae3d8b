import type { CompletedTransaction } from '../../kernel/parties/models/completed-transaction';
import type { SupplierProfile } from '../models/supplier-profile';
import type { TradeAssuranceRules } from '../models/trade-assurance-rules';

const dayMs = 86_400_000;

/** What the profile is computed from. */
export interface SupplierProfileInput {
  supplierId: string;
  kycApproved: boolean;
  /** Completed orders of at least the last 12 months, in the supplier's trading currency. */
  transactions: readonly CompletedTransaction[];
  currency: string;
  /** Coverage currently reserved by open orders. */
  reserved: number;
  /** An admin's override of the amount, which replaces the computed one. */
  override?: { limit: number; reason: string };
  /** Whether the supplier takes part in Trade Assurance; undefined reads as not enrolled. */
  enrolled?: boolean;
  now: Date;
  rules: TradeAssuranceRules;
}

/**
 * The supplier's trust profile: 12-month transactions and turnover, response rate and speed, and the
 * Trade Assurance qualification and amount from the last six months under the documented rules
 * (data/rules/trade-assurance.json). Every reason for qualifying or not is spelt out.
 */
export function computeSupplierProfile(input: SupplierProfileInput): SupplierProfile {
  const { rules, now } = input;
  const since = (days: number) => now.getTime() - days * dayMs;
  const inCurrency = input.transactions.filter((t) => t.currency === input.currency);
  const year = inCurrency.filter(
    (t) => Date.parse(t.completedAt) > since(365) && Date.parse(t.completedAt) <= now.getTime(),
  );
  const window = year.filter((t) => Date.parse(t.completedAt) > since(rules.windowDays));

  const onTimeRate = window.length ? window.filter((t) => t.shippedOnTime).length / window.length : 0;
  const disputeRate = window.length ? window.filter((t) => t.disputed).length / window.length : 0;
  const windowTurnover = window.reduce((sum, t) => sum + t.amount, 0);
  const reasons: string[] = [];
  const failures: string[] = [];
  (input.kycApproved ? reasons : failures).push(input.kycApproved ? 'KYC approved' : 'KYC is not approved');
  const enough = window.length >= rules.minCompletedOrders;
  (enough ? reasons : failures).push(
    `${window.length} completed orders in ${rules.windowDays} days (at least ${rules.minCompletedOrders} needed)`,
  );
  if (window.length > 0) {
    (onTimeRate >= rules.minOnTimeShipmentRate ? reasons : failures).push(
      `on-time shipment ${percent(onTimeRate)} (at least ${percent(rules.minOnTimeShipmentRate)} needed)`,
    );
    (disputeRate <= rules.maxDisputeRate ? reasons : failures).push(
      `disputes ${percent(disputeRate)} (at most ${percent(rules.maxDisputeRate)} allowed)`,
    );
  }
  const ceiling = rules.maxAmount[input.currency];
  if (ceiling === undefined) failures.push(`no Trade Assurance is offered in ${input.currency}`);
  const qualified = failures.length === 0;
  const computed = qualified
    ? Math.min(ceiling!, Math.floor((windowTurnover * rules.amountShareOfTurnover) / rules.roundTo) * rules.roundTo)
    : 0;
  const limit = input.override ? input.override.limit : computed;
  if (input.override) reasons.push(`amount set by an admin: ${input.override.reason}`);

  const responses = year.flatMap((t) => t.responseHours ?? []);
  const asked = year.filter((t) => t.responseHours !== undefined).length;
  return {
    supplierId: input.supplierId,
    verified: input.kycApproved,
    tradeAssurance: {
      enrolled: input.enrolled === true,
      qualified: qualified || (input.override !== undefined && input.override.limit > 0),
      limit,
      reserved: input.reserved,
      available: Math.max(0, limit - input.reserved),
      currency: input.currency,
      reasons: [...failures, ...reasons],
      rulesVersion: rules.version,
    },
    last12Months: { transactions: year.length, turnover: year.reduce((sum, t) => sum + t.amount, 0) },
    responseRate: asked ? year.filter((t) => (t.responseHours?.length ?? 0) > 0).length / asked : null,
    avgResponseHours: responses.length
      ? Math.round((responses.reduce((a, b) => a + b, 0) / responses.length) * 10) / 10
      : null,
  };
}

function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}
