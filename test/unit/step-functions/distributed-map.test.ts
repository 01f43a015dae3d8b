import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LambdaInvoker } from '../../../infra/local/step-functions/engine/lambda-integration';
import { InMemoryObjectStore } from '../../../infra/local/step-functions/engine/object-store';
import { StepFunctionsService } from '../../../infra/local/step-functions/service/step-functions-service';

const roleArn = 'arn:aws:iam::000000000000:role/local';
const workFunction = 'arn:aws:lambda:us-east-1:000000000000:function:work';
let dir: string;
let store: InMemoryObjectStore;
const services: StepFunctionsService[] = [];

function createService(invokeLambda: LambdaInvoker = async (_name, payload) => ({ payload }), journalFile?: string) {
  const service = new StepFunctionsService({ now: () => Date.now(), invokeLambda, journalFile, objectStore: store });
  services.push(service);
  return service;
}

/** A Distributed Map state around `processor`'s states, with `fields` added to the Map state. */
function distributedMap(fields: Record<string, unknown>, processorStates?: Record<string, unknown>) {
  return {
    StartAt: 'Map',
    States: {
      Map: {
        Type: 'Map',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Work',
          States: processorStates ?? { Work: { Type: 'Pass', End: true } },
        },
        End: true,
        ...fields,
      },
    },
  };
}

/** Starts an execution and waits until it has ended. */
async function runToEnd(service: StepFunctionsService, definition: object, input: unknown, name = 'machine') {
  const { stateMachineArn } = await service.createStateMachine({
    name,
    definition: JSON.stringify(definition),
    roleArn,
  });
  const { executionArn } = await service.startExecution({ stateMachineArn, input: JSON.stringify(input) });
  for (let i = 0; i < 500; i++) {
    const described = await service.describeExecution({ executionArn });
    if (described.status !== 'RUNNING') {
      const history = await service.getExecutionHistory({ executionArn, maxResults: 1000 });
      return { executionArn, described, eventTypes: history.events.map((event) => event.type), history };
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the execution did not end');
}

/** A Lambda stand-in that fails for items whose `fail` is true and records how many ran at once. */
function workStandIn() {
  const seen = { running: 0, maxRunning: 0, invocations: 0 };
  const invoke: LambdaInvoker = async (_name, payload) => {
    seen.invocations++;
    seen.running++;
    seen.maxRunning = Math.max(seen.maxRunning, seen.running);
    await new Promise((resolve) => setTimeout(resolve, 2));
    seen.running--;
    const items = (payload as { Items?: { fail?: boolean }[] }).Items ?? [payload as { fail?: boolean }];
    if (items.some((item) => item.fail)) return { errorType: 'ItemFailed', errorMessage: 'this item fails' };
    return { payload: { processed: items.length } };
  };
  return { seen, invoke };
}

const lambdaWork = { Work: { Type: 'Task', Resource: workFunction, End: true } };

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'trustflow-dmap-'));
  store = new InMemoryObjectStore();
});

