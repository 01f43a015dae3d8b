/*
 * The Step Functions operations the local engine serves, with AWS's request and response shapes
 * (JSON 1.0 protocol: dates are epoch seconds on the wire; the service uses Date and the endpoint
 * converts). The endpoint maps an SfnServiceError's `name` to AWS's error type.
 */

import type { TestStateRequest, TestStateResponse } from '../engine/test-state';

/** An AWS error, e.g. StateMachineDoesNotExist, ExecutionAlreadyExists, TaskDoesNotExist, InvalidToken. */
export class SfnServiceError extends Error {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

/** Status of an execution as AWS reports it. */
export type SfnExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** What an execution looks like in DescribeExecution. */
export interface DescribeExecutionOutput {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: SfnExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  inputDetails: { included: boolean };
  output?: string;
  outputDetails?: { included: boolean };
  error?: string;
  cause?: string;
  /** Local extension: state transitions so far, to price a workflow at Standard-workflow rates. */
  stateTransitionCount: number;
  /** RedriveExecution: how often, when last, and whether it can be redriven now (and why not). */
  redriveCount: number;
  redriveDate?: Date;
  redriveStatus: 'REDRIVABLE' | 'NOT_REDRIVABLE';
  redriveStatusReason?: string;
}

/** Whether ListExecutions lists executions that were redriven, or those never redriven. */
export type SfnRedriveFilter = 'REDRIVEN' | 'NOT_REDRIVEN';

/** Item or child-execution counts of a map run, by status. */
export interface MapRunCountsOutput {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  total: number;
  resultsWritten: number;
  failuresNotRedrivable: number;
  pendingRedrive: number;
}

/** What DescribeMapRun answers. */
export interface DescribeMapRunOutput {
  mapRunArn: string;
  executionArn: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  startDate: Date;
  stopDate?: Date;
  maxConcurrency: number;
  toleratedFailurePercentage: number;
  toleratedFailureCount: number;
  itemCounts: MapRunCountsOutput;
  executionCounts: MapRunCountsOutput;
  redriveCount: number;
}

/** The operations; each may throw SfnServiceError. */
export interface SfnApi {
  createStateMachine(input: {
    name: string;
    definition: string;
    roleArn: string;
    type?: string;
    tags?: { key: string; value: string }[];
  }): Promise<{
    stateMachineArn: string;
    creationDate: Date;
  }>;
  describeStateMachine(input: { stateMachineArn: string }): Promise<{
    stateMachineArn: string;
    name: string;
    status: 'ACTIVE' | 'DELETING';
    definition: string;
    roleArn: string;
    type: string;
    creationDate: Date;
  }>;
  listStateMachines(input: { maxResults?: number; nextToken?: string }): Promise<{
    stateMachines: { stateMachineArn: string; name: string; type: string; creationDate: Date }[];
    nextToken?: string;
  }>;
  startExecution(input: { stateMachineArn: string; name?: string; input?: string }): Promise<{
    executionArn: string;
    startDate: Date;
  }>;
  describeExecution(input: { executionArn: string }): Promise<DescribeExecutionOutput>;
  listExecutions(input: {
    stateMachineArn: string;
    statusFilter?: SfnExecutionStatus;
    redriveFilter?: SfnRedriveFilter;
    maxResults?: number;
    nextToken?: string;
  }): Promise<{
    executions: {
      executionArn: string;
      stateMachineArn: string;
      name: string;
      status: SfnExecutionStatus;
      startDate: Date;
      stopDate?: Date;
      redriveCount?: number;
      redriveDate?: Date;
    }[];
    nextToken?: string;
  }>;
  stopExecution(input: { executionArn: string; error?: string; cause?: string }): Promise<{ stopDate: Date }>;
  getExecutionHistory(input: {
    executionArn: string;
    maxResults?: number;
    nextToken?: string;
    reverseOrder?: boolean;
  }): Promise<{
    events: ({ id: number; previousEventId: number; timestamp: Date; type: string } & Record<string, unknown>)[];
    nextToken?: string;
  }>;
  sendTaskSuccess(input: { taskToken: string; output: string }): Promise<Record<string, never>>;
  sendTaskFailure(input: { taskToken: string; error?: string; cause?: string }): Promise<Record<string, never>>;
  sendTaskHeartbeat(input: { taskToken: string }): Promise<Record<string, never>>;
  /** Checks a definition without creating anything: AWS's diagnostics, `result` OK or FAIL. */
  validateStateMachineDefinition(input: { definition: string; type?: string; maxResults?: number }): Promise<{
    result: 'OK' | 'FAIL';
    diagnostics: { severity: 'ERROR' | 'WARNING'; code: string; message: string; location?: string }[];
    truncated: boolean;
  }>;
  /** Changes a machine's definition or role; running executions keep the definition they started with. */
  updateStateMachine(input: { stateMachineArn: string; definition?: string; roleArn?: string }): Promise<{
    updateDate: Date;
  }>;
  tagResource(input: { resourceArn: string; tags: { key: string; value: string }[] }): Promise<Record<string, never>>;
  untagResource(input: { resourceArn: string; tagKeys: string[] }): Promise<Record<string, never>>;
  listTagsForResource(input: { resourceArn: string }): Promise<{ tags: { key: string; value: string }[] }>;
  /** The state machine an execution runs: its definition as it was when the execution started. */
  describeStateMachineForExecution(input: { executionArn: string }): Promise<{
    stateMachineArn: string;
    name: string;
    definition: string;
    roleArn: string;
    updateDate: Date;
  }>;
  /**
   * Deletes a state machine: DELETING while executions run (each fails at its next state transition),
   * then gone. Deleting a machine that does not exist succeeds, as on AWS.
   */
  deleteStateMachine(input: { stateMachineArn: string }): Promise<Record<string, never>>;
  /** Runs one state in isolation (AWS's TestState). */
  testState(input: TestStateRequest): Promise<TestStateResponse>;
  /** Continues a FAILED, TIMED_OUT or ABORTED execution from where it stopped. */
  redriveExecution(input: { executionArn: string; clientToken?: string }): Promise<{ redriveDate: Date }>;
  /** A Distributed Map run: configuration, progress and counts (ResourceNotFound when unknown). */
  describeMapRun(input: { mapRunArn: string }): Promise<DescribeMapRunOutput>;
  /** The map runs an execution started, oldest first. */
  listMapRuns(input: { executionArn: string; maxResults?: number; nextToken?: string }): Promise<{
    mapRuns: { executionArn: string; mapRunArn: string; stateMachineArn: string; startDate: Date; stopDate?: Date }[];
    nextToken?: string;
  }>;
  /** Changes a running map run's concurrency or failure thresholds. */
  updateMapRun(input: {
    mapRunArn: string;
    maxConcurrency?: number;
    toleratedFailurePercentage?: number;
    toleratedFailureCount?: number;
  }): Promise<Record<string, never>>;
}
