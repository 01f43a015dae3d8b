import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LambdaInvoker } from '../../../infra/local/step-functions/engine/lambda-integration';
import { StepFunctionsService } from '../../../infra/local/step-functions/service/step-functions-service';

const roleArn = 'arn:aws:iam::000000000000:role/local';
let now = Date.parse('2026-11-22T10:00:00Z');
let dir: string;
const services: StepFunctionsService[] = [];

function createService(invokeLambda: LambdaInvoker = async (_name, payload) => ({ payload }), journalFile?: string) {
  const service = new StepFunctionsService({ now: () => now, invokeLambda, journalFile });
  services.push(service);
  return service;
}

/** Lets queued task completions run (they report back asynchronously). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

async function createMachine(service: StepFunctionsService, name: string, definition: object) {
  return (await service.createStateMachine({ name, definition: JSON.stringify(definition), roleArn })).stateMachineArn;
}

const tokenMachine = {
  StartAt: 'Wait for reviewer',
  States: {
    'Wait for reviewer': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'notify', Payload: { 'token.$': '$$.Task.Token' } },
      HeartbeatSeconds: 60,
      End: true,
    },
  },
};

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'trustflow-sfn-'));
});

afterEach(() => {
  for (const service of services.splice(0)) service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('StepFunctionsService', () => {
  it('runs an execution to the end and counts its state transitions', async () => {
    // Prepare
    const service = createService();
    const machine = await createMachine(service, 'passes', {
      StartAt: 'A',
      States: { A: { Type: 'Pass', Result: { ok: 1 }, Next: 'B' }, B: { Type: 'Pass', End: true } },
    });

    // Act
    const { executionArn } = await service.startExecution({ stateMachineArn: machine, name: 'run-1', input: '{}' });
    const described = await service.describeExecution({ executionArn });
    const history = await service.getExecutionHistory({ executionArn });

    // Assess
    expect(described).toMatchObject({ status: 'SUCCEEDED', output: '{"ok":1}', stateTransitionCount: 2 });
    expect(history.events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('returns the running execution for a repeated name and input, and refuses anything else', async () => {
    // Prepare
    const service = createService();
    const machine = await createMachine(service, 'idem', {
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 60, End: true } },
    });
    const closed = await createMachine(service, 'done', { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });

    // Act
    const first = await service.startExecution({ stateMachineArn: machine, name: 'order-1', input: '{"a":1}' });
    const again = await service.startExecution({ stateMachineArn: machine, name: 'order-1', input: '{ "a": 1 }' });
    const other = service.startExecution({ stateMachineArn: machine, name: 'order-1', input: '{"a":2}' });
    await service.startExecution({ stateMachineArn: closed, name: 'once', input: '{}' });
    const reused = service.startExecution({ stateMachineArn: closed, name: 'once', input: '{}' });

    // Assess
    expect(again.executionArn).toBe(first.executionArn);
    await expect(other).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    await expect(reused).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('does not run a submitted token task again after a restart, and its token still works', async () => {
    // Prepare
    const journalFile = path.join(dir, 'journal.jsonl');
    const tokens: string[] = [];
    const notify: LambdaInvoker = async (_name, payload) => {
      tokens.push((payload as { token: string }).token);
      return { payload: null };
    };
    const first = createService(notify, journalFile);
    const machine = await createMachine(first, 'notify-once', tokenMachine);
    const { executionArn } = await first.startExecution({ stateMachineArn: machine, input: '{}' });
    await settle();
    first.close();

    // Act
    const second = createService(notify, journalFile);
    second.resume();
    await settle();
    await second.sendTaskSuccess({ taskToken: tokens[0]!, output: '{"ok":true}' });

    // Assess
    expect(tokens).toHaveLength(1);
    expect(await second.describeExecution({ executionArn })).toMatchObject({
      status: 'SUCCEEDED',
      output: '{"ok":true}',
    });
    const types = (await second.getExecutionHistory({ executionArn })).events.map((event) => event.type);
    expect(types.filter((type) => type === 'TaskSubmitted')).toHaveLength(1);
  });

  it("does not let a timed-out task's other timer kill its retry", async () => {
    // Prepare: heartbeats every 2 s or time out; overall 10 s; retry on timeout after 1 s
    const tokens: string[] = [];
    const service = createService(async (_name, payload) => {
      tokens.push((payload as { token: string }).token);
      return { payload: null };
    });
    const machine = await createMachine(service, 'retry-after-timeout', {
      StartAt: 'Work',
      States: {
        Work: {
          ...tokenMachine.States['Wait for reviewer'],
          TimeoutSeconds: 10,
          HeartbeatSeconds: 2,
          Retry: [{ ErrorEquals: ['States.Timeout'], IntervalSeconds: 1, MaxAttempts: 1 }],
        },
      },
    });
    const { executionArn } = await service.startExecution({ stateMachineArn: machine, input: '{}' });
    await settle();

    // Act: attempt 1 misses its heartbeat at 2 s; attempt 2 starts at 3 s and keeps beating past 10 s
    for (let second = 1; second <= 12; second++) {
      now += 1000;
      service.tick();
      await settle();
      if (tokens.length === 2 && second >= 4) await service.sendTaskHeartbeat({ taskToken: tokens[1]! });
    }
    await service.sendTaskSuccess({ taskToken: tokens[1]!, output: '{"done":true}' });

    // Assess
    expect(tokens).toHaveLength(2);
    expect(await service.describeExecution({ executionArn })).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('fails with States.Runtime when TimeoutSecondsPath is not a positive integer', async () => {
    // Prepare
    const service = createService();
    const machine = await createMachine(service, 'bad-timeout', {
      StartAt: 'Work',
      States: {
        Work: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:000000000000:function:anything',
          TimeoutSecondsPath: '$.timeout',
          End: true,
        },
      },
    });

    // Act
    const { executionArn } = await service.startExecution({ stateMachineArn: machine, input: '{"timeout":"ten"}' });

    // Assess
    expect(await service.describeExecution({ executionArn })).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
    });
    expect(service.nextDueAt()).toBeUndefined();
  });

  it('refuses invalid definitions, unknown machines and executions with AWS error names', async () => {
    // Prepare
    const service = createService();

    // Act / Assess
    await expect(
      service.createStateMachine({
        name: 'bad',
        definition: '{"StartAt":"A","States":{"A":{"Type":"Pass"}}}',
        roleArn,
      }),
    ).rejects.toMatchObject({ name: 'InvalidDefinition' });
    await expect(
      service.startExecution({ stateMachineArn: 'arn:aws:states:us-east-1:0:stateMachine:none' }),
    ).rejects.toMatchObject({
      name: 'StateMachineDoesNotExist',
    });
    await expect(
      service.describeExecution({ executionArn: 'arn:aws:states:us-east-1:0:execution:x:y' }),
    ).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
  });

  it('validates a definition without creating anything: OK, or FAIL with one diagnostic per problem', async () => {
    // Prepare
    const service = createService();

    // Act
    const valid = await service.validateStateMachineDefinition({
      definition: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }),
    });
    const noEnd = await service.validateStateMachineDefinition({
      definition: '{"StartAt":"A","States":{"A":{"Type":"Pass"}}}',
    });
    const notJson = await service.validateStateMachineDefinition({ definition: '{"StartAt":' });
    const listed = await service.listStateMachines({});

    // Assess
    expect(valid).toEqual({ result: 'OK', diagnostics: [], truncated: false });
    expect(noEnd.result).toBe('FAIL');
    expect(noEnd.diagnostics.length).toBeGreaterThanOrEqual(1);
    expect(noEnd.diagnostics[0]).toMatchObject({ severity: 'ERROR', code: expect.stringMatching(/^[A-Z_]+$/) });
    expect(noEnd.diagnostics.map((diagnostic) => diagnostic.message).join(' ')).not.toContain('Invalid State Machine');
    expect(notJson).toMatchObject({ result: 'FAIL', diagnostics: [{ code: 'INVALID_JSON_DESCRIPTION' }] });
    expect(listed.stateMachines).toEqual([]);
  });

  it('describes the state machine an execution runs, with the definition it started with', async () => {
    // Prepare
    const service = createService();
    const first = { StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 3600, End: true } } };
    const machine = await createMachine(service, 'waits', first);
    const { executionArn } = await service.startExecution({ stateMachineArn: machine, name: 'run-1' });
    // the local stack replaces a machine whose ASL file changed, as a deploy would update it
    await service.putStateMachine({
      name: 'waits',
      definition: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } }),
      roleArn,
    });

    // Act
    const described = await service.describeStateMachineForExecution({ executionArn });
    const unknown = service.describeStateMachineForExecution({
      executionArn: 'arn:aws:states:us-east-1:0:execution:waits:none',
    });

    // Assess
    expect(described).toMatchObject({ stateMachineArn: machine, name: 'waits', roleArn });
    expect(JSON.parse(described.definition)).toEqual(first);
    expect(described.updateDate).toBeInstanceOf(Date);
    await expect(unknown).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });

  it('updates a machine for new executions while a running one keeps its definition, across a restart', async () => {
    // Prepare
    const journalFile = path.join(dir, 'update.jsonl');
    const service = createService(undefined, journalFile);
    const first = { StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 60, End: true } } };
    const second = { StartAt: 'Done', States: { Done: { Type: 'Pass', Result: { v: 2 }, End: true } } };
    const machine = await createMachine(service, 'updated', first);
    const { executionArn: before } = await service.startExecution({ stateMachineArn: machine, name: 'before' });

    // Act
    const updated = await service.updateStateMachine({ stateMachineArn: machine, definition: JSON.stringify(second) });
    const { executionArn: after } = await service.startExecution({ stateMachineArn: machine, name: 'after' });
    await settle();
    const restarted = createService(undefined, journalFile);
    const described = await restarted.describeStateMachine({ stateMachineArn: machine });
    const invalid = restarted.updateStateMachine({
      stateMachineArn: machine,
      definition: '{"StartAt":"X","States":{}}',
    });
    const nothing = restarted.updateStateMachine({ stateMachineArn: machine });

    // Assess
    expect(updated.updateDate).toEqual(new Date(now));
    expect(JSON.parse(described.definition)).toEqual(second);
    expect(JSON.parse((await restarted.describeStateMachineForExecution({ executionArn: before })).definition)).toEqual(
      first,
    );
    expect(await restarted.describeExecution({ executionArn: after })).toMatchObject({
      status: 'SUCCEEDED',
      output: '{"v":2}',
    });
    await expect(invalid).rejects.toMatchObject({ name: 'InvalidDefinition' });
    await expect(nothing).rejects.toMatchObject({ name: 'MissingRequiredParameter' });
  });

  it('tags a state machine, untags it, lists its tags after a restart, and names an unknown resource', async () => {
    // Prepare
    const journalFile = path.join(dir, 'tags.jsonl');
    const service = createService(undefined, journalFile);
    const machine = (
      await service.createStateMachine({
        name: 'tagged',
        definition: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }),
        roleArn,
        tags: [{ key: 'owner', value: 'orders' }],
      })
    ).stateMachineArn;

    // Act
    await service.tagResource({
      resourceArn: machine,
      tags: [
        { key: 'team', value: 'payments' },
        { key: 'tier', value: 'gold' },
      ],
    });
    await service.tagResource({ resourceArn: machine, tags: [{ key: 'team', value: 'compliance' }] });
    await service.untagResource({ resourceArn: machine, tagKeys: ['tier'] });
    const listed = await createService(undefined, journalFile).listTagsForResource({ resourceArn: machine });
    const unknown = service.listTagsForResource({ resourceArn: 'arn:aws:states:us-east-1:0:stateMachine:none' });
    const tooMany = service.tagResource({
      resourceArn: machine,
      tags: Array.from({ length: 49 }, (_, index) => ({ key: `k${index}`, value: 'v' })),
    });

    // Assess
    expect(listed).toEqual({
      tags: [
        { key: 'owner', value: 'orders' },
        { key: 'team', value: 'compliance' },
      ],
    });
    await expect(unknown).rejects.toMatchObject({ name: 'ResourceNotFound' });
    await expect(tooMany).rejects.toMatchObject({ name: 'TooManyTags' });
  });

  it('waits on a task token handed to a Lambda and resumes with SendTaskSuccess', async () => {
    // Prepare
    const tokens: string[] = [];
    const service = createService(async (_name, payload) => {
      tokens.push((payload as { token: string }).token);
      return { payload: null };
    });
    const machine = await createMachine(service, 'tokens', tokenMachine);
    const { executionArn } = await service.startExecution({ stateMachineArn: machine, input: '{}' });
    await settle();

    // Act
    const whileWaiting = await service.describeExecution({ executionArn });
    await service.sendTaskSuccess({ taskToken: tokens[0]!, output: '{"decision":"APPROVE"}' });
    const done = await service.describeExecution({ executionArn });

    // Assess
    expect(tokens[0]).toMatch(/^[0-9a-f-]{72}$/);
    expect(whileWaiting.status).toBe('RUNNING');
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '{"decision":"APPROVE"}' });
    await expect(service.sendTaskSuccess({ taskToken: tokens[0]!, output: '{}' })).rejects.toMatchObject({
      name: 'TaskDoesNotExist',
    });
    await expect(service.sendTaskSuccess({ taskToken: 'guess', output: '{}' })).rejects.toMatchObject({
      name: 'InvalidToken',
    });
  });

  it('times a task out when heartbeats stop, after which its token answers TaskTimedOut', async () => {
    // Prepare
    const tokens: string[] = [];
    const service = createService(async (_name, payload) => {
      tokens.push((payload as { token: string }).token);
      return { payload: null };
    });
    const machine = await createMachine(service, 'heartbeats', tokenMachine);
    const { executionArn } = await service.startExecution({ stateMachineArn: machine, input: '{}' });
    await settle();

    // Act
    now += 50_000;
    await service.sendTaskHeartbeat({ taskToken: tokens[0]! });
    now += 50_000;
    service.tick();
    const afterHeartbeat = (await service.describeExecution({ executionArn })).status;
    now += 11_000;
    service.tick();

    // Assess
    expect(afterHeartbeat).toBe('RUNNING');
    expect(await service.describeExecution({ executionArn })).toMatchObject({
      status: 'FAILED',
      error: 'States.Timeout',
    });
    await expect(service.sendTaskSuccess({ taskToken: tokens[0]!, output: '{}' })).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
  });

  it('resumes from its journal after a restart: a 1-year Wait keeps its due time', async () => {
    // Prepare
    const journalFile = path.join(dir, 'journal.jsonl');
    const first = createService(undefined, journalFile);
    const machine = await createMachine(first, 'year', {
      StartAt: 'Wait a year',
      States: { 'Wait a year': { Type: 'Wait', Seconds: 365 * 86_400, Next: 'Done' }, Done: { Type: 'Succeed' } },
    });
    const { executionArn } = await first.startExecution({ stateMachineArn: machine, name: 'long', input: '{"k":1}' });
    first.close();

    // Act
    const second = createService(undefined, journalFile);
    second.resume();
    now += 364 * 86_400_000;
    second.tick();
    const before = (await second.describeExecution({ executionArn })).status;
    now += 2 * 86_400_000;
    second.tick();

    // Assess
    expect(before).toBe('RUNNING');
    expect(await second.describeExecution({ executionArn })).toMatchObject({ status: 'SUCCEEDED', output: '{"k":1}' });
  });

  it.each([
    ['states:startExecution.sync', '{"greeting":"hi"}', '{"who":"child"}'],
    ['states:startExecution.sync:2', { greeting: 'hi' }, { who: 'child' }],
  ])('runs a child execution with %s and returns its result', async (integration, output, input) => {
    // Prepare
    const service = createService();
    const child = await createMachine(service, `child-${integration.length}`, {
      StartAt: 'Greet',
      States: { Greet: { Type: 'Pass', Result: { greeting: 'hi' }, End: true } },
    });
    const parent = await createMachine(service, `parent-${integration.length}`, {
      StartAt: 'Run child',
      States: {
        'Run child': {
          Type: 'Task',
          Resource: `arn:aws:states:::${integration}`,
          Parameters: { StateMachineArn: child, Input: { who: 'child' } },
          End: true,
        },
      },
    });

    // Act
    const { executionArn } = await service.startExecution({ stateMachineArn: parent, input: '{}' });
    for (let i = 0; i < 20 && (await service.describeExecution({ executionArn })).status === 'RUNNING'; i++)
      await settle();
    const described = await service.describeExecution({ executionArn });

    // Assess
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output!)).toMatchObject({
      Status: 'SUCCEEDED',
      Output: output,
      Input: input,
      StateMachineArn: child,
    });
  });

  it('fails the parent task with States.TaskFailed when a .sync child fails', async () => {
    // Prepare
    const service = createService();
    const child = await createMachine(service, 'failing-child', {
      StartAt: 'Fail',
      States: { Fail: { Type: 'Fail', Error: 'SomeFailure', Cause: 'it failed' } },
    });
    const parent = await createMachine(service, 'waiting-parent', {
      StartAt: 'Run child',
      States: {
        'Run child': {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.sync',
          Parameters: { StateMachineArn: child },
          End: true,
        },
      },
    });

    // Act
    const { executionArn } = await service.startExecution({ stateMachineArn: parent, input: '{}' });
    for (let i = 0; i < 20 && (await service.describeExecution({ executionArn })).status === 'RUNNING'; i++)
      await settle();
    const described = await service.describeExecution({ executionArn });

    // Assess
    expect(described).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    expect(JSON.parse(described.cause!)).toMatchObject({ Status: 'FAILED', Error: 'SomeFailure', Cause: 'it failed' });
  });

  it('fires timers across executions in timestamp order when the clock jumps', async () => {
    // Prepare: A has timers at 5 s and 20 s (two branches), B one at 10 s
    const order: string[] = [];
    const service = createService(async (name) => {
      order.push(name);
      return { payload: null };
    });
    const waitThenCall = (seconds: number, name: string) => ({
      StartAt: `Wait ${name}`,
      States: {
        [`Wait ${name}`]: { Type: 'Wait', Seconds: seconds, Next: `Call ${name}` },
        [`Call ${name}`]: {
          Type: 'Task',
          Resource: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
          End: true,
        },
      },
    });
    const a = await createMachine(service, 'timers-a', {
      StartAt: 'Both',
      States: { Both: { Type: 'Parallel', Branches: [waitThenCall(5, 'a5'), waitThenCall(20, 'a20')], End: true } },
    });
    const b = await createMachine(service, 'timers-b', waitThenCall(10, 'b10'));
    await service.startExecution({ stateMachineArn: a, input: '{}' });
    await service.startExecution({ stateMachineArn: b, input: '{}' });

    // Act
    now += 30_000;
    service.tick();
    await settle();

    // Assess
    expect(order).toEqual(['a5', 'b10', 'a20']);
  });

  it('stops a running execution as ABORTED', async () => {
    // Prepare
    const service = createService();
    const machine = await createMachine(service, 'stoppable', {
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 60, End: true } },
    });
    const { executionArn } = await service.startExecution({ stateMachineArn: machine, input: '{}' });

    // Act
    await service.stopExecution({ executionArn, error: 'Operator', cause: 'no longer needed' });

    // Assess
    expect(await service.describeExecution({ executionArn })).toMatchObject({ status: 'ABORTED', error: 'Operator' });
    const history = await service.getExecutionHistory({ executionArn, reverseOrder: true, maxResults: 1 });
    expect(history.events[0]?.type).toBe('ExecutionAborted');
  });
});
