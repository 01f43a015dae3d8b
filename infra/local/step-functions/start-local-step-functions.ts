import path from 'node:path';
import { now, onClockAdvance } from '../../../functions/commons/clock';
import { listWorkflows, workflowName } from '../../../functions/commons/workflows';
import { buildDefinitionSubstitutions } from '../../state-machine-substitutions';
import { startSfnEndpoint } from './endpoint/sfn-endpoint';
import { loadMockConfig } from './engine/mock-config';
import { invokeLocalFunction, localFunctionArn } from './local-lambda-invoker';
import { registerStateMachines } from './register-state-machines';
import { createLocalS3Client, createS3ObjectStore } from './service/s3-object-store';
import { StepFunctionsService } from './service/step-functions-service';

/** How often timers are checked against the business clock; no single timeout waits longer. */
const tickMs = 100;

const repositoryRoot = path.resolve(__dirname, '..', '..', '..');

/**
 * Starts the local Step Functions engine: the journaled service, its SFN-compatible endpoint, the
 * state machines of `state-machines/`, and the tick that fires timers on the business clock (and at
 * once whenever the clock is advanced).
 */
export async function startLocalStepFunctions(options: {
  journalFile: string;
  log: (line: string) => void;
  /** The local S3 (s3rver) that Distributed Map ItemReader / ResultWriter use; default AWS_ENDPOINT_URL_S3. */
  s3Endpoint?: string;
}) {
  const s3 = createLocalS3Client(options.s3Endpoint ?? process.env.AWS_ENDPOINT_URL_S3);
  // as in AWS Step Functions Local: executions started as `<arn>#<TestCase>` use the file's mocked responses
  const mockConfigFile = process.env.SFN_MOCK_CONFIG;
  if (mockConfigFile) options.log(`step functions: mocked responses from ${mockConfigFile} (SFN_MOCK_CONFIG)`);
  const service = new StepFunctionsService({
    mockConfig: mockConfigFile ? loadMockConfig(mockConfigFile) : undefined,
    journalFile: options.journalFile,
    now: () => now().getTime(),
    invokeLambda: invokeLocalFunction,
    objectStore: createS3ObjectStore(s3),
    onError: (error) => options.log(`step functions task failed: ${(error as Error).stack ?? String(error)}`),
  });
  // resume first: tokens must be known before the endpoint takes callbacks
  service.resume();
  const endpoint = await startSfnEndpoint(service, 0, { log: options.log });
  const stateMachineArns = await registerStateMachines(
    service,
    path.join(repositoryRoot, 'state-machines'),
    buildDefinitionSubstitutions(localFunctionArn),
    'arn:aws:iam::000000000000:role/trustflow-local-step-functions',
  );
  service.tick();
  const ticker = setInterval(() => service.tick(), tickMs);
  const unsubscribe = onClockAdvance(() => service.tick());
  return {
    url: endpoint.url,
    stateMachineArns,
    /** Each workflow's ARN under the environment variable its functions read, e.g. KYC_CASE_STATE_MACHINE_ARN. */
    workflowArnVariables: Object.fromEntries(
      listWorkflows().map((workflow) => {
        const arn = stateMachineArns.find((candidate) => candidate.endsWith(`:stateMachine:${workflowName(workflow)}`));
        if (!arn) throw new Error(`state-machines/${workflow.file} is missing`);
        return [workflow.arnVariable, arn];
      }),
    ),
    /** Resolves when no workflow step is running or about to run (see `StepFunctionsService.whenSettled`). */
    whenSettled: (timeoutMs?: number) => service.whenSettled(timeoutMs),
    async stop() {
      clearInterval(ticker);
      unsubscribe();
      await endpoint.close().catch(() => undefined);
      service.close();
      s3.destroy();
    },
  };
}
