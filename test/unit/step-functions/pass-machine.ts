/**
 * Test support: a minimal runner for recorded machines made only of Pass, Choice, Succeed and Fail
 * states, built from the data-flow evaluators, so whole recorded outputs can check them without the
 * engine. It numbers history events the way AWS does for these states, to rebuild the cause prefix.
 */
import { findMatchingChoice, type ChoiceState } from '../../../infra/local/step-functions/asl/choice-rules';
import {
  applyInputPath,
  applyOutputPath,
  applyParameters,
  applyResultPath,
  resolveFieldPath,
} from '../../../infra/local/step-functions/asl/data-flow';
import { StatesError } from '../../../infra/local/step-functions/asl/states-error';
import type { MachineDefinition, StateDefinition } from './data-flow-corpus';

export const supportedStateTypes = new Set(['Pass', 'Choice', 'Succeed', 'Fail']);

export type MachineOutcome =
  { status: 'SUCCEEDED'; output: unknown } | { status: 'FAILED'; error?: string; cause?: string };

const executionArn = 'arn:aws:states:us-east-1:111111111111:execution:machine:run-1';
const stateMachineArn = 'arn:aws:states:us-east-1:111111111111:stateMachine:machine';

function contextFor(input: unknown, stateName: string, startTime: string): unknown {
  return {
    Execution: {
      Id: executionArn,
      Input: input,
      StartTime: startTime,
      Name: 'run-1',
      RoleArn: 'arn:aws:iam::111111111111:role/machine-role',
      RedriveCount: 0,
    },
    StateMachine: { Id: stateMachineArn, Name: 'machine' },
    State: { Name: stateName, EnteredTime: startTime },
  };
}

/** Runs `definition` on `input` to completion. */
export function runPassMachine(definition: MachineDefinition, input: unknown): MachineOutcome {
  const startTime = '2024-01-01T00:00:00.000Z';
  let eventId = 1; // ExecutionStarted
  let name = definition.StartAt;
  let raw = input;
  for (;;) {
    const state = definition.States[name] as StateDefinition;
    const enteredAt = ++eventId;
    const context = contextFor(input, name, startTime);
    try {
      const step = runState(state, raw, context);
      if ('failed' in step) return { status: 'FAILED', ...step.failed };
      eventId++; // StateExited
      if (step.next === undefined) return { status: 'SUCCEEDED', output: step.output };
      name = step.next;
      raw = step.output;
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      const prefix = `An error occurred while executing the state '${name}' (entered at the event id #${enteredAt}). `;
      return { status: 'FAILED', error: error.error, cause: prefix + error.cause };
    }
  }
}

type Step = { output: unknown; next?: string } | { failed: { error?: string; cause?: string } };

function runState(state: StateDefinition, raw: unknown, context: unknown): Step {
  const inputPath = state.InputPath as string | null | undefined;
  const outputPath = state.OutputPath as string | null | undefined;
  const next = state.End === true ? undefined : (state.Next as string | undefined);
  switch (state.Type) {
    case 'Pass': {
      const effective = applyParameters(state.Parameters, applyInputPath(inputPath, raw, context), context);
      const result = 'Result' in state ? state.Result : effective;
      const merged = applyResultPath(state.ResultPath as string | null | undefined, raw, result);
      return { output: applyOutputPath(outputPath, merged, context), next };
    }
    case 'Succeed':
      return { output: applyOutputPath(outputPath, applyInputPath(inputPath, raw, context), context) };
    case 'Choice': {
      const effective = applyInputPath(inputPath, raw, context);
      const chosen = findMatchingChoice(state as unknown as ChoiceState, { input: effective, context });
      return { output: applyOutputPath(outputPath, effective, context), next: chosen };
    }
    case 'Fail':
      return {
        failed: { error: failField(state, 'Error', raw, context), cause: failField(state, 'Cause', raw, context) },
      };
    default:
      throw new Error(`unsupported state type ${state.Type}`);
  }
}

function failField(
  state: StateDefinition,
  field: 'Error' | 'Cause',
  raw: unknown,
  context: unknown,
): string | undefined {
  const path = state[`${field}Path`];
  if (typeof path === 'string') return resolveFieldPath(`${field}Path`, path, raw, context) as string;
  return state[field] as string | undefined;
}
