import { DynamoDBClient, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { KycCase } from '../../../../functions/kyc/models/kyc-case';
import { openCaseReview } from '../../../../functions/kyc/usecases/open-case-review';
import type { ReviewTask } from '../../../../functions/kernel/review/review-task';
import type { OpenReviewTask } from '../../../../functions/kernel/review/review-opening';
import { openReviewTask } from '../../../../functions/review/usecases/open-review-task';
import { individualCaseRequest } from '../../../fixtures/kyc-requests';

const db = mockClient(DynamoDBDocumentClient);
const store = { db: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), tableName: 'table' };
let resumed: { token: string; output: Record<string, unknown> }[];
let scheduled: { taskId: string; dueAt: string }[];
// review's service, composed as functions/app does
const reviewDeps = {
  tasks: store,
  resume: async (token: string, output: Record<string, unknown>) => {
    resumed.push({ token, output });
    return 'RESUMED' as const;
  },
  scheduleEscalation: async (taskId: string, dueAt: string) => {
    scheduled.push({ taskId, dueAt });
  },
  // a Friday afternoon: due the next Wednesday
  now: () => new Date('2026-11-27T15:00:00.000Z'),
};
const deps = {
  cases: store,
  openReviewTask: ((input, readOpening) => openReviewTask(reviewDeps, input, readOpening)) satisfies OpenReviewTask,
};

function storedCase(overrides: Partial<KycCase> = {}): KycCase {
  const request = individualCaseRequest() as unknown as Pick<KycCase, 'partyType' | 'tier' | 'applicant'>;
  return {
    caseId: 'kyc_1',
    partyId: 'party_1',
    createdBy: 'client-sub',
    ...request,
    status: 'PROCESSING',
    requiredDocuments: [],
    documentCount: 2,
    createdAt: '2026-11-27T14:00:00.000Z',
    updatedAt: '2026-11-27T14:00:00.000Z',
    processingRound: 1,
    ...overrides,
  };
}

const task: ReviewTask = {
  taskId: 'task_1',
  kind: 'KYC_REVIEW',
  status: 'OPEN',
  subject: { type: 'KYC_CASE', id: 'kyc_1', partyId: 'party_1', openedBy: 'client-sub' },
  reasons: ['Name differs'],
  createdAt: '2026-11-27T15:00:00.000Z',
  dueAt: '2026-12-02T15:00:00.000Z',
  escalated: false,
  taskToken: 'old-token',
};

beforeEach(() => {
  db.reset();
  resumed = [];
  scheduled = [];
});

describe('openCaseReview', () => {
  it('opens a task due in 3 business days with the case in one transaction, and schedules its escalation', async () => {
    // Prepare
    db.on(GetCommand).resolves({
      Item: storedCase({ assessment: { round: 1, reasons: ['NAME_MATCHES failed'] } as never }),
    });
    db.on(TransactWriteCommand).resolves({});

    // Act
    const { taskId } = await openCaseReview(deps, { caseId: 'kyc_1', taskToken: 'token-1' });

    // Assess
    const items = db.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    const put = items.find((item) => item.Put?.Item?.entity === 'REVIEW_TASK')!.Put!.Item!;
    expect(put).toMatchObject({
      taskId,
      kind: 'KYC_REVIEW',
      status: 'OPEN',
      dueAt: '2026-12-02T15:00:00.000Z',
      reasons: ['NAME_MATCHES failed'],
      taskToken: 'token-1',
      gsi1pk: 'REVIEW#OPEN',
      gsi1sk: `2026-12-02T15:00:00.000Z#${taskId}`,
    });
    expect(items[0]!.Update).toMatchObject({ ConditionExpression: '#status = :processing' });
    expect(scheduled).toEqual([{ taskId, dueAt: '2026-12-02T15:00:00.000Z' }]);
  });

  it('gives the open task the new token when the workflow waits again on the same review', async () => {
    // Prepare
    db.on(GetCommand)
      .resolvesOnce({ Item: storedCase({ status: 'IN_REVIEW', reviewTaskId: 'task_1' }) })
      .resolves({ Item: task });
    db.on(UpdateCommand).resolves({});

    // Act
    await openCaseReview(deps, { caseId: 'kyc_1', taskToken: 'new-token' });

    // Assess
    expect(db.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
      UpdateExpression: 'SET taskToken = :token',
      ExpressionAttributeValues: { ':token': 'new-token' },
    });
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(resumed).toEqual([]);
  });

  it('sends a decision made while no token was waiting straight to the new wait', async () => {
    // Prepare
    const decided: ReviewTask = {
      ...task,
      status: 'DECIDED',
      decision: {
        decision: 'REJECT',
        reason: 'Forged',
        decidedBy: { subject: 'r', role: 'reviewer' },
        decidedAt: '2026-11-28T10:00:00Z',
      },
    };
    db.on(GetCommand)
      .resolvesOnce({ Item: storedCase({ status: 'IN_REVIEW', reviewTaskId: 'task_1' }) })
      .resolvesOnce({ Item: task })
      .resolves({ Item: decided });
    db.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'decided', $metadata: {} }));

    // Act
    await openCaseReview(deps, { caseId: 'kyc_1', taskToken: 'new-token' });

    // Assess
    expect(resumed).toEqual([{ token: 'new-token', output: { taskId: 'task_1', decision: 'REJECT' } }]);
  });

  it('refuses to open a review on a case that is not being processed', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: storedCase({ status: 'APPROVED' }) });

    // Act / Assess
    await expect(openCaseReview(deps, { caseId: 'kyc_1', taskToken: 't' })).rejects.toMatchObject({
      name: 'CaseStateError',
      message: expect.stringContaining('APPROVED'),
    });
  });
});
