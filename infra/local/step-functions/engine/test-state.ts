/*
 * TestState: runs one state in isolation, as AWS's TestState API does, and reports its output, the
 * next state, and (at DEBUG and TRACE) each step of the data flow. A failing state is reported with
 * what its Retry and Catch would do: RETRIABLE (with the back-off), CAUGHT_ERROR (with the catcher's
 * output and next state) or FAILED. Nothing is retried or waited for: Wait states end at once.
 */
import { randomUUID } from 'node:crypto';
import { StatesError } from '../asl/states-error';
import { computeRetryDelayMs, findRetrier, matchesErrorEquals, type Catcher, type Retrier } from './error-matching';
import type { StateDefinition } from './execution-model';
import type { AslEvaluators, TaskOutcome } from './interpreter';
import { validateDefinition } from './validate-definition';

/** The TestState request, in AWS's shape. */
export interface TestStateRequest {
  definition: string;
  roleArn?: string;
  input?: string;
  inspectionLevel?: 'INFO' | 'DEBUG' | 'TRACE';
  revealSecrets?: boolean;
  variables?: string;
  stateName?: string;
  mock?: { result?: string; errorOutput?: { error?: string; cause?: string }; fieldValidationMode?: string };
  context?: string;
  stateConfiguration?: {
    retrierRetryCount?: number;
    errorCausedByState?: string;
    mapIterationFailureCount?: number;
    mapItemReaderData?: string;
  };
}

/** What TestState answers; JSON values are JSON text, as on the wire. */
export interface TestStateResponse {
  output?: string;
  error?: string;
  cause?: string;
  inspectionData?: Record<string, unknown>;
  nextState?: string;
  status: 'SUCCEEDED' | 'FAILED' | 'RETRIABLE' | 'CAUGHT_ERROR';
}

/** A request AWS refuses, with AWS's error name (ValidationException, InvalidDefinition, InvalidExecutionInput). */
export class TestStateRefusal extends Error {
  constructor(
    readonly code: 'ValidationException' | 'InvalidDefinition' | 'InvalidExecutionInput',
    message: string,
  ) {
    super(message);
  }
}

/** What TestState needs from the engine around it. */
export interface TestStateHost {
  evaluate: AslEvaluators;
  now(): number;
  random(): number;
  region: string;
  accountId: string;
  /** Runs a Task's integration (Lambda locally) with its effective parameters. */
  runTask(resource: string, parameters: unknown): Promise<TaskOutcome>;
}

/** AWS stops a TestState after five minutes with States.Timeout. */
const testStateTimeoutMs = 5 * 60 * 1000;
/** The name a lone state gets (AWS shows it as $$.State.Name). */
const loneStateName = 'StateName';

/** Runs the state of `request` once and describes what happened. */
export async function testState(request: TestStateRequest, host: TestStateHost): Promise<TestStateResponse> {
  const { name, state } = readStateUnderTest(request);
  const input = parseJson(request.input ?? '{}', (message) => new TestStateRefusal('InvalidExecutionInput', message));
  checkRequest(request, state);
  const variables =
    request.variables !== undefined
      ? parseJson(
          request.variables,
          (message) => new TestStateRefusal('ValidationException', `Invalid variables: ${message}`),
        )
      : undefined;
  const trace: Record<string, unknown> = { input };
  const context = buildTestContext(request, name, input, host);
  const response = await runState(state, input, context, request, host, trace);
  const detailed = request.inspectionLevel === 'DEBUG' || request.inspectionLevel === 'TRACE';
  if (variables !== undefined) trace.variables = variables;
  return detailed ? { ...response, inspectionData: toWire(trace) } : response;
}

/** The state to test: the whole definition, or `stateName` within a full state machine. */
function readStateUnderTest(request: TestStateRequest): { name: string; state: StateDefinition } {
  const parsed = parseJson(
    request.definition,
    (message) => new TestStateRefusal('InvalidDefinition', `Invalid State Machine Definition: '${message}'`),
  );
  if (request.stateName !== undefined) {
    const verdict = validateDefinition(parsed);
    if (!verdict.valid) throw new TestStateRefusal('InvalidDefinition', verdict.message);
    const state = findState(parsed, request.stateName);
    if (!state) throw new TestStateRefusal('ValidationException', 'State not found in definition');
    return { name: request.stateName, state };
  }
  if (!isObject(parsed) || typeof parsed.Type !== 'string') {
    throw new TestStateRefusal(
      'InvalidDefinition',
      "Invalid State Machine Definition: 'the definition of a state needs a Type'",
    );
  }
  const state = parsed as StateDefinition;
  // validated as the only state of a machine whose other states are whatever it transitions to
  const targets = listTransitions(state).filter((target) => target !== loneStateName);
  const machine = {
    StartAt: loneStateName,
    States: {
      [loneStateName]: state,
      ...Object.fromEntries(targets.map((target) => [target, { Type: 'Succeed' }])),
    },
  };
  const verdict = validateDefinition(machine);
  if (!verdict.valid) throw new TestStateRefusal('InvalidDefinition', verdict.message);
  return { name: loneStateName, state };
}

