import { createHash, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { aslEvaluators } from '../engine/asl-evaluators';
import type { ExecutionState, StatesBlock } from '../engine/execution-model';
import { Interpreter, type TaskOutcome, type TaskRequest } from '../engine/interpreter';
import { isLambdaResource, runLambdaTask, type LambdaInvoker } from '../engine/lambda-integration';
import { MockConfigError, type MockConfig } from '../engine/mock-config';
import { assessRedrivability, findRedriveByClientToken, redriveStoppedExecution } from '../engine/redrive-execution';
import { testState, TestStateRefusal, type TestStateRequest } from '../engine/test-state';
import { validateDefinition } from '../engine/validate-definition';
import { ExecutionJournal, type StoredOutcome, type StoredStateMachine } from './execution-journal';
import { childStateMachineArn, type MapRunRequest } from '../engine/distributed-map';
import type { ObjectStore } from '../engine/object-store';
import { MapRuns } from './map-runs';
import { mockedTaskOutcome } from './mocked-task';
import {
  SfnServiceError,
  type DescribeExecutionOutput,
  type SfnApi,
  type SfnExecutionStatus,
  type SfnRedriveFilter,
} from './sfn-api';

/** What the service needs from the local stack. */
export interface StepFunctionsServiceOptions {
  /** Journal file; without one, executions live in memory only. */
  journalFile?: string;
  /** Business time in ms (the clock module). */
  now: () => number;
  invokeLambda: LambdaInvoker;
  region?: string;
  accountId?: string;
  /** Reports background failures (a task dispatch that threw). */
  onError?: (error: unknown) => void;
  /** Told when a task starts waiting for its token (local workers, the conformance runner's actors). */
  onTaskAwaitingToken?: (executionArn: string, request: TaskRequest) => void;
  /** Step Functions Local mock configuration, for executions started as `<stateMachineArn>#<TestCase>`. */
  mockConfig?: MockConfig;
  /** Open executions allowed at once (AWS: 1,000,000); beyond, ExecutionLimitExceeded. */
  maxOpenExecutions?: number;
  /** S3 for Distributed Map ItemReader / ResultWriter; without one, they fail (ItemReaderFailed...). */
  objectStore?: ObjectStore;
}

const namePattern = /^[A-Za-z0-9_-]{1,80}$/;

/** Finished map-run children kept in memory for DescribeExecution / GetExecutionHistory. */
const maxFinishedMapRunChildren = 1000;

/** Map-run outcomes travel with the map run's ARN where task outcomes carry a task id. */
function isMapRunArn(taskId: string): boolean {
  return taskId.startsWith('arn:') && taskId.includes(':mapRun:');
}

/**
 * The local Step Functions service: state machines, executions and task tokens over the interpreter.
 * Every change to an execution is journaled before the call that made it returns, so a restarted
 * service resumes executions where they were: timers keep their due times, task tokens still work,
 * and tasks whose outcome was recorded are not run again.
 */
export class StepFunctionsService implements SfnApi {
  private readonly machines = new Map<string, StoredStateMachine>();
  private readonly executions = new Map<string, ExecutionState>();
  /** taskToken → where the task waits. */
  private readonly tokens = new Map<string, { executionArn: string; taskId: string }>();
  /** Tokens of tasks that timed out, for AWS's TaskTimedOut answer. */
  private readonly expiredTokens = new Set<string>();
  private readonly interpreter: Interpreter;
  private readonly journal?: ExecutionJournal;
  private readonly region: string;
  private readonly accountId: string;
  /** Executions changed since the last flush, and the task dispatches waiting for it. */
  private readonly dirty = new Set<ExecutionState>();
  private readonly pendingDispatches: { executionArn: string; request: TaskRequest }[] = [];
  /** Lambda (and other) task invocations in progress. */
  private runningTasks = 0;
  /** Child executions started with states:startExecution.sync, and the parent task waiting for each. */
  private readonly childWatchers = new Map<string, { executionArn: string; taskId: string; parsed: boolean }>();
  /** Task outcomes that arrived since the last flush; applied together, then each execution runs once. */
  /** Outcomes the journal held that the execution states did not include yet. */
  private recoveredOutcomes: StoredOutcome[] = [];
  private readonly pendingOutcomes: {
    executionArn: string;
    taskId: string;
    outcome: TaskOutcome | { submitted: unknown };
  }[] = [];
  private flushScheduled = false;
  /** Distributed Map runs; their children are executions too, but neither journaled nor kept once done. */
  private readonly mapRuns: MapRuns;
  /** Map runs asked for (and stopped) since the last flush: acted on once the asking state is journaled. */
  private readonly pendingMapRuns: { executionArn: string; request: MapRunRequest }[] = [];
  private readonly pendingMapRunStops: string[] = [];
  /** The last finished map-run children, for DescribeExecution and GetExecutionHistory. */
  private readonly finishedMapRunChildren = new Map<string, ExecutionState>();

  constructor(private readonly options: StepFunctionsServiceOptions) {
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '000000000000';
    this.interpreter = new Interpreter(
      {
        now: options.now,
        random: Math.random,
        newId: () => randomUUID(),
        startTask: (execution, request) => {
          this.assignMockedInvocation(execution, request);
          this.dispatch(execution.executionArn, request);
        },
        taskTimedOut: (_execution, request) => {
          if (request.taskToken) this.expiredTokens.add(request.taskToken);
        },
        startMapRun: (execution, request) =>
          this.pendingMapRuns.push({ executionArn: execution.executionArn, request }),
        stopMapRun: (_execution, mapRunArn) => this.pendingMapRunStops.push(mapRunArn),
        // AWS fails the executions of a deleted state machine on their next state transition
        haltBeforeTransition: (execution) =>
          this.machines.get(execution.stateMachineArn)?.status === 'DELETING'
            ? {
                error: 'States.Runtime',
                cause: `State machine ${execution.stateMachineArn.split(':').at(-1)} has been deleted.`,
              }
            : undefined,
      },
      aslEvaluators,
    );
    if (options.journalFile) {
      this.journal = ExecutionJournal.open(options.journalFile);
      for (const machine of this.journal.contents.machines) this.machines.set(machine.stateMachineArn, machine);
      for (const execution of this.journal.contents.executions) this.executions.set(execution.executionArn, execution);
      this.recoveredOutcomes = this.journal.contents.outcomes;
    }
    this.mapRuns = this.createMapRuns();
    this.mapRuns.load(this.journal?.contents.mapRuns ?? []);
  }

  /**
   * Resumes what was running when the service last stopped: re-registers task tokens and dispatches
   * again the tasks that had no recorded outcome (Lambda invocations are at-least-once, as on AWS).
   */
  resume(): void {
    // results that arrived just before the stop are applied, not fetched again
    const settled = new Set<string>();
    const submitted = new Map<string, unknown>();
    for (const recovered of this.recoveredOutcomes.splice(0)) {
      this.pendingOutcomes.push(recovered);
      if ('submitted' in recovered.outcome) submitted.set(recovered.taskId, recovered.outcome.submitted);
      else settled.add(recovered.taskId);
    }
    for (const execution of this.executions.values()) {
      if (execution.status !== 'RUNNING') continue;
      for (const task of this.interpreter.listWaitingTasks(execution)) {
        const { request } = task;
        if (settled.has(request.taskId)) continue;
        const response = task.submitted ?? submitted.get(request.taskId);
        if (response === undefined) {
          this.dispatch(execution.executionArn, request);
          continue;
        }
        // the integration call was made: only wait again, for its token or its child
        if (request.taskToken)
          this.tokens.set(request.taskToken, { executionArn: execution.executionArn, taskId: request.taskId });
        const childArn = (response as { ExecutionArn?: string } | null)?.ExecutionArn;
        if (childArn && request.resource.includes(':states:startExecution.sync')) {
          this.watchChild(childArn, execution.executionArn, request);
        }
      }
      // children are not journaled: a map run that was running starts again from its first item
      for (const request of this.interpreter.listWaitingMapRuns(execution)) {
        if (!settled.has(request.mapRunArn))
          this.pendingMapRuns.push({ executionArn: execution.executionArn, request });
      }
    }
    this.flush();
  }

  /** The earliest timer of any running execution. */
  nextDueAt(): number | undefined {
    let earliest: number | undefined;
    for (const execution of this.executions.values()) {
      if (execution.status !== 'RUNNING') continue;
      const due = this.interpreter.nextDueAt(execution);
      if (due !== undefined && (earliest === undefined || due < earliest)) earliest = due;
    }
    return earliest;
  }

  /**
   * Fires every timer due by the business clock's now, exactly once, in timestamp order across all
   * executions: always the earliest instant next, so that one execution's later timer never fires
   * before another's earlier one.
   */
  tick(): void {
    const now = this.options.now();
    let fired = false;
    for (;;) {
      let next: { execution: ExecutionState; dueAt: number } | undefined;
      for (const execution of this.executions.values()) {
        if (execution.status !== 'RUNNING') continue;
        const dueAt = this.interpreter.nextDueAt(execution);
        if (dueAt !== undefined && dueAt <= now && (!next || dueAt < next.dueAt)) next = { execution, dueAt };
      }
      if (!next) break;
      const { execution, dueAt } = next;
      this.change(execution, () => this.interpreter.fireDueTimers(execution, dueAt));
      fired = true;
    }
    if (fired) this.flush();
  }

  /** Closes the journal. */
  close(): void {
    this.flush();
    this.journal?.close();
  }

  // --- state machines -------------------------------------------------------------------------

  async createStateMachine(input: {
    name: string;
    definition: string;
    roleArn: string;
    type?: string;
    tags?: { key: string; value: string }[];
  }) {
    if (!namePattern.test(input.name)) throw new SfnServiceError('InvalidName', `Invalid Name: '${input.name}'`);
    if ((input.type ?? 'STANDARD') !== 'STANDARD') {
      throw new SfnServiceError('ValidationException', 'Only STANDARD state machines are supported locally');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(input.definition);
    } catch (error) {
      throw new SfnServiceError('InvalidDefinition', `Invalid State Machine Definition: '${(error as Error).message}'`);
    }
    const verdict = validateDefinition(parsed);
    if (!verdict.valid) throw new SfnServiceError('InvalidDefinition', verdict.message);
    const stateMachineArn = `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${input.name}`;
    const existing = this.machines.get(stateMachineArn);
    if (existing?.status === 'DELETING') throw stateMachineDeleting(stateMachineArn);
    if (existing) {
      // AWS answers an identical create with the existing machine
      if (isDeepStrictEqual(JSON.parse(existing.definition), parsed) && existing.roleArn === input.roleArn) {
        return { stateMachineArn, creationDate: new Date(existing.creationDate) };
      }
      throw new SfnServiceError('StateMachineAlreadyExists', `State Machine Already Exists: '${stateMachineArn}'`);
    }
    const machine: StoredStateMachine = {
      stateMachineArn,
      name: input.name,
      definition: input.definition,
      roleArn: input.roleArn,
      type: 'STANDARD',
      creationDate: this.options.now(),
      ...(input.tags?.length ? { tags: input.tags } : {}),
    };
    this.journal?.recordStateMachine(machine);
    this.machines.set(stateMachineArn, machine);
    return { stateMachineArn, creationDate: new Date(machine.creationDate) };
  }

  /**
   * Registers or replaces a machine by name (the local stack's start-up registration of
   * state-machines/*.asl.json, where a changed file must take effect).
   */
  async putStateMachine(input: { name: string; definition: string; roleArn: string }): Promise<string> {
    const stateMachineArn = `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${input.name}`;
    const existing = this.machines.get(stateMachineArn);
    if (existing && existing.definition !== input.definition) this.machines.delete(stateMachineArn);
    return (await this.createStateMachine(input)).stateMachineArn;
  }

  async describeStateMachine(input: { stateMachineArn: string }) {
    const machine = this.requireMachine(input.stateMachineArn);
    return { ...machine, status: machine.status ?? ('ACTIVE' as const), creationDate: new Date(machine.creationDate) };
  }

  async listStateMachines(input: { maxResults?: number; nextToken?: string }) {
    const all = [...this.machines.values()].map((machine) => ({
      stateMachineArn: machine.stateMachineArn,
      name: machine.name,
      type: machine.type,
      creationDate: new Date(machine.creationDate),
    }));
    const { page, nextToken } = paginate(all, input.maxResults, input.nextToken);
    return { stateMachines: page, nextToken };
  }

  async updateStateMachine(input: { stateMachineArn: string; definition?: string; roleArn?: string }) {
    const machine = this.requireMachine(input.stateMachineArn);
    if (machine.status === 'DELETING') throw stateMachineDeleting(machine.stateMachineArn);
    if (input.definition === undefined && input.roleArn === undefined) {
      throw new SfnServiceError('MissingRequiredParameter', 'Either the definition or the roleArn must be specified');
    }
    if (input.definition !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(input.definition);
      } catch (error) {
        throw new SfnServiceError(
          'InvalidDefinition',
          `Invalid State Machine Definition: '${(error as Error).message}'`,
        );
      }
      const verdict = validateDefinition(parsed);
      if (!verdict.valid) throw new SfnServiceError('InvalidDefinition', verdict.message);
    }
    const updated: StoredStateMachine = {
      ...machine,
      ...(input.definition !== undefined ? { definition: input.definition } : {}),
      ...(input.roleArn !== undefined ? { roleArn: input.roleArn } : {}),
      updateDate: this.options.now(),
    };
    this.journal?.recordStateMachine(updated);
    this.machines.set(updated.stateMachineArn, updated);
    return { updateDate: new Date(updated.updateDate!) };
  }

  async tagResource(input: { resourceArn: string; tags: { key: string; value: string }[] }) {
    const machine = this.requireTaggable(input.resourceArn);
    const tags = [...(machine.tags ?? [])];
    for (const tag of input.tags) {
      const existing = tags.findIndex((candidate) => candidate.key === tag.key);
      if (existing >= 0) tags[existing] = tag;
      else tags.push(tag);
    }
    // AWS allows 50 tags on a resource
    if (tags.length > 50) throw new SfnServiceError('TooManyTags', `Too many tags: ${tags.length}, at most 50`);
    this.saveTags(machine, tags);
    return {};
  }

  async untagResource(input: { resourceArn: string; tagKeys: string[] }) {
    const machine = this.requireTaggable(input.resourceArn);
    this.saveTags(
      machine,
      (machine.tags ?? []).filter((tag) => !input.tagKeys.includes(tag.key)),
    );
    return {};
  }

  async listTagsForResource(input: { resourceArn: string }) {
    return { tags: [...(this.requireTaggable(input.resourceArn).tags ?? [])] };
  }

  private requireTaggable(resourceArn: string): StoredStateMachine {
    const machine = this.machines.get(resourceArn);
    if (!machine) throw new SfnServiceError('ResourceNotFound', `Resource not found: '${resourceArn}'`);
    return machine;
  }

  private saveTags(machine: StoredStateMachine, tags: { key: string; value: string }[]): void {
    const tagged = { ...machine, tags };
    this.journal?.recordStateMachine(tagged);
    this.machines.set(tagged.stateMachineArn, tagged);
  }

  async validateStateMachineDefinition(input: { definition: string; type?: string; maxResults?: number }) {
    const failing = (code: string, message: string) => ({
      result: 'FAIL' as const,
      diagnostics: [{ severity: 'ERROR' as const, code, message }],
      truncated: false,
    });
    if ((input.type ?? 'STANDARD') !== 'STANDARD') {
      return failing('UNSUPPORTED_TYPE', 'Only STANDARD state machines are supported locally');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(input.definition);
    } catch (error) {
      return failing('INVALID_JSON_DESCRIPTION', (error as Error).message);
    }
    const verdict = validateDefinition(parsed);
    if (verdict.valid) return { result: 'OK' as const, diagnostics: [], truncated: false };
    // each problem of the verdict as one diagnostic, as AWS lists them (up to maxResults, 100 by default)
    const problems = verdict.message
      .replace(/^Invalid State Machine Definition: '/, '')
      .replace(/'$/, '')
      .split(/; |, (?=[A-Z_]+: )/);
    const limit = input.maxResults || 100;
    const diagnostics = problems.slice(0, limit).map((problem) => {
      const [, code, message] = /^([A-Z_]+): (.*)$/s.exec(problem) ?? [undefined, 'SCHEMA_VALIDATION_FAILED', problem];
      return { severity: 'ERROR' as const, code: code!, message: message! };
    });
    return { result: 'FAIL' as const, diagnostics, truncated: problems.length > limit };
  }

  async describeStateMachineForExecution(input: { executionArn: string }) {
    const execution = this.requireExecution(input.executionArn);
    const machine = this.machines.get(execution.stateMachineArn);
    return {
      stateMachineArn: execution.stateMachineArn,
      name: execution.stateMachineArn.split(':').at(-1)!,
      // the definition the execution runs, even if the machine was replaced since (a changed ASL file at start-up)
      definition: JSON.stringify(execution.definition),
      roleArn: execution.roleArn,
      updateDate: new Date(machine?.updateDate ?? machine?.creationDate ?? execution.startDate),
    };
  }

  async deleteStateMachine(input: { stateMachineArn: string }) {
    const { stateMachineArn } = input;
    const match = /^arn:aws[\w-]*:states:[\w-]+:\d{12}:stateMachine:([^:/]+)([:/].*)?$/.exec(stateMachineArn);
    if (!match)
      throw new SfnServiceError(
        'InvalidArn',
        `Invalid Arn: 'Resource type not valid in this context: ${stateMachineArn}'`,
      );
    if (match[2]) {
      // a version, alias or Distributed Map label: AWS deletes only whole state machines
      throw new SfnServiceError(
        'ValidationException',
        `Qualified state machine ARNs are not supported by DeleteStateMachine: '${stateMachineArn}'`,
      );
    }
    const machine = this.machines.get(stateMachineArn);
    // deleting what does not exist (or is already being deleted) succeeds, as on AWS
    if (!machine || machine.status === 'DELETING') return {};
    const deleting: StoredStateMachine = { ...machine, status: 'DELETING' };
    this.journal?.recordStateMachine(deleting);
    this.machines.set(stateMachineArn, deleting);
    this.removeDeletedMachines();
    return {};
  }

  /** Removes machines being deleted once none of their executions runs any more. */
  private removeDeletedMachines(): void {
    for (const machine of this.machines.values()) {
      if (machine.status !== 'DELETING') continue;
      const running = [...this.executions.values()].some(
        (execution) => execution.stateMachineArn === machine.stateMachineArn && execution.status === 'RUNNING',
      );
      if (running) continue;
      this.journal?.recordStateMachineDeleted(machine.stateMachineArn);
      this.machines.delete(machine.stateMachineArn);
    }
  }

  async testState(input: TestStateRequest) {
    try {
      return await testState(input, {
        evaluate: aslEvaluators,
        now: this.options.now,
        random: Math.random,
        region: this.region,
        accountId: this.accountId,
        runTask: (resource, parameters) =>
          isLambdaResource(resource)
            ? runLambdaTask(resource, parameters, this.options.invokeLambda)
            : Promise.resolve({
                error: 'States.TaskFailed',
                cause: `The resource ${resource} has no local counterpart; test it with a mock`,
              }),
      });
    } catch (error) {
      if (error instanceof TestStateRefusal) throw new SfnServiceError(error.code, error.message);
      throw error;
    }
  }

  // --- executions ----------------------------------------------------------------------------------

  async redriveExecution(input: { executionArn: string; clientToken?: string }) {
    const execution = this.requireExecution(input.executionArn);
    const now = this.options.now();
    if (input.clientToken) {
      // the same client token within 15 minutes answers the earlier redrive instead of redriving again
      const earlier = findRedriveByClientToken(execution, input.clientToken, now);
      if (earlier !== undefined) return { redriveDate: new Date(earlier) };
    }
    const verdict = assessRedrivability(execution, {
      now,
      machineDeleting: this.machines.get(execution.stateMachineArn)?.status === 'DELETING',
    });
    if (!verdict.redrivable) {
      throw new SfnServiceError(
        'ExecutionNotRedrivable',
        `Execution '${execution.executionArn}' cannot be redriven: ${verdict.reason}`,
      );
    }
    this.requireExecutionCapacity();
    this.change(execution, () => {
      redriveStoppedExecution(execution, { now, clientToken: input.clientToken, newTimerId: () => randomUUID() });
      this.interpreter.run(execution);
    });
    this.flush();
    return { redriveDate: new Date(now) };
  }

  /** AWS refuses to start or redrive beyond its limit of open executions. */
  private requireExecutionCapacity(): void {
    const limit = this.options.maxOpenExecutions ?? 1_000_000;
    let open = 0;
    for (const execution of this.executions.values()) if (execution.status === 'RUNNING') open++;
    if (open >= limit) {
      throw new SfnServiceError(
        'ExecutionLimitExceeded',
        `Execution Limit Exceeded: ${open} executions are open, the limit is ${limit}`,
      );
    }
  }

  async startExecution(input: { stateMachineArn: string; name?: string; input?: string }) {
    // Step Functions Local: `<stateMachineArn>#<TestCase>` runs the test case of the mock configuration
    const [stateMachineArn, testCase] = input.stateMachineArn.split('#', 2) as [string, string | undefined];
    const machine = this.requireMachine(stateMachineArn);
    if (machine.status === 'DELETING') throw stateMachineDeleting(machine.stateMachineArn);
    if (testCase !== undefined && !this.options.mockConfig?.hasTestCase(machine.name, testCase)) {
      throw new SfnServiceError(
        'ValidationException',
        `The mock configuration has no test case '${testCase}' for state machine '${machine.name}'`,
      );
    }
    const name = input.name ?? randomUUID();
    if (!namePattern.test(name)) throw new SfnServiceError('InvalidName', `Invalid Name: '${name}'`);
    const text = input.input ?? '{}';
    let parsedInput: unknown;
    try {
      parsedInput = JSON.parse(text);
    } catch (error) {
      throw new SfnServiceError('InvalidExecutionInput', `Invalid execution input: ${(error as Error).message}`);
    }
    const executionArn = `arn:aws:states:${this.region}:${this.accountId}:execution:${machine.name}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      // AWS: the same name and input return the running execution; a closed one cannot be reused
      if (existing.status === 'RUNNING' && isDeepStrictEqual(existing.input, parsedInput)) {
        return { executionArn, startDate: new Date(existing.startDate) };
      }
      throw new SfnServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    this.requireExecutionCapacity();
    const execution = this.interpreter.createExecution({
      executionArn,
      stateMachineArn: machine.stateMachineArn,
      name,
      roleArn: machine.roleArn,
      definition: JSON.parse(machine.definition) as StatesBlock,
      input: parsedInput,
    });
    if (testCase !== undefined) execution.mock = { testCase, invocations: {}, assigned: {} };
    this.executions.set(executionArn, execution);
    this.change(execution, () => this.interpreter.run(execution));
    this.flush();
    return { executionArn, startDate: new Date(execution.startDate) };
  }

  async describeExecution(input: { executionArn: string }): Promise<DescribeExecutionOutput> {
    const execution = this.requireExecution(input.executionArn);
    return {
      ...summariseExecution(execution),
      input: JSON.stringify(execution.input),
      inputDetails: { included: true },
      ...(execution.status === 'SUCCEEDED'
        ? { output: JSON.stringify(execution.output ?? null), outputDetails: { included: true } }
        : {}),
      ...(execution.error ? { error: execution.error } : {}),
      ...(execution.cause ? { cause: execution.cause } : {}),
      stateTransitionCount: execution.transitions,
      ...this.describeRedrive(execution),
    };
  }

  /** DescribeExecution's redrive fields: count, last date, and whether a redrive is possible now. */
  private describeRedrive(execution: ExecutionState) {
    const verdict = assessRedrivability(execution, {
      now: this.options.now(),
      machineDeleting: this.machines.get(execution.stateMachineArn)?.status === 'DELETING',
    });
    return {
      redriveCount: execution.redriveCount ?? 0,
      ...(execution.redriveDate !== undefined ? { redriveDate: new Date(execution.redriveDate) } : {}),
      redriveStatus: verdict.redrivable ? ('REDRIVABLE' as const) : ('NOT_REDRIVABLE' as const),
      ...(verdict.redrivable ? {} : { redriveStatusReason: verdict.reason }),
    };
  }

  async listExecutions(input: {
    stateMachineArn: string;
    statusFilter?: SfnExecutionStatus;
    redriveFilter?: SfnRedriveFilter;
    maxResults?: number;
    nextToken?: string;
  }) {
    this.requireMachine(input.stateMachineArn);
    const redriven = (execution: ExecutionState) => (execution.redriveCount ?? 0) > 0;
    const all = [...this.executions.values()]
      .filter((execution) => execution.stateMachineArn === input.stateMachineArn)
      .filter((execution) => !input.statusFilter || execution.status === input.statusFilter)
      .filter((execution) => !input.redriveFilter || redriven(execution) === (input.redriveFilter === 'REDRIVEN'))
      .sort((a, b) => b.startDate - a.startDate)
      .map(summariseExecution);
    const { page, nextToken } = paginate(all, input.maxResults, input.nextToken);
    return { executions: page, nextToken };
  }

  async stopExecution(input: { executionArn: string; error?: string; cause?: string }) {
    const execution = this.requireExecution(input.executionArn);
    if (execution.status === 'RUNNING') {
      this.change(execution, () => this.interpreter.abortExecution(execution, input.error, input.cause));
      this.flush();
    }
    return { stopDate: new Date(execution.stopDate ?? this.options.now()) };
  }

  async getExecutionHistory(input: {
    executionArn: string;
    maxResults?: number;
    nextToken?: string;
    reverseOrder?: boolean;
  }) {
    const execution = this.requireExecution(input.executionArn);
    const events = execution.events.map((event) => ({ ...event, timestamp: new Date(event.timestamp) }));
    if (input.reverseOrder) events.reverse();
    const { page, nextToken } = paginate(events, input.maxResults, input.nextToken);
    return { events: page, nextToken };
  }

  // --- map runs -----------------------------------------------------------------------------------

  async describeMapRun(input: { mapRunArn: string }) {
    return this.mapRuns.describe(input.mapRunArn);
  }

  async listMapRuns(input: { executionArn: string; maxResults?: number; nextToken?: string }) {
    this.requireExecution(input.executionArn);
    const { page, nextToken } = paginate(
      this.mapRuns.listForExecution(input.executionArn),
      input.maxResults,
      input.nextToken,
    );
    return { mapRuns: page, nextToken };
  }

  async updateMapRun(input: {
    mapRunArn: string;
    maxConcurrency?: number;
    toleratedFailurePercentage?: number;
    toleratedFailureCount?: number;
  }) {
    this.mapRuns.update(input);
    this.flush();
    return {};
  }

  // --- task tokens ---------------------------------------------------------------------------------

  async sendTaskSuccess(input: { taskToken: string; output: string }) {
    let output: unknown;
    try {
      output = JSON.parse(input.output);
    } catch (error) {
      throw new SfnServiceError('InvalidOutput', `Invalid Output: ${(error as Error).message}`);
    }
    this.resolveToken(input.taskToken, { output });
    return {};
  }

  async sendTaskFailure(input: { taskToken: string; error?: string; cause?: string }) {
    this.resolveToken(input.taskToken, { error: input.error ?? null, cause: input.cause ?? null });
    return {};
  }

  async sendTaskHeartbeat(input: { taskToken: string }) {
    const { execution, taskId } = this.findToken(input.taskToken);
    this.change(execution, () => {
      if (!this.interpreter.heartbeat(execution, taskId)) throw this.tokenGone(input.taskToken);
    });
    this.flush();
    return {};
  }

  // --- internals -----------------------------------------------------------------------------------

  /** Applies a change to an execution; it is journaled by the next flush, before any side effect. */
  private change(execution: ExecutionState, action: () => void): void {
    try {
      action();
    } finally {
      this.dirty.add(execution);
      this.scheduleFlush();
    }
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /**
   * Journals every changed execution once, then starts the tasks they scheduled. Coalescing keeps a
   * Map of a thousand completions to a few writes instead of a thousand, and side effects never run
   * ahead of the journal. API calls flush before answering, so callers never see unjournaled state.
   */
  flush(): void {
    this.flushScheduled = false;
    const outcomes = this.pendingOutcomes.splice(0);
    const resumed = new Set<ExecutionState>();
    for (const { executionArn, taskId, outcome } of outcomes) {
      const execution = this.executions.get(executionArn);
      if (!execution) continue;
      if ('submitted' in outcome) {
        this.interpreter.submitTask(execution, taskId, outcome.submitted);
        this.dirty.add(execution);
        continue;
      }
      if (isMapRunArn(taskId)) this.interpreter.completeMapRun(execution, taskId, outcome, { run: false });
      else this.interpreter.completeTask(execution, taskId, outcome, { run: false });
      resumed.add(execution);
    }
    for (const execution of resumed) this.change(execution, () => this.interpreter.run(execution));
    this.flushScheduled = false;
    for (const execution of this.dirty) {
      if (!execution.mapRunArn) this.journal?.recordExecution(execution);
      this.forgetFinishedTokens(execution);
      this.reportFinishedChild(execution);
      if (execution.status !== 'RUNNING') this.settleMapRuns(execution);
    }
    this.dirty.clear();
    this.removeDeletedMachines();
    if (this.journal?.needsCompaction())
      this.journal.compact(
        [...this.machines.values()],
        [...this.executions.values()].filter((execution) => !execution.mapRunArn),
        this.mapRuns.list(),
      );
    for (const { executionArn, request } of this.pendingDispatches.splice(0)) this.runDispatch(executionArn, request);
    for (const mapRunArn of this.pendingMapRunStops.splice(0)) this.mapRuns.stop(mapRunArn);
    for (const { executionArn, request } of this.pendingMapRuns.splice(0)) this.mapRuns.start(executionArn, request);
  }

  /**
   * An execution ended: its own map runs stop; a map-run child is counted by its map run, then leaves
   * the running set (kept for a while for DescribeExecution / GetExecutionHistory).
   */
  private settleMapRuns(execution: ExecutionState): void {
    this.mapRuns.stopForExecution(execution.executionArn);
    if (!execution.mapRunArn) return;
    this.mapRuns.childFinished(execution);
    this.executions.delete(execution.executionArn);
    this.finishedMapRunChildren.set(execution.executionArn, execution);
    if (this.finishedMapRunChildren.size > maxFinishedMapRunChildren) {
      this.finishedMapRunChildren.delete(this.finishedMapRunChildren.keys().next().value!);
    }
  }

  /** The map runs, wired to this service's executions, journal and object store. */
  private createMapRuns(): MapRuns {
    return new MapRuns({
      now: this.options.now,
      newId: () => randomUUID(),
      objectStore: this.options.objectStore,
      startChild: (request, parentArn, child) => {
        const parent = this.executions.get(parentArn);
        const execution = this.interpreter.createExecution({
          executionArn: child.executionArn,
          stateMachineArn: childStateMachineArn(request.mapRunArn),
          name: child.name,
          roleArn: parent?.roleArn ?? '',
          definition: request.processor,
          input: child.input,
        });
        execution.mapRunArn = request.mapRunArn;
        this.executions.set(execution.executionArn, execution);
        this.change(execution, () => this.interpreter.run(execution));
      },
      stopChild: (executionArn) => {
        const child = this.executions.get(executionArn);
        if (child) this.change(child, () => this.interpreter.abortExecution(child));
      },
      reportOutcome: (parentArn, mapRunArn, outcome) =>
        this.acceptOutcome({ executionArn: parentArn, taskId: mapRunArn, outcome }),
      record: (run) => this.journal?.recordMapRun(run),
      onError: (error) => this.options.onError?.(error),
    });
  }

  private forgetFinishedTokens(execution: ExecutionState): void {
    // tokens of tasks that are no longer waiting can no longer be used
    const waiting = new Set(this.interpreter.listPendingTasks(execution).map((request) => request.taskId));
    for (const [token, entry] of this.tokens) {
      if (entry.executionArn === execution.executionArn && !waiting.has(entry.taskId)) this.tokens.delete(token);
    }
  }

  private dispatch(executionArn: string, request: TaskRequest): void {
    if (request.taskToken) this.tokens.set(request.taskToken, { executionArn, taskId: request.taskId });
    // started by the next flush, once the state that scheduled it is journaled; this also keeps the
    // interpreter from being re-entered from inside startTask
    this.pendingDispatches.push({ executionArn, request });
  }

  private runDispatch(executionArn: string, request: TaskRequest): void {
    const baseResource = request.resource.replace(/\.waitForTaskToken$/, '');
    this.runningTasks++;
    void this.runTask(baseResource, request, executionArn)
      .then((outcome) => {
        if (!outcome) return;
        this.acceptOutcome({ executionArn, taskId: request.taskId, outcome });
      })
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => this.runningTasks--);
  }

  /**
   * Resolves once no task is running and nothing waits to be flushed or dispatched, or after
   * `timeoutMs`: the local clock waits for this before it moves, so that a wait a step is about to start
   * (a Lambda still storing its task token) starts at the time before the jump, as it would have in real
   * time. Returns false on timeout.
   */
  async whenSettled(timeoutMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const busy = () =>
      this.runningTasks > 0 ||
      this.flushScheduled ||
      this.pendingDispatches.length > 0 ||
      this.pendingOutcomes.length > 0 ||
      this.pendingMapRuns.length > 0 ||
      this.mapRuns.isBusy();
    // two quiet checks in a row: a task that just ended may schedule the next one on the following turn
    let quiet = 0;
    while (quiet < 2) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
      quiet = busy() ? 0 : quiet + 1;
    }
    return true;
  }

  /** Journals a task's outcome at once (a crash before the next flush keeps it), then queues it. */
  private acceptOutcome(outcome: StoredOutcome): void {
    // map-run children are not journaled, so neither are their tasks' outcomes
    if (!this.executions.get(outcome.executionArn)?.mapRunArn) this.journal?.recordOutcome(outcome);
    this.pendingOutcomes.push(outcome);
    this.scheduleFlush();
  }

  /** Waits for a child execution of a .sync task; reports at once if it has already ended. */
  private watchChild(childArn: string, parentArn: string, request: TaskRequest): void {
    this.childWatchers.set(childArn, {
      executionArn: parentArn,
      taskId: request.taskId,
      parsed: request.resource.endsWith(':2'),
    });
    const child = this.executions.get(childArn);
    if (child) this.reportFinishedChild(child);
  }

  /** When a .sync child ends, its result becomes the waiting parent task's outcome. */
  private reportFinishedChild(child: ExecutionState): void {
    const watcher = this.childWatchers.get(child.executionArn);
    if (!watcher || child.status === 'RUNNING') return;
    this.childWatchers.delete(child.executionArn);
    const text = (value: unknown) => JSON.stringify(value ?? null);
    const result = {
      ExecutionArn: child.executionArn,
      Input: watcher.parsed ? child.input : text(child.input),
      InputDetails: { Included: true },
      Name: child.name,
      ...(child.status === 'SUCCEEDED'
        ? { Output: watcher.parsed ? child.output : text(child.output), OutputDetails: { Included: true } }
        : {}),
      StartDate: child.startDate,
      StateMachineArn: child.stateMachineArn,
      Status: child.status,
      StopDate: child.stopDate,
      ...(child.error ? { Error: child.error } : {}),
      ...(child.cause ? { Cause: child.cause } : {}),
    };
    const outcome: TaskOutcome =
      child.status === 'SUCCEEDED' ? { output: result } : { error: 'States.TaskFailed', cause: JSON.stringify(result) };
    this.pendingOutcomes.push({ executionArn: watcher.executionArn, taskId: watcher.taskId, outcome });
    this.scheduleFlush();
  }

  /** Starts a child execution; with .sync the parent task waits for it (see reportFinishedChild). */
  private async startChildExecution(
    resource: string,
    request: TaskRequest,
    parentArn: string,
  ): Promise<TaskOutcome | undefined> {
    const parameters = (request.parameters ?? {}) as { StateMachineArn?: string; Input?: unknown; Name?: string };
    let started: { executionArn: string; startDate: Date };
    try {
      started = await this.startExecution({
        stateMachineArn: String(parameters.StateMachineArn),
        // a stable default name: after a restart the task is dispatched again and finds the same child
        name: parameters.Name ?? request.taskId,
        input: typeof parameters.Input === 'string' ? parameters.Input : JSON.stringify(parameters.Input ?? {}),
      });
    } catch (error) {
      const failure = error as SfnServiceError;
      // dispatched again after a restart, the task finds the child it started before: watch that one
      const machineName = String(parameters.StateMachineArn).split(':').pop();
      const previous = this.executions.get(
        `arn:aws:states:${this.region}:${this.accountId}:execution:${machineName}:${parameters.Name ?? request.taskId}`,
      );
      if (failure.name === 'ExecutionAlreadyExists' && !parameters.Name && previous && /\.sync(:2)?$/.test(resource)) {
        this.watchChild(previous.executionArn, parentArn, request);
        return undefined;
      }
      // AWS's service-integration error names: StepFunctions.<Name>Exception
      const name = failure.name.endsWith('Exception') ? failure.name : `${failure.name}Exception`;
      return { error: `StepFunctions.${name}`, cause: failure.message };
    }
    if (!/\.sync(:2)?$/.test(resource))
      return { output: { ExecutionArn: started.executionArn, StartDate: started.startDate.getTime() } };
    // AWS records the StartExecution response as TaskSubmitted, then waits for the child
    this.acceptOutcome({
      executionArn: parentArn,
      taskId: request.taskId,
      outcome: { submitted: { ExecutionArn: started.executionArn, StartDate: started.startDate.getTime() } },
    });
    this.watchChild(started.executionArn, parentArn, request);
    return undefined;
  }

  /**
   * Runs a task's integration. With a task token the call only hands the token on: a successful call
   * is recorded as TaskSubmitted and the outcome comes later through SendTask*; a failed call fails
   * the task.
   */
  private async runTask(resource: string, request: TaskRequest, parentArn: string): Promise<TaskOutcome | undefined> {
    const mocked = this.findMockedResponse(parentArn, request);
    if (mocked) {
      // a mocked .waitForTaskToken task records its (stub) message as sent, then ends with the mock
      if (request.taskToken) {
        const body = JSON.stringify((request.parameters as { MessageBody?: unknown })?.MessageBody ?? null);
        const submitted = { MessageId: randomUUID(), MD5OfMessageBody: createHash('md5').update(body).digest('hex') };
        this.acceptOutcome({ executionArn: parentArn, taskId: request.taskId, outcome: { submitted } });
      }
      return mockedTaskOutcome(resource, request, mocked);
    }
    if (resource.startsWith('arn:aws:states:::states:startExecution'))
      return this.startChildExecution(resource, request, parentArn);
    let submitted: unknown;
    if (isLambdaResource(resource)) {
      const outcome = await runLambdaTask(resource, request.parameters, this.options.invokeLambda);
      if (!request.taskToken || !('output' in outcome)) return outcome;
      submitted = outcome.output;
    } else if (resource.startsWith('arn:aws:states:::sqs:sendMessage') && request.taskToken) {
      // no local queue: the message goes to whoever listens for awaiting tokens
      const body = JSON.stringify((request.parameters as { MessageBody?: unknown })?.MessageBody ?? null);
      submitted = { MessageId: randomUUID(), MD5OfMessageBody: createHash('md5').update(body).digest('hex') };
    } else {
      return {
        error: 'States.TaskFailed',
        cause: `The resource ${resource} has no local counterpart; TrustFlow's local engine runs Lambda, SQS-callback and Step Functions tasks`,
      };
    }
    this.acceptOutcome({ executionArn: parentArn, taskId: request.taskId, outcome: { submitted } });
    this.options.onTaskAwaitingToken?.(parentArn, request);
    return undefined;
  }

  /** Gives a task of a mocked execution its invocation number, once: dispatched again, it keeps it. */
  private assignMockedInvocation(execution: ExecutionState, request: TaskRequest): void {
    const mock = execution.mock;
    if (!mock || mock.assigned[request.taskId] !== undefined) return;
    const invocation = mock.invocations[request.stateName] ?? 0;
    mock.invocations[request.stateName] = invocation + 1;
    mock.assigned[request.taskId] = invocation;
  }

  /** The mocked response of a task of a mocked execution; undefined for a state the test case does not mock. */
  private findMockedResponse(executionArn: string, request: TaskRequest) {
    const execution = this.executions.get(executionArn);
    const mock = execution?.mock;
    const config = this.options.mockConfig;
    if (!execution || !mock || !config) return undefined;
    const machineName = execution.stateMachineArn.split(':').at(-1)!;
    try {
      return config.responseFor(machineName, mock.testCase, request.stateName, mock.assigned[request.taskId] ?? 0);
    } catch (error) {
      if (!(error instanceof MockConfigError)) throw error;
      return { Throw: { Error: 'States.Runtime', Cause: error.message } };
    }
  }

  private findToken(taskToken: string): { execution: ExecutionState; taskId: string } {
    if (!/^[0-9a-f-]{72}$/.test(taskToken)) throw new SfnServiceError('InvalidToken', 'Invalid token');
    const entry = this.tokens.get(taskToken);
    if (!entry) throw this.tokenGone(taskToken);
    return { execution: this.executions.get(entry.executionArn)!, taskId: entry.taskId };
  }

  private tokenGone(taskToken: string): SfnServiceError {
    return this.expiredTokens.has(taskToken)
      ? new SfnServiceError('TaskTimedOut', 'Task Timed Out')
      : new SfnServiceError('TaskDoesNotExist', 'Task Does Not Exist');
  }

  private resolveToken(taskToken: string, outcome: TaskOutcome): void {
    const { execution, taskId } = this.findToken(taskToken);
    this.change(execution, () => this.interpreter.completeTask(execution, taskId, outcome));
    this.flush();
  }

  private requireMachine(stateMachineArn: string): StoredStateMachine {
    const machine = this.machines.get(stateMachineArn);
    if (!machine)
      throw new SfnServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
    return machine;
  }

  private requireExecution(executionArn: string): ExecutionState {
    const execution = this.executions.get(executionArn) ?? this.finishedMapRunChildren.get(executionArn);
    if (!execution) throw new SfnServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return execution;
  }
}

