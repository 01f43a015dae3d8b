import { randomUUID } from 'node:crypto';
import type { StatesBlock } from '../engine/execution-model';
import { Interpreter, type AslEvaluators, type TaskOutcome, type TaskRequest } from '../engine/interpreter';
import { isLambdaResource, runLambdaTask, type LambdaInvoker } from '../engine/lambda-integration';
import { regenerateInput } from './dynamic-inputs';
import { parseLambdaStandIns } from './lambda-stand-ins';
import { observeOnService, type ObservedRun } from './run-on-service';
import { validateDefinition } from '../engine/validate-definition';
import type { ConformanceRun } from './conformance-corpus';
import { matchesRecorded } from './compare-recorded';
import { resortLikeCorpus, resortedHistoryDifference } from './resorted-history';

/** The verdict on one recorded run. */
export interface RunVerdict {
  caseId: string;
  run: number;
  passed: boolean;
  /** Why it failed: what differed, or which capability is missing. */
  reason?: string;
}

const supportedNeeds = new Set([
  'none',
  'lambda',
  'service-stub:lambda:invoke',
  'callback',
  'nested-execution',
  'mock-config',
]);

/** Needs that run through the service and its endpoint rather than the bare interpreter. */
const serviceNeeds = new Set(['callback', 'nested-execution', 'mock-config']);

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/**
 * Runs one recorded run on the interpreter with a virtual clock: whenever nothing can run, the clock
 * jumps to the next timer, so waits and retry back-offs cost no real time (the corpus checks their
 * order and count, not their duration).
 */
export async function runRecordedRun(run: ConformanceRun, evaluators: AslEvaluators): Promise<RunVerdict> {
  const verdict = (passed: boolean, reason?: string): RunVerdict => ({
    caseId: run.caseId,
    run: run.run,
    passed,
    reason,
  });
  const unsupported = run.needs.filter((need) => !supportedNeeds.has(need));
  if (unsupported.length) return verdict(false, `needs ${unsupported.join(', ')}: not supported by the engine yet`);

  const validation = validateDefinition(run.definition);
  if (!validation.valid) {
    return run.expected.status === 'CREATE_FAILED'
      ? verdict(true)
      : verdict(false, `definition rejected: ${validation.message}`);
  }
  if (run.expected.status === 'CREATE_FAILED')
    return verdict(false, `AWS rejected the definition (${run.expected.message}); the engine accepted it`);
  try {
    // a Distributed Map runs its items as child executions: only the service has those
    const observed =
      run.needs.some((need) => serviceNeeds.has(need)) || usesDistributedMap(run.definition)
        ? await observeOnService(run)
        : await observeOnInterpreter(run, evaluators);
    return judge(run, observed);
  } catch (error) {
    return verdict(false, `the run threw: ${(error as Error).message}`);
  }
}

function usesDistributedMap(definition: unknown): boolean {
  return JSON.stringify(definition).includes('"Mode":"DISTRIBUTED"');
}

