import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Context } from 'aws-lambda';
import { functionCatalog, type FunctionId } from '../../functions/function-catalog';

type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

const repositoryRoot = path.resolve(__dirname, '..', '..');
const loaded = new Map<FunctionId, Promise<LambdaHandler>>();

/** Loads a function's entry module once, as a Lambda container would on cold start. */
function loadHandler(id: FunctionId): Promise<LambdaHandler> {
  let handler = loaded.get(id);
  if (!handler) {
    const entry = path.join(repositoryRoot, functionCatalog[id].entry);
    handler = import(entry).then((module: { handler?: LambdaHandler; default?: { handler?: LambdaHandler } }) => {
      const exported = module.handler ?? module.default?.handler;
      if (typeof exported !== 'function') throw new Error(`${entry} does not export a handler`);
      return exported;
    });
    loaded.set(id, handler);
  }
  return handler;
}

function createContext(id: FunctionId): Context {
  const definition = functionCatalog[id] as { timeoutSeconds?: number; memorySize?: number };
  const deadline = Date.now() + (definition.timeoutSeconds ?? 10) * 1000;
  const functionName = `trustflow-local-${id}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: String(definition.memorySize ?? 512),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Invokes a catalogue function in process, with a Lambda-shaped context. */
export async function invokeFunction(id: FunctionId, event: unknown): Promise<unknown> {
  const handler = await loadHandler(id);
  return handler(event, createContext(id));
}

/**
 * Invokes a function the way S3 notifications do (asynchronously): on failure Lambda retries twice,
 * about a minute and then two minutes later; locally the waits are short.
 */
export async function invokeAsync(
  id: FunctionId,
  event: unknown,
  onFinalError: (error: unknown) => void,
): Promise<void> {
  const retryDelaysMs = [1000, 2000];
  for (let attempt = 0; ; attempt++) {
    try {
      await invokeFunction(id, event);
      return;
    } catch (error) {
      const delay = retryDelaysMs[attempt];
      if (delay === undefined) {
        onFinalError(error);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
