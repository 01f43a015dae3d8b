/**
 * Every Step Functions workflow of TrustFlow. CDK creates one state machine per entry from its ASL file
 * in `state-machines/`, and passes its ARN to the functions that start or answer it through
 * `arnVariable`; the local stack registers the same files and sets the same variables.
 */

/** One state machine. */
export interface WorkflowDefinition {
  id: string;
  /** File under `state-machines/`; its base name is the local state machine's name. */
  file: string;
  /** Environment variable through which functions learn the state machine's ARN. */
  arnVariable: string;
  description: string;
  /** What an operator does when an execution fails: the description of its alarm. */
  onFailure?: string;
}

/** All workflows, keyed by id. */
export const workflowCatalog = {
  kycCase: {
    id: 'kycCase',
    file: 'kyc-case.asl.json',
    arnVariable: 'KYC_CASE_STATE_MACHINE_ARN',
    description: 'Drives a KYC/KYB case from submission to a decision',
  },
  assuredOrder: {
    id: 'assuredOrder',
    file: 'assured-order.asl.json',
    arnVariable: 'ASSURED_ORDER_STATE_MACHINE_ARN',
    description: 'Drives an assured order from screening through payment, shipment, claims and settlement',
  },
  reviewTaskEscalation: {
    id: 'reviewTaskEscalation',
    file: 'review-task-escalation.asl.json',
    arnVariable: 'REVIEW_TASK_ESCALATION_STATE_MACHINE_ARN',
    description: 'Waits until a review task is due and escalates it if it is still open',
  },
  monitoringRescreen: {
    id: 'monitoringRescreen',
    file: 'monitoring-rescreen.asl.json',
    arnVariable: 'MONITORING_RESCREEN_STATE_MACHINE_ARN',
    description: 'Re-screens every monitored name against the lists: a Distributed Map over S3 shards of names',
    onFailure:
      'A full re-screen of the monitored names failed (the export, more than 5 % of the shard batches, or the ' +
      'completion); read the execution history and its Map Run for the cause. Monitoring records a new matcher ' +
      'only when a re-screen completes, so one started for a matcher change is started again by the next hourly ' +
      'run; one started through POST /admin/monitoring/rescreen must be started again (or redriven).',
  },
} as const satisfies Record<string, WorkflowDefinition>;

/** Id of a workflow in {@link workflowCatalog}. */
export type WorkflowId = keyof typeof workflowCatalog;

/** The catalogue as a list. */
export function listWorkflows(): WorkflowDefinition[] {
  return Object.values(workflowCatalog);
}

/** The local name of a workflow's state machine: its file's base name, e.g. `kyc-case`. */
export function workflowName(definition: WorkflowDefinition): string {
  return definition.file.replace(/\.asl\.json$/, '');
}

/** The ARN of a workflow's state machine, from the function's environment. */
export function readWorkflowArn(id: WorkflowId, env: Record<string, string | undefined> = process.env): string {
  const variable = workflowCatalog[id].arnVariable;
  const arn = env[variable];
  if (!arn) throw new Error(`environment variable ${variable} is not set`);
  return arn;
}
