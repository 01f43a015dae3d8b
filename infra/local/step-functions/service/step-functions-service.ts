import { createHash, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { aslEvaluators } from '../engine/asl-evaluators';
import type { ExecutionState, StatesBlock } from '../engine/execution-model';
import { Interpreter, type TaskOutcome, type TaskRequest } from '../engine/interpreter';
import { isLambdaResource, runLambdaTask, type LambdaInvoker } from '../engine/lambda-integration';
import { validateDefinition } from '../engine/validate-definition';
import { ExecutionJournal, type StoredOutcome, type StoredStateMachine } from './execution-journal';
import { SfnServiceError, type DescribeExecutionOutput, type SfnApi, type SfnExecutionStatus } from './sfn-api';

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
}

const namePattern = /^[A-Za-z0-9_-]{1,80}$/;

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

  constructor(private readonly options: StepFunctionsServiceOptions) {
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '000000000000';
    this.interpreter = new Interpreter(
      {
        now: options.now,
        random: Math.random,
        newId: () => randomUUID(),
        startTask: (execution, request) => this.dispatch(execution.executionArn, request),
        taskTimedOut: (_execution, request) => {
          if (request.taskToken) this.expiredTokens.add(request.taskToken);
        },
      },
      aslEvaluators,
    );
    if (options.journalFile) {
      this.journal = ExecutionJournal.open(options.journalFile);
      for (const machine of this.journal.contents.machines) this.machines.set(machine.stateMachineArn, machine);
      for (const execution of this.journal.contents.executions) this.executions.set(execution.executionArn, execution);
      this.recoveredOutcomes = this.journal.contents.outcomes;
    }
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
    return { ...machine, status: 'ACTIVE' as const, creationDate: new Date(machine.creationDate) };
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

  // --- executions ----------------------------------------------------------------------------------

  async startExecution(input: { stateMachineArn: string; name?: string; input?: string }) {
    const machine = this.requireMachine(input.stateMachineArn);
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
    const execution = this.interpreter.createExecution({
      executionArn,
      stateMachineArn: machine.stateMachineArn,
      name,
      roleArn: machine.roleArn,
      definition: JSON.parse(machine.definition) as StatesBlock,
      input: parsedInput,
    });
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
    };
  }

  async listExecutions(input: {
    stateMachineArn: string;
    statusFilter?: SfnExecutionStatus;
    maxResults?: number;
    nextToken?: string;
  }) {
    this.requireMachine(input.stateMachineArn);
    const all = [...this.executions.values()]
      .filter((execution) => execution.stateMachineArn === input.stateMachineArn)
      .filter((execution) => !input.statusFilter || execution.status === input.statusFilter)
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
      this.interpreter.completeTask(execution, taskId, outcome, { run: false });
      resumed.add(execution);
    }
    for (const execution of resumed) this.change(execution, () => this.interpreter.run(execution));
    this.flushScheduled = false;
    for (const execution of this.dirty) {
      this.journal?.recordExecution(execution);
      this.forgetFinishedTokens(execution);
      this.reportFinishedChild(execution);
    }
    this.dirty.clear();
    if (this.journal?.needsCompaction())
      this.journal.compact([...this.machines.values()], [...this.executions.values()]);
    for (const { executionArn, request } of this.pendingDispatches.splice(0)) this.runDispatch(executionArn, request);
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
      this.pendingOutcomes.length > 0;
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
    this.journal?.recordOutcome(outcome);
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
    const execution = this.executions.get(executionArn);
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
  };
}

function paginate<T>(items: T[], maxResults = 100, nextToken?: string): { page: T[]; nextToken?: string } {
  const start = nextToken ? Number(Buffer.from(nextToken, 'base64url').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0) throw new SfnServiceError('InvalidToken', 'Invalid pagination token');
  const size = Math.max(1, Math.min(maxResults || 100, 1000));
  const page = items.slice(start, start + size);
  const next = start + size < items.length ? Buffer.from(String(start + size)).toString('base64url') : undefined;
  return { page, nextToken: next };
}
