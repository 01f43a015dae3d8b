import {
  InvalidToken,
  SendTaskSuccessCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  type SFNClient,
} from '@aws-sdk/client-sfn';

/**
 * Completes a workflow's `.waitForTaskToken` state with `output`. GONE when the token no longer waits
 * (it timed out, or the execution ended): the caller decides what that means.
 */
export async function resumeWaitingWorkflow(
  sfn: SFNClient,
  taskToken: string,
  output: Record<string, unknown>,
): Promise<'RESUMED' | 'GONE'> {
  try {
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    return 'RESUMED';
  } catch (error) {
    if (error instanceof TaskTimedOut || error instanceof TaskDoesNotExist || error instanceof InvalidToken) {
      return 'GONE';
    }
    throw error;
  }
}
