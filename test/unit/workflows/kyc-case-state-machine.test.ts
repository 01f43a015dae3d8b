import type { StepFunctionsService } from '../../../infra/local/step-functions/service/step-functions-service';
import {
  createStubbedWorkflowEngine,
  definitionOf,
  localRoleArn,
  ok,
  settle,
  stepKey,
  type RecordedCall,
  type StubbedWorkflowEngine,
  type StubScript,
} from './support/stubbed-workflow-engine';

/*
 * The KYC case state machine on the local engine, with every task stubbed: each branch of
 * state-machines/kyc-case.asl.json, its retries, timeouts and catches, independent of the real steps.
 */

const day = 24 * 60 * 60 * 1000;
let engine: StubbedWorkflowEngine;
let service: StepFunctionsService;
let calls: RecordedCall[];
/** Per function (and action), what the stub answers; a function may throw with `{ errorType }`. */
let script: StubScript;

const startCase = () => engine.startExecution('kyc-case', 'kyc_1', { caseId: 'kyc_1' });
const statusOf = (executionArn: string) => engine.statusOf(executionArn);
const advance = (ms: number) => engine.advance(ms);

function actions(): string[] {
  return calls.map((call) => stepKey(call.fn, call.payload));
}

function lastToken(action: string): string {
  const call = [...calls].reverse().find((c) => c.payload.action === action);
  return call!.payload.taskToken as string;
}

beforeEach(() => {
  engine = createStubbedWorkflowEngine({
    'kycCaseStep:BEGIN_ROUND': () => ok({ round: 1, documentIds: ['doc_a', 'doc_b'] }),
    extractKycDocument: (payload) => ok({ documentId: payload.documentId, readable: true, extracted: true }),
    screenKycParties: () => ok({ hitCount: 0 }),
    assessKycCase: () => ok({ outcome: 'APPROVE' }),
    'kycCaseStep:FINALISE': (payload) => ok({ status: payload.status }),
    'kycCaseStep:REQUEST_INFORMATION': () => ok(null),
    'kycCaseStep:OPEN_REVIEW': () => ok({ taskId: 'task_1' }),
    'kycCaseStep:RECORD_FAILURE': () => ok(null),
  });
  ({ service, calls, script } = engine);
});

afterEach(() => engine.close());

