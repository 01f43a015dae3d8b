import type { LambdaInvoker } from '../../../infra/local/step-functions/engine/lambda-integration';
import { StepFunctionsService } from '../../../infra/local/step-functions/service/step-functions-service';
import { rejectionOf } from './rejection-of';

const roleArn = 'arn:aws:iam::000000000000:role/local';
const services: StepFunctionsService[] = [];

function createService(invokeLambda: LambdaInvoker = async (_name, payload) => ({ payload })) {
  const service = new StepFunctionsService({ now: () => Date.parse('2026-11-22T10:00:00Z'), invokeLambda });
  services.push(service);
  return service;
}

afterEach(() => {
  for (const service of services.splice(0)) service.close();
});

const failingTask = {
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: 'payout', 'Payload.$': '$' },
  Retry: [{ ErrorEquals: ['Timeout'], MaxAttempts: 3, IntervalSeconds: 2, BackoffRate: 2 }],
  Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Handle' }],
  Next: 'After',
};

describe('TestState', () => {
  it('shows each data-flow step of a Pass state at DEBUG, and only the output at INFO', async () => {
    // Prepare
    const service = createService();
    const definition = JSON.stringify({
      Type: 'Pass',
      InputPath: '$.order',
      Parameters: { 'id.$': '$.id', fixed: 1 },
      ResultPath: '$.copy',
      Next: 'Next one',
    });
    const input = JSON.stringify({ order: { id: 'o-1', other: true } });

    // Act
    const debug = await service.testState({ definition, input, inspectionLevel: 'DEBUG' });
    const info = await service.testState({ definition, input });

    // Assess
    expect(debug).toEqual({
      output: JSON.stringify({ order: { id: 'o-1', other: true }, copy: { id: 'o-1', fixed: 1 } }),
      nextState: 'Next one',
      status: 'SUCCEEDED',
      inspectionData: {
        input,
        afterInputPath: JSON.stringify({ id: 'o-1', other: true }),
        afterParameters: JSON.stringify({ id: 'o-1', fixed: 1 }),
        afterResultSelector: JSON.stringify({ id: 'o-1', fixed: 1 }),
        afterResultPath: JSON.stringify({ order: { id: 'o-1', other: true }, copy: { id: 'o-1', fixed: 1 } }),
      },
    });
    expect(info).toEqual({ output: debug.output, nextState: 'Next one', status: 'SUCCEEDED' });
  });

  it('invokes the Lambda of a Task state and reports its result', async () => {
    // Prepare
    const service = createService(async (name, payload) => ({ payload: { name, received: payload } }));
    const definition = JSON.stringify({ ...failingTask, ResultSelector: { 'body.$': '$.Payload' } });

    // Act
    const result = await service.testState({ definition, roleArn, input: '{"amount":5}', inspectionLevel: 'TRACE' });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.nextState).toBe('After');
    expect(JSON.parse(result.output!)).toEqual({ body: { name: 'payout', received: { amount: 5 } } });
    expect(JSON.parse(String(result.inspectionData!.result))).toMatchObject({ StatusCode: 200 });
  });

  it('reports RETRIABLE with the back-off while retries remain, then CAUGHT_ERROR with the catcher', async () => {
    // Prepare
    const service = createService();
    const definition = JSON.stringify(failingTask);
    const mock = { errorOutput: { error: 'Timeout', cause: 'bank slow' } };

    // Act
    const retriable = await service.testState({
      definition,
      mock,
      inspectionLevel: 'DEBUG',
      stateConfiguration: { retrierRetryCount: 2 },
    });
    const caught = await service.testState({
      definition,
      mock,
      inspectionLevel: 'DEBUG',
      input: '{"a":1}',
      stateConfiguration: { retrierRetryCount: 3 },
    });

    // Assess
    expect(retriable).toMatchObject({ status: 'RETRIABLE', error: 'Timeout', cause: 'bank slow' });
    expect(retriable.inspectionData!.errorDetails).toEqual({ retryIndex: 0, retryBackoffIntervalSeconds: 8 });
    expect(caught).toMatchObject({
      status: 'CAUGHT_ERROR',
      nextState: 'Handle',
      output: JSON.stringify({ a: 1, error: { Error: 'Timeout', Cause: 'bank slow' } }),
    });
    expect(caught.inspectionData!.errorDetails).toEqual({ retryIndex: 0, catchIndex: 0 });
  });

  it('tests a Choice, a Fail and a state picked by stateName from a whole definition', async () => {
    // Prepare
    const service = createService();
    const machine = JSON.stringify({
      StartAt: 'Check',
      States: {
        Check: {
          Type: 'Choice',
          Choices: [{ Variable: '$.n', NumericGreaterThan: 10, Next: 'Big' }],
          Default: 'Small',
        },
        Big: { Type: 'Fail', Error: 'TooBig', Cause: 'n > 10' },
        Small: { Type: 'Succeed' },
      },
    });

    // Act
    const choice = await service.testState({ definition: machine, stateName: 'Check', input: '{"n":11}' });
    const fail = await service.testState({ definition: machine, stateName: 'Big' });

    // Assess
    expect(choice).toEqual({ output: '{"n":11}', nextState: 'Big', status: 'SUCCEEDED' });
    expect(fail).toEqual({ error: 'TooBig', cause: 'n > 10', status: 'FAILED' });
  });

  it('refuses requests AWS refuses, with its error names', async () => {
    // Prepare
    const service = createService();
    const pass = JSON.stringify({ Type: 'Pass', End: true });
    const task = JSON.stringify({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true });

    // Act
    const refusals = await Promise.all([
      rejectionOf(service.testState({ definition: task })),
      rejectionOf(service.testState({ definition: pass, mock: { result: '{}' } })),
      rejectionOf(service.testState({ definition: task, mock: { result: 'not json' } })),
      rejectionOf(service.testState({ definition: '{"Type":"Nope","End":true}' })),
      rejectionOf(service.testState({ definition: pass, input: '{' })),
      rejectionOf(
        service.testState({
          definition: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }),
          stateName: 'B',
        }),
      ),
    ]);

    // Assess
    expect(refusals.map((refusal) => [refusal.name, refusal.message])).toEqual([
      ['ValidationException', 'RoleArn must be specified when testing a Task state'],
      ['ValidationException', 'A mock can only be specified for Task, Map, or Parallel states'],
      ['ValidationException', 'Mocked result must be valid JSON'],
      ['InvalidDefinition', expect.stringContaining('Invalid State Machine Definition')],
      ['InvalidExecutionInput', expect.any(String)],
      ['ValidationException', 'State not found in definition'],
    ]);
  });
});
