import { functionCatalog, type FunctionId } from '../../../functions/function-catalog';
import { invokeFunction } from '../lambda-runtime';
import type { LambdaInvoker } from './engine/lambda-integration';

/** The ARN the local stack gives a catalogue function. */
export function localFunctionArn(functionId: string): string {
  return `arn:aws:lambda:us-east-1:000000000000:function:${functionId}`;
}

/**
 * Invokes catalogue functions in process for the engine. A thrown error surfaces as Lambda reports
 * it: errorType is the error's name, errorMessage its message.
 */
export const invokeLocalFunction: LambdaInvoker = async (functionName, payload) => {
  if (!(functionName in functionCatalog)) {
    return {
      errorType: 'ResourceNotFoundException',
      errorMessage: `Function not found: ${localFunctionArn(functionName)}`,
    };
  }
  try {
    return { payload: (await invokeFunction(functionName as FunctionId, payload)) ?? null };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    return { errorType: failure.name, errorMessage: failure.message, stackTrace: failure.stack?.split('\n').slice(1) };
  }
};
