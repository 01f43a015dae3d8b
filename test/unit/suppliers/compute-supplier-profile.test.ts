import type { CompletedTransaction } from '../../../functions/kernel/parties/models/completed-transaction';
import {
  loadTradeAssuranceRules,
  tradeAssuranceRulesSchema,
} from '../../../functions/suppliers/models/trade-assurance-rules';
import {
  computeSupplierProfile,
  type SupplierProfileInput,
} from '../../../functions/suppliers/usecases/compute-supplier-profile';

const now = new Date('2026-11-23T12:00:00.000Z');
const rules = loadTradeAssuranceRules();
const day = 86_400_000;

/** `count` completed orders, one a week back from `startDaysAgo`, of `amount` minor units each. */
function history(count: number, options: Partial<CompletedTransaction> & { startDaysAgo?: number } = {}) {
  const { startDaysAgo = 2, ...overrides } = options;
  return Array.from({ length: count }, (_, i) => ({
    orderId: `order_${i}`,
    completedAt: new Date(now.getTime() - (startDaysAgo + i * 7) * day).toISOString(),
    amount: 1_000_000,
    currency: 'USD',
    shippedOnTime: true,
    disputed: false,
    ...overrides,
  }));
}

function profileOf(overrides: Partial<SupplierProfileInput>) {
  return computeSupplierProfile({
    supplierId: 'party_s',
    kycApproved: true,
    transactions: history(20),
    currency: 'USD',
    reserved: 0,
    now,
    rules,
    ...overrides,
  });
}

describe('computeSupplierProfile', () => {
  it('qualifies a KYC-approved supplier with enough on-time, undisputed orders, for half its six-month turnover', () => {
    // Act
    const profile = profileOf({ reserved: 2_500_000 });

    // Assess: 20 weekly orders of 10,000.00 all fall within 183 days
    expect(profile.verified).toBe(true);
    expect(profile.tradeAssurance).toMatchObject({
      qualified: true,
      limit: 10_000_000,
      reserved: 2_500_000,
      available: 7_500_000,
      currency: 'USD',
      rulesVersion: rules.version,
    });
    expect(profile.last12Months).toEqual({ transactions: 20, turnover: 20_000_000 });
  });

  it('counts only the last six months for the amount and the last twelve for the history', () => {
    // Prepare: 10 recent orders, 10 more between 7 and 12 months ago, 5 older than a year
    const transactions = [...history(10), ...history(10, { startDaysAgo: 200 }), ...history(5, { startDaysAgo: 400 })];

    // Act
    const profile = profileOf({ transactions });

    // Assess
    expect(profile.last12Months.transactions).toBe(20);
    expect(profile.tradeAssurance.limit).toBe(5_000_000);
  });

  it.each([
    ['is not KYC-approved', { kycApproved: false }, /KYC is not approved/],
    ['has too few orders', { transactions: history(9) }, /9 completed orders in 183 days \(at least 10 needed\)/],
    [
      'ships late too often',
      { transactions: [...history(17), ...history(3, { startDaysAgo: 130, shippedOnTime: false })] },
      /on-time shipment 85% \(at least 90% needed\)/,
    ],
    [
      'has too many disputes',
      { transactions: [...history(18), ...history(2, { startDaysAgo: 130, disputed: true })] },
      /disputes 10% \(at most 5% allowed\)/,
    ],
    [
      'trades in a currency with no Trade Assurance',
      { currency: 'GBP', transactions: history(20, { currency: 'GBP' }) },
      /no Trade Assurance is offered in GBP/,
    ],
  ])('does not qualify a supplier that %s, and says why', (_label, overrides, reason) => {
    // Act
    const profile = profileOf(overrides as Partial<SupplierProfileInput>);

    // Assess
    expect(profile.tradeAssurance.qualified).toBe(false);
    expect(profile.tradeAssurance.limit).toBe(0);
    expect(profile.tradeAssurance.reasons.join('; ')).toMatch(reason);
  });

  it('rounds the amount down, and caps it per currency', () => {
    // Prepare: 20 orders of 1,234.56 USD, and 20 of 123,456.78 USD
    const small = profileOf({ transactions: history(20, { amount: 123_456 }) });
    const large = profileOf({ transactions: history(20, { amount: 12_345_678 }) });

    // Assess: half of 24,691.20 rounds down to 12,000.00; half of 2,469,135.60 exceeds the 1,000,000.00 cap
    expect(small.tradeAssurance.limit).toBe(1_200_000);
    expect(large.tradeAssurance.limit).toBe(rules.maxAmount.USD);
  });

  it("uses an admin's override instead of the computed amount, with its reason", () => {
    // Act
    const profile = profileOf({ override: { limit: 300_000, reason: 'Pending audit' }, reserved: 100_000 });

    // Assess
    expect(profile.tradeAssurance).toMatchObject({ limit: 300_000, available: 200_000 });
    expect(profile.tradeAssurance.reasons).toContain('amount set by an admin: Pending audit');
  });

  it('reports the response rate and average response time of the last twelve months', () => {
    // Prepare: four orders with messages, one unanswered
    const transactions = [
      ...history(16),
      ...history(1, { startDaysAgo: 10, responseHours: [2, 4] }),
      ...history(1, { startDaysAgo: 20, responseHours: [6] }),
      ...history(1, { startDaysAgo: 30, responseHours: [12] }),
      ...history(1, { startDaysAgo: 40, responseHours: [] }),
    ];

    // Act
    const profile = profileOf({ transactions });

    // Assess
    expect(profile.responseRate).toBe(0.75);
    expect(profile.avgResponseHours).toBe(6);
  });

  it('rejects a rules file with a share of turnover above 1', () => {
    // Act
    const result = tradeAssuranceRulesSchema.safeParse({ ...rules, amountShareOfTurnover: 1.5 });

    // Assess
    expect(result.success).toBe(false);
  });
});
