import { StatesError } from '../asl/states-error';
import { buildContextObject } from './context-object';
import { computeRetryDelayMs, findCatcher, findRetrier, type Catcher, type Retrier } from './error-matching';
import { buildMapRunArn, isDistributedMap, resolveMapRunSettings, type MapRunRequest } from './distributed-map';
import type {
  ExecutionState,
  HistoryEvent,
  StateDefinition,
  StatesBlock,
  TaskRequest,
  Thread,
} from './execution-model';

export type { TaskRequest } from './execution-model';

/** The ASL evaluators the interpreter needs (paths, templates, choice rules). */
export interface AslEvaluators {
  inputPath(rawInput: unknown, path: string | null | undefined, context: unknown): unknown;
  parameters(template: unknown, effectiveInput: unknown, context: unknown): unknown;
  resultSelector(template: unknown, result: unknown, context: unknown): unknown;
  resultPath(rawInput: unknown, path: string | null | undefined, result: unknown, context: unknown): unknown;
  outputPath(value: unknown, path: string | null | undefined, context: unknown): unknown;
  readPath(path: string, input: unknown, context: unknown): unknown;
  /** ErrorPath/CausePath-style fields, which word a missing path differently and accept intrinsics. */
  fieldPath(field: string, path: string, input: unknown, context: unknown): unknown;
  /** Epoch ms of an RFC 3339 timestamp as AWS accepts it, or undefined. */
  parseTimestamp(text: string): number | undefined;
  chooseNext(state: StateDefinition, input: unknown, context: unknown): string;
}

/** What the interpreter needs from its surroundings. */
export interface InterpreterHost {
  /** Business time, ms. */
  now(): number;
  random(): number;
  newId(): string;
  /** Starts a task; must report back asynchronously, never from inside this call. */
  startTask(execution: ExecutionState, request: TaskRequest): void;
  /** A task's TimeoutSeconds or HeartbeatSeconds elapsed (its token now answers TaskTimedOut). */
  taskTimedOut?(execution: ExecutionState, request: TaskRequest): void;
  /**
   * Starts a Distributed Map's map run; must report back asynchronously (completeMapRun), never from
   * inside this call. Without it, a Distributed Map fails with States.Runtime.
   */
  startMapRun?(execution: ExecutionState, request: MapRunRequest): void;
  /** A map run's Map state no longer waits for it (aborted, or its execution ended): stop its children. */
  stopMapRun?(execution: ExecutionState, mapRunArn: string): void;
  /**
   * Asked before each state transition; an answer ends the execution there as FAILED (AWS fails the
   * executions of a deleted state machine on their next transition).
   */
  haltBeforeTransition?(execution: ExecutionState): { error: string; cause: string } | undefined;
}

const legacyLambdaArn = /^arn:aws:lambda:[^:]+:\d+:function:/;

/** The longest delay a Wait state accepts (2^31 - 1 seconds, about 68 years). */
const maxWaitSeconds = 2 ** 31 - 1;

/** The outcome of a task. */
/** A task's outcome; a failure reported without error or cause (SendTaskFailure allows it) has them null. */
export type TaskOutcome = { output: unknown } | { error: string | null; cause: string | null };

/**
 * Moves executions forward. All state lives in the {@link ExecutionState}; the interpreter only
 * turns one consistent state into the next, so a journal of states (or of its inputs) can restore it.
 */
export class Interpreter {
  /**
   * taskId → threadId per execution. Not part of the (journaled) state: a hint, rebuilt from the
   * threads whenever it misses, so a restored execution needs nothing extra.
   */
  private readonly taskIndex = new WeakMap<ExecutionState, Map<string, string>>();

  constructor(
    private readonly host: InterpreterHost,
    private readonly evaluate: AslEvaluators,
  ) {}

  /** Creates a running execution with its root thread about to enter StartAt. */
  createExecution(
    init: Pick<ExecutionState, 'executionArn' | 'stateMachineArn' | 'name' | 'roleArn' | 'definition' | 'input'>,
  ): ExecutionState {
    const now = this.host.now();
    const rootId = this.host.newId();
    const execution: ExecutionState = {
      ...init,
      status: 'RUNNING',
      startDate: now,
      events: [],
      transitions: 0,
      threads: {},
      rootThreadId: rootId,
      timers: [],
      sequence: 0,
    };
    const started = this.emit(execution, 0, 'ExecutionStarted', {
      executionStartedEventDetails: {
        input: json(init.input),
        inputDetails: { truncated: false },
        roleArn: init.roleArn,
      },
    });
    execution.threads[rootId] = this.newThread(rootId, [], init.definition.StartAt, init.input, started, now);
    if (init.definition.TimeoutSeconds !== undefined) {
      execution.timers.push({
        id: this.host.newId(),
        dueAt: now + init.definition.TimeoutSeconds * 1000,
        threadId: rootId,
        purpose: 'execution-timeout',
      });
    }
    return execution;
  }

  /** Runs every thread that can run until all are waiting or the execution has ended. */
  run(execution: ExecutionState): void {
    // One step per runnable thread per round, so branches and iterations interleave as on AWS.
    for (;;) {
      const runnable = Object.values(execution.threads).filter(
        (candidate) =>
          candidate.status === 'RUNNING' &&
          (['enter', 'execute', 'exit', 'error'].includes(candidate.step.kind) ||
            (candidate.step.kind === 'task' && !candidate.step.started)),
      );
      if (runnable.length === 0) return;
      for (const thread of runnable) {
        if (execution.status !== 'RUNNING') return;
        if (execution.threads[thread.id] === thread && thread.status === 'RUNNING') this.step(execution, thread);
      }
    }
  }

