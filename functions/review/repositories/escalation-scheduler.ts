import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';

/**
 * Schedules a task's escalation as an execution of the review-task-escalation workflow, which waits
 * until the due time on the engine's clock. Named after the task, so scheduling twice is harmless.
 */
export function createEscalationScheduler(sfn: SFNClient, stateMachineArn: string) {
  return async (taskId: string, dueAt: string): Promise<void> => {
    try {
      await sfn.send(
        new StartExecutionCommand({
          stateMachineArn,
          name: `escalate-${taskId}`,
          input: JSON.stringify({ taskId, dueAt }),
        }),
      );
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  };
}