function checkRequest(request: TestStateRequest, state: StateDefinition): void {
  if (state.QueryLanguage === 'JSONata') {
    throw new TestStateRefusal('ValidationException', 'JSONata states are not supported by the local engine');
  }
  const mock = request.mock;
  if (mock && !['Task', 'Map', 'Parallel'].includes(state.Type)) {
    throw new TestStateRefusal('ValidationException', 'A mock can only be specified for Task, Map, or Parallel states');
  }
  if (mock && mock.result !== undefined && mock.errorOutput !== undefined) {
    throw new TestStateRefusal('ValidationException', 'A mock specifies either a result or an errorOutput, not both');
  }
  if (mock?.result !== undefined) {
    parseJson(mock.result, () => new TestStateRefusal('ValidationException', 'Mocked result must be valid JSON'));
  }
  if (mock?.errorOutput && !mock.errorOutput.error) {
    throw new TestStateRefusal('ValidationException', 'mock.errorOutput.error is required');
  }
  if (request.context !== undefined && !mock) {
    throw new TestStateRefusal('ValidationException', 'A context can only be specified together with a mock');
  }
  if (mock) return;
  if (state.Type === 'Map' || state.Type === 'Parallel') {
    throw new TestStateRefusal('ValidationException', `TestState supports a ${state.Type} state only with a mock`);
  }
  if (state.Type === 'Task') {
    const resource = String(state.Resource);
    if (/\.(waitForTaskToken|sync(:2)?)$/.test(resource) || resource.includes(':activity:')) {
      throw new TestStateRefusal(
        'ValidationException',
        'TestState supports activities, .sync and .waitForTaskToken integrations only with a mock',
      );
    }
    if (!request.roleArn)
      throw new TestStateRefusal('ValidationException', 'RoleArn must be specified when testing a Task state');
  }
}

/** The context object a tested state sees: a made-up express execution, or the request's `context`. */
function buildTestContext(request: TestStateRequest, stateName: string, input: unknown, host: TestStateHost): unknown {
  const machineName = `TestStateMachine-${randomUUID()}`;
  const executionName = randomUUID();
  const now = new Date(host.now()).toISOString();
  const base = {
    Execution: {
      Id: `arn:aws:states:${host.region}:${host.accountId}:express:${machineName}:${executionName}`,
      Input: input,
      Name: executionName,
      RoleArn: request.roleArn ?? null,
      StartTime: now,
    },
    StateMachine: {
      Id: `arn:aws:states:${host.region}:${host.accountId}:stateMachine:${machineName}`,
      Name: machineName,
    },
    State: { Name: stateName, EnteredTime: now, RetryCount: request.stateConfiguration?.retrierRetryCount ?? 0 },
  };
  if (request.context === undefined) return base;
  const given = parseJson(
    request.context,
    (message) => new TestStateRefusal('ValidationException', `Invalid context: ${message}`),
  );
  return isObject(given) ? { ...base, ...given } : base;
}