/** What ListExecutions shows of an execution, and DescribeExecution starts from. */
function summariseExecution(execution: ExecutionState) {
  return {
    executionArn: execution.executionArn,
    stateMachineArn: execution.stateMachineArn,
    name: execution.name,
    status: execution.status,
    startDate: new Date(execution.startDate),
    ...(execution.stopDate !== undefined ? { stopDate: new Date(execution.stopDate) } : {}),
    ...(execution.redriveCount
      ? { redriveCount: execution.redriveCount, redriveDate: new Date(execution.redriveDate!) }
      : {}),
  };
}

function stateMachineDeleting(stateMachineArn: string): SfnServiceError {
  return new SfnServiceError('StateMachineDeleting', `State Machine is being deleted: '${stateMachineArn}'`);
}

function paginate<T>(items: T[], maxResults = 100, nextToken?: string): { page: T[]; nextToken?: string } {
  const start = nextToken ? Number(Buffer.from(nextToken, 'base64url').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0) throw new SfnServiceError('InvalidToken', 'Invalid pagination token');
  const size = Math.max(1, Math.min(maxResults || 100, 1000));
  const page = items.slice(start, start + size);
  const next = start + size < items.length ? Buffer.from(String(start + size)).toString('base64url') : undefined;
  return { page, nextToken: next };
}
