import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { TaskRequest } from '../engine/interpreter';
import { loadMockConfig, type MockConfig } from '../engine/mock-config';
import { startSfnEndpoint } from '../endpoint/sfn-endpoint';
import { InMemoryObjectStore } from '../engine/object-store';
import { StepFunctionsService } from '../service/step-functions-service';
import { parseCallbackActor } from './callback-actors';
import type { ConformanceRun } from './conformance-corpus';
import { regenerateInput } from './dynamic-inputs';
import { parseLambdaStandIns } from './lambda-stand-ins';

/** What an execution did, as the comparison needs it. */
export interface ObservedRun {
  status: string;
  output?: unknown;
  error?: string;
  cause?: string;
  eventTypes: string[];
}

const roleArn = 'arn:aws:iam::111111111111:role/trustflow-conformance';

/** Lets the service's flushes and dispatches run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs a recorded run the way a client would: on the service behind its SFN-compatible endpoint,
 * driven through @aws-sdk/client-sfn. Callback actors answer task tokens through that endpoint;
 * nested executions run as real child executions. The business clock is virtual: when nothing else
 * can happen it jumps to the next timer.
 */
export async function observeOnService(run: ConformanceRun): Promise<ObservedRun> {
  let now = Date.now();
  const standIns = parseLambdaStandIns(run.note);
  const actor = parseCallbackActor(run.note);
  const awaitingToken: TaskRequest[] = [];
  // mockcfg_* cases: the Step Functions Local mock configuration, run as `<arn>#<test case>`
  const mockConfigFile = path.join(run.caseDir, 'mock_config.json');
  const mockConfig: MockConfig | undefined = existsSync(mockConfigFile) ? loadMockConfig(mockConfigFile) : undefined;
  const testCase = mockConfig ? readTestCaseName(mockConfigFile, run.caseId) : undefined;
  const service = new StepFunctionsService({
    mockConfig,
    now: () => now,
    accountId: '111111111111',
    invokeLambda: async (name, payload) =>
      standIns.get(name)?.run(payload) ?? {
        errorType: 'ResourceNotFoundException',
        errorMessage: `Function not found: ${name}`,
      },
    onTaskAwaitingToken: (_executionArn, request) => awaitingToken.push(request),
    // Distributed Map ItemReader / ResultWriter: the recorded cases only need an empty S3
    objectStore: new InMemoryObjectStore(),
  });
  const endpoint = await startSfnEndpoint(service, 0, { log: () => undefined });
  const sfn = new SFNClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'conformance', secretAccessKey: 'conformance' },
    maxAttempts: 1,
  });
  try {
    const childDefinition = path.join(run.caseDir, 'child_definition.json');
    const input = regenerateInput(run, now) as { StateMachineArn?: string };
    if (existsSync(childDefinition) && input?.StateMachineArn) {
      const name = input.StateMachineArn.split(':').pop()!;
      await sfn.send(
        new CreateStateMachineCommand({ name, definition: readFileSync(childDefinition, 'utf8'), roleArn }),
      );
    }
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: run.caseId.slice(0, 80),
        definition: JSON.stringify(run.definition),
        roleArn,
      }),
    );
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: testCase ? `${stateMachineArn}#${testCase}` : stateMachineArn,
        input: JSON.stringify(input),
      }),
    );
    const mayAdvanceClock = run.expected.status !== 'NOT_TERMINATED';
    const distributed = JSON.stringify(run.definition).includes('"Mode":"DISTRIBUTED"');
    for (let steps = 0; steps < 1000; steps++) {
      await settle();
      // map runs read items and start children over several turns of the event loop
      if (distributed) await service.whenSettled();
      const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (status !== 'RUNNING') break;
      const request = awaitingToken.shift();
      if (request) {
        await actor(sfn, request);
        continue;
      }
      const due = service.nextDueAt();
      if (due === undefined || !mayAdvanceClock) break;
      now = Math.max(now, due);
      service.tick();
    }
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    return {
      status: described.status === 'RUNNING' ? 'NOT_TERMINATED' : String(described.status),
      output: described.output === undefined ? undefined : JSON.parse(described.output),
      error: described.error,
      cause: described.cause,
      eventTypes: (history.events ?? []).map((event) => String(event.type)),
    };
  } finally {
    sfn.destroy();
    await endpoint.close();
    service.close();
  }
}

/** The (first) test case the mock configuration defines for the case's state machine. */
function readTestCaseName(file: string, machineName: string): string | undefined {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as {
    StateMachines?: Record<string, { TestCases?: Record<string, unknown> }>;
  };
  return Object.keys(raw.StateMachines?.[machineName]?.TestCases ?? {})[0];
}
