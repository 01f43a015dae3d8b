import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { Principal } from '../../../functions/commons/http/principal';
import type { ReviewTask } from '../../../functions/kernel/review/review-task';
import { decideReviewTask } from '../../../functions/review/usecases/decide-review-task';
import { approveReviewTask } from '../../../functions/review/usecases/approve-review-task';
import {
  loadFourEyesRules,
  parseFourEyesRules,
  requireSecondReviewer,
} from '../../../functions/review/models/four-eyes';
import { problemOf } from '../../support/problem-of';

const db = mockClient(DynamoDBDocumentClient);
/** What the subject tells the four-eyes rules, and the fingerprint of its evidence. */
let facts: Record<string, unknown> = { screeningHit: false, riskLevel: 'MEDIUM', priorStanding: 'PENDING' };
let evidence = 'fingerprint-1';
const resumed: { token: string; output: Record<string, unknown> }[] = [];
let resumeAnswer: 'RESUMED' | 'GONE' = 'RESUMED';
const deps = {
  tasks: { db: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), tableName: 'table' },
  subjects: () => ({
    loadEvidence: async () => ({}),
    decisionItems: () => [{ Put: { TableName: 'table', Item: { pk: 'CASE#kyc_1', sk: 'EVENT#x' } } }],
    escalationItems: () => [],
    describeFacts: async () => facts,
    fingerprintEvidence: async () => evidence,
    reviewHistoryItems: () => [{ Put: { TableName: 'table', Item: { pk: 'CASE#kyc_1', sk: 'EVENT#history' } } }],
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

beforeEach(() => {
  facts = { screeningHit: false, riskLevel: 'MEDIUM', priorStanding: 'PENDING' };
  evidence = 'fingerprint-1';
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
    expect(result.status === 'DECIDED' && result.decision).toMatchObject({
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

describe('four eyes', () => {
  const second: Principal = { subject: 'reviewer2-sub', roles: ['reviewer'] };

  function pendingTask(overrides: Partial<ReviewTask> = {}): ReviewTask {
    return openTask({
      status: 'PENDING_APPROVAL',
      proposal: {
        proposalId: 'prop_1',
        decision: { decision: 'APPROVE', reason: 'Hit is a namesake: different date of birth' },
        proposedBy: { subject: 'reviewer-sub', role: 'reviewer' },
        proposedAt: '2026-11-23T09:30:00.000Z',
        ruleIds: ['four-eyes/kyc-approve-risky'],
        evidenceFingerprint: 'fingerprint-1',
      },
      ...overrides,
    });
  }

  it('turns the approval of a case with a screening hit into a proposal, 202-bound, and resumes nothing', async () => {
    // Prepare
    facts = { screeningHit: true, riskLevel: 'MEDIUM', priorStanding: 'PENDING' };
    db.on(GetCommand).resolves({ Item: openTask() });
    db.on(TransactWriteCommand).resolves({});

    // Act
    const outcome = await decideReviewTask(deps, reviewer, 'task_1', { decision: 'APPROVE', reason: 'Namesake' });

    // Assess
    expect(outcome).toMatchObject({
      status: 'PENDING_APPROVAL',
      proposal: {
        decision: { decision: 'APPROVE', reason: 'Namesake' },
        proposedBy: { subject: 'reviewer-sub' },
        ruleIds: ['four-eyes/kyc-approve-risky'],
      },
    });
    expect(outcome).not.toHaveProperty('proposal.evidenceFingerprint');
    const [proposal, history] = db.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(proposal!.Update).toMatchObject({
      ConditionExpression: '#status = :open',
      ExpressionAttributeValues: { ':pending': 'PENDING_APPROVAL', ':gsi1pk': 'REVIEW#PENDING_APPROVAL' },
    });
    expect(proposal!.Update!.ExpressionAttributeValues![':proposal']).toMatchObject({
      evidenceFingerprint: 'fingerprint-1',
    });
    expect(history!.Put!.Item!.sk).toBe('EVENT#history');
    expect(resumed).toEqual([]);
  });

  it('lets a REJECT of the same case take effect at once', async () => {
    // Prepare
    facts = { screeningHit: true, riskLevel: 'HIGH', priorStanding: 'PENDING' };
    db.on(GetCommand).resolves({ Item: openTask() });
    db.on(TransactWriteCommand).resolves({});

    // Act
    const outcome = await decideReviewTask(deps, reviewer, 'task_1', { decision: 'REJECT', reason: 'Listed person' });

    // Assess
    expect(outcome.status).toBe('DECIDED');
    expect(resumed).toHaveLength(1);
  });

  it('refuses a second decision while a proposal waits, pointing at the approval route', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: pendingTask() });

    // Act
    const problem = await problemOf(decideReviewTask(deps, second, 'task_1', { decision: 'REJECT', reason: 'No' }));

    // Assess
    expect(problem).toMatchObject({ status: 409, extensions: { code: 'PENDING_APPROVAL', proposalId: 'prop_1' } });
    expect(problem.detail).toMatch(/\/review\/tasks\/task_1\/approval/);
  });

  it('lets a second reviewer approve: the decision takes effect with both reviewers, and the workflow resumes', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: pendingTask() });
    db.on(TransactWriteCommand).resolves({});

    // Act
    const outcome = await approveReviewTask(deps, second, 'task_1', { approve: true, reason: 'Agree: namesake' });

    // Assess
    expect(outcome).toMatchObject({
      status: 'DECIDED',
      decision: {
        decision: 'APPROVE',
        decidedBy: { subject: 'reviewer-sub' },
        approvedBy: { subject: 'reviewer2-sub' },
      },
    });
    const [decision] = db.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(decision!.Update).toMatchObject({
      ConditionExpression: '#status = :pending AND proposal.proposalId = :proposalId',
      ExpressionAttributeValues: { ':proposalId': 'prop_1' },
    });
    expect(resumed).toEqual([{ token: 'token-1', output: { taskId: 'task_1', decision: 'APPROVE' } }]);
  });

  it('refuses the proposer with 403 SAME_REVIEWER, and writes nothing', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: pendingTask() });

    // Act
    const problem = await problemOf(approveReviewTask(deps, reviewer, 'task_1', { approve: true, reason: 'Mine' }));

    // Assess
    expect(problem).toMatchObject({ status: 403, extensions: { code: 'SAME_REVIEWER' } });
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('answers 409 NO_PENDING_PROPOSAL on an open task', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: openTask() });

    // Act
    const problem = await problemOf(approveReviewTask(deps, second, 'task_1', { approve: true, reason: 'Yes' }));

    // Assess
    expect(problem).toMatchObject({ status: 409, extensions: { code: 'NO_PENDING_PROPOSAL' } });
  });

  it('withdraws the proposal when the evidence changed: 409 EVIDENCE_CHANGED and the task open again', async () => {
    // Prepare
    evidence = 'fingerprint-2';
    db.on(GetCommand).resolves({ Item: pendingTask() });
    db.on(TransactWriteCommand).resolves({});

    // Act
    const problem = await problemOf(approveReviewTask(deps, second, 'task_1', { approve: true, reason: 'Yes' }));

    // Assess
    expect(problem).toMatchObject({ status: 409, extensions: { code: 'EVIDENCE_CHANGED' } });
    const [reopen] = db.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(reopen!.Update).toMatchObject({
      ExpressionAttributeValues: {
        ':open': 'OPEN',
        ':entry': [expect.objectContaining({ action: 'WITHDRAWN_EVIDENCE_CHANGED', by: { kind: 'SYSTEM' } })],
      },
    });
    expect(resumed).toEqual([]);
  });

  it('opens the task again when the second reviewer rejects, keeping the proposal in the history', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: pendingTask() });
    db.on(TransactWriteCommand).resolves({});

    // Act
    const outcome = await approveReviewTask(deps, second, 'task_1', { approve: false, reason: 'Same birth year' });

    // Assess
    expect(outcome).toEqual({ taskId: 'task_1', status: 'OPEN', rejectedProposalId: 'prop_1' });
    const [reopen] = db.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(reopen!.Update!.ExpressionAttributeValues![':entry']).toEqual([
      expect.objectContaining({
        action: 'REJECTED',
        by: { subject: 'reviewer2-sub', role: 'reviewer' },
        reason: 'Same birth year',
      }),
    ]);
  });
});

