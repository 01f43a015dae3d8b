import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LambdaInvoker } from '../../../infra/local/step-functions/engine/lambda-integration';
import { StepFunctionsService } from '../../../infra/local/step-functions/service/step-functions-service';
import { rejectionOf } from './rejection-of';

const roleArn = 'arn:aws:iam::000000000000:role/local';
const hourMs = 60 * 60 * 1000;
let now = Date.parse('2026-11-22T10:00:00Z');
let dir: string;
const services: StepFunctionsService[] = [];

function createService(
  invokeLambda: LambdaInvoker,
  options: { journalFile?: string; maxOpenExecutions?: number } = {},
) {
  const service = new StepFunctionsService({ now: () => now, invokeLambda, ...options });
  services.push(service);
  return service;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

/** An order workflow: a payout Task (one retry), a one-hour Wait, then a notification Task. */
const orderMachine = {
  StartAt: 'Pay out',
  States: {
    'Pay out': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'payout', 'Payload.$': '$' },
      ResultSelector: { 'paid.$': '$.Payload.paid' },
      ResultPath: '$.payout',
      Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1, IntervalSeconds: 5 }],
      Next: 'Cooling off',
    },
    'Cooling off': { Type: 'Wait', Seconds: 3600, Next: 'Notify' },
    Notify: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'notify' },
      ResultPath: null,
      End: true,
    },
  },
};

/** A payout function that fails until `fixed` is set, recording what each call received. */
function payoutFunctions() {
  const calls: { name: string; payload: unknown }[] = [];
  const state = { fixed: false };
  const invoke: LambdaInvoker = async (name, payload) => {
    calls.push({ name, payload });
    if (name === 'payout' && !state.fixed) return { errorType: 'PayoutRejected', errorMessage: 'bank said no' };
    return { payload: name === 'payout' ? { paid: true } : {} };
  };
  return { invoke, calls, state };
}

/** Moves the business clock on and fires what is due, letting tasks report back. */
async function advance(service: StepFunctionsService, ms: number) {
  now += ms;
  service.tick();
  await settle();
}

async function failedOrder(service: StepFunctionsService, name = 'order-1') {
  const { stateMachineArn } = await service.createStateMachine({
    name: 'orders',
    definition: JSON.stringify(orderMachine),
    roleArn,
  });
  const { executionArn } = await service.startExecution({ stateMachineArn, name, input: '{"orderId":"o-1"}' });
  await settle();
  await advance(service, 5000);
  return { stateMachineArn, executionArn };
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'trustflow-redrive-'));
});

