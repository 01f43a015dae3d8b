import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ProblemError } from '../../../functions/commons/http/problem';
import type { Principal } from '../../../functions/commons/http/principal';
import type { ReviewTask } from '../../../functions/review/models/review-task';
import { decideReviewTask } from '../../../functions/review/usecases/decide-review-task';

const db = mockClient(DynamoDBDocumentClient);
const resumed: { token: string; output: Record<string, unknown> }[] = [];
let resumeAnswer: 'RESUMED' | 'GONE' = 'RESUMED';
const deps = {
  tasks: { db: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), tableName: 'table' },
  subjects: () => ({
    loadEvidence: async () => ({}),
    decisionItems: () => [{ Put: { TableName: 'table', Item: { pk: 'CASE#kyc_1', sk: 'EVENT#x' } } }],
    escalationItems: () => [],
  }),
  resumeWorkflow: async (token: string, output: Record<string, unknown>) => {
    resumed.push({ token, output });
    return resumeAnswer;
  },
  now: () => new Date('2026-11-23T10:00:00Z'),
};
const reviewer: Principal = { subject: 'reviewer-sub', roles: ['reviewer'] };

function openTask(overrides: Partial<ReviewTask> = {}): ReviewTask {
  return {
    taskId: 'task_1',
    kind: 'KYC_REVIEW',
    status: 'OPEN',
    subject: { type: 'KYC_CASE', id: 'kyc_1', partyId: 'party_client', openedBy: 'client-sub' },
    reasons: ['Name differs'],
    createdAt: '2026-11-23T09:00:00Z',
    dueAt: '2026-11-26T09:00:00Z',
    escalated: false,
    taskToken: 'token-1',
    ...overrides,
  };
}

async function problemOf(promise: Promise<unknown>): Promise<ProblemError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('expected a problem');
}

beforeEach(() => {
  db.reset();
  resumed.length = 0;
  resumeAnswer = 'RESUMED';
});

describe('decideReviewTask', () => {
  it('records the decision with the subject items in one transaction, then resumes the workflow with ids only', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: openTask() });
    db.on(TransactWriteCommand).resolves({});

    // Act
    const result = await decideReviewTask(deps, reviewer, 'task_1', {
      decision: 'APPROVE',
      reason: 'Checked by phone',
    });

    // Assess
    const items = db.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items).toHaveLength(2);
    expect(items[0]!.Update).toMatchObject({ ConditionExpression: '#status = :open' });
    expect(result.decision).toMatchObject({
      decision: 'APPROVE',
      reason: 'Checked by phone',
      decidedBy: { subject: 'reviewer-sub', role: 'reviewer' },
    });
    expect(resumed).toEqual([{ token: 'token-1', output: { taskId: 'task_1', decision: 'APPROVE' } }]);
  });

  it('refuses a reviewer deciding a case they opened, or one of their own party, with 403 and writes nothing', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: openTask() });

    // Act
    const ownCase = await problemOf(
      decideReviewTask(deps, { subject: 'client-sub', roles: ['reviewer'] }, 'task_1', {
        decision: 'APPROVE',
        reason: 'Mine',
      }),
    );
    const ownParty = await problemOf(
      decideReviewTask(deps, { subject: 'other', roles: ['reviewer'], partyId: 'party_client' }, 'task_1', {
        decision: 'APPROVE',
        reason: 'Ours',
      }),
    );

    // Assess
    expect(ownCase.status).toBe(403);
    expect(ownParty.status).toBe(403);
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(resumed).toEqual([]);
  });

  it('answers 409 with the first decision when the task is already decided, or is decided concurrently', async () => {
    // Prepare
    const decided = openTask({
      status: 'DECIDED',
      decision: {
        decision: 'REJECT',
        reason: 'First',
        decidedBy: { subject: 'r2', role: 'reviewer' },
        decidedAt: '2026-11-23T09:30:00Z',
      },
    });
    db.on(GetCommand).resolvesOnce({ Item: decided }).resolvesOnce({ Item: openTask() }).resolves({ Item: decided });
    db.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );

    // Act
    const already = await problemOf(
      decideReviewTask(deps, reviewer, 'task_1', { decision: 'APPROVE', reason: 'Late' }),
    );
    const raced = await problemOf(decideReviewTask(deps, reviewer, 'task_1', { decision: 'APPROVE', reason: 'Race' }));

    // Assess
    expect(already.status).toBe(409);
    expect(already.extensions).toMatchObject({ decision: 'REJECT' });
    expect(raced.status).toBe(409);
    expect(raced.extensions).toMatchObject({ decision: 'REJECT' });
    expect(resumed).toEqual([]);
  });

  it('refuses a decision that does not apply to the kind of task, naming the allowed ones', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: openTask() });

    // Act
    const problem = await problemOf(
      decideReviewTask(deps, reviewer, 'task_1', { decision: 'RELEASE', reason: 'Wrong kind' }),
    );

    // Assess
    expect(problem.status).toBe(400);
    expect(problem.detail).toContain('APPROVE, REJECT, REQUEST_INFO');
  });

  it('keeps the decision when the workflow stopped waiting: the workflow picks it up when it waits again', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: openTask() });
    db.on(TransactWriteCommand).resolves({});
    resumeAnswer = 'GONE';

    // Act
    const result = await decideReviewTask(deps, reviewer, 'task_1', { decision: 'REJECT', reason: 'Forged' });

    // Assess
    expect(result.status).toBe('DECIDED');
    expect(resumed).toHaveLength(1);
  });
});
