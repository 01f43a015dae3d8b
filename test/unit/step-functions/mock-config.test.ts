import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  loadMockConfig,
  MockConfigError,
  parseMockConfig,
} from '../../../infra/local/step-functions/engine/mock-config';
import { StepFunctionsService } from '../../../infra/local/step-functions/service/step-functions-service';
import { rejectionOf } from './rejection-of';

const roleArn = 'arn:aws:iam::000000000000:role/local';
let now = Date.parse('2026-11-22T10:00:00Z');
let dir: string;
const services: StepFunctionsService[] = [];
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

/** The AWS documentation's example: a Lambda that fails three times before it answers. */
const config = {
  StateMachines: {
    payouts: {
      TestCases: {
        RetryPath: { 'Pay out': 'MockedLambdaRetry' },
        HappyPath: { 'Pay out': 'MockedLambdaSuccess' },
      },
    },
  },
  MockedResponses: {
    MockedLambdaSuccess: { '0': { Return: { StatusCode: 200, Payload: { paid: true } } } },
    MockedLambdaRetry: {
      '0': { Throw: { Error: 'Lambda.ResourceNotReadyException', Cause: 'not ready' } },
      '1-2': { Throw: { Error: 'Lambda.TimeoutException', Cause: 'timed out' } },
      '3': { Return: { StatusCode: 200, Payload: { paid: 'late' } } },
    },
  },
};

const payoutMachine = JSON.stringify({
  StartAt: 'Pay out',
  States: {
    'Pay out': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'payout', 'Payload.$': '$' },
      OutputPath: '$.Payload',
      Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 3, IntervalSeconds: 1 }],
      End: true,
    },
  },
});

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'trustflow-mock-config-'));
});

afterEach(() => {
  for (const service of services.splice(0)) service.close();
  rmSync(dir, { recursive: true, force: true });
});

async function startService(invoked: string[]) {
  const file = path.join(dir, 'MockConfigFile.json');
  writeFileSync(file, JSON.stringify(config));
  const service = new StepFunctionsService({
    now: () => now,
    mockConfig: loadMockConfig(file),
    invokeLambda: async (name, payload) => {
      invoked.push(name);
      return { payload: { real: payload } };
    },
  });
  services.push(service);
  const { stateMachineArn } = await service.createStateMachine({ name: 'payouts', definition: payoutMachine, roleArn });
  return { service, stateMachineArn };
}

/** Runs the execution to its end, moving the clock through retry back-offs. */
async function runToEnd(service: StepFunctionsService, executionArn: string) {
  for (let i = 0; i < 20; i++) {
    await settle();
    const due = service.nextDueAt();
    if (due === undefined) break;
    now = Math.max(now, due);
    service.tick();
  }
  return service.describeExecution({ executionArn });
}

describe('Step Functions Local mock configuration', () => {
  it('answers each invocation of a mocked state with its numbered response, retries included', async () => {
    // Prepare
    const invoked: string[] = [];
    const { service, stateMachineArn } = await startService(invoked);

    // Act
    const { executionArn } = await service.startExecution({
      stateMachineArn: `${stateMachineArn}#RetryPath`,
      name: 'retry',
    });
    const described = await runToEnd(service, executionArn);
    const history = await service.getExecutionHistory({ executionArn });

    // Assess
    expect(executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:payouts:retry');
    expect(described).toMatchObject({ status: 'SUCCEEDED', output: '{"paid":"late"}' });
    expect(
      history.events
        .filter((event) => event.type === 'TaskFailed')
        .map((event) => (event as Record<string, unknown>).taskFailedEventDetails),
    ).toEqual([
      expect.objectContaining({ error: 'Lambda.ResourceNotReadyException', cause: 'not ready' }),
      expect.objectContaining({ error: 'Lambda.TimeoutException' }),
      expect.objectContaining({ error: 'Lambda.TimeoutException' }),
    ]);
    expect(invoked).toEqual([]);
  });

  it('calls the real integration for executions started without a test case', async () => {
    // Prepare
    const invoked: string[] = [];
    const { service, stateMachineArn } = await startService(invoked);

    // Act
    const { executionArn } = await service.startExecution({ stateMachineArn, input: '{"amount":1}' });
    const described = await runToEnd(service, executionArn);

    // Assess
    expect(described).toMatchObject({ status: 'SUCCEEDED', output: '{"real":{"amount":1}}' });
    expect(invoked).toEqual(['payout']);
  });

  it('refuses a test case the configuration does not define', async () => {
    // Prepare
    const { service, stateMachineArn } = await startService([]);

    // Act
    const refusal = await rejectionOf(service.startExecution({ stateMachineArn: `${stateMachineArn}#SadPath` }));

    // Assess
    expect(refusal.name).toBe('ValidationException');
    expect(refusal.message).toContain("no test case 'SadPath'");
  });

  it('refuses configurations Step Functions Local would not load', () => {
    // Prepare
    const gap = { MockedResponses: { M: { '0': { Return: 1 }, '2': { Return: 2 } } } };
    const unknown = { StateMachines: { s: { TestCases: { t: { A: 'Missing' } } } }, MockedResponses: {} };
    const both = { MockedResponses: { M: { '0': { Return: 1, Throw: { Error: 'E' } } } } };

    // Act
    const verdicts = [gap, unknown, both].map((raw) => {
      try {
        parseMockConfig(raw);
        return 'accepted';
      } catch (error) {
        return error instanceof MockConfigError ? error.message : 'other error';
      }
    });

    // Assess
    expect(verdicts).toEqual([
      expect.stringContaining('numbered consecutively from 0; expected 1, found 2'),
      expect.stringContaining("'Missing', which MockedResponses does not define"),
      expect.stringContaining('exactly one of Return or Throw'),
    ]);
  });
});
