import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RecordedDecision, ReviewTask } from '../../../functions/kernel/review/review-task';
import { loadTradeAssuranceRules } from '../../../functions/suppliers/models/trade-assurance-rules';
import { createTradeAssuranceReviewSubject } from '../../../functions/suppliers/usecases/trade-assurance-review-subject';

const subject = createTradeAssuranceReviewSubject({
  parties: { db: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), tableName: 'table' },
  rules: loadTradeAssuranceRules(),
  now: () => new Date('2026-12-04T10:00:00Z'),
});
const task: ReviewTask = {
  taskId: 'task_ta',
  kind: 'TRADE_ASSURANCE_OVERRIDE',
  status: 'PENDING_APPROVAL',
  subject: { type: 'SUPPLIER', id: 'party_s', partyId: 'party_s', openedBy: 'party_s' },
  reasons: ['Set the amount'],
  createdAt: '2026-12-04T09:00:00Z',
  dueAt: '2026-12-09T09:00:00Z',
  escalated: false,
};
const decided = (decision: string, amount?: number): RecordedDecision => ({
  decision,
  reason: 'Credit insurance cover confirmed',
  ...(amount !== undefined ? { amount } : {}),
  decidedBy: { subject: 'admin-sub', role: 'admin' },
  decidedAt: '2026-12-04T09:00:00Z',
  approvedBy: { subject: 'admin2-sub', role: 'admin' },
  approvedAt: '2026-12-04T10:00:00Z',
});

describe('the Trade Assurance review subject', () => {
  it('sets the override with who proposed and who approved it, and audits the decision after the approval', () => {
    // Act
    const [update, audit] = subject.decisionItems(task, {
      ...decided('SET', 2_500_000),
      decidedAt: '2026-12-04T10:00:00Z',
    });
    const [approval] = subject.reviewHistoryItems(task, {
      action: 'APPROVED',
      at: '2026-12-04T10:00:00Z',
      by: { subject: 'admin2-sub', role: 'admin' },
      proposalId: 'prop_1',
      decision: 'SET',
    });

    // Assess
    expect(update!.Update).toMatchObject({
      Key: { pk: 'PARTY#party_s', sk: 'TRADE_ASSURANCE' },
      ExpressionAttributeValues: {
        ':override': {
          limit: 2_500_000,
          reason: 'Credit insurance cover confirmed',
          setBy: 'admin-sub',
          approvedBy: 'admin2-sub',
        },
      },
    });
    expect(audit!.Put!.Item).toMatchObject({
      pk: 'PARTY#party_s',
      type: 'TRADE_ASSURANCE_SET',
      taskId: 'task_ta',
      detail: {
        decision: 'SET',
        limit: 2_500_000,
        decidedBy: { subject: 'admin-sub' },
        approvedBy: { subject: 'admin2-sub' },
      },
    });
    expect(audit!.Put!.ConditionExpression).toBe('attribute_not_exists(pk)');
    // the approval sorts before the decision it lets take effect, at the same instant
    expect(String(approval!.Put!.Item!.sk) < String(audit!.Put!.Item!.sk)).toBe(true);
    expect(approval!.Put!.Item).toMatchObject({ type: 'TRADE_ASSURANCE_OVERRIDE_APPROVED' });
  });

  it('removes the override on REMOVE, and changes nothing but the audit trail on DISMISS', () => {
    // Act
    const removed = subject.decisionItems(task, decided('REMOVE'));
    const dismissed = subject.decisionItems(task, decided('DISMISS'));

    // Assess
    expect(removed[0]!.Update).toMatchObject({ UpdateExpression: 'REMOVE #override' });
    expect(removed[1]!.Put!.Item).toMatchObject({ type: 'TRADE_ASSURANCE_REMOVE' });
    expect(dismissed).toHaveLength(1);
    expect(dismissed[0]!.Put!.Item).toMatchObject({ type: 'TRADE_ASSURANCE_DISMISS' });
  });

  it('asks for the amount with SET and refuses one with any other decision', async () => {
    // Act
    const missing = await subject.checkDecision!(task, { decision: 'SET', reason: 'x' });
    const extra = await subject.checkDecision!(task, { decision: 'REMOVE', amount: 5, reason: 'x' });

    // Assess
    expect(missing).toMatchObject({ status: 400, detail: 'SET needs the new Trade Assurance amount, in minor units' });
    expect(extra).toMatchObject({ status: 400, detail: 'REMOVE takes no amount' });
  });
});
