import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ListMapRunsCommand,
  SFNClient,
  StartExecutionCommand,
  UpdateMapRunCommand,
} from '@aws-sdk/client-sfn';
import { startSfnEndpoint } from '../../../infra/local/step-functions/endpoint/sfn-endpoint';
import { StepFunctionsService } from '../../../infra/local/step-functions/service/step-functions-service';
import { FakeSfnApi } from './fake-sfn-api';

const roleArn = 'arn:aws:iam::123456789012:role/local';
const definition = JSON.stringify({ StartAt: 'Start', States: { Start: { Type: 'Pass', End: true } } });

let endpoint: { url: string; close(): Promise<void> } | undefined;
let client: SFNClient | undefined;

async function connect(api: ConstructorParameters<typeof StepFunctionsService>[0] | FakeSfnApi) {
  const served = api instanceof FakeSfnApi ? api : new StepFunctionsService(api);
  endpoint = await startSfnEndpoint(served, 0, { log: () => undefined });
  client = new SFNClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 1,
  });
  return { served, client };
}

afterEach(async () => {
  client?.destroy();
  await endpoint?.close();
});

describe('map run operations through the endpoint', () => {
  it('describes, lists and updates map runs with AWS shapes', async () => {
    // Prepare
    const fake = new FakeSfnApi();
    const { client: sfn } = await connect(fake);
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'orders', definition, roleArn }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
    const mapRunArn = fake.addMapRun(executionArn!);

    // Act
    const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    const listed = await sfn.send(new ListMapRunsCommand({ executionArn }));
    await sfn.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 5, toleratedFailurePercentage: 2.5 }));

    // Assess
    expect(described).toMatchObject({
      mapRunArn,
      executionArn,
      status: 'SUCCEEDED',
      maxConcurrency: 1,
      toleratedFailureCount: 0,
      toleratedFailurePercentage: 0,
      itemCounts: { total: 2, succeeded: 2, resultsWritten: 2 },
      executionCounts: { total: 2, succeeded: 2 },
    });
    expect(described.startDate).toBeInstanceOf(Date);
    expect(listed.mapRuns).toEqual([
      expect.objectContaining({ mapRunArn, executionArn, stateMachineArn: `${stateMachineArn}/Map` }),
    ]);
    expect(fake.calls.at(-1)).toEqual({
      operation: 'updateMapRun',
      input: { mapRunArn, maxConcurrency: 5, toleratedFailurePercentage: 2.5 },
    });
  });

  it('answers ResourceNotFound and ValidationException as AWS does', async () => {
    // Prepare
    const { client: sfn } = await connect(new FakeSfnApi());
    const unknown = 'arn:aws:states:us-east-1:123456789012:mapRun:orders/Map:nope';

    // Act
    const notFound = sfn.send(new DescribeMapRunCommand({ mapRunArn: unknown }));
    const invalid = sfn.send(new UpdateMapRunCommand({ mapRunArn: unknown, toleratedFailurePercentage: 101 }));

    // Assess
    await expect(notFound).rejects.toMatchObject({ name: 'ResourceNotFound' });
    await expect(invalid).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("at 'toleratedFailurePercentage'"),
    });
  });

  it('serves the map runs of a real Distributed Map execution', async () => {
    // Prepare
    const { client: sfn } = await connect({
      now: () => Date.now(),
      invokeLambda: async (_name, payload) => ({ payload }),
      accountId: '123456789012',
    });
    const distributed = JSON.stringify({
      StartAt: 'Map',
      States: {
        Map: {
          Type: 'Map',
          Label: 'Each',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'Pass',
            States: { Pass: { Type: 'Pass', End: true } },
          },
          End: true,
        },
      },
    });
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: 'fanout', definition: distributed, roleArn }),
    );
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '[1,2,3]' }));

    // Act
    let status = 'RUNNING';
    for (let i = 0; i < 100 && status === 'RUNNING'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      status = String((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status);
    }
    const { mapRuns } = await sfn.send(new ListMapRunsCommand({ executionArn }));
    const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn: mapRuns![0]!.mapRunArn }));

    // Assess
    expect(status).toBe('SUCCEEDED');
    expect(mapRuns![0]!.mapRunArn).toMatch(/^arn:aws:states:us-east-1:123456789012:mapRun:fanout\/Each:[0-9a-f-]{36}$/);
    expect(described).toMatchObject({ status: 'SUCCEEDED', itemCounts: { total: 3, succeeded: 3 } });
    expect(described.stopDate).toBeInstanceOf(Date);
  });
});
