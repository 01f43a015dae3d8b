import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { toWorkflowPolicyInput } from '../models/trade-assurance-policy';

/**
 * Starts an order's assured-order workflow. Executions are named after the order and carry only its id
 * and the policy's periods for the workflow's fixed waits (`data/rules/trade-assurance-policy.json`), so
 * starting twice is harmless and no personal data enters the execution history.
 */
export function createOrderWorkflowStarter(sfn: SFNClient, stateMachineArn: string) {
  return async (orderId: string): Promise<void> => {
    try {
      await sfn.send(
        new StartExecutionCommand({
          stateMachineArn,
          name: orderId,
          input: JSON.stringify({ orderId, policy: toWorkflowPolicyInput() }),
        }),
      );
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  };
}

/**
 * Starts a continuation of an order's workflow (`workflow/continue-order-workflow.ts`) under its derived
 * name; EXISTS when a retried step started it already.
 */
export function createOrderWorkflowContinuer(sfn: SFNClient, stateMachineArn: string) {
  return async (name: string, input: Record<string, unknown>): Promise<'STARTED' | 'EXISTS'> => {
    try {
      await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
      return 'STARTED';
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return 'EXISTS';
      throw error;
    }
  };
}
