/*
 * An in-memory SfnApi for endpoint tests: just enough behaviour for every operation to return
 * realistic data and its most common error, a record of the inputs the endpoint passed on, and a way
 * to make the next call fail with any error.
 */
import {
  SfnServiceError,
  type DescribeExecutionOutput,
  type DescribeMapRunOutput,
  type SfnApi,
  type SfnExecutionStatus,
} from '../../../infra/local/step-functions/service/sfn-api';

const region = 'us-east-1';
const account = '123456789012';

/** Dates with milliseconds, to show that the wire keeps them. */
export const fakeClockStart = new Date('2026-03-04T05:06:07.891Z');

interface StateMachine {
  stateMachineArn: string;
  name: string;
  definition: string;
  roleArn: string;
  type: string;
  creationDate: Date;
}

type HistoryEvents = Awaited<ReturnType<SfnApi['getExecutionHistory']>>['events'];

function page<T>(items: T[], maxResults: number | undefined, nextToken: string | undefined) {
  const start = nextToken ? Number(nextToken) : 0;
  const end = maxResults ? start + maxResults : items.length;
  return { items: items.slice(start, end), nextToken: end < items.length ? String(end) : undefined };
}

/** The fake: calls go to `calls`; `failNextCall` makes the next call throw what it is given. */
export class FakeSfnApi implements SfnApi {
  readonly calls: { operation: keyof SfnApi; input: unknown }[] = [];
  readonly stateMachines = new Map<string, StateMachine>();
  readonly executions = new Map<string, DescribeExecutionOutput>();
  readonly taskTokens = new Set<string>();
  private clockMs = fakeClockStart.getTime();
  private nextFailure: unknown;

  failNextCall(error: unknown): void {
    this.nextFailure = error;
  }

  private record(operation: keyof SfnApi, input: unknown): void {
    this.calls.push({ operation, input });
    const failure = this.nextFailure;
    this.nextFailure = undefined;
    if (failure !== undefined) throw failure;
  }

  /** Each call advances the clock by 1.5 s, so that every date is distinct. */
  private now(): Date {
    this.clockMs += 1500;
    return new Date(this.clockMs);
  }

  private stateMachine(stateMachineArn: string): StateMachine {
    const found = this.stateMachines.get(stateMachineArn);
    if (!found)
      throw new SfnServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
    return found;
  }

  private execution(executionArn: string): DescribeExecutionOutput {
    const found = this.executions.get(executionArn);
    if (!found) throw new SfnServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return found;
  }

  async createStateMachine(input: Parameters<SfnApi['createStateMachine']>[0]) {
    this.record('createStateMachine', input);
    const stateMachineArn = `arn:aws:states:${region}:${account}:stateMachine:${input.name}`;
    const creationDate = this.now();
    const type = input.type ?? 'STANDARD';
    this.stateMachines.set(stateMachineArn, { ...input, stateMachineArn, type, creationDate });
    return { stateMachineArn, creationDate };
  }

  async describeStateMachine(input: { stateMachineArn: string }) {
    this.record('describeStateMachine', input);
    return { ...this.stateMachine(input.stateMachineArn), status: 'ACTIVE' as const };
  }

  async listStateMachines(input: { maxResults?: number; nextToken?: string }) {
    this.record('listStateMachines', input);
    const all = [...this.stateMachines.values()].map(({ stateMachineArn, name, type, creationDate }) => ({
      stateMachineArn,
      name,
      type,
      creationDate,
    }));
    const { items, nextToken } = page(all, input.maxResults, input.nextToken);
    return { stateMachines: items, nextToken };
  }