afterEach(() => {
  for (const service of services.splice(0)) service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('RedriveExecution', () => {
  it('re-runs a payout Task that failed after its retries with the same input, then goes on, timers included', async () => {
    // Prepare
    const functions = payoutFunctions();
    const service = createService(functions.invoke);
    const { stateMachineArn, executionArn } = await failedOrder(service);
    const failed = await service.describeExecution({ executionArn });
    functions.state.fixed = true;
    const callsBefore = functions.calls.length;

    // Act
    const { redriveDate } = await service.redriveExecution({ executionArn });
    await settle();
    const waiting = await service.describeExecution({ executionArn });
    await advance(service, hourMs);
    const finished = await service.describeExecution({ executionArn });
    const history = await service.getExecutionHistory({ executionArn });
    const redriven = await service.listExecutions({ stateMachineArn, redriveFilter: 'REDRIVEN' });
    const notRedriven = await service.listExecutions({ stateMachineArn, redriveFilter: 'NOT_REDRIVEN' });

    // Assess
    expect(failed).toMatchObject({
      status: 'FAILED',
      error: 'PayoutRejected',
      redriveStatus: 'REDRIVABLE',
      redriveCount: 0,
    });
    expect(redriveDate).toEqual(new Date(now - hourMs));
    expect(functions.calls[callsBefore]).toEqual({ name: 'payout', payload: { orderId: 'o-1' } });
    expect(waiting.status).toBe('RUNNING');
    expect(finished).toMatchObject({
      status: 'SUCCEEDED',
      output: JSON.stringify({ orderId: 'o-1', payout: { paid: true } }),
      redriveCount: 1,
      redriveDate,
      redriveStatus: 'NOT_REDRIVABLE',
      redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
    });
    const types = history.events.map((event) => event.type);
    const failedAt = types.indexOf('ExecutionFailed');
    expect(types.slice(failedAt, failedAt + 4)).toEqual([
      'ExecutionFailed',
      'ExecutionRedriven',
      'TaskStateEntered',
      'TaskScheduled',
    ]);
    expect(history.events[failedAt + 1]).toMatchObject({
      id: failedAt + 2,
      previousEventId: failedAt + 1,
      executionRedrivenEventDetails: { redriveCount: 1 },
    });
    expect(types.at(-1)).toBe('ExecutionSucceeded');
    expect(redriven.executions.map((execution) => execution.executionArn)).toEqual([executionArn]);
    expect(redriven.executions[0]).toMatchObject({ redriveCount: 1, redriveDate });
    expect(notRedriven.executions).toEqual([]);
  });

  it('re-runs only the failed Map iterations and keeps the results of the others', async () => {
    // Prepare
    const seen: number[] = [];
    let fixed = false;
    const service = createService(async (_name, payload) => {
      const item = (payload as { item: number }).item;
      seen.push(item);
      if (item === 2 && !fixed) return { errorType: 'Broken', errorMessage: 'item 2' };
      return { payload: item * 10 };
    });
    const { stateMachineArn } = await service.createStateMachine({
      name: 'batch',
      roleArn,
      definition: JSON.stringify({
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemsPath: '$.items',
            // one at a time: item 1 succeeds, item 2 fails, item 3 never starts
            MaxConcurrency: 1,
            ItemSelector: { 'item.$': '$$.Map.Item.Value' },
            ItemProcessor: {
              StartAt: 'Work',
              States: {
                Work: {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::lambda:invoke',
                  Parameters: { FunctionName: 'work', 'Payload.$': '$' },
                  OutputPath: '$.Payload',
                  End: true,
                },
              },
            },
            End: true,
          },
        },
      }),
    });
    const { executionArn } = await service.startExecution({ stateMachineArn, input: '{"items":[1,2,3]}' });
    await settle();
    const failed = await service.describeExecution({ executionArn });
    fixed = true;
    seen.length = 0;

    // Act
    await service.redriveExecution({ executionArn });
    await settle();
    await settle();
    const finished = await service.describeExecution({ executionArn });

    // Assess
    expect(failed.status).toBe('FAILED');
    expect(seen).toEqual([2, 3]);
    expect(finished).toMatchObject({ status: 'SUCCEEDED', output: '[10,20,30]' });
  });

  it('continues an aborted execution in its Wait after a restart', async () => {
    // Prepare
    const journalFile = path.join(dir, 'journal.jsonl');
    const functions = payoutFunctions();
    functions.state.fixed = true;
    const first = createService(functions.invoke, { journalFile });
    const { stateMachineArn } = await first.createStateMachine({
      name: 'orders',
      definition: JSON.stringify(orderMachine),
      roleArn,
    });
    const { executionArn } = await first.startExecution({ stateMachineArn, name: 'order-2', input: '{}' });
    await settle();
    await first.stopExecution({ executionArn, error: 'Operator', cause: 'paused' });
    await first.redriveExecution({ executionArn });
    first.close();

    // Act
    const second = createService(functions.invoke, { journalFile });
    second.resume();
    const afterRestart = await second.describeExecution({ executionArn });
    await advance(second, hourMs);
    const finished = await second.describeExecution({ executionArn });

    // Assess
    expect(afterRestart).toMatchObject({ status: 'RUNNING', redriveCount: 1 });
    expect(afterRestart.error).toBeUndefined();
    expect(finished.status).toBe('SUCCEEDED');
    expect(functions.calls.map((call) => call.name)).toEqual(['payout', 'notify']);
  });

  it('answers a repeated client token with the same redrive instead of redriving twice', async () => {
    // Prepare
    const functions = payoutFunctions();
    const service = createService(functions.invoke);
    const { executionArn } = await failedOrder(service);

    // Act
    const first = await service.redriveExecution({ executionArn, clientToken: 'operator-1' });
    now += 1000;
    const repeated = await service.redriveExecution({ executionArn, clientToken: 'operator-1' });
    const other = await rejectionOf(service.redriveExecution({ executionArn, clientToken: 'operator-2' }));

    // Assess
    expect(repeated.redriveDate).toEqual(first.redriveDate);
    expect((await service.describeExecution({ executionArn })).redriveCount).toBe(1);
    expect(other).toMatchObject({ name: 'ExecutionNotRedrivable' });
  });

  it('refuses what AWS does not redrive, with its error names and reasons', async () => {
    // Prepare
    const functions = payoutFunctions();
    const service = createService(functions.invoke, { maxOpenExecutions: 1 });
    const { stateMachineArn, executionArn } = await failedOrder(service);
    const { executionArn: running } = await service.startExecution({
      stateMachineArn,
      name: 'holds-the-slot',
      input: '{}',
    });

    // Act
    const whileRunning = await rejectionOf(service.redriveExecution({ executionArn: running }));
    const overLimit = await rejectionOf(service.redriveExecution({ executionArn }));
    await service.stopExecution({ executionArn: running });
    now += 15 * 24 * hourMs;
    const tooLate = await rejectionOf(service.redriveExecution({ executionArn }));
    const described = await service.describeExecution({ executionArn });
    const unknown = await rejectionOf(service.redriveExecution({ executionArn: `${executionArn}-nope` }));

    // Assess
    expect(whileRunning).toMatchObject({ name: 'ExecutionNotRedrivable' });
    expect(whileRunning.message).toContain('Execution is RUNNING and cannot be redriven');
    expect(overLimit).toMatchObject({ name: 'ExecutionLimitExceeded' });
    expect(tooLate).toMatchObject({ name: 'ExecutionNotRedrivable' });
    expect(described).toMatchObject({
      redriveStatus: 'NOT_REDRIVABLE',
      redriveStatusReason: 'Execution redrivable period exceeded',
    });
    expect(unknown).toMatchObject({ name: 'ExecutionDoesNotExist' });
  });
});