  /** The earliest pending timer, if any. */
  nextDueAt(execution: ExecutionState): number | undefined {
    return execution.timers.reduce<number | undefined>(
      (min, timer) => (Number.isFinite(timer.dueAt) && (min === undefined || timer.dueAt < min) ? timer.dueAt : min),
      undefined,
    );
  }

  /** Fires every timer due at `now`, in due order, then runs what became runnable. */
  fireDueTimers(execution: ExecutionState, now: number): void {
    for (;;) {
      if (execution.status !== 'RUNNING') return;
      const due = execution.timers.filter((timer) => timer.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
      if (due.length === 0) return;
      // everything due at the earliest instant fires before anything runs, as AWS records it
      const instant = due[0]!.dueAt;
      for (const timer of due.filter((candidate) => candidate.dueAt === instant)) {
        execution.timers = execution.timers.filter((pending) => pending.id !== timer.id);
        if (timer.purpose === 'execution-timeout') {
          this.finishExecution(execution, 'TIMED_OUT', {});
          return;
        }
        this.fireTimer(execution, timer);
      }
      this.run(execution);
    }
  }

  private fireTimer(execution: ExecutionState, timer: ExecutionState['timers'][number]): void {
    const thread = execution.threads[timer.threadId];
    if (!thread || thread.status !== 'RUNNING') return;
    if (timer.purpose === 'task-timeout' || timer.purpose === 'heartbeat') {
      // only the task the timer was set for: a retried task has a new id and its own timers
      if (thread.step.kind === 'task' && timer.id.endsWith(thread.step.taskId)) this.timeOutTask(execution, thread);
      return;
    }
    if (thread.step.kind !== 'timer' || thread.step.timerId !== timer.id) return;
    thread.step = thread.step.then === 'exit' ? { kind: 'exit', output: thread.pendingOutput } : { kind: 'execute' };
  }

  /** Stops a running execution (StopExecution): ABORTED, with the caller's error and cause. */
  abortExecution(execution: ExecutionState, error?: string, cause?: string): void {
    if (execution.status !== 'RUNNING') return;
    execution.status = 'ABORTED';
    execution.stopDate = this.host.now();
    execution.timers = [];
    if (error) execution.error = error;
    if (cause) execution.cause = cause;
    for (const thread of Object.values(execution.threads)) {
      if (thread.status === 'RUNNING') {
        thread.status = 'ABORTED';
        thread.step = { kind: 'done' };
      }
    }
    const root = execution.threads[execution.rootThreadId];
    this.emit(execution, root?.lastEventId ?? execution.events.length, 'ExecutionAborted', {
      executionAbortedEventDetails: { ...(error ? { error } : {}), ...(cause ? { cause } : {}) },
    });
  }

  /** Ends a running execution as FAILED from outside its states, with this error and cause. */
  failExecution(execution: ExecutionState, error: string, cause: string): void {
    if (execution.status !== 'RUNNING') return;
    for (const thread of Object.values(execution.threads)) {
      if (thread.status === 'RUNNING') {
        thread.status = 'ABORTED';
        thread.step = { kind: 'done' };
      }
    }
    this.finishExecution(execution, 'FAILED', { error, cause });
  }

  /**
   * Records that a `.waitForTaskToken` task's integration call went through (TaskSubmitted, with the
   * service's response); the task keeps waiting for its token.
   */
  submitTask(execution: ExecutionState, taskId: string, output: unknown): void {
    const thread = this.findTaskThread(execution, taskId);
    if (!thread || thread.step.kind !== 'task' || execution.status !== 'RUNNING') return;
    // the integration call happened: a restarted engine must not make it again
    thread.step = { ...thread.step, submitted: output ?? null };
    const resource = thread.step.request.resource;
    this.emitFor(execution, thread, 'TaskSubmitted', {
      taskSubmittedEventDetails: {
        output: json(output),
        outputDetails: { truncated: false },
        resource: taskResourceName(resource),
        resourceType: taskResourceType(resource),
      },
    });
  }

  /** Restarts a task's heartbeat timer; false when no such task is waiting. */
  heartbeat(execution: ExecutionState, taskId: string): boolean {
    const thread = this.findTaskThread(execution, taskId);
    if (!thread || thread.step.kind !== 'task' || execution.status !== 'RUNNING') return false;
    const seconds = thread.step.heartbeatSeconds;
    const timer = execution.timers.find((candidate) => candidate.id === `heartbeat-${taskId}`);
    if (timer && seconds !== undefined) timer.dueAt = this.host.now() + seconds * 1000;
    return true;
  }

  private findTaskThread(execution: ExecutionState, taskId: string): Thread | undefined {
    const isWaiting = (thread: Thread | undefined): thread is Thread =>
      thread?.step.kind === 'task' && thread.step.taskId === taskId;
    const hinted = execution.threads[this.taskIndex.get(execution)?.get(taskId) ?? ''];
    if (isWaiting(hinted)) return hinted;
    const index = new Map<string, string>();
    for (const thread of Object.values(execution.threads)) {
      if (thread.step.kind === 'task') index.set(thread.step.taskId, thread.id);
    }
    this.taskIndex.set(execution, index);
    const found = execution.threads[index.get(taskId) ?? ''];
    return isWaiting(found) ? found : undefined;
  }

  /** Waiting tasks with what their integration call returned, if it was made (see submitTask). */
  listWaitingTasks(execution: ExecutionState): { request: TaskRequest; submitted?: unknown }[] {
    return Object.values(execution.threads).flatMap((thread) =>
      thread.status === 'RUNNING' && thread.step.kind === 'task'
        ? [{ request: thread.step.request, submitted: thread.step.submitted }]
        : [],
    );
  }

  /** Tasks waiting for an outcome (for a restarted engine to dispatch again or to accept tokens for). */
  listPendingTasks(execution: ExecutionState): TaskRequest[] {
    return Object.values(execution.threads).flatMap((thread) =>
      thread.status === 'RUNNING' && thread.step.kind === 'task' ? [thread.step.request] : [],
    );
  }

  /** Reports a task's outcome and (unless told not to) continues the execution. */
  completeTask(execution: ExecutionState, taskId: string, outcome: TaskOutcome, options: { run?: boolean } = {}): void {
    const thread = this.findTaskThread(execution, taskId);
    if (!thread || execution.status !== 'RUNNING') return;
    execution.timers = execution.timers.filter(
      (timer) => timer.id !== `timeout-${taskId}` && timer.id !== `heartbeat-${taskId}`,
    );
    const state = this.stateOf(execution, thread);
    const resource = String(state.Resource);
    const isLegacyLambda = legacyLambdaArn.test(resource);
    if ('output' in outcome) {
      if (isLegacyLambda) {
        this.emitFor(execution, thread, 'LambdaFunctionSucceeded', {
          lambdaFunctionSucceededEventDetails: { output: json(outcome.output), outputDetails: { truncated: false } },
        });
      } else {
        this.emitFor(execution, thread, 'TaskSucceeded', {
          taskSucceededEventDetails: {
            output: json(outcome.output),
            outputDetails: { truncated: false },
            resource: taskResourceName(resource),
            resourceType: taskResourceType(resource),
          },
        });
      }
      this.exitWithResult(execution, thread, state, outcome.output);
    } else {
      if (isLegacyLambda) {
        this.emitFor(execution, thread, 'LambdaFunctionFailed', {
          lambdaFunctionFailedEventDetails: { error: outcome.error, cause: outcome.cause },
        });
      } else {
        this.emitFor(execution, thread, 'TaskFailed', {
          taskFailedEventDetails: {
            error: outcome.error,
            cause: outcome.cause,
            resource: taskResourceName(resource),
            resourceType: taskResourceType(resource),
          },
        });
      }
      this.handleError(execution, thread, outcome.error, outcome.cause);
    }
    // a caller applying many outcomes at once runs the execution once, after the last
    if (options.run !== false) this.run(execution);
  }

  private timeOutTask(execution: ExecutionState, thread: Thread): void {
    const resource = String(this.stateOf(execution, thread).Resource);
    if (legacyLambdaArn.test(resource)) {
      this.emitFor(execution, thread, 'LambdaFunctionTimedOut', {
        lambdaFunctionTimedOutEventDetails: { error: 'States.Timeout' },
      });
    } else {
      this.emitFor(execution, thread, 'TaskTimedOut', {
        taskTimedOutEventDetails: {
          error: 'States.Timeout',
          resource: taskResourceName(resource),
          resourceType: taskResourceType(resource),
        },
      });
    }
    if (thread.step.kind === 'task') this.host.taskTimedOut?.(execution, thread.step.request);
    if (thread.step.kind === 'task') {
      const { taskId } = thread.step;
      execution.timers = execution.timers.filter(
        (timer) => timer.id !== `timeout-${taskId}` && timer.id !== `heartbeat-${taskId}`,
      );
    }
    thread.step = { kind: 'error', error: 'States.Timeout', cause: '' };
  }

  // --- one step of one thread ------------------------------------------------------------------

  private step(execution: ExecutionState, thread: Thread): void {
    switch (thread.step.kind) {
      case 'enter':
        return this.enter(execution, thread);
      case 'execute':
        return this.guard(execution, thread, () => this.execute(execution, thread));
      case 'exit':
        return this.exit(execution, thread, thread.step.output);
      case 'task':
        return this.markTaskStarted(execution, thread);
      case 'error':
        return this.handleError(execution, thread, thread.step.error, thread.step.cause);
      default:
        return;
    }
  }

  /** The worker picked the task up: recorded a round after scheduling, as AWS does. */
  private markTaskStarted(execution: ExecutionState, thread: Thread): void {
    if (thread.step.kind !== 'task' || thread.step.started) return;
    thread.step = { ...thread.step, started: true };
    const resource = String(this.stateOf(execution, thread).Resource);
    if (legacyLambdaArn.test(resource)) {
      this.emitFor(execution, thread, 'LambdaFunctionStarted', {});
    } else {
      this.emitFor(execution, thread, 'TaskStarted', {
        taskStartedEventDetails: { resource: taskResourceName(resource), resourceType: taskResourceType(resource) },
      });
    }
  }

  private enter(execution: ExecutionState, thread: Thread): void {
    const halt = this.host.haltBeforeTransition?.(execution);
    if (halt) {
      this.failExecution(execution, halt.error, halt.cause);
      return;
    }
    // a new state: what a redrive would have re-run of the previous one no longer applies
    delete thread.redriveStash;
    const state = this.stateOf(execution, thread);
    if (!state) {
      this.failThread(execution, thread, 'States.Runtime', `State '${thread.stateName}' does not exist`);
      return;
    }
    execution.transitions += 1;
    thread.enteredAt = this.host.now();
    thread.retryCounts = [];
    thread.enteredEventId = this.emitFor(execution, thread, `${state.Type}StateEntered`, {
      stateEnteredEventDetails: {
        input: json(thread.stateInput),
        inputDetails: { truncated: false },
        name: thread.stateName,
      },
    });
    thread.step = { kind: 'execute' };
    // AWS schedules a task in the same step that enters its state (recorded Map histories)
    if (state.Type === 'Task') this.guard(execution, thread, () => this.execute(execution, thread));
  }

  private execute(execution: ExecutionState, thread: Thread): void {
    const state = this.stateOf(execution, thread);
    const context = buildContextObject(execution, thread);
    const raw = thread.stateInput;
    const inputPath = state.InputPath as string | null | undefined;
    const outputPath = state.OutputPath as string | null | undefined;
    switch (state.Type) {
      case 'Pass': {
        const effective = this.withParameters(state, this.evaluate.inputPath(raw, inputPath, context), context);
        const result = 'Result' in state ? state.Result : effective;
        const merged = this.evaluate.resultPath(raw, state.ResultPath as string | null | undefined, result, context);
        thread.step = { kind: 'exit', output: this.evaluate.outputPath(merged, outputPath, context) };
        return;
      }
      case 'Succeed': {
        const effective = this.evaluate.inputPath(raw, inputPath, context);
        thread.step = { kind: 'exit', output: this.evaluate.outputPath(effective, outputPath, context) };
        return;
      }
      case 'Fail':
        return this.executeFail(execution, thread, state, context);
      case 'Choice': {
        const effective = this.evaluate.inputPath(raw, inputPath, context);
        const next = this.evaluate.chooseNext(state, effective, context);
        thread.choiceNext = next;
        thread.step = { kind: 'exit', output: this.evaluate.outputPath(effective, outputPath, context) };
        return;
      }
      case 'Wait':
        return this.executeWait(execution, thread, state, context);
      case 'Task':
        return this.executeTask(execution, thread, state, context);
      case 'Parallel':
        return this.executeParallel(execution, thread, state, context);
      case 'Map':
        return this.executeMap(execution, thread, state, context);
      default:
        throw new StatesError('States.Runtime', `Unsupported state type ${state.Type}`);
    }
  }

  private withParameters(state: StateDefinition, effective: unknown, context: unknown): unknown {
    return state.Parameters !== undefined ? this.evaluate.parameters(state.Parameters, effective, context) : effective;
  }

  private executeFail(execution: ExecutionState, thread: Thread, state: StateDefinition, context: unknown): void {
    const error =
      state.ErrorPath !== undefined
        ? this.readStringField(state.ErrorPath as string, 'ErrorPath', thread.stateInput, context)
        : (state.Error as string | undefined);
    const cause =
      state.CausePath !== undefined
        ? this.readStringField(state.CausePath as string, 'CausePath', thread.stateInput, context)
        : (state.Cause as string | undefined);
    this.failThread(execution, thread, error ?? '', cause ?? '', { terminal: true });
  }

  private readStringField(path: string, field: string, input: unknown, context: unknown): string {
    const value = this.evaluate.fieldPath(field, path, input, context);
    if (typeof value !== 'string') {
      throw new StatesError(
        'States.Runtime',
        `The JSONPath '${path}' specified for the field '${field}' did not return a String`,
      );
    }
    return value;
  }

  private executeWait(execution: ExecutionState, thread: Thread, state: StateDefinition, context: unknown): void {
    const effective = this.evaluate.inputPath(thread.stateInput, state.InputPath as string | null | undefined, context);
    const now = this.host.now();
    let dueAt: number;
    if (state.Seconds !== undefined) dueAt = now + Number(state.Seconds) * 1000;
    else if (state.Timestamp !== undefined) dueAt = this.evaluate.parseTimestamp(String(state.Timestamp)) ?? Number.NaN;
    else if (state.SecondsPath !== undefined) {
      const seconds = this.evaluate.readPath(String(state.SecondsPath), effective, context);
      if (typeof seconds === 'number' && !Number.isInteger(seconds)) {
        throw new StatesError(
          'States.Runtime',
          `The SecondsPath parameter cannot be parsed as a long value: ${String(state.SecondsPath)} == ${seconds}`,
        );
      }
      if (typeof seconds !== 'number') {
        throw new StatesError(
          'States.Runtime',
          `The SecondsPath parameter does not reference a valid integer value: ${String(state.SecondsPath)} == ${json(seconds)}`,
        );
      }
      if (seconds < 0) {
        throw new StatesError(
          'States.Runtime',
          `The SecondsPath parameter references a negative value: ${String(state.SecondsPath)} == ${seconds}`,
        );
      }
      dueAt = now + seconds * 1000;
    } else {
      const timestamp = this.evaluate.readPath(String(state.TimestampPath), effective, context);
      dueAt = typeof timestamp === 'string' ? (this.evaluate.parseTimestamp(timestamp) ?? Number.NaN) : Number.NaN;
      if (Number.isNaN(dueAt)) {
        throw new StatesError(
          'States.Runtime',
          `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${String(state.TimestampPath)} == ${typeof timestamp === 'string' ? timestamp : json(timestamp)}`,
        );
      }
    }
    // AWS keeps the delay in a signed 32-bit count of seconds
    if (dueAt - now > maxWaitSeconds * 1000) throw new StatesError('States.Runtime', 'Wait state delay is too long.');
    const timerId = this.host.newId();
    execution.timers.push({ id: timerId, dueAt, threadId: thread.id, purpose: 'wait' });
    thread.pendingOutput = this.evaluate.outputPath(effective, state.OutputPath as string | null | undefined, context);
    thread.step = { kind: 'timer', timerId, then: 'exit' };
  }

  private executeTask(execution: ExecutionState, thread: Thread, state: StateDefinition, _context: unknown): void {
    const resource = String(state.Resource);
    const waitsForToken = resource.endsWith('.waitForTaskToken');
    const taskToken = waitsForToken ? `${this.host.newId()}${this.host.newId()}` : undefined;
    const context = buildContextObject(execution, thread, { taskToken, stateType: 'Task' });
    const effective = this.evaluate.inputPath(thread.stateInput, state.InputPath as string | null | undefined, context);
    const parameters = this.withParameters(state, effective, context);
    // the *Path forms read the state input, before anything is scheduled
    const timeoutSeconds = this.readSecondsField(state, 'TimeoutSeconds', thread.stateInput, context);
    const heartbeatSeconds = this.readSecondsField(state, 'HeartbeatSeconds', thread.stateInput, context);
    const taskId = this.host.newId();
    if (legacyLambdaArn.test(resource)) {
      this.emitFor(execution, thread, 'LambdaFunctionScheduled', {
        lambdaFunctionScheduledEventDetails: {
          input: json(parameters),
          inputDetails: { truncated: false },
          resource,
          ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
        },
      });
    } else {
      this.emitFor(execution, thread, 'TaskScheduled', {
        taskScheduledEventDetails: {
          parameters: json(parameters),
          region: 'us-east-1',
          resource: taskResourceName(resource),
          resourceType: taskResourceType(resource),
          ...(timeoutSeconds !== undefined ? { timeoutInSeconds: timeoutSeconds } : {}),
          ...(heartbeatSeconds !== undefined ? { heartbeatInSeconds: heartbeatSeconds } : {}),
        },
      });
    }
    if (timeoutSeconds !== undefined) {
      execution.timers.push({
        id: `timeout-${taskId}`,
        dueAt: this.host.now() + Number(timeoutSeconds) * 1000,
        threadId: thread.id,
        purpose: 'task-timeout',
      });
    }
    if (heartbeatSeconds !== undefined) {
      execution.timers.push({
        id: `heartbeat-${taskId}`,
        dueAt: this.host.now() + Number(heartbeatSeconds) * 1000,
        threadId: thread.id,
        purpose: 'heartbeat',
      });
    }
    const request: TaskRequest = {
      taskId,
      threadId: thread.id,
      stateName: thread.stateName,
      resource,
      parameters,
      taskToken,
    };
    // kept in the (journaled) state so that a restarted engine can dispatch it again or accept its token
    thread.step = {
      kind: 'task',
      taskId,
      started: false,
      request,
      heartbeatSeconds: heartbeatSeconds as number | undefined,
    };
    this.taskIndex.get(execution)?.set(taskId, thread.id);
    this.host.startTask(execution, request);
  }

  /** TimeoutSeconds(Path) / HeartbeatSeconds(Path): a positive integer, or a States.Runtime error. */
  private readSecondsField(
    state: StateDefinition,
    field: 'TimeoutSeconds' | 'HeartbeatSeconds',
    input: unknown,
    context: unknown,
  ): number | undefined {
    const pathField = `${field}Path`;
    const value =
      state[pathField] !== undefined ? this.evaluate.readPath(String(state[pathField]), input, context) : state[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      const source = state[pathField] !== undefined ? `${pathField} ${String(state[pathField])}` : field;
      throw new StatesError('States.Runtime', `The ${source} value ${json(value)} is not a positive integer`);
    }
    return value;
  }

  private executeParallel(execution: ExecutionState, thread: Thread, state: StateDefinition, context: unknown): void {
    const effective = this.withParameters(
      state,
      this.evaluate.inputPath(thread.stateInput, state.InputPath as string | null | undefined, context),
      context,
    );
    const branches = (state.Branches as StatesBlock[] | undefined) ?? [];
    this.emitFor(execution, thread, 'ParallelStateStarted', {});
    thread.children = { kind: 'Parallel', results: new Array(branches.length).fill(null), pending: branches.length };
    thread.step = { kind: 'children' };
    branches.forEach((branch, index) => {
      const child = this.createChild(thread, ['Branches', index], branch.StartAt, index);
      child.stateInput = effective;
      execution.threads[child.id] = child;
    });
    if (branches.length === 0) this.finishChildren(execution, thread);
  }

  private executeMap(execution: ExecutionState, thread: Thread, state: StateDefinition, context: unknown): void {
    if (isDistributedMap(state)) return this.executeDistributedMap(execution, thread, state, context);
    const effective = this.evaluate.inputPath(thread.stateInput, state.InputPath as string | null | undefined, context);
    const items =
      state.ItemsPath !== undefined ? this.evaluate.readPath(String(state.ItemsPath), effective, context) : effective;
    if (!Array.isArray(items)) {
      throw new StatesError(
        'States.Runtime',
        `Item path ${String(state.ItemsPath ?? '$')} evaluated to a non-array value: ${json(items)}`,
      );
    }
    let maxConcurrency = Number(state.MaxConcurrency ?? 0);
    if (state.MaxConcurrencyPath !== undefined) {
      const value = this.evaluate.readPath(String(state.MaxConcurrencyPath), effective, context);
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        throw new StatesError(
          'States.Runtime',
          `The MaxConcurrencyPath field refers to value "${typeof value === 'string' ? value : json(value)}" which is not a valid integer: ${String(state.MaxConcurrencyPath)}`,
        );
      }
      maxConcurrency = value;
    }
    this.emitFor(execution, thread, 'MapStateStarted', { mapStateStartedEventDetails: { length: items.length } });
    thread.children = {
      kind: 'Map',
      results: new Array(items.length).fill(null),
      pending: items.length,
      items,
      nextIndex: 0,
      maxConcurrency,
      running: 0,
      childInput: effective,
    };
    thread.step = { kind: 'children' };
    if (items.length === 0) {
      this.finishChildren(execution, thread);
      return;
    }
    this.startMapIterations(execution, thread, state);
  }

