/*
 * What a Task whose integration is mocked (Step Functions Local's mock configuration) produces. A
 * Return is the service API's response, a Throw the error the call raises. For Lambda the response is
 * Invoke's: a function ARN task takes its Payload, and `lambda:invoke` wraps it the way the real
 * integration does (ExecutedVersion and the Sdk* metadata, unless the mock sets them).
 */
import type { TaskOutcome, TaskRequest } from '../engine/interpreter';
import { runLambdaTask } from '../engine/lambda-integration';
import type { MockedResponse } from '../engine/mock-config';

const legacyLambdaArn = /^arn:aws:lambda:[^:]+:\d+:function:/;

/** The outcome of a mocked task. `.waitForTaskToken` tasks end with the mock as their callback result. */
export async function mockedTaskOutcome(
  resource: string,
  request: Pick<TaskRequest, 'parameters' | 'taskToken'>,
  response: MockedResponse,
): Promise<TaskOutcome> {
  if ('Throw' in response) return { error: response.Throw.Error, cause: response.Throw.Cause ?? null };
  const returned = response.Return;
  const isInvoke = legacyLambdaArn.test(resource) || resource === 'arn:aws:states:::lambda:invoke';
  if (!isInvoke || request.taskToken) return { output: returned };
  const invokeResponse = (returned ?? {}) as Record<string, unknown>;
  const payload = 'Payload' in invokeResponse ? invokeResponse.Payload : returned;
  const outcome = await runLambdaTask(resource, request.parameters, async () => ({ payload }));
  if (!('output' in outcome) || legacyLambdaArn.test(resource)) return outcome;
  return { output: { ...(outcome.output as Record<string, unknown>), ...invokeResponse } };
}
