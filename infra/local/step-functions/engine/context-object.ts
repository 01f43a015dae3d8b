import type { ExecutionState, Thread } from './execution-model';

/** The context object (`$$`) as a state sees it. */
export function buildContextObject(
  execution: ExecutionState,
  thread: Thread,
  extra: { taskToken?: string; stateType?: string } = {},
) {
  return {
    Execution: {
      Id: execution.executionArn,
      Input: execution.input,
      Name: execution.name,
      RoleArn: execution.roleArn,
      StartTime: new Date(execution.startDate).toISOString(),
      RedriveCount: execution.redriveCount ?? 0,
    },
    StateMachine: { Id: execution.stateMachineArn, Name: execution.stateMachineArn.split(':').pop() },
    State: {
      EnteredTime: new Date(thread.enteredAt).toISOString(),
      Name: thread.stateName,
      // AWS shows RetryCount only where retries happen: in Task states
      ...(extra.stateType === 'Task' ? { RetryCount: thread.retryCounts.reduce((sum, count) => sum + count, 0) } : {}),
    },
    ...(thread.mapItem ? { Map: { Item: thread.mapItem } } : {}),
    ...(extra.taskToken ? { Task: { Token: extra.taskToken } } : {}),
  };
}
