import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { resumeWaitingWorkflow } from '../../commons/resume-waiting-workflow';
import type { CaseWorkflowControl } from '../usecases/case-workflow-control';

/**
 * The case workflow on Step Functions. Executions are named after the case and carry only its id, so
 * starting twice is idempotent (StartExecution with the same name and input returns the running
 * execution) and no personal data enters the execution history.
 */
export function createCaseWorkflowClient(sfn: SFNClient, stateMachineArn: string): CaseWorkflowControl {
  return {
    async start(caseId) {
      try {
        await sfn.send(new StartExecutionCommand({ stateMachineArn, name: caseId, input: JSON.stringify({ caseId }) }));
      } catch (error) {
        // An execution of that name already ran: the case has its workflow.
        if (!(error instanceof ExecutionAlreadyExists)) throw error;
      }
    },
    resume: (taskToken, output) => resumeWaitingWorkflow(sfn, taskToken, output),
  };
}