describe('the four-eyes policy', () => {
  const rules = loadFourEyesRules();

  it.each([
    ['KYC_REVIEW', 'APPROVE', undefined, { screeningHit: true }, true],
    ['KYC_REVIEW', 'APPROVE', undefined, { riskLevel: 'HIGH' }, true],
    ['KYC_REVIEW', 'APPROVE', undefined, { priorStanding: 'REJECTED' }, true],
    ['KYC_REVIEW', 'APPROVE', undefined, { screeningHit: false, riskLevel: 'MEDIUM', priorStanding: 'PENDING' }, false],
    ['KYC_REVIEW', 'REJECT', undefined, { screeningHit: true }, false],
    ['COMPLIANCE_HOLD', 'APPROVE', undefined, {}, true],
    ['COMPLIANCE_HOLD', 'REJECT', undefined, {}, false],
    ['DISPUTE_DETERMINATION', 'REFUND', 499_999, { currency: 'USD' }, false],
    ['DISPUTE_DETERMINATION', 'REFUND', 500_000, { currency: 'USD' }, true],
    ['DISPUTE_DETERMINATION', 'REFUND', 750_000, { currency: 'JPY' }, true],
    ['DISPUTE_DETERMINATION', 'REFUND', 100, { currency: 'XAF' }, true],
    ['DISPUTE_DETERMINATION', 'RELEASE', undefined, { currency: 'USD' }, false],
  ])('%s %s %s with %j needs a second reviewer: %s', (kind, decision, amount, subjectFacts, required) => {
    // Act
    const answer = requireSecondReviewer(rules, { kind, decision, amount, facts: subjectFacts });

    // Assess
    expect(answer.required).toBe(required);
  });

  it('refuses a policy file with a duplicate rule id, naming the problem', () => {
    // Prepare
    const rule = {
      ruleId: 'four-eyes/a',
      kind: 'COMPLIANCE_HOLD',
      decision: 'APPROVE',
      reason: 'A second pair of eyes',
    };

    // Act
    const parse = () => parseFourEyesRules({ version: '2026-12-04', rules: [rule, rule] });

    // Assess
    expect(parse).toThrow(/data\/rules\/four-eyes.json: .*ruleId is used twice/);
  });
});