  /**
   * A Distributed Map: its settings are read here (invalid *Path values fail the state before the map
   * run starts, as on AWS), then the host runs the map run and reports back through completeMapRun.
   */
  private executeDistributedMap(
    execution: ExecutionState,
    thread: Thread,
    state: StateDefinition,
    context: unknown,
  ): void {
    const effective = this.evaluate.inputPath(thread.stateInput, state.InputPath as string | null | undefined, context);
    let items: unknown[] | undefined;
    // with an ItemReader the items come from S3 once the map run has started: AWS records length 0
    if (state.ItemReader === undefined) {
      const selected =
        state.ItemsPath !== undefined ? this.evaluate.readPath(String(state.ItemsPath), effective, context) : effective;
      if (!Array.isArray(selected)) {
        throw new StatesError(
          'States.Runtime',
          `Item path ${String(state.ItemsPath ?? '$')} evaluated to a non-array value: ${json(selected)}`,
        );
      }
      items = selected;
    }
    this.emitFor(execution, thread, 'MapStateStarted', { mapStateStartedEventDetails: { length: items?.length ?? 0 } });
    const settings = resolveMapRunSettings(
      state,
      effective,
      buildContextObject(execution, thread) as Record<string, unknown>,
      this.evaluate,
    );
    if (!this.host.startMapRun) {
      throw new StatesError('States.Runtime', 'This engine has no host for Distributed Map runs');
    }
    const mapRunArn = buildMapRunArn(execution.stateMachineArn, state.Label as string | undefined, () =>
      this.host.newId(),
    );
    this.emitFor(execution, thread, 'MapRunStarted', { mapRunStartedEventDetails: { mapRunArn } });
    const request: MapRunRequest = {
      ...settings,
      mapRunArn,
      threadId: thread.id,
      stateName: thread.stateName,
      ...(items ? { items } : {}),
    };
    thread.step = { kind: 'map-run', request };
    this.host.startMapRun(execution, request);
  }

