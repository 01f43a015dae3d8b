import * as sfn from '@aws-sdk/client-sfn';
import {
  CreateStateMachineCommand,
  CreateActivityCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  SFNServiceException,
  StartExecutionCommand,
  StopExecutionCommand,
  type CreateStateMachineCommandInput,
} from '@aws-sdk/client-sfn';
import { startSfnEndpoint } from '../../../infra/local/step-functions/endpoint/sfn-endpoint';
import { SfnServiceError } from '../../../infra/local/step-functions/service/sfn-api';
import { FakeSfnApi } from './fake-sfn-api';

const definition = JSON.stringify({ StartAt: 'Start', States: { Start: { Type: 'Pass', End: true } } });
const roleArn = 'arn:aws:iam::123456789012:role/local';
const unknownArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:nope';

let fake: FakeSfnApi;
let endpoint: { url: string; close(): Promise<void> };
let client: SFNClient;
let logged: string[];

function newClient(options: { maxAttempts?: number } = {}): SFNClient {
  return new SFNClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    ...options,
  });
}

beforeEach(async () => {
  fake = new FakeSfnApi();
  logged = [];
  endpoint = await startSfnEndpoint(fake, 0, { log: (line) => logged.push(line) });
  client = newClient();
});

afterEach(async () => {
  client.destroy();
  await endpoint.close();
});

/** The rejection of `promise`, which must be an SDK service exception. */
async function rejectionOf(promise: Promise<unknown>): Promise<SFNServiceException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SFNServiceException) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** A hand-written request, for what the SDK cannot be made to send. */
async function post(target: string | undefined, body: string, method = 'POST') {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.0' };
  if (target !== undefined) headers['x-amz-target'] = target;
  const response = await fetch(`${endpoint.url}/`, { method, headers, body: method === 'GET' ? undefined : body });
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Record<string, unknown>,
  };
}

async function createMachine(name = 'orders'): Promise<string> {
  const created = await client.send(new CreateStateMachineCommand({ name, definition, roleArn }));
  return created.stateMachineArn!;
}