describe('kyc-case state machine', () => {
  it('approves a case whose assessment approves: extracts each document, screens, assesses, finalises', async () => {
    // Act
    const executionArn = await startCase();

    // Assess
    expect(await statusOf(executionArn)).toBe('SUCCEEDED');
    expect(actions()).toEqual([
      'kycCaseStep:BEGIN_ROUND',
      'extractKycDocument',
      'extractKycDocument',
      'screenKycParties',
      'assessKycCase',
      'kycCaseStep:FINALISE',
    ]);
    expect(calls.filter((c) => c.fn === 'extractKycDocument').map((c) => c.payload)).toEqual([
      { caseId: 'kyc_1', documentId: 'doc_a' },
      { caseId: 'kyc_1', documentId: 'doc_b' },
    ]);
    expect(calls.at(-1)!.payload).toEqual({ action: 'FINALISE', caseId: 'kyc_1', status: 'APPROVED' });
  });

  it('passes only ids, actions and tokens to its tasks: no personal data enters the execution', async () => {
    // Prepare
    const allowed = new Set([
      'action',
      'caseId',
      'documentId',
      'enteredAt',
      'taskToken',
      'status',
      'taskId',
      'error',
      'cause',
    ]);

    // Act
    await startCase();

    // Assess
    for (const call of calls) expect(Object.keys(call.payload).filter((key) => !allowed.has(key))).toEqual([]);
  });

  it('asks for information, and on resubmission runs a new round on the same execution', async () => {
    // Prepare
    let assessments = 0;
    script.assessKycCase = () => ok({ outcome: assessments++ === 0 ? 'REQUEST_INFO' : 'APPROVE' });
    const executionArn = await startCase();
    expect(await statusOf(executionArn)).toBe('RUNNING');

    // Act
    await service.sendTaskSuccess({ taskToken: lastToken('REQUEST_INFORMATION'), output: '{"resubmitted":true}' });
    await settle();

    // Assess
    expect(await statusOf(executionArn)).toBe('SUCCEEDED');
    expect(actions().filter((a) => a === 'kycCaseStep:BEGIN_ROUND')).toHaveLength(2);
    expect(actions().slice(-2)).toEqual(['assessKycCase', 'kycCaseStep:FINALISE']);
    expect(calls.at(-1)!.payload.status).toBe('APPROVED');
  });

  it('expires the case when nothing is resubmitted within 14 days', async () => {
    // Prepare
    script.assessKycCase = () => ok({ outcome: 'REQUEST_INFO' });
    const executionArn = await startCase();

    // Act
    await advance(14 * day - 1000);
    const beforeDeadline = await statusOf(executionArn);
    await advance(2000);

    // Assess
    expect(beforeDeadline).toBe('RUNNING');
    expect(await statusOf(executionArn)).toBe('SUCCEEDED');
    expect(calls.at(-1)!.payload).toEqual({ action: 'FINALISE', caseId: 'kyc_1', status: 'EXPIRED' });
  });

  it.each([
    ['APPROVE', 'APPROVED'],
    ['REJECT', 'REJECTED'],
  ])('hands a case to a reviewer, whose %s finalises it as %s with the task id', async (decision, status) => {
    // Prepare
    script.assessKycCase = () => ok({ outcome: 'REVIEW' });
    const executionArn = await startCase();

    // Act
    await service.sendTaskSuccess({
      taskToken: lastToken('OPEN_REVIEW'),
      output: JSON.stringify({ taskId: 'task_1', decision }),
    });
    await settle();

    // Assess
    expect(await statusOf(executionArn)).toBe('SUCCEEDED');
    expect(calls.at(-1)!.payload).toEqual({ action: 'FINALISE', caseId: 'kyc_1', status, taskId: 'task_1' });
  });

  it("follows a reviewer's REQUEST_INFO with a request for information", async () => {
    // Prepare
    script.assessKycCase = () => ok({ outcome: 'REVIEW' });
    await startCase();

    // Act
    await service.sendTaskSuccess({
      taskToken: lastToken('OPEN_REVIEW'),
      output: JSON.stringify({ taskId: 'task_1', decision: 'REQUEST_INFO' }),
    });
    await settle();

    // Assess
    expect(actions().at(-1)).toBe('kycCaseStep:REQUEST_INFORMATION');
  });

  it('waits on the same review again, with a new token, when no reviewer decides within 30 days', async () => {
    // Prepare
    script.assessKycCase = () => ok({ outcome: 'REVIEW' });
    const executionArn = await startCase();
    const firstToken = lastToken('OPEN_REVIEW');

    // Act
    await advance(30 * day + 1000);

    // Assess
    expect(await statusOf(executionArn)).toBe('RUNNING');
    expect(actions().filter((a) => a === 'kycCaseStep:OPEN_REVIEW')).toHaveLength(2);
    expect(lastToken('OPEN_REVIEW')).not.toBe(firstToken);
  });

  it('retries a throttled extraction and carries on', async () => {
    // Prepare
    let attempts = 0;
    script.extractKycDocument = (payload) =>
      attempts++ === 0
        ? { errorType: 'ThrottlingException', errorMessage: 'Rate exceeded' }
        : ok({ documentId: payload.documentId, readable: true });
    const executionArn = await startCase();

    // Act
    await advance(120_000);

    // Assess
    expect(await statusOf(executionArn)).toBe('SUCCEEDED');
    expect(calls.filter((c) => c.fn === 'extractKycDocument')).toHaveLength(3);
  });

  it('records a failure on the case and hands it to a reviewer instead of leaving it in PROCESSING', async () => {
    // Prepare
    script.screenKycParties = () => ({ errorType: 'CaseStateError', errorMessage: 'Case kyc_1 is gone' });
    const executionArn = await startCase();

    // Assess
    expect(await statusOf(executionArn)).toBe('RUNNING');
    const failure = calls.find((c) => c.payload.action === 'RECORD_FAILURE')!.payload;
    expect(failure).toMatchObject({ caseId: 'kyc_1', error: 'CaseStateError' });
    expect(String(failure.cause)).toContain('Case kyc_1 is gone');
    expect(actions().at(-1)).toBe('kycCaseStep:OPEN_REVIEW');
  });

  it('fails the execution, rather than looping, when the decision itself cannot be recorded', async () => {
    // Prepare
    script['kycCaseStep:FINALISE'] = () => ({ errorType: 'CaseStateError', errorMessage: 'Case kyc_1 is REJECTED' });
    const executionArn = await startCase();

    // Assess
    const described = await service.describeExecution({ executionArn });
    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('KycCaseFailed');
  });
});

describe('review-task-escalation state machine', () => {
  it('escalates the task when it falls due, and not before', async () => {
    // Prepare
    script.escalateReviewTask = () => ok({ escalated: true });
    const { stateMachineArn } = await service.createStateMachine({
      name: 'review-task-escalation',
      definition: definitionOf('review-task-escalation.asl.json'),
      roleArn: localRoleArn,
    });
    const dueAt = new Date(engine.now() + 3 * day).toISOString();
    const { executionArn } = await service.startExecution({
      stateMachineArn,
      name: 'escalate-task_1',
      input: JSON.stringify({ taskId: 'task_1', dueAt }),
    });

    // Act
    await advance(3 * day - 1000);
    const early = calls.length;
    await advance(2000);

    // Assess
    expect(early).toBe(0);
    expect(calls).toEqual([{ fn: 'escalateReviewTask', payload: { taskId: 'task_1' } }]);
    expect(await service.describeExecution({ executionArn })).toMatchObject({
      status: 'SUCCEEDED',
      output: '{"escalated":true}',
    });
  });
});