  /**
   * Reports a map run's outcome: its result (the children's outputs, or the ResultWriter's details)
   * or its error. Returns false when no Map state waits for this map run any more.
   */
  completeMapRun(
    execution: ExecutionState,
    mapRunArn: string,
    outcome: TaskOutcome,
    options: { run?: boolean } = {},
  ): boolean {
    const thread = Object.values(execution.threads).find(
      (candidate) => candidate.step.kind === 'map-run' && candidate.step.request.mapRunArn === mapRunArn,
    );
    if (!thread || execution.status !== 'RUNNING') return false;
    const state = this.stateOf(execution, thread);
    if ('output' in outcome) {
      this.emitFor(execution, thread, 'MapRunSucceeded', {});
      // AWS chains both MapStateSucceeded and MapStateExited to MapRunSucceeded
      this.emit(execution, thread.lastEventId, 'MapStateSucceeded', {});
      this.exitWithResult(execution, thread, state, outcome.output);
    } else {
      const details: Record<string, string> = {};
      if (outcome.error) details.error = outcome.error;
      if (outcome.cause) details.cause = outcome.cause;
      this.emitFor(execution, thread, 'MapRunFailed', { mapRunFailedEventDetails: details });
      this.handleError(execution, thread, outcome.error, outcome.cause, 'MapStateFailed');
    }
    if (options.run !== false) this.run(execution);
    return true;
  }

