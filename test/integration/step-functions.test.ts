import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { callApi, suiteStack } from './support/api-client';
import { createSfnClient, findTaskToken, localRoleArn } from './support/sfn-client';

const { credentials, endpoints } = suiteStack();
const sfn = createSfnClient(endpoints.sfn!);

async function createMachine(name: string, definition: object): Promise<string> {
  const created = await sfn.send(
    new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: localRoleArn }),
  );
  return created.stateMachineArn!;
}

afterAll(() => sfn.destroy());

describe('local Step Functions endpoint', () => {
  it('finishes a 2-day Wait when the local clock is advanced past it', async () => {
    // Prepare
    const machine = await createMachine(`wait-${Date.now()}`, {
      StartAt: 'Two days',
      States: { 'Two days': { Type: 'Wait', Seconds: 2 * 86_400, Next: 'Done' }, Done: { Type: 'Succeed' } },
    });
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: machine, input: '{"order":"o-1"}' }),
    );
    const before = await sfn.send(new DescribeExecutionCommand({ executionArn }));

    // Act
    await callApi(credentials.apiUrl, 'POST', '/_local/clock', { body: { advance: 'P3D' } });
    const after = await sfn.send(new DescribeExecutionCommand({ executionArn }));

    // Assess
    expect(before.status).toBe('RUNNING');
    expect(after.status).toBe('SUCCEEDED');
    expect(after.output).toBe('{"order":"o-1"}');
    expect(after.stopDate).toBeInstanceOf(Date);
  });

  it('reports state transitions in DescribeExecution, for pricing at Standard-workflow rates', async () => {
    // Prepare
    const machine = await createMachine(`count-${Date.now()}`, {
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'C' }, C: { Type: 'Succeed' } },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machine, input: '{}' }));

    // Act: the raw JSON response, since the SDK drops members its model does not know
    const response = await fetch(endpoints.sfn!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.DescribeExecution' },
      body: JSON.stringify({ executionArn }),
    });

    // Assess
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'SUCCEEDED', stateTransitionCount: 3 });
  });

  it('returns the running execution for a repeated name and input', async () => {
    // Prepare
    const machine = await createMachine(`idem-${Date.now()}`, {
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 3600, End: true } },
    });
    const start = (input: string) =>
      sfn.send(new StartExecutionCommand({ stateMachineArn: machine, name: 'case-1', input }));

    // Act
    const first = await start('{"a":1}');
    const again = await start('{"a":1}');
    const conflicting = start('{"a":2}');

    // Assess
    expect(again.executionArn).toBe(first.executionArn);
    await expect(conflicting).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('runs Lambda tasks on the project handler modules, in process', async () => {
    // Prepare: the upload handler with an event that has no records does nothing and returns
    const machine = await createMachine(`lambda-${Date.now()}`, {
      StartAt: 'Check uploads',
      States: {
        'Check uploads': {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:000000000000:function:processDocumentUpload',
          Parameters: { Records: [] },
          Next: 'Missing',
        },
        Missing: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'noSuchFunction', Payload: {} },
          End: true,
        },
      },
    });

    // Act
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machine, input: '{}' }));
    let described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    for (let i = 0; described.status === 'RUNNING' && i < 100; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    }
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));

    // Assess
    const types = history.events!.map((event) => event.type);
    expect(types).toContain('LambdaFunctionSucceeded');
    expect(described).toMatchObject({ status: 'FAILED', error: 'ResourceNotFoundException' });
  });

  it('resumes a task-token wait with SendTaskSuccess, once', async () => {
    // Prepare
    const machine = await createMachine(`token-${Date.now()}`, {
      StartAt: 'Review',
      States: {
        Review: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'processDocumentUpload', Payload: { Records: [], 'token.$': '$$.Task.Token' } },
          TimeoutSeconds: 3 * 86_400,
          End: true,
        },
      },
    });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: machine, input: '{}' }));
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const taskToken = findTaskToken(history.events as never);

    // Act
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{"decision":"APPROVE"}' }));
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const repeated = sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }));

    // Assess
    expect(described).toMatchObject({ status: 'SUCCEEDED', output: '{"decision":"APPROVE"}' });
    await expect(repeated).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
  });
});