/** Runs a recorded run on the bare interpreter with a virtual clock. */
async function observeOnInterpreter(run: ConformanceRun, evaluators: AslEvaluators): Promise<ObservedRun> {
  let now = Date.now();
  const standIns = parseLambdaStandIns(run.note);
  const completions: { dueAt: number; taskId: string; outcome: Promise<TaskOutcome> }[] = [];
  const startTask = (_execution: unknown, request: TaskRequest) => {
    let delayMs = 0;
    const invoke: LambdaInvoker = async (functionName, payload) => {
      const standIn = standIns.get(functionName);
      if (!standIn)
        return { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${functionName}` };
      delayMs = standIn.delayMs;
      return standIn.run(payload);
    };
    const outcome: Promise<TaskOutcome> = isLambdaResource(request.resource)
      ? runLambdaTask(request.resource, request.parameters, invoke)
      : Promise.resolve({
          error: 'States.Runtime',
          cause: `${request.resource} is not available to the conformance runner`,
        });
    const entry = { dueAt: now, taskId: request.taskId, outcome };
    completions.push(entry);
    void outcome.then(() => (entry.dueAt = now + delayMs));
  };
  const interpreter = new Interpreter(
    { now: () => now, random: Math.random, newId: () => randomUUID(), startTask },
    evaluators,
  );
  const execution = interpreter.createExecution({
    executionArn: `arn:aws:states:us-east-1:111111111111:execution:${run.caseId}:run-${run.run}`,
    stateMachineArn: `arn:aws:states:us-east-1:111111111111:stateMachine:${run.caseId}`,
    name: `run-${run.run}`,
    roleArn: 'arn:aws:iam::111111111111:role/trustflow-conformance',
    definition: run.definition as unknown as StatesBlock,
    input: regenerateInput(run, now),
  });
  interpreter.run(execution);
  // A run AWS recorded as still running is checked as it stood: without moving the clock.
  const mayAdvanceClock = run.expected.status !== 'NOT_TERMINATED';
  for (let steps = 0; execution.status === 'RUNNING' && steps < 100_000; steps++) {
    // let stand-ins settle, then deliver what is due before moving the clock
    await Promise.all(completions.map((completion) => completion.outcome));
    completions.sort((a, b) => a.dueAt - b.dueAt);
    const ready = completions[0];
    const nextTimer = interpreter.nextDueAt(execution);
    if (ready && ready.dueAt <= now && (nextTimer === undefined || ready.dueAt <= nextTimer)) {
      completions.shift();
      interpreter.completeTask(execution, ready.taskId, await ready.outcome);
      continue;
    }
    const next = Math.min(nextTimer ?? Infinity, ready?.dueAt ?? Infinity);
    if (next === Infinity || !mayAdvanceClock) break;
    now = Math.max(now, next);
    interpreter.fireDueTimers(execution, now);
  }

  return {
    status: execution.status === 'RUNNING' ? 'NOT_TERMINATED' : execution.status,
    output: execution.output,
    error: execution.error,
    cause: execution.cause,
    eventTypes: execution.events.map((event) => event.type),
  };
}

function historyDifference(expected: string[], actual: string[]): string | undefined {
  const at = expected.findIndex((type, i) => actual[i] !== type);
  if (at < 0 && actual.length === expected.length) return undefined;
  const index = at >= 0 ? at : Math.min(actual.length, expected.length);
  return `history differs at event ${index + 1}: ${actual[index] ?? '(end)'}, AWS ${expected[index] ?? '(end)'}`;
}

/** Compares what happened with what AWS recorded. */
function judge(run: ConformanceRun, execution: ObservedRun): RunVerdict {
  const verdict = (passed: boolean, reason?: string): RunVerdict => ({
    caseId: run.caseId,
    run: run.run,
    passed,
    reason,
  });
  const { expected } = run;
  const actualStatus = execution.status;
  if (actualStatus !== expected.status) {
    return verdict(
      false,
      `status ${actualStatus} (error ${execution.error}: ${execution.cause}), AWS ${expected.status}`,
    );
  }
  const placeholders = expected.placeholders ?? [];
  if (expected.status === 'SUCCEEDED' && !matchesRecorded(expected.output, execution.output, placeholders)) {
    return verdict(false, `output ${describe(execution.output)}, AWS ${describe(expected.output)}`);
  }
  if (expected.status === 'FAILED' || expected.status === 'TIMED_OUT') {
    if ((expected.error ?? undefined) !== (execution.error || undefined)) {
      return verdict(false, `error ${execution.error}, AWS ${expected.error}`);
    }
    let cause: unknown = execution.cause || undefined;
    if (expected.cause_is_json_text && typeof cause === 'string') {
      try {
        cause = JSON.parse(cause);
      } catch {
        // compare as text
      }
    }
    if (expected.cause !== undefined && !matchesRecorded(expected.cause, cause, placeholders)) {
      return verdict(false, `cause ${describe(cause)}, AWS ${describe(expected.cause)}`);
    }
  }
  if (run.history) {
    // the corpus re-sorted Parallel blocks of these cases, losing events on the way: do the same here
    const difference = /re-sorted/.test(run.note)
      ? resortedHistoryDifference(run.history, resortLikeCorpus(execution.eventTypes))
      : historyDifference(
          run.history.map((event) => event.type),
          execution.eventTypes,
        );
    if (difference) return verdict(false, difference);
  }
  return verdict(true);
}