  /** Map runs that Map states wait for (for a restarted engine to run again). */
  listWaitingMapRuns(execution: ExecutionState): MapRunRequest[] {
    return Object.values(execution.threads).flatMap((thread) =>
      thread.status === 'RUNNING' && thread.step.kind === 'map-run' ? [thread.step.request] : [],
    );
  }

  private startMapIterations(execution: ExecutionState, thread: Thread, state: StateDefinition): void {
    const progress = thread.children!;
    const processor = (state.ItemProcessor ?? state.Iterator) as StatesBlock;
    const processorKey = state.ItemProcessor !== undefined ? 'ItemProcessor' : 'Iterator';
    while (
      progress.nextIndex! < progress.items!.length &&
      (progress.maxConcurrency === 0 || progress.running! < progress.maxConcurrency!)
    ) {
      const index = progress.nextIndex!;
      progress.nextIndex = index + 1;
      progress.running = progress.running! + 1;
      const value = progress.items![index];
      const mapItem = { Index: index, Value: value };
      const child = this.createChild(thread, [processorKey], processor.StartAt, index);
      child.mapItem = mapItem;
      const selector = state.ItemSelector ?? state.Parameters;
      if (selector !== undefined) {
        const context = { ...buildContextObject(execution, thread), Map: { Item: mapItem } };
        child.stateInput = this.evaluate.parameters(selector, progress.childInput, context);
      } else {
        child.stateInput = value;
      }
      this.emitFor(execution, thread, 'MapIterationStarted', {
        mapIterationStartedEventDetails: { index, name: thread.stateName },
      });
      child.lastEventId = thread.lastEventId;
      execution.threads[child.id] = child;
    }
  }