afterEach(() => {
  for (const service of services.splice(0)) service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Distributed Map', () => {
  it('runs each item as a child execution, with only MapRun events in the parent history', async () => {
    // Prepare
    const service = createService();
    const definition = distributedMap({
      Label: 'Greetings',
      MaxConcurrency: 1,
      ItemSelector: { 'value.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index' },
    });

    // Act
    const run = await runToEnd(service, definition, ['Hello', 'World']);
    const { mapRuns } = await service.listMapRuns({ executionArn: run.executionArn });
    const described = await service.describeMapRun({ mapRunArn: mapRuns[0]!.mapRunArn });

    // Assess
    expect(run.described.output).toBe('[{"value":"Hello","index":0},{"value":"World","index":1}]');
    expect(run.eventTypes).toEqual([
      'ExecutionStarted',
      'MapStateEntered',
      'MapStateStarted',
      'MapRunStarted',
      'MapRunSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
      'ExecutionSucceeded',
    ]);
    expect(mapRuns).toEqual([
      expect.objectContaining({
        executionArn: run.executionArn,
        mapRunArn: expect.stringMatching(
          /^arn:aws:states:us-east-1:000000000000:mapRun:machine\/Greetings:[0-9a-f-]{36}$/,
        ),
        stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:machine/Greetings',
      }),
    ]);
    expect(described).toMatchObject({
      status: 'SUCCEEDED',
      maxConcurrency: 1,
      toleratedFailureCount: 0,
      toleratedFailurePercentage: 0,
      itemCounts: { total: 2, succeeded: 2, resultsWritten: 2, pending: 0, running: 0 },
      executionCounts: { total: 2, succeeded: 2 },
    });
  });

  it('reads JSON Lines from S3, batches the items and honours MaxConcurrency', async () => {
    // Prepare
    const lines = Array.from({ length: 1000 }, (_, id) => JSON.stringify({ id }));
    await store.putObject('input', 'shard-0.jsonl', lines.join('\n'));
    const work = workStandIn();
    const service = createService(work.invoke);
    const definition = distributedMap(
      {
        MaxConcurrency: 3,
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'JSONL' },
          Parameters: { 'Bucket.$': '$.bucket', 'Key.$': '$.key' },
        },
        ItemBatcher: { MaxItemsPerBatch: 100, BatchInput: { 'source.$': '$.key' } },
      },
      lambdaWork,
    );

    // Act
    const run = await runToEnd(service, definition, { bucket: 'input', key: 'shard-0.jsonl' });
    const [mapRun] = (await service.listMapRuns({ executionArn: run.executionArn })).mapRuns;
    const described = await service.describeMapRun({ mapRunArn: mapRun!.mapRunArn });

    // Assess
    expect(run.described.status).toBe('SUCCEEDED');
    expect(JSON.parse(run.described.output!)).toEqual(Array(10).fill({ processed: 100 }));
    expect(run.eventTypes).toHaveLength(8);
    expect(work.seen).toMatchObject({ invocations: 10 });
    expect(work.seen.maxRunning).toBeLessThanOrEqual(3);
    expect(described.itemCounts).toMatchObject({ total: 1000, succeeded: 1000 });
    expect(described.executionCounts).toMatchObject({ total: 10, succeeded: 10 });
  });

  it('fails with States.ExceedToleratedFailureThreshold once failures exceed ToleratedFailureCount', async () => {
    // Prepare
    const work = workStandIn();
    const service = createService(work.invoke);
    const items = [{}, { fail: true }, {}, { fail: true }, {}];

    // Act
    const exceeded = await runToEnd(
      service,
      distributedMap({ MaxConcurrency: 1, ToleratedFailureCount: 1 }, lambdaWork),
      items,
      'count',
    );
    const tolerated = await runToEnd(
      service,
      distributedMap({ MaxConcurrency: 1, ToleratedFailurePercentage: 40 }, lambdaWork),
      items,
      'percentage',
    );

    // Assess
    expect(exceeded.described).toMatchObject({
      status: 'FAILED',
      error: 'States.ExceedToleratedFailureThreshold',
      cause: 'The specified tolerated failure threshold was exceeded',
    });
    expect(exceeded.eventTypes.slice(-4)).toEqual([
      'MapRunStarted',
      'MapRunFailed',
      'MapStateFailed',
      'ExecutionFailed',
    ]);
    expect(tolerated.described.status).toBe('SUCCEEDED');
    expect(JSON.parse(tolerated.described.output!)).toEqual([
      { processed: 1 },
      { Error: 'ItemFailed', Cause: expect.stringContaining('this item fails') },
      { processed: 1 },
      { Error: 'ItemFailed', Cause: expect.stringContaining('this item fails') },
      { processed: 1 },
    ]);
  });

  it('fails with States.Runtime before the map run for an invalid ToleratedFailurePercentagePath', async () => {
    // Prepare
    const service = createService();
    const definition = distributedMap({ ItemsPath: '$.Items', ToleratedFailurePercentagePath: '$.Tolerated' });

    // Act
    const run = await runToEnd(service, definition, { Items: [0], Tolerated: 'NoNumber' });

    // Assess
    expect(run.described).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause:
        'An error occurred while executing the state \'Map\' (entered at the event id #2). The ToleratedFailurePercentagePath field refers to value "NoNumber" which is not a valid float: $.Tolerated',
    });
    expect(run.eventTypes).toEqual(['ExecutionStarted', 'MapStateEntered', 'MapStateStarted', 'ExecutionFailed']);
  });

  it('fails the map run with States.ItemReaderFailed, which Catch can handle', async () => {
    // Prepare
    const service = createService();
    const definition = distributedMap({
      ItemReader: {
        Resource: 'arn:aws:states:::s3:getObject',
        ReaderConfig: { InputType: 'JSON' },
        Parameters: { Bucket: 'input', Key: 'missing.json' },
      },
      Catch: [{ ErrorEquals: ['States.ItemReaderFailed'], Next: 'Recovered' }],
    });
    (definition.States as Record<string, unknown>).Recovered = { Type: 'Pass', End: true };

    // Act
    await store.putObject('input', 'other.json', '[]');
    const run = await runToEnd(service, definition, {});

    // Assess
    expect(run.described.status).toBe('SUCCEEDED');
    expect(JSON.parse(run.described.output!)).toMatchObject({ Error: 'States.ItemReaderFailed' });
    expect(run.eventTypes).toContain('MapRunFailed');
  });

  it('writes the results to S3 with a ResultWriter and answers with the manifest location', async () => {
    // Prepare
    const service = createService();
    const definition = distributedMap({
      Label: 'Export',
      ResultWriter: {
        Resource: 'arn:aws:states:::s3:putObject',
        Parameters: { Bucket: 'results', 'Prefix.$': '$.prefix' },
      },
      ItemsPath: '$.items',
    });

    // Act
    const run = await runToEnd(service, definition, { prefix: 'jobs', items: ['a', 'b'] });
    const output = JSON.parse(run.described.output!) as {
      MapRunArn: string;
      ResultWriterDetails: { Bucket: string; Key: string };
    };
    const runId = output.MapRunArn.split(':').at(-1);
    const manifest = JSON.parse((await store.getObject('results', output.ResultWriterDetails.Key)).toString());
    const succeeded = JSON.parse((await store.getObject('results', `jobs/${runId}/SUCCEEDED_0.json`)).toString());

    // Assess
    expect(output.ResultWriterDetails).toEqual({ Bucket: 'results', Key: `jobs/${runId}/manifest.json` });
    expect(manifest).toEqual({
      DestinationBucket: 'results',
      MapRunArn: output.MapRunArn,
      ResultFiles: {
        FAILED: [],
        PENDING: [],
        SUCCEEDED: [{ Key: `jobs/${runId}/SUCCEEDED_0.json`, Size: expect.any(Number) }],
      },
    });
    expect(succeeded).toEqual([
      expect.objectContaining({ Input: '"a"', Output: '"a"', Status: 'SUCCEEDED', InputDetails: { Included: true } }),
      expect.objectContaining({ Input: '"b"', Output: '"b"', Status: 'SUCCEEDED' }),
    ]);
    expect(store.listKeys('results')).toEqual([`jobs/${runId}/SUCCEEDED_0.json`, `jobs/${runId}/manifest.json`]);
  });

  it('reshapes the results in place with WriterConfig alone (FLATTEN)', async () => {
    // Prepare
    const service = createService();
    const definition = distributedMap({
      ResultWriter: { WriterConfig: { Transformation: 'FLATTEN', OutputType: 'JSON' } },
    });

    // Act
    const run = await runToEnd(service, definition, [[1, 2], [3]]);

    // Assess
    expect(JSON.parse(run.described.output!)).toEqual([1, 2, 3]);
  });

  it('aborts the map run and its children when the execution is stopped', async () => {
    // Prepare
    const service = createService();
    const definition = distributedMap({}, { Work: { Type: 'Wait', Seconds: 3600, End: true } });
    const { stateMachineArn } = await service.createStateMachine({
      name: 'waits',
      definition: JSON.stringify(definition),
      roleArn,
    });
    const { executionArn } = await service.startExecution({ stateMachineArn, input: '[1, 2, 3]' });
    await service.whenSettled();

    // Act
    await service.stopExecution({ executionArn });
    await service.whenSettled();
    const [mapRun] = (await service.listMapRuns({ executionArn })).mapRuns;
    const described = await service.describeMapRun({ mapRunArn: mapRun!.mapRunArn });

    // Assess
    expect(described.status).toBe('ABORTED');
    expect(described.executionCounts).toMatchObject({ total: 3, aborted: 3, running: 0 });
  });

  it('keeps map runs across a restart (journaled)', async () => {
    // Prepare
    const journalFile = path.join(dir, 'journal.jsonl');
    const first = createService(undefined, journalFile);
    const run = await runToEnd(first, distributedMap({}), [1, 2]);
    first.close();

    // Act
    const second = createService(undefined, journalFile);
    second.resume();
    const [mapRun] = (await second.listMapRuns({ executionArn: run.executionArn })).mapRuns;
    const described = await second.describeMapRun({ mapRunArn: mapRun!.mapRunArn });

    // Assess
    expect(described).toMatchObject({ status: 'SUCCEEDED', itemCounts: { total: 2, succeeded: 2 } });
  });

  it('answers ResourceNotFound for an unknown map run and InvalidArn for a malformed one', async () => {
    // Prepare
    const service = createService();

    // Act
    const unknown = service.describeMapRun({ mapRunArn: 'arn:aws:states:us-east-1:000000000000:mapRun:m/x:y' });
    const malformed = service.describeMapRun({ mapRunArn: 'not-an-arn' });

    // Assess
    await expect(unknown).rejects.toMatchObject({ name: 'ResourceNotFound' });
    await expect(malformed).rejects.toMatchObject({ name: 'InvalidArn' });
  });
});