  async startExecution(input: { stateMachineArn: string; name?: string; input?: string }) {
    this.record('startExecution', input);
    const machine = this.stateMachine(input.stateMachineArn);
    const name = input.name ?? `execution-${this.executions.size + 1}`;
    const executionArn = `arn:aws:states:${region}:${account}:execution:${machine.name}:${name}`;
    if (this.executions.has(executionArn)) {
      throw new SfnServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const startDate = this.now();
    this.executions.set(executionArn, {
      executionArn,
      stateMachineArn: machine.stateMachineArn,
      name,
      status: 'RUNNING',
      startDate,
      input: input.input ?? '{}',
      inputDetails: { included: true },
      stateTransitionCount: 1,
      redriveCount: 0,
      redriveStatus: 'NOT_REDRIVABLE',
      redriveStatusReason: 'Execution is RUNNING and cannot be redriven',
    });
    this.taskTokens.add(`token-for-${name}`);
    return { executionArn, startDate };
  }

  async describeExecution(input: { executionArn: string }) {
    this.record('describeExecution', input);
    return this.execution(input.executionArn);
  }

  async listExecutions(input: Parameters<SfnApi['listExecutions']>[0]) {
    this.record('listExecutions', input);
    this.stateMachine(input.stateMachineArn);
    const matching = [...this.executions.values()]
      .filter((execution) => execution.stateMachineArn === input.stateMachineArn)
      .filter((execution) => !input.statusFilter || execution.status === input.statusFilter)
      .map(({ executionArn, stateMachineArn, name, status, startDate, stopDate }) => ({
        executionArn,
        stateMachineArn,
        name,
        status,
        startDate,
        stopDate,
      }));
    const { items, nextToken } = page(matching, input.maxResults, input.nextToken);
    return { executions: items, nextToken };
  }

  async stopExecution(input: { executionArn: string; error?: string; cause?: string }) {
    this.record('stopExecution', input);
    const execution = this.execution(input.executionArn);
    const stopDate = this.now();
    const status: SfnExecutionStatus = 'ABORTED';
    Object.assign(execution, { status, stopDate, error: input.error, cause: input.cause });
    return { stopDate };
  }

  async getExecutionHistory(input: Parameters<SfnApi['getExecutionHistory']>[0]) {
    this.record('getExecutionHistory', input);
    const execution = this.execution(input.executionArn);
    const events: HistoryEvents = [
      {
        id: 1,
        previousEventId: 0,
        timestamp: execution.startDate,
        type: 'ExecutionStarted',
        executionStartedEventDetails: {
          input: execution.input,
          inputDetails: { truncated: false },
          roleArn: 'arn:aws:iam::123456789012:role/fake',
        },
      },
      {
        id: 2,
        previousEventId: 1,
        timestamp: new Date(execution.startDate.getTime() + 250),
        type: 'PassStateEntered',
        stateEnteredEventDetails: { name: 'Start', input: execution.input, inputDetails: { truncated: false } },
      },
    ];
    if (input.reverseOrder) events.reverse();
    const { items, nextToken } = page(events, input.maxResults, input.nextToken);
    return { events: items, nextToken };
  }

  private takeToken(taskToken: string): void {
    if (!this.taskTokens.delete(taskToken)) {
      throw new SfnServiceError('TaskDoesNotExist', 'Task Does Not Exist');
    }
  }

  async sendTaskSuccess(input: { taskToken: string; output: string }) {
    this.record('sendTaskSuccess', input);
    this.takeToken(input.taskToken);
    return {};
  }

  async sendTaskFailure(input: { taskToken: string; error?: string; cause?: string }) {
    this.record('sendTaskFailure', input);
    this.takeToken(input.taskToken);
    return {};
  }

  async sendTaskHeartbeat(input: { taskToken: string }) {
    this.record('sendTaskHeartbeat', input);
    if (!this.taskTokens.has(input.taskToken)) throw new SfnServiceError('TaskDoesNotExist', 'Task Does Not Exist');
    return {};
  }

  async validateStateMachineDefinition(input: { definition: string; type?: string; maxResults?: number }) {
    this.record('validateStateMachineDefinition', input);
    return input.definition.includes('"StartAt"')
      ? { result: 'OK' as const, diagnostics: [], truncated: false }
      : {
          result: 'FAIL' as const,
          diagnostics: [
            { severity: 'ERROR' as const, code: 'SCHEMA_VALIDATION_FAILED', message: 'StartAt is missing' },
          ],
          truncated: false,
        };
  }

  async describeStateMachineForExecution(input: { executionArn: string }) {
    this.record('describeStateMachineForExecution', input);
    const execution = this.executions.get(input.executionArn);
    if (!execution)
      throw new SfnServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${input.executionArn}'`);
    const machine = this.stateMachines.get(execution.stateMachineArn)!;
    return {
      stateMachineArn: machine.stateMachineArn,
      name: machine.name,
      definition: machine.definition,
      roleArn: machine.roleArn,
      updateDate: machine.creationDate,
    };
  }

  readonly tags = new Map<string, { key: string; value: string }[]>();

  async updateStateMachine(input: { stateMachineArn: string; definition?: string; roleArn?: string }) {
    this.record('updateStateMachine', input);
    const machine = this.stateMachines.get(input.stateMachineArn);
    if (!machine) throw new SfnServiceError('StateMachineDoesNotExist', 'State Machine Does Not Exist');
    this.stateMachines.set(input.stateMachineArn, {
      ...machine,
      ...(input.definition ? { definition: input.definition } : {}),
      ...(input.roleArn ? { roleArn: input.roleArn } : {}),
    });
    return { updateDate: new Date(Date.UTC(2026, 0, 2)) };
  }

  async tagResource(input: { resourceArn: string; tags: { key: string; value: string }[] }) {
    this.record('tagResource', input);
    if (!this.stateMachines.has(input.resourceArn)) throw new SfnServiceError('ResourceNotFound', 'Resource not found');
    this.tags.set(input.resourceArn, [...(this.tags.get(input.resourceArn) ?? []), ...input.tags]);
    return {};
  }

  async untagResource(input: { resourceArn: string; tagKeys: string[] }) {
    this.record('untagResource', input);
    const kept = (this.tags.get(input.resourceArn) ?? []).filter((tag) => !input.tagKeys.includes(tag.key));
    this.tags.set(input.resourceArn, kept);
    return {};
  }

  async listTagsForResource(input: { resourceArn: string }) {
    this.record('listTagsForResource', input);
    if (!this.stateMachines.has(input.resourceArn)) throw new SfnServiceError('ResourceNotFound', 'Resource not found');
    return { tags: this.tags.get(input.resourceArn) ?? [] };
  }

  async deleteStateMachine(input: { stateMachineArn: string }) {
    this.record('deleteStateMachine', input);
    if (!input.stateMachineArn.startsWith('arn:aws:states:')) throw new SfnServiceError('InvalidArn', 'Invalid Arn');
    this.stateMachines.delete(input.stateMachineArn);
    return {};
  }

  async testState(input: Parameters<SfnApi['testState']>[0]) {
    this.record('testState', input);
    const state = JSON.parse(input.definition) as { Type?: string; Next?: string };
    if (!state.Type) throw new SfnServiceError('InvalidDefinition', 'Invalid State Machine Definition');
    return {
      output: input.input ?? '{}',
      ...(state.Next ? { nextState: state.Next } : {}),
      ...(input.inspectionLevel === 'DEBUG' ? { inspectionData: { input: input.input ?? '{}' } } : {}),
      status: 'SUCCEEDED' as const,
    };
  }

  async redriveExecution(input: { executionArn: string; clientToken?: string }) {
    this.record('redriveExecution', input);
    const execution = this.execution(input.executionArn);
    if (execution.status === 'RUNNING' || execution.status === 'SUCCEEDED') {
      throw new SfnServiceError('ExecutionNotRedrivable', `Execution is ${execution.status} and cannot be redriven`);
    }
    const redriveDate = this.now();
    Object.assign(execution, {
      status: 'RUNNING',
      redriveCount: execution.redriveCount + 1,
      redriveDate,
      stopDate: undefined,
    });
    return { redriveDate };
  }

  /** Map runs by ARN; `addMapRun` makes one for an execution, as a Distributed Map would. */
  readonly mapRuns = new Map<string, DescribeMapRunOutput & { stateMachineArn: string }>();

  addMapRun(executionArn: string, label = 'Map'): string {
    const execution = this.execution(executionArn);
    const machineName = execution.stateMachineArn.split(':').at(-1);
    const mapRunArn = `arn:aws:states:${region}:${account}:mapRun:${machineName}/${label}:run-${this.mapRuns.size + 1}`;
    const counts = { ...zeroCounts, succeeded: 2, resultsWritten: 2, total: 2 };
    this.mapRuns.set(mapRunArn, {
      mapRunArn,
      executionArn,
      stateMachineArn: `${execution.stateMachineArn}/${label}`,
      status: 'SUCCEEDED',
      startDate: this.now(),
      stopDate: this.now(),
      maxConcurrency: 1,
      toleratedFailurePercentage: 0,
      toleratedFailureCount: 0,
      itemCounts: counts,
      executionCounts: { ...counts },
      redriveCount: 0,
    });
    return mapRunArn;
  }

  private mapRun(mapRunArn: string) {
    const found = this.mapRuns.get(mapRunArn);
    if (!found) throw new SfnServiceError('ResourceNotFound', `Map Run Does Not Exist: '${mapRunArn}'`);
    return found;
  }

  async describeMapRun(input: { mapRunArn: string }) {
    this.record('describeMapRun', input);
    const { stateMachineArn: _stateMachineArn, ...described } = this.mapRun(input.mapRunArn);
    return described;
  }

  async listMapRuns(input: { executionArn: string; maxResults?: number; nextToken?: string }) {
    this.record('listMapRuns', input);
    this.execution(input.executionArn);
    const all = [...this.mapRuns.values()]
      .filter((run) => run.executionArn === input.executionArn)
      .map(({ executionArn, mapRunArn, stateMachineArn, startDate, stopDate }) => ({
        executionArn,
        mapRunArn,
        stateMachineArn,
        startDate,
        stopDate,
      }));
    const { items, nextToken } = page(all, input.maxResults, input.nextToken);
    return { mapRuns: items, nextToken };
  }

  async updateMapRun(input: Parameters<SfnApi['updateMapRun']>[0]) {
    this.record('updateMapRun', input);
    const run = this.mapRun(input.mapRunArn);
    if (input.maxConcurrency !== undefined) run.maxConcurrency = input.maxConcurrency;
    if (input.toleratedFailureCount !== undefined) run.toleratedFailureCount = input.toleratedFailureCount;
    if (input.toleratedFailurePercentage !== undefined)
      run.toleratedFailurePercentage = input.toleratedFailurePercentage;
    return {};
  }
}

const zeroCounts = {
  pending: 0,
  running: 0,
  succeeded: 0,
  failed: 0,
  timedOut: 0,
  aborted: 0,
  total: 0,
  resultsWritten: 0,
  failuresNotRedrivable: 0,
  pendingRedrive: 0,
};