  // --- leaving a state ----------------------------------------------------------------------------

  private exit(execution: ExecutionState, thread: Thread, output: unknown): void {
    const state = this.stateOf(execution, thread);
    this.emitFor(execution, thread, `${state.Type}StateExited`, {
      stateExitedEventDetails: { name: thread.stateName, output: json(output), outputDetails: { truncated: false } },
    });
    const choiceNext = thread.choiceNext;
    delete thread.choiceNext;
    const next = choiceNext ?? state.Next;
    if (state.Type === 'Succeed' || state.End === true || !next) {
      this.completeThread(execution, thread, output);
      return;
    }
    thread.stateName = next;
    thread.stateInput = output;
    thread.step = { kind: 'enter' };
  }

  private completeThread(execution: ExecutionState, thread: Thread, output: unknown): void {
    thread.status = 'SUCCEEDED';
    thread.output = output;
    thread.step = { kind: 'done' };
    if (!thread.parentId) {
      this.finishExecution(execution, 'SUCCEEDED', { output });
      return;
    }
    const parent = execution.threads[thread.parentId]!;
    const progress = parent.children!;
    progress.results[thread.index!] = output;
    progress.pending -= 1;
    if (progress.kind === 'Map') {
      progress.running = progress.running! - 1;
      this.emitFor(execution, parent, 'MapIterationSucceeded', {
        mapIterationSucceededEventDetails: { index: thread.index, name: parent.stateName },
      });
      this.startMapIterations(execution, parent, this.stateOf(execution, parent));
    } else if (progress.pending === 0) {
      // AWS chains a Parallel state's closing events to the last event of its branches
      parent.lastEventId = thread.lastEventId;
    }
    delete execution.threads[thread.id];
    if (progress.pending === 0) this.finishChildren(execution, parent);
  }

