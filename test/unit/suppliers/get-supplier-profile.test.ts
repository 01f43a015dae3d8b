import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadTradeAssuranceRules } from '../../../functions/suppliers/models/trade-assurance-rules';
import { getSupplierProfile } from '../../../functions/suppliers/usecases/get-supplier-profile';
import { recomputeTradeAssurance } from '../../../functions/suppliers/usecases/recompute-trade-assurance';

const now = new Date('2026-11-23T12:00:00.000Z');
const rules = loadTradeAssuranceRules();
const day = 86_400_000;

/** A table of one party's items that answers the queries and records the updates. */
function fakeStore(items: Record<string, unknown>[]) {
  const updates: UpdateCommand['input'][] = [];
  const send = async (command: unknown) => {
    if (command instanceof QueryCommand) {
      const values = command.input.ExpressionAttributeValues as Record<string, string>;
      const from = values[':from'] ?? '';
      const to = values[':to'] ?? '';
      return { Items: items.filter((item) => String(item.sk) >= from && String(item.sk) <= to) };
    }
    if (command instanceof UpdateCommand) {
      updates.push(command.input);
      const values = command.input.ExpressionAttributeValues as Record<string, unknown>;
      return { Attributes: { currency: 'USD', reserved: 0, limit: values[':limit'], qualified: values[':qualified'] } };
    }
    throw new Error('unexpected command');
  };
  return { store: { db: { send } as unknown as DynamoDBDocumentClient, tableName: 't' }, updates };
}

const profileItem = { pk: 'PARTY#s', sk: 'PROFILE', partyId: 's', kycStatus: 'APPROVED', currency: 'USD' };
const history = Array.from({ length: 12 }, (_, i) => {
  const completedAt = new Date(now.getTime() - (2 + i * 7) * day).toISOString();
  return {
    pk: 'PARTY#s',
    sk: `TXN#${completedAt}#order_${i}`,
    orderId: `order_${i}`,
    completedAt,
    amount: 1_000_000,
    currency: 'USD',
    shippedOnTime: true,
    disputed: false,
  };
});

describe('recomputeTradeAssurance', () => {
  it('stores the computed limit, qualification and rules version, and available as limit - reserved', async () => {
    // Prepare
    const { store, updates } = fakeStore([profileItem, ...history]);

    // Act
    await recomputeTradeAssurance({ parties: store, rules, now: () => now }, 's');

    // Assess
    const update = updates[0]!;
    expect(update.UpdateExpression).toMatch(/#limit = :limit/);
    expect(update.UpdateExpression).toMatch(/available = :limit - if_not_exists\(reserved, :zero\)/);
    expect(update.ExpressionAttributeValues).toMatchObject({
      ':limit': 6_000_000, // half of 12 × 10,000.00 USD
      ':qualified': true,
      ':version': rules.version,
      ':at': now.toISOString(),
    });
  });

  it("keeps an admin's override as the limit", async () => {
    // Prepare
    const account = {
      pk: 'PARTY#s',
      sk: 'TRADE_ASSURANCE',
      currency: 'USD',
      reserved: 0,
      override: { limit: 250_000, reason: 'pilot' },
    };
    const { store, updates } = fakeStore([profileItem, account, ...history]);

    // Act
    await recomputeTradeAssurance({ parties: store, rules, now: () => now }, 's');

    // Assess
    expect(updates[0]!.ExpressionAttributeValues).toMatchObject({ ':limit': 250_000, ':qualified': true });
  });
});

describe('getSupplierProfile', () => {
  it('reports the stored limit, reserved and available when the account has been computed', async () => {
    // Prepare: the stored limit differs from what the history would give today
    const account = {
      pk: 'PARTY#s',
      sk: 'TRADE_ASSURANCE',
      currency: 'USD',
      reserved: 1_500_000,
      available: 2_500_000,
      limit: 4_000_000,
      qualified: true,
      rulesVersion: 'stored-version',
    };
    const { store } = fakeStore([profileItem, account, ...history]);

    // Act
    const profile = await getSupplierProfile({ parties: store, rules, now: () => now }, 's');

    // Assess
    expect(profile.tradeAssurance).toMatchObject({
      qualified: true,
      limit: 4_000_000,
      reserved: 1_500_000,
      available: 2_500_000,
      rulesVersion: 'stored-version',
    });
    expect(profile.last12Months.transactions).toBe(12);
  });

  it('computes the limit from the history when none is stored', async () => {
    // Prepare
    const { store } = fakeStore([profileItem, ...history]);

    // Act
    const profile = await getSupplierProfile({ parties: store, rules, now: () => now }, 's');

    // Assess
    expect(profile.tradeAssurance).toMatchObject({ limit: 6_000_000, reserved: 0, available: 6_000_000 });
  });
});
