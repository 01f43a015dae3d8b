import { randomUUID } from 'node:crypto';
import type { TaskOutcome } from './interpreter';

/** What invoking a function produced: its return value, or the error it raised. */
export type LambdaInvocationResult =
  { payload: unknown } | { errorType: string; errorMessage: string; stackTrace?: string[] };

/** Invokes a function by name with a payload (the handler modules locally, stand-ins in conformance). */
export type LambdaInvoker = (functionName: string, payload: unknown) => Promise<LambdaInvocationResult>;

/** Step Functions refuses task results above 256 KiB. */
export const maxResultBytes = 256 * 1024;

const legacyLambdaArn = /^arn:aws:lambda:[^:]+:\d+:function:([^:]+)/;

/** True for resources this integration runs: plain function ARNs and `arn:aws:states:::lambda:invoke`. */
export function isLambdaResource(resource: string): boolean {
  return legacyLambdaArn.test(resource) || resource.startsWith('arn:aws:states:::lambda:invoke');
}

function functionNameOf(reference: string): string {
  return legacyLambdaArn.exec(reference)?.[1] ?? reference.split(':').pop() ?? reference;
}

/**
 * What the function receives for a `lambda:invoke` Payload (recorded on AWS): a string is sent as the
 * raw request body, so JSON text arrives parsed; null or absent arrives as {}.
 */
function toInvocationEvent(payload: unknown): unknown {
  if (payload === null || payload === undefined) return {};
  if (typeof payload !== 'string') return payload;
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
}

/**
 * Runs a Lambda task as Step Functions does. A plain function ARN returns the payload itself;
 * `lambda:invoke` wraps it in the service response ({ExecutedVersion, Payload, StatusCode, Sdk*}).
 * A function error becomes error = its type and cause = Lambda's JSON error document. Results over
 * 256 KiB fail with States.DataLimitExceeded.
 */
export async function runLambdaTask(
  resource: string,
  parameters: unknown,
  invoke: LambdaInvoker,
): Promise<TaskOutcome> {
  const legacy = legacyLambdaArn.test(resource);
  const request = (parameters ?? {}) as { FunctionName?: unknown; Payload?: unknown };
  const functionName = legacy ? functionNameOf(resource) : functionNameOf(String(request.FunctionName ?? ''));
  const requestId = randomUUID();
  const result = await invoke(functionName, legacy ? parameters : toInvocationEvent(request.Payload));
  if ('errorType' in result) {
    const document = {
      errorMessage: result.errorMessage,
      errorType: result.errorType,
      requestId,
      stackTrace: result.stackTrace ?? [],
    };
    return { error: result.errorType, cause: JSON.stringify(document) };
  }
  const size = Buffer.byteLength(JSON.stringify(result.payload ?? null));
  if (size > maxResultBytes) {
    return {
      error: 'States.DataLimitExceeded',
      cause: `The state/task '${legacy ? resource : String(request.FunctionName)}' returned a result with a size exceeding the maximum number of bytes service limit.`,
    };
  }
  if (legacy) return { output: result.payload };
  return {
    output: {
      ExecutedVersion: '$LATEST',
      Payload: result.payload,
      SdkHttpMetadata: {
        AllHttpHeaders: { 'X-Amz-Executed-Version': ['$LATEST'], 'Content-Type': ['application/json'] },
        HttpHeaders: { 'X-Amz-Executed-Version': '$LATEST', 'Content-Type': 'application/json' },
        HttpStatusCode: 200,
      },
      SdkResponseMetadata: { RequestId: requestId },
      StatusCode: 200,
    },
  };
}