  private finishChildren(execution: ExecutionState, thread: Thread): void {
    const state = this.stateOf(execution, thread);
    const progress = thread.children!;
    delete thread.children;
    if (progress.kind === 'Map') this.emitFor(execution, thread, 'MapStateSucceeded', {});
    // AWS records ParallelStateSucceeded but chains ParallelStateExited past it, to the branches' last
    // event. (The corpus's re-sorted histories lost every ParallelStateSucceeded to LocalStack's snapshot
    // transformer, not to AWS: see conformance/resorted-history.ts.)
    else this.emit(execution, thread.lastEventId, 'ParallelStateSucceeded', {});
    this.exitWithResult(execution, thread, state, progress.results);
  }

  /** A state's result through ResultSelector, ResultPath and OutputPath; the state exits with it. */
  private exitWithResult(execution: ExecutionState, thread: Thread, state: StateDefinition, result: unknown): void {
    this.guard(execution, thread, () => {
      const context = buildContextObject(execution, thread);
      const selected =
        state.ResultSelector !== undefined
          ? this.evaluate.resultSelector(state.ResultSelector, result, context)
          : result;
      const merged = this.evaluate.resultPath(
        thread.stateInput,
        state.ResultPath as string | null | undefined,
        selected,
        context,
      );
      const output = this.evaluate.outputPath(merged, state.OutputPath as string | null | undefined, context);
      thread.step = { kind: 'exit', output };
    });
  }

  // --- errors -------------------------------------------------------------------------------------

  /** Runs `action`; a StatesError it throws becomes the state's error (with AWS's runtime prefix). */
  private guard(execution: ExecutionState, thread: Thread, action: () => void): void {
    try {
      action();
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      const cause = `An error occurred while executing the state '${thread.stateName}' (entered at the event id #${thread.enteredEventId}). ${error.cause}`;
      this.handleError(execution, thread, error.error, error.error === 'States.Runtime' ? cause : error.cause);
    }
  }

  private handleError(
    execution: ExecutionState,
    thread: Thread,
    reportedError: string | null,
    reportedCause: string | null,
    failedEvent?: string,
  ): void {
    const error = reportedError ?? '';
    const cause = reportedCause ?? '';
    const state = this.stateOf(execution, thread);
    const retry = findRetrier(state.Retry as Retrier[] | undefined, error);
    if (retry) {
      const attempt = thread.retryCounts[retry.index] ?? 0;
      const delay = computeRetryDelayMs(retry.retrier, attempt, () => this.host.random());
      if (delay !== undefined) {
        thread.retryCounts[retry.index] = attempt + 1;
        const timerId = this.host.newId();
        execution.timers.push({ id: timerId, dueAt: this.host.now() + delay, threadId: thread.id, purpose: 'retry' });
        thread.step = { kind: 'timer', timerId, then: 'execute' };
        return;
      }
    }
    if (failedEvent) this.emitFor(execution, thread, failedEvent, {});
    const catcher = findCatcher(state.Catch as Catcher[] | undefined, error);
    if (catcher) {
      const context = buildContextObject(execution, thread);
      try {
        const output = this.evaluate.resultPath(
          thread.stateInput,
          catcher.ResultPath === undefined ? '$' : catcher.ResultPath,
          { Error: reportedError, Cause: reportedCause },
          context,
        );
        this.emitFor(execution, thread, `${state.Type}StateExited`, {
          stateExitedEventDetails: {
            name: thread.stateName,
            output: json(output),
            outputDetails: { truncated: false },
          },
        });
        thread.stateName = catcher.Next;
        thread.stateInput = output;
        thread.step = { kind: 'enter' };
        return;
      } catch (resultPathError) {
        if (!(resultPathError instanceof StatesError)) throw resultPathError;
        this.failThread(execution, thread, resultPathError.error, resultPathError.cause);
        return;
      }
    }
    this.failThread(execution, thread, reportedError, reportedCause);
  }

  private failThread(
    execution: ExecutionState,
    thread: Thread,
    error: string | null,
    cause: string | null,
    _options: { terminal?: boolean } = {},
  ): void {
    const state = this.stateOf(execution, thread);
    thread.status = 'FAILED';
    thread.error = error ?? undefined;
    thread.cause = cause ?? undefined;
    thread.step = { kind: 'done' };
    this.abortChildren(execution, thread);
    if (!thread.parentId) {
      this.finishExecution(execution, 'FAILED', { error: error ?? undefined, cause: cause ?? undefined });
      return;
    }
    const parent = execution.threads[thread.parentId]!;
    if (parent.children?.kind === 'Map') {
      this.emitFor(execution, parent, 'MapIterationFailed', {
        mapIterationFailedEventDetails: { index: thread.index, name: parent.stateName },
      });
    }
    delete execution.threads[thread.id];
    // the failed child and its aborted siblings are kept for RedriveExecution
    const unfinished: Thread[] = [thread];
    this.abortChildren(execution, parent, unfinished);
    if (parent.children) parent.redriveStash = { progress: parent.children, threads: unfinished };
    // a failed branch's or iteration's own Task is recorded as aborted last
    // (timeout_service_lambda_in_map, callback_failure_no_error_field)
    if (parent.children && state?.Type === 'Task') this.emitFor(execution, thread, 'TaskStateAborted', {});
    const parentKind = parent.children?.kind;
    delete parent.children;
    // a retried Map/Parallel simply starts again; otherwise AWS records its failure before Catch applies
    this.handleError(execution, parent, error, cause, parentKind && `${parentKind}StateFailed`);
  }