/** Runs the state's data flow and work; errors go through Retry and Catch as AWS reports them. */
async function runState(
  state: StateDefinition,
  input: unknown,
  context: unknown,
  request: TestStateRequest,
  host: TestStateHost,
  trace: Record<string, unknown>,
): Promise<TestStateResponse> {
  const { evaluate } = host;
  const inputPath = state.InputPath as string | null | undefined;
  const succeed = (output: unknown, nextState?: string): TestStateResponse => ({
    output: JSON.stringify(output ?? null),
    ...(nextState !== undefined ? { nextState } : {}),
    status: 'SUCCEEDED',
  });
  /** A result through ResultSelector, ResultPath and OutputPath. */
  const finish = (result: unknown): TestStateResponse => {
    const selected =
      state.ResultSelector !== undefined ? evaluate.resultSelector(state.ResultSelector, result, context) : result;
    trace.afterResultSelector = selected;
    const merged = evaluate.resultPath(input, state.ResultPath as string | null | undefined, selected, context);
    trace.afterResultPath = merged;
    return succeed(evaluate.outputPath(merged, state.OutputPath as string | null | undefined, context), state.Next);
  };
  try {
    switch (state.Type) {
      case 'Pass': {
        if ('Result' in state) {
          trace.result = state.Result;
          return finish(state.Result);
        }
        const effective = (trace.afterInputPath = evaluate.inputPath(input, inputPath, context));
        const parameters = (trace.afterParameters =
          state.Parameters !== undefined ? evaluate.parameters(state.Parameters, effective, context) : effective);
        return finish(parameters);
      }
      case 'Succeed':
      case 'Wait': {
        const effective = (trace.afterInputPath = evaluate.inputPath(input, inputPath, context));
        return succeed(
          evaluate.outputPath(effective, state.OutputPath as string | null | undefined, context),
          state.Next,
        );
      }
      case 'Choice': {
        const effective = (trace.afterInputPath = evaluate.inputPath(input, inputPath, context));
        const next = evaluate.chooseNext(state, effective, context);
        return succeed(evaluate.outputPath(effective, state.OutputPath as string | null | undefined, context), next);
      }
      case 'Fail': {
        trace.afterInputPath = evaluate.inputPath(input, inputPath, context);
        const error =
          state.ErrorPath !== undefined
            ? evaluate.fieldPath('ErrorPath', String(state.ErrorPath), input, context)
            : state.Error;
        const cause =
          state.CausePath !== undefined
            ? evaluate.fieldPath('CausePath', String(state.CausePath), input, context)
            : state.Cause;
        return {
          ...(typeof error === 'string' ? { error } : {}),
          ...(typeof cause === 'string' ? { cause } : {}),
          status: 'FAILED',
        };
      }
      case 'Task': {
        const effective = (trace.afterInputPath = evaluate.inputPath(input, inputPath, context));
        const parameters = (trace.afterParameters =
          state.Parameters !== undefined ? evaluate.parameters(state.Parameters, effective, context) : effective);
        const outcome = request.mock
          ? mockedOutcome(request.mock)
          : await runWithTimeout(host.runTask(String(state.Resource), parameters));
        if (!('output' in outcome))
          return handleError(state, outcome.error ?? '', outcome.cause ?? '', input, context, request, host, trace);
        trace.result = outcome.output;
        return finish(outcome.output);
      }
      case 'Map': {
        const effective = (trace.afterInputPath = evaluate.inputPath(input, inputPath, context));
        if (state.ItemsPath !== undefined)
          trace.afterItemsPath = evaluate.readPath(String(state.ItemsPath), effective, context);
        trace.maxConcurrency = Number(state.MaxConcurrency ?? 0);
        if (state.ToleratedFailureCount !== undefined)
          trace.toleratedFailureCount = Number(state.ToleratedFailureCount);
        if (state.ToleratedFailurePercentage !== undefined)
          trace.toleratedFailurePercentage = Number(state.ToleratedFailurePercentage);
        const outcome = mockedOutcome(request.mock!);
        if (!('output' in outcome))
          return handleError(state, outcome.error ?? '', outcome.cause ?? '', input, context, request, host, trace);
        const failures = request.stateConfiguration?.mapIterationFailureCount ?? 0;
        if (
          failures > 0 &&
          exceedsTolerance(state, failures, Array.isArray(outcome.output) ? outcome.output.length : 0)
        ) {
          return handleError(
            state,
            'States.ExceedToleratedFailureThreshold',
            'The specified tolerated failure threshold was exceeded',
            input,
            context,
            request,
            host,
            trace,
          );
        }
        return finish(outcome.output);
      }
      case 'Parallel': {
        const outcome = mockedOutcome(request.mock!);
        if (!('output' in outcome))
          return handleError(state, outcome.error ?? '', outcome.cause ?? '', input, context, request, host, trace);
        return finish(outcome.output);
      }
      default:
        throw new TestStateRefusal('InvalidDefinition', `Unsupported state type ${state.Type}`);
    }
  } catch (error) {
    if (!(error instanceof StatesError)) throw error;
    return handleError(state, error.error, error.cause, input, context, request, host, trace);
  }
}

