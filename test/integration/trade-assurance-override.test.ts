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

function approve(taskId: string, approve: boolean, token = tokens.admin2) {
  return callApi(apiUrl, 'POST', `/review/tasks/${taskId}/approval`, {
    token,
    body: { approve, reason: approve ? 'Checked the insurer letter' : 'No letter on file' },
  });
}

function profileOf(supplierId: string) {
  return callApi(apiUrl, 'GET', `/suppliers/${supplierId}/profile`, { token: tokens.admin });
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

describe('PUT /admin/suppliers/{supplierId}/trade-assurance (four eyes)', () => {
  it("proposes an admin's amount, which takes effect only when a second admin approves; removal likewise", async () => {
    // Prepare: 12 weekly orders of 10,000.00 qualify for half the turnover, 60,000.00
    const supplierId = await createSupplier();

    // Act
    const proposed = await override(supplierId, { limit: 2_500_000, reason: 'Credit insurance cover confirmed' });
    const pending = await profileOf(supplierId);
    const bySelf = await approve(proposed.body.taskId, true, tokens.admin);
    const byReviewer = await approve(proposed.body.taskId, true, tokens.reviewer);
    const approved = await approve(proposed.body.taskId, true);
    const set = await profileOf(supplierId);
    const removal = await override(supplierId, { limit: null, reason: 'Insurance lapsed' });
    const removed = await approve(removal.body.taskId, true);
    const after = await profileOf(supplierId);

    // Assess
    expect(proposed.status).toBe(202);
    expect(proposed.body).toMatchObject({
      status: 'PENDING_APPROVAL',
      proposal: { decision: { decision: 'SET', amount: 2_500_000 }, ruleIds: ['four-eyes/trade-assurance-override'] },
    });
    expect(pending.body.tradeAssurance.limit).toBe(6_000_000);
    expect(bySelf.status).toBe(403);
    expect(bySelf.body.code).toBe('SAME_REVIEWER');
    expect(byReviewer.status).toBe(403);
    expect(byReviewer.body.detail).toMatch(/TRADE_ASSURANCE_OVERRIDE.*admin/);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'DECIDED', decision: { decision: 'SET', amount: 2_500_000 } });
    expect(set.body.tradeAssurance).toMatchObject({ limit: 2_500_000, available: 2_500_000 });
    expect(set.body.tradeAssurance.reasons).toContain('amount set by an admin: Credit insurance cover confirmed');
    expect(removal.status).toBe(202);
    expect(removed.body.status).toBe('DECIDED');
    expect(after.body.tradeAssurance.limit).toBe(6_000_000);
    const audit = await auditOf(supplierId);
    expect(audit.map((entry) => entry.type)).toEqual([
      'TRADE_ASSURANCE_OVERRIDE_PROPOSED',
      'TRADE_ASSURANCE_OVERRIDE_APPROVED',
      'TRADE_ASSURANCE_SET',
      'TRADE_ASSURANCE_OVERRIDE_PROPOSED',
      'TRADE_ASSURANCE_OVERRIDE_APPROVED',
      'TRADE_ASSURANCE_REMOVE',
    ]);
    expect(audit[2]).toMatchObject({
      taskId: proposed.body.taskId,
      detail: {
        decision: 'SET',
        limit: 2_500_000,
        reason: 'Credit insurance cover confirmed',
        decidedBy: { role: 'admin' },
        approvedBy: { role: 'admin' },
      },
    });
  });

  it('refuses to approve a proposal made against an override that changed since (EVIDENCE_CHANGED)', async () => {
    // Prepare: two proposals on the same supplier; the second is approved first
    const supplierId = await createSupplier();
    const first = await override(supplierId, { limit: 1_000_000, reason: 'Insurer A' });
    const second = await override(supplierId, { limit: 3_000_000, reason: 'Insurer B' });
    await approve(second.body.taskId, true);

    // Act
    const stale = await approve(first.body.taskId, true);
    const task = await callApi(apiUrl, 'GET', `/review/tasks/${first.body.taskId}`, { token: tokens.admin });
    const dismissed = await callApi(apiUrl, 'POST', `/review/tasks/${first.body.taskId}/decision`, {
      token: tokens.admin2,
      body: { decision: 'DISMISS', reason: 'Superseded by insurer B' },
    });

    // Assess
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('EVIDENCE_CHANGED');
    expect(task.body.status).toBe('OPEN');
    expect(task.body.history.map((entry: { action: string }) => entry.action)).toEqual([
      'PROPOSED',
      'WITHDRAWN_EVIDENCE_CHANGED',
    ]);
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.status).toBe('DECIDED');
    expect((await profileOf(supplierId)).body.tradeAssurance.limit).toBe(3_000_000);
  });

  it('opens the task again when the second admin rejects the proposal, with nothing changed', async () => {
    // Prepare
    const supplierId = await createSupplier();
    const proposed = await override(supplierId, { limit: 9_000_000, reason: 'Large buyer asked' });

    // Act
    const rejected = await approve(proposed.body.taskId, false);

    // Assess
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'OPEN', rejectedProposalId: proposed.body.proposal.proposalId });
    expect((await profileOf(supplierId)).body.tradeAssurance.limit).toBe(6_000_000);
    expect((await auditOf(supplierId)).map((entry) => entry.type)).toEqual([
      'TRADE_ASSURANCE_OVERRIDE_PROPOSED',
      'TRADE_ASSURANCE_OVERRIDE_REJECTED',
    ]);
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