  /** Aborts `parent`'s children; `unfinished` collects them (with their own aborted children) for a redrive. */
  private abortChildren(execution: ExecutionState, parent: Thread, unfinished?: Thread[]): void {
    for (const child of Object.values(execution.threads)) {
      if (child.parentId !== parent.id) continue;
      if (child.step.kind === 'map-run') this.host.stopMapRun?.(execution, child.step.request.mapRunArn);
      if (unfinished) {
        const grandchildren: Thread[] = [];
        this.abortChildren(execution, child, grandchildren);
        if (child.children) child.redriveStash = { progress: child.children, threads: grandchildren };
        unfinished.push(child);
      } else this.abortChildren(execution, child);
      const childState = this.stateOf(execution, child);
      if (childState?.Type === 'Task' && child.step.kind !== 'enter')
        this.emitFor(execution, child, 'TaskStateAborted', {});
      if (parent.children?.kind === 'Map') {
        this.emitFor(execution, parent, 'MapIterationAborted', {
          mapIterationAbortedEventDetails: { index: child.index, name: parent.stateName },
        });
      }
      execution.timers = execution.timers.filter((timer) => timer.threadId !== child.id);
      delete execution.threads[child.id];
    }
  }

  private finishExecution(
    execution: ExecutionState,
    status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT',
    result: { output?: unknown; error?: string; cause?: string },
  ): void {
    execution.status = status;
    execution.stopDate = this.host.now();
    execution.timers = [];
    const root = execution.threads[execution.rootThreadId];
    const previous = root?.lastEventId ?? execution.events.length;
    if (status === 'SUCCEEDED') {
      execution.output = result.output;
      this.emit(execution, previous, 'ExecutionSucceeded', {
        executionSucceededEventDetails: { output: json(result.output), outputDetails: { truncated: false } },
      });
    } else {
      execution.error = result.error;
      execution.cause = result.cause;
      const details: Record<string, string> = {};
      if (result.error) details.error = result.error;
      if (result.cause) details.cause = result.cause;
      this.emit(execution, previous, status === 'FAILED' ? 'ExecutionFailed' : 'ExecutionTimedOut', {
        [status === 'FAILED' ? 'executionFailedEventDetails' : 'executionTimedOutEventDetails']: details,
      });
    }
  }

  // --- plumbing -----------------------------------------------------------------------------------

  private newThread(
    id: string,
    blockPath: (string | number)[],
    stateName: string,
    input: unknown,
    lastEventId: number,
    now: number,
  ): Thread {
    return {
      id,
      blockPath,
      stateName,
      stateInput: input,
      enteredEventId: 0,
      enteredAt: now,
      lastEventId,
      retryCounts: [],
      step: { kind: 'enter' },
      status: 'RUNNING',
    };
  }

  /** A Parallel branch or Map iteration of `parent`'s state, not yet registered in the execution. */
  private createChild(parent: Thread, blockSuffix: (string | number)[], startAt: string, index: number): Thread {
    const child = this.newThread(
      this.host.newId(),
      [...this.blockPathOf(parent), 'States', parent.stateName, ...blockSuffix],
      startAt,
      undefined,
      parent.lastEventId,
      this.host.now(),
    );
    child.parentId = parent.id;
    child.index = index;
    return child;
  }

  private blockPathOf(thread: Thread): (string | number)[] {
    return thread.blockPath;
  }

  private blockOf(execution: ExecutionState, thread: Thread): StatesBlock {
    let node: unknown = execution.definition;
    for (const key of thread.blockPath) node = (node as Record<string | number, unknown>)[key];
    return node as StatesBlock;
  }

  private stateOf(execution: ExecutionState, thread: Thread): StateDefinition {
    return this.blockOf(execution, thread).States[thread.stateName]!;
  }

  private emitFor(execution: ExecutionState, thread: Thread, type: string, details: Record<string, unknown>): number {
    const id = this.emit(execution, thread.lastEventId, type, details);
    thread.lastEventId = id;
    return id;
  }

  private emit(
    execution: ExecutionState,
    previousEventId: number,
    type: string,
    details: Record<string, unknown>,
  ): number {
    const event: HistoryEvent = {
      id: execution.events.length + 1,
      previousEventId,
      timestamp: this.host.now(),
      type,
      ...details,
    };
    execution.events.push(event);
    return event.id;
  }
}

function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** `arn:aws:states:::lambda:invoke.waitForTaskToken` → `invoke.waitForTaskToken`-style names AWS reports. */
function taskResourceName(resource: string): string {
  const service = resource.replace(/^arn:aws:states:::/, '').replace(/^aws-sdk:/, '');
  return service.split(':').slice(1).join(':') || service;
}

function taskResourceType(resource: string): string {
  const service = resource.replace(/^arn:aws:states:::/, '').replace(/^aws-sdk:/, '');
  return service.split(':')[0] ?? service;
}