/** What Retry and Catch make of an error: RETRIABLE while attempts remain, then CAUGHT_ERROR or FAILED. */
function handleError(
  state: StateDefinition,
  error: string,
  cause: string,
  input: unknown,
  context: unknown,
  request: TestStateRequest,
  host: TestStateHost,
  trace: Record<string, unknown>,
): TestStateResponse {
  const details: Record<string, number> = {};
  const retry = findRetrier(state.Retry as Retrier[] | undefined, error);
  if (retry) {
    details.retryIndex = retry.index;
    const attempt = request.stateConfiguration?.retrierRetryCount ?? 0;
    const delayMs = computeRetryDelayMs(retry.retrier, attempt, () => host.random());
    if (delayMs !== undefined) {
      trace.errorDetails = { ...details, retryBackoffIntervalSeconds: delayMs / 1000 };
      return { error, cause, status: 'RETRIABLE' };
    }
  }
  const catchers = (state.Catch as Catcher[] | undefined) ?? [];
  const catchIndex = catchers.findIndex((catcher) => matchesErrorEquals(catcher.ErrorEquals, error));
  if (catchIndex >= 0) {
    const catcher = catchers[catchIndex]!;
    trace.errorDetails = { ...details, catchIndex };
    const output = host.evaluate.resultPath(
      input,
      catcher.ResultPath === undefined ? '$' : catcher.ResultPath,
      { Error: error, Cause: cause },
      context,
    );
    return { output: JSON.stringify(output), error, cause, nextState: catcher.Next, status: 'CAUGHT_ERROR' };
  }
  if (retry) trace.errorDetails = details;
  return { error, cause, status: 'FAILED' };
}

function mockedOutcome(mock: NonNullable<TestStateRequest['mock']>): TaskOutcome {
  if (mock.errorOutput) return { error: mock.errorOutput.error ?? '', cause: mock.errorOutput.cause ?? '' };
  return { output: mock.result === undefined ? null : JSON.parse(mock.result) };
}

function exceedsTolerance(state: StateDefinition, failures: number, total: number): boolean {
  const count = state.ToleratedFailureCount !== undefined ? Number(state.ToleratedFailureCount) : undefined;
  const percentage =
    state.ToleratedFailurePercentage !== undefined ? Number(state.ToleratedFailurePercentage) : undefined;
  if (count === undefined && percentage === undefined) return true;
  if (count !== undefined && failures > count) return true;
  return percentage !== undefined && total > 0 && (failures / total) * 100 > percentage;
}

async function runWithTimeout(work: Promise<TaskOutcome>): Promise<TaskOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<TaskOutcome>((resolve) => {
    timer = setTimeout(
      () => resolve({ error: 'States.Timeout', cause: 'TestState ran for more than five minutes' }),
      testStateTimeoutMs,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every state a state can transition to (Next, Default, Choices, Catch). */
function listTransitions(state: StateDefinition): string[] {
  const targets = [
    state.Next,
    state.Default as string | undefined,
    ...((state.Choices as { Next?: string }[] | undefined) ?? []).map((choice) => choice.Next),
    ...((state.Catch as { Next?: string }[] | undefined) ?? []).map((catcher) => catcher.Next),
  ];
  return [...new Set(targets.filter((target): target is string => typeof target === 'string'))];
}

/** A state by name anywhere in a definition (top level, Parallel branches, Map processors). */
function findState(block: unknown, name: string): StateDefinition | undefined {
  const states = (block as { States?: Record<string, StateDefinition> })?.States ?? {};
  if (Object.hasOwn(states, name)) return states[name];
  for (const state of Object.values(states)) {
    const nested = [...((state.Branches as unknown[] | undefined) ?? []), state.ItemProcessor, state.Iterator].filter(
      Boolean,
    );
    for (const inner of nested) {
      const found = findState(inner, name);
      if (found) return found;
    }
  }
  return undefined;
}

function parseJson(text: string, refuse: (message: string) => Error): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw refuse((error as Error).message);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** inspectionData on the wire: data-flow values as JSON text, counts and errorDetails as they are. */
function toWire(trace: Record<string, unknown>): Record<string, unknown> {
  const numeric = new Set(['maxConcurrency', 'toleratedFailureCount', 'toleratedFailurePercentage', 'errorDetails']);
  return Object.fromEntries(
    Object.entries(trace).map(([key, value]) => [key, numeric.has(key) ? value : JSON.stringify(value ?? null)]),
  );
}
