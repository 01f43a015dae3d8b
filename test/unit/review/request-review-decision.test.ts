import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { badRequest, ProblemError } from '../../../functions/commons/http/problem';
import type { Principal } from '../../../functions/commons/http/principal';
import type { ReviewSubjectAdapter } from '../../../functions/kernel/review/review-subject-adapter';
import type { RecordedDecision, ReviewTask } from '../../../functions/kernel/review/review-task';
import { approveReviewTask } from '../../../functions/review/usecases/approve-review-task';
import { decideReviewTask } from '../../../functions/review/usecases/decide-review-task';
import { requestReviewDecision } from '../../../functions/review/usecases/request-review-decision';
import { problemOf } from '../../support/problem-of';

const db = mockClient(DynamoDBDocumentClient);
const admin: Principal = { subject: 'admin-sub', roles: ['admin'] };
const admin2: Principal = { subject: 'admin2-sub', roles: ['admin'] };
const reviewer: Principal = { subject: 'reviewer-sub', roles: ['reviewer'] };
const request = {
  kind: 'TRADE_ASSURANCE_OVERRIDE' as const,
  subject: { type: 'SUPPLIER' as const, id: 'party_s', partyId: 'party_s', openedBy: 'party_s' },
  reasons: ['Set the Trade Assurance amount to USD 25,000.00: insurer letter'],
};
let scheduled: string[];
let resumed: string[];
let afterDecision: RecordedDecision[];
let refusal: ProblemError | undefined;
const subject: ReviewSubjectAdapter = {
  loadEvidence: async () => ({}),
  decisionItems: () => [{ Put: { TableName: 'table', Item: { pk: 'PARTY#party_s', sk: 'AUDIT#x' } } }],
  escalationItems: () => [],
  describeFacts: async () => ({}),
  fingerprintEvidence: async () => 'override-none',
  reviewHistoryItems: () => [],
  checkDecision: async () => refusal,
  afterDecision: async (_task, decision) => {
    afterDecision.push(decision);
  },
};
const deps = {
  tasks: { db: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), tableName: 'table' },
  subjects: () => subject,
  resumeWorkflow: async (token: string) => {
    resumed.push(token);
    return 'RESUMED' as const;
  },
  scheduleEscalation: async (taskId: string) => {
    scheduled.push(taskId);
  },
  now: () => new Date('2026-12-04T10:00:00Z'),
};

beforeEach(() => {
  db.reset();
  scheduled = [];
  resumed = [];
  afterDecision = [];
  refusal = undefined;
});

describe('requestReviewDecision', () => {
  it('opens a task with no workflow token, schedules its escalation and makes the decision a proposal', async () => {
    // Prepare: the task as written is read back by the decision
    db.on(TransactWriteCommand).resolves({});
    db.on(GetCommand).callsFake(() => {
      const put = db.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems![0]!.Put!.Item!;
      return { Item: put };
    });

    // Act
    const outcome = await requestReviewDecision(deps, admin, request, {
      decision: 'SET',
      amount: 2_500_000,
      reason: 'insurer letter',
    });

    // Assess
    const task = db.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems![0]!.Put!.Item!;
    expect(task).toMatchObject({ kind: 'TRADE_ASSURANCE_OVERRIDE', status: 'OPEN', subject: request.subject });
    expect(task.taskToken).toBeUndefined();
    expect(scheduled).toEqual([task.taskId]);
    expect(outcome).toMatchObject({
      taskId: task.taskId,
      status: 'PENDING_APPROVAL',
      proposal: {
        decision: { decision: 'SET', amount: 2_500_000 },
        proposedBy: { subject: 'admin-sub', role: 'admin' },
      },
    });
    expect(afterDecision).toEqual([]);
  });

  it('opens no task for a decision the subject refuses, a reviewer, or a decision the kind does not have', async () => {
    // Prepare
    refusal = badRequest('SET needs the new Trade Assurance amount, in minor units');

    // Act
    const refused = await problemOf(requestReviewDecision(deps, admin, request, { decision: 'SET', reason: 'x' }));
    refusal = undefined;
    const byReviewer = await problemOf(
      requestReviewDecision(deps, reviewer, request, { decision: 'SET', amount: 1, reason: 'x' }),
    );
    const approve = await problemOf(requestReviewDecision(deps, admin, request, { decision: 'APPROVE', reason: 'x' }));

    // Assess
    expect(refused.status).toBe(400);
    expect(byReviewer.status).toBe(403);
    expect(byReviewer.extensions.code).toBe('WRONG_ROLE');
    expect(byReviewer.detail).toBe('A TRADE_ASSURANCE_OVERRIDE task is decided by an admin');
    expect(approve.status).toBe(400);
    expect(approve.detail).toMatch(/use one of SET, REMOVE, DISMISS/);
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(scheduled).toEqual([]);
  });
});

describe('a task no workflow waits on', () => {
  const pending: ReviewTask = {
    taskId: 'task_ta',
    kind: 'TRADE_ASSURANCE_OVERRIDE',
    status: 'PENDING_APPROVAL',
    subject: request.subject,
    reasons: request.reasons,
    createdAt: '2026-12-04T09:00:00Z',
    dueAt: '2026-12-09T09:00:00Z',
    escalated: false,
    proposal: {
      proposalId: 'prop_1',
      decision: { decision: 'SET', amount: 2_500_000, reason: 'insurer letter' },
      proposedBy: { subject: 'admin-sub', role: 'admin' },
      proposedAt: '2026-12-04T09:00:00Z',
      ruleIds: ['four-eyes/trade-assurance-override'],
      evidenceFingerprint: 'override-none',
    },
  };

  it('is approved by a second admin: the decision is stored, then the subject finishes it; nothing is resumed', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: pending });
    db.on(TransactWriteCommand).resolves({});

    // Act
    const outcome = await approveReviewTask(deps, admin2, 'task_ta', { approve: true, reason: 'letter checked' });

    // Assess
    expect(outcome).toMatchObject({ status: 'DECIDED', decision: { decision: 'SET', approvedBy: { role: 'admin' } } });
    expect(afterDecision).toEqual([expect.objectContaining({ decision: 'SET', amount: 2_500_000 })]);
    expect(resumed).toEqual([]);
  });

  it('cannot be approved by a reviewer, nor decided by one', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: pending });

    // Act
    const approval = await problemOf(approveReviewTask(deps, reviewer, 'task_ta', { approve: true, reason: 'ok' }));
    db.on(GetCommand).resolves({ Item: { ...pending, status: 'OPEN', proposal: undefined } });
    const decision = await problemOf(
      decideReviewTask(deps, reviewer, 'task_ta', { decision: 'DISMISS', reason: 'no' }),
    );

    // Assess
    expect(approval.status).toBe(403);
    expect(approval.extensions.code).toBe('WRONG_ROLE');
    expect(decision.status).toBe(403);
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('keeps admins off the tasks reviewers decide', async () => {
    // Prepare
    db.on(GetCommand).resolves({
      Item: {
        ...pending,
        kind: 'KYC_REVIEW',
        status: 'OPEN',
        proposal: undefined,
        subject: { type: 'KYC_CASE', id: 'kyc_1', partyId: 'party_c', openedBy: 'client-sub' },
        taskToken: 'token-1',
      },
    });

    // Act
    const problem = await problemOf(decideReviewTask(deps, admin, 'task_ta', { decision: 'APPROVE', reason: 'fine' }));

    // Assess
    expect(problem.status).toBe(403);
    expect(problem.detail).toBe('A KYC_REVIEW task is decided by a reviewer');
  });
});
