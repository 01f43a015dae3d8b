import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { localResourceNames } from '../../infra/local/local-stack-config';
import { callApi, suiteStack } from './support/api-client';
import { orderFixtures } from './support/order-fixtures';
import { connectStackTable } from './support/stack-table';

const { credentials, endpoints } = suiteStack();
const { apiUrl, tokens } = credentials;
const db = connectStackTable(endpoints).db;
const { createSupplier } = orderFixtures({ db, tableName: localResourceNames.tableName }, apiUrl);

afterAll(() => db.destroy());

function override(supplierId: string, body: unknown, token = tokens.admin) {
  return callApi(apiUrl, 'PUT', `/admin/suppliers/${supplierId}/trade-assurance`, { token, body });
}

async function auditOf(supplierId: string) {
  const result = await db.send(
    new QueryCommand({
      TableName: localResourceNames.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
      ExpressionAttributeValues: { ':pk': `PARTY#${supplierId}`, ':audit': 'AUDIT#' },
    }),
  );
  return result.Items ?? [];
}

describe('PUT /admin/suppliers/{supplierId}/trade-assurance', () => {
  it("sets an admin's amount with a reason, audited, and removes it again to go back to the rules", async () => {
    // Prepare: 12 weekly orders of 10,000.00 qualify for half the turnover, 60,000.00
    const supplierId = await createSupplier();
    const before = await callApi(apiUrl, 'GET', `/suppliers/${supplierId}/profile`, { token: tokens.admin });

    // Act
    const set = await override(supplierId, { limit: 2_500_000, reason: 'Credit insurance cover confirmed' });
    const removed = await override(supplierId, { limit: null, reason: 'Insurance lapsed' });

    // Assess
    expect(before.body.tradeAssurance.limit).toBe(6_000_000);
    expect(set.status).toBe(200);
    expect(set.body.tradeAssurance).toMatchObject({ limit: 2_500_000, available: 2_500_000 });
    expect(set.body.tradeAssurance.reasons).toContain('amount set by an admin: Credit insurance cover confirmed');
    expect(removed.body.tradeAssurance.limit).toBe(6_000_000);
    const audit = await auditOf(supplierId);
    expect(audit.map((entry) => entry.type)).toEqual([
      'TRADE_ASSURANCE_OVERRIDDEN',
      'TRADE_ASSURANCE_OVERRIDE_REMOVED',
    ]);
    expect(audit[0]).toMatchObject({
      actor: { kind: 'USER', role: 'admin' },
      detail: { previous: null, limit: 2_500_000, reason: 'Credit insurance cover confirmed' },
    });
  });

  it('is for admins only, needs a reason and a whole amount, and knows only existing suppliers', async () => {
    // Prepare
    const supplierId = await createSupplier();

    // Act
    const asReviewer = await override(supplierId, { limit: 1, reason: 'Not mine to set' }, tokens.reviewer);
    const asSupplier = await override(supplierId, { limit: 1, reason: 'Raise my own limit' }, tokens.supplier);
    const noReason = await override(supplierId, { limit: 100 });
    const fraction = await override(supplierId, { limit: 10.5, reason: 'Half a cent' });
    const unknown = await override('party_nobody', { limit: 100, reason: 'No such party' });

    // Assess
    expect(asReviewer.status).toBe(403);
    expect(asSupplier.status).toBe(403);
    expect(noReason.status).toBe(400);
    expect(noReason.body.detail).toMatch(/reason/);
    expect(fraction.status).toBe(400);
    expect(fraction.body.detail).toMatch(/limit/);
    expect(unknown.status).toBe(404);
    expect(await auditOf(supplierId)).toEqual([]);
  });
});
