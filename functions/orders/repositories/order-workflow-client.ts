import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';

/**
 * Starts an order's assured-order workflow. Executions are named after the order and carry only its id,
 * so starting twice is harmless and no personal data enters the execution history.
 */
export function createOrderWorkflowStarter(sfn: SFNClient, stateMachineArn: string) {
  return async (orderId: string): Promise<void> => {
    try {
      await sfn.send(new StartExecutionCommand({ stateMachineArn, name: orderId, input: JSON.stringify({ orderId }) }));
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  };
}
