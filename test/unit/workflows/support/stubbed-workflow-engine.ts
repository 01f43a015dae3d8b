import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LambdaInvocationResult } from '../../../../infra/local/step-functions/engine/lambda-integration';
import type { SfnExecutionStatus } from '../../../../infra/local/step-functions/service/sfn-api';
import { StepFunctionsService } from '../../../../infra/local/step-functions/service/step-functions-service';
import {
  applyDefinitionSubstitutions,
  buildDefinitionSubstitutions,
} from '../../../../infra/state-machine-substitutions';

/*
 * A state machine of state-machines/ on the local engine with every task stubbed, so that its branches, timers,
 * retries and catches can be tested independent of the real steps.
 */

/** The role the stubbed engine's state machines are created with; the local engine does not check it. */
export const localRoleArn = 'arn:aws:iam::000000000000:role/local';

/** Where the stubbed engine's clock starts, unless told otherwise. */
export const defaultStartTime = Date.parse('2026-11-23T10:00:00Z');

/** One invocation a state machine made of a stubbed function, in the order made. */
export interface RecordedCall {
  /** The function's name (the `FunctionName` of the task, substituted). */
  fn: string;
  /** The payload the state machine passed. */
  payload: Record<string, unknown>;
}

/** What a stubbed function answers to a payload: `ok(...)`, or `{ errorType, errorMessage }` to throw. */
export type StubbedAnswer = (payload: Record<string, unknown>) => LambdaInvocationResult;

/**
 * Per function, what the stub answers, keyed by {@link stepKey}: `fn:action` when the payload carries an
 * `action`, else `fn`. A call with no entry fails the task with `unexpected call <key>`.
 */
export type StubScript = Record<string, StubbedAnswer>;

/** The definition in `state-machines/<file>`, its substitutions applied with each function's id as its name. */
export function definitionOf(file: string): string {
  const raw = readFileSync(path.join(__dirname, '..', '..', '..', '..', 'state-machines', file), 'utf8');
  return applyDefinitionSubstitutions(
    raw,
    buildDefinitionSubstitutions((id) => id),
  );
}

/** The {@link StubScript} key of a call: `fn:action` when the payload carries an `action`, else `fn`. */
export function stepKey(fn: string, payload: Record<string, unknown>): string {
  return typeof payload.action === 'string' ? `${fn}:${payload.action}` : fn;
}

/** Lets the engine run what it can without the clock moving: task dispatches, their answers, the next states. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A stubbed function's successful answer. */
export const ok = (payload: unknown): LambdaInvocationResult => ({ payload });

/** The local Step Functions service over stubbed functions, with a clock the test moves. */
export interface StubbedWorkflowEngine {
  /** The service; close it with {@link StubbedWorkflowEngine.close} after each test. */
  readonly service: StepFunctionsService;
  /** Every invocation of a stubbed function so far, in order. */
  readonly calls: RecordedCall[];
  /** What the stubs answer; a test may replace entries before it starts an execution. */
  readonly script: StubScript;
  /** The engine's current time in ms. */
  now(): number;
  /** Moves the clock on by `ms`, fires what fell due and lets the engine settle. */
  advance(ms: number): Promise<void>;
  /**
   * Creates the state machine `name` from `state-machines/<name>.asl.json`, starts an execution of it named
   * `executionName` with `input`, and resolves with its ARN once the engine settled.
   */
  startExecution(name: string, executionName: string, input: unknown): Promise<string>;
  /** The status of an execution. */
  statusOf(executionArn: string): Promise<SfnExecutionStatus>;
  /** Closes the service. */
  close(): void;
}

/**
 * A fresh {@link StubbedWorkflowEngine} answering from `script`, its clock at `startTime`. Every invocation is
 * recorded in `calls` before it is answered.
 */
export function createStubbedWorkflowEngine(
  script: StubScript,
  startTime: number = defaultStartTime,
): StubbedWorkflowEngine {
  let now = startTime;
  const calls: RecordedCall[] = [];
  const service = new StepFunctionsService({
    now: () => now,
    invokeLambda: async (fn, payload) => {
      const body = payload as Record<string, unknown>;
      calls.push({ fn, payload: body });
      const answer = script[stepKey(fn, body)];
      if (!answer) throw new Error(`unexpected call ${stepKey(fn, body)}`);
      return answer(body);
    },
  });
  return {
    service,
    calls,
    script,
    now: () => now,
    advance: async (ms) => {
      now += ms;
      service.tick();
      await settle();
    },
    startExecution: async (name, executionName, input) => {
      const { stateMachineArn } = await service.createStateMachine({
        name,
        definition: definitionOf(`${name}.asl.json`),
        roleArn: localRoleArn,
      });
      const { executionArn } = await service.startExecution({
        stateMachineArn,
        name: executionName,
        input: JSON.stringify(input),
      });
      await settle();
      return executionArn;
    },
    statusOf: async (executionArn) => (await service.describeExecution({ executionArn })).status,
    close: () => service.close(),
  };
}
