import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadTradeAssuranceRules } from '../../../functions/suppliers/models/trade-assurance-rules';
import { recomputeAllTradeAssurance } from '../../../functions/suppliers/usecases/recompute-all-trade-assurance';

const now = new Date('2026-11-23T12:00:00.000Z');
const rules = loadTradeAssuranceRules();

/**
 * A table whose gsi1 lists `indexed` (two pages), where every party but `party_gone` has a profile, and
 * whose updates take a moment so that concurrency shows.
 */
function fakeStore(indexed: string[]) {
  const updated: string[] = [];
  const indexQueries: QueryCommand['input'][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const send = async (command: unknown) => {
    if (command instanceof QueryCommand && command.input.IndexName === 'gsi1') {
      indexQueries.push(command.input);
      const half = Math.ceil(indexed.length / 2);
      const first = command.input.ExclusiveStartKey === undefined;
      const page = first ? indexed.slice(0, half) : indexed.slice(half);
      return {
        Items: page.map((partyId) => ({ gsi1sk: partyId })),
        ...(first ? { LastEvaluatedKey: { gsi1pk: 'TRADE_ASSURANCE_ACCOUNT', gsi1sk: page.at(-1) } } : {}),
      };
    }
    if (command instanceof QueryCommand) {
      const values = command.input.ExpressionAttributeValues as Record<string, string>;
      const partyId = String(values[':pk']).slice('PARTY#'.length);
      const wantsProfile = values[':from'] === 'PROFILE';
      return {
        Items: wantsProfile && partyId !== 'party_gone' ? [{ sk: 'PROFILE', partyId, kycStatus: 'APPROVED' }] : [],
      };
    }
    if (command instanceof UpdateCommand) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      updated.push(String(command.input.ExpressionAttributeValues?.[':partyId']));
      return { Attributes: { currency: 'USD', reserved: 0 } };
    }
    throw new Error('unexpected command');
  };
  const store = { db: { send } as unknown as DynamoDBDocumentClient, tableName: 't' };
  return { store, updated, indexQueries, maxInFlight: () => maxInFlight };
}

describe('recomputeAllTradeAssurance', () => {
  it('recomputes every supplier listed by the index, page after page, a bounded number at a time', async () => {
    // Prepare
    const suppliers = Array.from({ length: 10 }, (_, i) => `party_${i}`);
    const { store, updated, indexQueries, maxInFlight } = fakeStore(suppliers);

    // Act
    const summary = await recomputeAllTradeAssurance({ parties: store, rules, now: () => now, concurrency: 3 });

    // Assess
    expect(summary).toEqual({ suppliers: 10, recomputed: 10, failed: 0, failures: [] });
    expect([...updated].sort()).toEqual(suppliers);
    expect(maxInFlight()).toBe(3);
    expect(indexQueries).toHaveLength(2);
    expect(indexQueries[0]).toMatchObject({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'TRADE_ASSURANCE_ACCOUNT' },
    });
  });

  it('counts a supplier that fails and goes on with the others', async () => {
    // Prepare
    const { store, updated } = fakeStore(['party_a', 'party_gone', 'party_b']);

    // Act
    const summary = await recomputeAllTradeAssurance({ parties: store, rules, now: () => now });

    // Assess
    expect(summary).toEqual({
      suppliers: 3,
      recomputed: 2,
      failed: 1,
      failures: [{ supplierId: 'party_gone', error: 'There is no supplier party_gone' }],
    });
    expect(updated.sort()).toEqual(['party_a', 'party_b']);
  });
});