describe('Step Functions endpoint: operations round-trip through the SDK', () => {
  it('creates and describes a state machine, with dates back as Date', async () => {
    // Act
    const created = await client.send(new CreateStateMachineCommand({ name: 'orders', definition, roleArn }));
    const described = await client.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));

    // Assess
    const stored = fake.stateMachines.get(created.stateMachineArn!)!;
    expect(created.creationDate).toBeInstanceOf(Date);
    expect(created.creationDate).toEqual(stored.creationDate);
    expect(described).toMatchObject({
      stateMachineArn: stored.stateMachineArn,
      name: 'orders',
      status: 'ACTIVE',
      definition,
      roleArn,
      type: 'STANDARD',
      creationDate: stored.creationDate,
    });
    expect(fake.calls[0]).toEqual({ operation: 'createStateMachine', input: { name: 'orders', definition, roleArn } });
  });

  it('lists state machines a page at a time', async () => {
    // Prepare
    await createMachine('a');
    await createMachine('b');
    await createMachine('c');

    // Act
    const first = await client.send(new ListStateMachinesCommand({ maxResults: 2 }));
    const second = await client.send(new ListStateMachinesCommand({ maxResults: 2, nextToken: first.nextToken }));

    // Assess
    expect(first.stateMachines?.map((machine) => machine.name)).toEqual(['a', 'b']);
    expect(first.stateMachines?.[0]?.creationDate).toBeInstanceOf(Date);
    expect(first.nextToken).toBe('2');
    expect(second.stateMachines?.map((machine) => machine.name)).toEqual(['c']);
    expect(second.nextToken).toBeUndefined();
  });

  it('starts and describes an execution', async () => {
    // Prepare
    const stateMachineArn = await createMachine();

    // Act
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, name: 'run-1', input: '{"n":1}' }));
    const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));

    // Assess
    const stored = fake.executions.get(started.executionArn!)!;
    expect(started.startDate).toEqual(stored.startDate);
    expect(described).toMatchObject({
      executionArn: started.executionArn,
      stateMachineArn,
      name: 'run-1',
      status: 'RUNNING',
      startDate: stored.startDate,
      input: '{"n":1}',
      inputDetails: { included: true },
    });
    expect(described.stopDate).toBeUndefined();
  });

  it('passes on only the members the service models', async () => {
    // Prepare
    const stateMachineArn = await createMachine();

    // Act
    await client.send(new StartExecutionCommand({ stateMachineArn, name: 'traced', traceHeader: 'Root=1-abc' }));

    // Assess
    expect(fake.calls.at(-1)).toEqual({ operation: 'startExecution', input: { stateMachineArn, name: 'traced' } });
  });

  it('lists executions with a status filter', async () => {
    // Prepare
    const stateMachineArn = await createMachine();
    const running = await client.send(new StartExecutionCommand({ stateMachineArn, name: 'running' }));
    const stopped = await client.send(new StartExecutionCommand({ stateMachineArn, name: 'stopped' }));
    await client.send(new StopExecutionCommand({ executionArn: stopped.executionArn }));

    // Act
    const listed = await client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'ABORTED' }));

    // Assess
    expect(listed.executions).toEqual([
      {
        executionArn: stopped.executionArn,
        stateMachineArn,
        name: 'stopped',
        status: 'ABORTED',
        startDate: fake.executions.get(stopped.executionArn!)!.startDate,
        stopDate: fake.executions.get(stopped.executionArn!)!.stopDate,
      },
    ]);
    expect(listed.executions?.[0]?.executionArn).not.toBe(running.executionArn);
  });

  it('stops an execution and reports its stop date, error and cause', async () => {
    // Prepare
    const stateMachineArn = await createMachine();
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn }));

    // Act
    const stopped = await client.send(new StopExecutionCommand({ executionArn, error: 'Halt', cause: 'by hand' }));
    const described = await client.send(new DescribeExecutionCommand({ executionArn }));

    // Assess
    expect(stopped.stopDate).toBeInstanceOf(Date);
    expect(stopped.stopDate).toEqual(fake.executions.get(executionArn!)!.stopDate);
    expect(described).toMatchObject({ status: 'ABORTED', stopDate: stopped.stopDate, error: 'Halt', cause: 'by hand' });
  });

  it('returns the execution history with event timestamps as Date and event details intact', async () => {
    // Prepare
    const stateMachineArn = await createMachine();
    const { executionArn, startDate } = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));

    // Act
    const history = await client.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true }));

    // Assess
    expect(fake.calls.at(-1)?.input).toEqual({ executionArn, reverseOrder: true });
    expect(history.events).toEqual([
      {
        id: 2,
        previousEventId: 1,
        timestamp: new Date(startDate!.getTime() + 250),
        type: 'PassStateEntered',
        stateEnteredEventDetails: { name: 'Start', input: '{}', inputDetails: { truncated: false } },
      },
      {
        id: 1,
        previousEventId: 0,
        timestamp: startDate,
        type: 'ExecutionStarted',
        executionStartedEventDetails: {
          input: '{}',
          inputDetails: { truncated: false },
          roleArn: 'arn:aws:iam::123456789012:role/fake',
        },
      },
    ]);
    expect(history.events?.[0]?.timestamp).toBeInstanceOf(Date);
  });

  it.each([
    ['SendTaskHeartbeat', () => new SendTaskHeartbeatCommand({ taskToken: 'token-for-job' })],
    ['SendTaskSuccess', () => new SendTaskSuccessCommand({ taskToken: 'token-for-job', output: '{"ok":true}' })],
    [
      'SendTaskFailure',
      () => new SendTaskFailureCommand({ taskToken: 'token-for-job', error: 'Oops', cause: 'it broke' }),
    ],
  ])('answers %s with an empty result', async (_operation, command) => {
    // Prepare
    const stateMachineArn = await createMachine();
    await client.send(new StartExecutionCommand({ stateMachineArn, name: 'job' }));

    // Act
    const output = await client.send(command() as SendTaskHeartbeatCommand);

    // Assess
    expect(output.$metadata.httpStatusCode).toBe(200);
    expect(Object.keys(output)).toEqual(['$metadata']);
    expect(fake.calls.at(-1)?.input).toEqual(command().input);
  });

  it('answers with the JSON 1.0 content type and a request id the SDK reads', async () => {
    // Act
    const raw = await post('AWSStepFunctions.ListStateMachines', '{}');
    const viaSdk = await client.send(new ListStateMachinesCommand({}));

    // Assess
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(raw.json).toEqual({ stateMachines: [] });
    expect(viaSdk.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('treats null members as absent, as AWS does', async () => {
    // Prepare
    const stateMachineArn = await createMachine();

    // Act
    const response = await post('AWSStepFunctions.StartExecution', JSON.stringify({ stateMachineArn, name: null }));

    // Assess
    expect(response.status).toBe(200);
    expect(typeof response.json.startDate).toBe('number');
    expect(fake.calls.at(-1)?.input).toEqual({ stateMachineArn });
  });

  it('sends dates as fractional epoch seconds', async () => {
    // Prepare
    const stateMachineArn = await createMachine();

    // Act
    const response = await post('AWSStepFunctions.DescribeStateMachine', JSON.stringify({ stateMachineArn }));

    // Assess
    expect(response.json.creationDate).toBe(fake.stateMachines.get(stateMachineArn)!.creationDate.getTime() / 1000);
    expect(Number.isInteger(response.json.creationDate)).toBe(false);
  });
});

describe('Step Functions endpoint: service errors', () => {
  const errorCases: [string, (sfnClient: SFNClient) => Promise<unknown>][] = [
    [
      'StateMachineDoesNotExist',
      (sfnClient) => sfnClient.send(new DescribeStateMachineCommand({ stateMachineArn: unknownArn })),
    ],
    [
      'ExecutionDoesNotExist',
      (sfnClient) => sfnClient.send(new DescribeExecutionCommand({ executionArn: unknownArn })),
    ],
    [
      'ExecutionAlreadyExists',
      (sfnClient) => sfnClient.send(new StartExecutionCommand({ stateMachineArn: unknownArn, name: 'dup' })),
    ],
    ['TaskDoesNotExist', (sfnClient) => sfnClient.send(new SendTaskHeartbeatCommand({ taskToken: 'gone' }))],
    ['InvalidToken', (sfnClient) => sfnClient.send(new SendTaskSuccessCommand({ taskToken: 'bad', output: '{}' }))],
    ['TaskTimedOut', (sfnClient) => sfnClient.send(new SendTaskHeartbeatCommand({ taskToken: 'late' }))],
    [
      'InvalidDefinition',
      (sfnClient) => sfnClient.send(new CreateStateMachineCommand({ name: 'x', definition: '{', roleArn })),
    ],
    ['InvalidArn', (sfnClient) => sfnClient.send(new DescribeExecutionCommand({ executionArn: 'not-an-arn' }))],
    [
      'InvalidName',
      (sfnClient) => sfnClient.send(new StartExecutionCommand({ stateMachineArn: unknownArn, name: 'a b' })),
    ],
    [
      'InvalidExecutionInput',
      (sfnClient) => sfnClient.send(new StartExecutionCommand({ stateMachineArn: unknownArn, input: '{' })),
    ],
    ['InvalidOutput', (sfnClient) => sfnClient.send(new SendTaskSuccessCommand({ taskToken: 'token', output: '{' }))],
  ];

  it.each(errorCases)('surfaces %s as the SDK exception of that name', async (name, send) => {
    // Prepare
    fake.failNextCall(new SfnServiceError(name, `${name} happened`));

    // Act
    const error = await rejectionOf(send(client));

    // Assess
    expect(error.name).toBe(name);
    expect(error).toBeInstanceOf((sfn as unknown as Record<string, new () => Error>)[name]);
    expect(error.message).toBe(`${name} happened`);
    expect(error.$fault).toBe('client');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it("keeps the service's own message", async () => {
    // Act
    const error = await rejectionOf(client.send(new DescribeStateMachineCommand({ stateMachineArn: unknownArn })));

    // Assess
    expect(error.name).toBe('StateMachineDoesNotExist');
    expect(error.message).toBe(`State Machine Does Not Exist: '${unknownArn}'`);
  });

  it('puts the name in __type and X-Amzn-ErrorType', async () => {
    // Act
    const response = await post('AWSStepFunctions.SendTaskHeartbeat', '{"taskToken":"gone"}');

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('TaskDoesNotExist');
    expect(response.json).toEqual({
      __type: 'com.amazonaws.swf.service.v2.model#TaskDoesNotExist',
      message: 'Task Does Not Exist',
    });
  });

  it('surfaces a name the SDK does not model under that name too', async () => {
    // Prepare
    fake.failNextCall(new SfnServiceError('ThrottlingException', 'slow down'));

    // Act
    const error = await rejectionOf(newClient({ maxAttempts: 1 }).send(new ListStateMachinesCommand({})));

    // Assess
    expect(error.name).toBe('ThrottlingException');
    expect(error.message).toBe('slow down');
  });

  it('answers an unexpected failure with a 500 InternalFailure, logged but not disclosed', async () => {
    // Prepare
    fake.failNextCall(new Error('disk on fire'));
    const singleAttempt = newClient({ maxAttempts: 1 });

    // Act
    const error = await rejectionOf(singleAttempt.send(new ListStateMachinesCommand({})));

    // Assess
    singleAttempt.destroy();
    expect(error.name).toBe('InternalFailure');
    expect(error.$fault).toBe('server');
    expect(error.$metadata.httpStatusCode).toBe(500);
    expect(error.message).not.toContain('disk on fire');
    expect(logged).toEqual([expect.stringContaining('InternalFailure in ListStateMachines')]);
    expect(logged[0]).toContain('disk on fire');
  });
});

describe('Step Functions endpoint: request validation', () => {
  it.each([
    [
      'a missing required member',
      { name: 'orders', definition } as CreateStateMachineCommandInput,
      "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
    ],
    [
      'an over-long name',
      { name: 'n'.repeat(81), definition, roleArn },
      `Value '${'n'.repeat(81)}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80`,
    ],
    [
      'an unknown type',
      { name: 'orders', definition, roleArn, type: 'BATCH' } as unknown as CreateStateMachineCommandInput,
      "Value 'BATCH' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]",
    ],
    [
      'several problems at once',
      { name: '', definition: '' } as CreateStateMachineCommandInput,
      '3 validation errors detected: ' +
        "Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value '' at 'definition' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
    ],
  ])('refuses %s with a ValidationException naming the member', async (_case, input, message) => {
    // Act
    const error = await rejectionOf(client.send(new CreateStateMachineCommand(input)));

    // Assess
    expect(error).toBeInstanceOf(sfn.ValidationException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain(message);
    expect(fake.calls).toEqual([]);
  });

  it('checks numeric ranges', async () => {
    // Act
    const error = await rejectionOf(
      client.send(new ListExecutionsCommand({ stateMachineArn: unknownArn, maxResults: 1001 })),
    );

    // Assess
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain(
      "Value 1001 at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
  });

  it('checks member types', async () => {
    // Act
    const response = await post(
      'AWSStepFunctions.GetExecutionHistory',
      JSON.stringify({ executionArn: unknownArn, reverseOrder: 'yes' }),
    );

    // Assess
    expect(response.status).toBe(400);
    expect(response.json.__type).toBe('com.amazonaws.swf.service.v2.model#ValidationException');
    expect(response.json.message).toContain(
      "Value 'yes' at 'reverseOrder' failed to satisfy constraint: Member must be of type boolean",
    );
  });

  it('reads an empty body as an empty request', async () => {
    // Act
    const response = await post('AWSStepFunctions.DescribeExecution', '');

    // Assess
    expect(response.status).toBe(400);
    expect(response.json.message).toContain("Value null at 'executionArn'");
  });
});

describe('Step Functions endpoint: operations for developers', () => {
  it('validates a definition with ValidateStateMachineDefinition, as the AWS CLI calls it', async () => {
    // Act
    const ok = await client.send(new sfn.ValidateStateMachineDefinitionCommand({ definition }));
    const failed = await client.send(new sfn.ValidateStateMachineDefinitionCommand({ definition: '{"States":{}}' }));

    // Assess
    expect(ok).toMatchObject({ result: 'OK', diagnostics: [], truncated: false });
    expect(failed).toMatchObject({
      result: 'FAIL',
      diagnostics: [{ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message: 'StartAt is missing' }],
    });
    expect(fake.calls.map((call) => call.operation)).toEqual([
      'validateStateMachineDefinition',
      'validateStateMachineDefinition',
    ]);
  });

  it('describes the state machine of an execution, and names an unknown execution as AWS does', async () => {
    // Prepare
    const stateMachineArn = await createMachine('orders');
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, name: 'run-1' }));

    // Act
    const described = await client.send(new sfn.DescribeStateMachineForExecutionCommand({ executionArn }));
    const error = await rejectionOf(
      client.send(
        new sfn.DescribeStateMachineForExecutionCommand({
          executionArn: 'arn:aws:states:us-east-1:123456789012:execution:orders:none',
        }),
      ),
    );

    // Assess
    expect(described).toMatchObject({ stateMachineArn, name: 'orders', definition, roleArn });
    expect(described.updateDate).toBeInstanceOf(Date);
    expect(error.name).toBe('ExecutionDoesNotExist');
  });
});

describe('Step Functions endpoint: updating and tagging', () => {
  it('serves UpdateStateMachine, TagResource, UntagResource and ListTagsForResource through the SDK', async () => {
    // Prepare
    const stateMachineArn = await createMachine('orders');
    const next = JSON.stringify({ StartAt: 'Next', States: { Next: { Type: 'Pass', End: true } } });

    // Act
    const updated = await client.send(new sfn.UpdateStateMachineCommand({ stateMachineArn, definition: next }));
    await client.send(
      new sfn.TagResourceCommand({ resourceArn: stateMachineArn, tags: [{ key: 'team', value: 'ops' }] }),
    );
    const tagged = await client.send(new sfn.ListTagsForResourceCommand({ resourceArn: stateMachineArn }));
    await client.send(new sfn.UntagResourceCommand({ resourceArn: stateMachineArn, tagKeys: ['team'] }));
    const untagged = await client.send(new sfn.ListTagsForResourceCommand({ resourceArn: stateMachineArn }));
    const error = await rejectionOf(client.send(new sfn.ListTagsForResourceCommand({ resourceArn: unknownArn })));

    // Assess
    expect(updated.updateDate).toEqual(new Date(Date.UTC(2026, 0, 2)));
    expect(fake.stateMachines.get(stateMachineArn)!.definition).toBe(next);
    expect(tagged.tags).toEqual([{ key: 'team', value: 'ops' }]);
    expect(untagged.tags).toEqual([]);
    expect(error.name).toBe('ResourceNotFound');
  });
});

describe('Step Functions endpoint: protocol errors', () => {
  it('answers an operation it does not serve with UnknownOperationException through the SDK', async () => {
    // Act
    const error = await rejectionOf(client.send(new CreateActivityCommand({ name: 'reviewers' })));

    // Assess
    expect(error.name).toBe('UnknownOperationException');
    expect(error.message).toBe('Unknown operation AWSStepFunctions.CreateActivity');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it.each([
    ['an unknown operation', 'AWSStepFunctions.Nope'],
    ['another service', 'DynamoDB_20120810.ListTables'],
    ['an inherited property name', 'AWSStepFunctions.constructor'],
    ['no target', undefined],
  ])('refuses %s with UnknownOperationException', async (_case, target) => {
    // Act
    const response = await post(target, '{}');

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(response.json.__type).toBe('com.amazon.coral.service#UnknownOperationException');
  });

  it.each([
    ['malformed JSON', '{"stateMachineArn":', 'The request body is not valid JSON'],
    ['a JSON array', '[]', 'The request body must be a JSON object'],
    ['a JSON string', '"arn"', 'The request body must be a JSON object'],
  ])('refuses %s with SerializationException', async (_case, body, message) => {
    // Act
    const response = await post('AWSStepFunctions.DescribeStateMachine', body);

    // Assess
    expect(response.status).toBe(400);
    expect(response.json.__type).toBe('com.amazon.coral.service#SerializationException');
    expect(response.json.message).toContain(message);
    expect(fake.calls).toEqual([]);
  });

  it('refuses methods other than POST', async () => {
    // Act
    const response = await post('AWSStepFunctions.ListStateMachines', '', 'GET');

    // Assess
    expect(response.status).toBe(405);
    expect(response.json.message).toBe('GET is not supported; use POST');
  });

  it('closes while the SDK still holds a keep-alive connection', async () => {
    // Prepare
    const own = await startSfnEndpoint(new FakeSfnApi());
    const ownClient = new SFNClient({
      endpoint: own.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    await ownClient.send(new ListStateMachinesCommand({}));

    // Act
    const closed = own.close();

    // Assess
    await expect(closed).resolves.toBeUndefined();
    ownClient.destroy();
  });
});
