import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  SFNClient,
  SFNServiceException,
  StartExecutionCommand,
  StopExecutionCommand,
  TestStateCommand,
} from '@aws-sdk/client-sfn';
import { startSfnEndpoint } from '../../../infra/local/step-functions/endpoint/sfn-endpoint';
import type { SfnApi } from '../../../infra/local/step-functions/service/sfn-api';
import { StepFunctionsService } from '../../../infra/local/step-functions/service/step-functions-service';
import { FakeSfnApi } from './fake-sfn-api';

const roleArn = 'arn:aws:iam::000000000000:role/local';
const definition = JSON.stringify({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 60, End: true } } });

let endpoint: { url: string; close(): Promise<void> };
let client: SFNClient;

/** Serves `api` and returns a client for it; TestState needs `disableHostPrefix` (AWS calls it at sync-states.*). */
async function serve(api: SfnApi): Promise<SFNClient> {
  endpoint = await startSfnEndpoint(api, 0, { log: () => undefined });
  client = new SFNClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    disableHostPrefix: true,
    maxAttempts: 1,
  });
  return client;
}

afterEach(async () => {
  client.destroy();
  await endpoint.close();
});

async function rejectionOf(promise: Promise<unknown>): Promise<SFNServiceException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SFNServiceException) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('Step Functions endpoint: DeleteStateMachine, TestState and RedriveExecution', () => {
  it('deletes a state machine through the SDK and names a malformed ARN InvalidArn', async () => {
    // Prepare
    const fake = new FakeSfnApi();
    const sfn = await serve(fake);
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'orders', definition, roleArn }));

    // Act
    const deleted = await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
    const described = await rejectionOf(sfn.send(new DescribeStateMachineCommand({ stateMachineArn })));
    const malformed = await rejectionOf(sfn.send(new DeleteStateMachineCommand({ stateMachineArn: 'orders' })));

    // Assess
    expect(deleted.$metadata.httpStatusCode).toBe(200);
    expect(fake.calls.filter((call) => call.operation === 'deleteStateMachine').map((call) => call.input)).toEqual([
      { stateMachineArn },
      { stateMachineArn: 'orders' },
    ]);
    expect(described.name).toBe('StateMachineDoesNotExist');
    expect(malformed.name).toBe('InvalidArn');
  });

  it('runs TestState through the SDK TestStateCommand, with inspection data as JSON text', async () => {
    // Prepare
    const service = new StepFunctionsService({
      now: () => Date.now(),
      invokeLambda: async (_name, payload) => ({ payload }),
    });
    const sfn = await serve(service);

    // Act
    const result = await sfn.send(
      new TestStateCommand({
        definition: JSON.stringify({ Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($.a, $.b)' }, Next: 'Done' }),
        input: '{"a":2,"b":3}',
        inspectionLevel: 'DEBUG',
      }),
    );
    const refused = await rejectionOf(
      sfn.send(
        new TestStateCommand({
          definition: JSON.stringify({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true }),
        }),
      ),
    );
    service.close();

    // Assess
    expect(result).toMatchObject({
      status: 'SUCCEEDED',
      output: '{"sum":5}',
      nextState: 'Done',
      inspectionData: { input: '{"a":2,"b":3}', afterParameters: '{"sum":5}' },
    });
    expect(refused.name).toBe('ValidationException');
    expect(refused.message).toBe('RoleArn must be specified when testing a Task state');
  });

  it('redrives a stopped execution through the SDK, with the redrive fields and filter on the wire', async () => {
    // Prepare
    let now = Date.parse('2026-11-22T10:00:00Z');
    const service = new StepFunctionsService({ now: () => now, invokeLambda: async (_name, payload) => ({ payload }) });
    const sfn = await serve(service);
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'orders', definition, roleArn }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'o-1' }));
    const notRedrivable = await rejectionOf(sfn.send(new RedriveExecutionCommand({ executionArn })));
    await sfn.send(new StopExecutionCommand({ executionArn }));
    now += 1000;

    // Act
    const { redriveDate } = await sfn.send(new RedriveExecutionCommand({ executionArn, clientToken: 'once' }));
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn, redriveFilter: 'REDRIVEN' }));
    const badFilter = await rejectionOf(
      sfn.send(new ListExecutionsCommand({ stateMachineArn, redriveFilter: 'SOMETIMES' as 'REDRIVEN' })),
    );
    service.close();

    // Assess
    expect(notRedrivable.name).toBe('ExecutionNotRedrivable');
    expect(redriveDate).toEqual(new Date(now));
    expect(described).toMatchObject({
      status: 'RUNNING',
      redriveCount: 1,
      redriveDate,
      redriveStatus: 'NOT_REDRIVABLE',
    });
    expect(listed.executions?.map((execution) => execution.executionArn)).toEqual([executionArn]);
    expect(badFilter.name).toBe('ValidationException');
  });
});
