/*
 * RedriveExecution on the plain execution state: a FAILED, TIMED_OUT or ABORTED standard execution
 * continues from where it stopped, with the same ARN, input and history. Only what did not succeed
 * runs again: the state that failed (a Task with the input it had), and in a Map or Parallel only the
 * iterations and branches that failed or were aborted; finished ones keep their results.
 */
import type { ExecutionState, HistoryEvent, Thread } from './execution-model';

/** AWS redrives executions that stopped at most this long ago. */
export const redrivableForMs = 14 * 24 * 60 * 60 * 1000;
/** Executions older than AWS's maximum execution time (one year) cannot be redriven. */
const maxExecutionMs = 365 * 24 * 60 * 60 * 1000;
/** AWS's history limit: an execution at it cannot record more events. */
const maxHistoryEvents = 25_000;
/** AWS answers a repeated client token with the earlier redrive for 15 minutes, for the last 10 tokens. */
const clientTokenTtlMs = 15 * 60 * 1000;
const rememberedClientTokens = 10;

/** Whether an execution can be redriven now, and AWS's `redriveStatusReason` when it cannot. */
export type Redrivability = { redrivable: true } | { redrivable: false; reason: string };

/** Checks AWS's conditions for a redrive, in the order AWS documents its reasons. */
export function assessRedrivability(
  execution: ExecutionState,
  context: { now: number; machineDeleting: boolean },
): Redrivability {
  if (context.machineDeleting) return { redrivable: false, reason: 'State machine is in DELETING status' };
  if (execution.status === 'RUNNING' || execution.status === 'SUCCEEDED') {
    return { redrivable: false, reason: `Execution is ${execution.status} and cannot be redriven` };
  }
  if (execution.events.length >= maxHistoryEvents - 1) {
    return { redrivable: false, reason: 'Execution history event limit exceeded' };
  }
  if (context.now - execution.startDate > maxExecutionMs) {
    return { redrivable: false, reason: 'Execution has exceeded the max execution time' };
  }
  if (context.now - (execution.stopDate ?? context.now) > redrivableForMs) {
    return { redrivable: false, reason: 'Execution redrivable period exceeded' };
  }
  return { redrivable: true };
}

/**
 * The date of an earlier redrive made with the same client token (within AWS's 15 minutes and last
 * 10 tokens), which AWS answers again instead of redriving twice.
 */
export function findRedriveByClientToken(execution: ExecutionState, token: string, now: number): number | undefined {
  const earlier = execution.redriveTokens?.find((entry) => entry.token === token);
  if (!earlier || now - earlier.at > clientTokenTtlMs) return undefined;
  return earlier.at;
}

/**
 * Puts a stopped execution back to RUNNING (the caller checked {@link assessRedrivability}) and
 * records ExecutionRedriven. The threads that did not finish are set to enter their current state
 * again; the caller then runs the execution. `newTimerId` names the restarted execution timeout.
 */
export function redriveStoppedExecution(
  execution: ExecutionState,
  options: { now: number; clientToken?: string; newTimerId: () => string },
): void {
  const { now } = options;
  execution.status = 'RUNNING';
  delete execution.stopDate;
  delete execution.error;
  delete execution.cause;
  delete execution.output;
  execution.redriveCount = (execution.redriveCount ?? 0) + 1;
  execution.redriveDate = now;
  if (options.clientToken) {
    execution.redriveTokens = [
      ...(execution.redriveTokens ?? []).filter((entry) => entry.token !== options.clientToken),
      { token: options.clientToken, at: now },
    ].slice(-rememberedClientTokens);
  }
  const redriven = appendEvent(execution, execution.events.length, now, 'ExecutionRedriven', {
    executionRedrivenEventDetails: { redriveCount: execution.redriveCount },
  });
  const root = execution.threads[execution.rootThreadId];
  if (root) reviveThread(execution, root, redriven, now);
  // the execution timeout starts again: a timed-out execution would otherwise time out at once
  if (execution.definition.TimeoutSeconds !== undefined) {
    execution.timers.push({
      id: options.newTimerId(),
      dueAt: now + execution.definition.TimeoutSeconds * 1000,
      threadId: execution.rootThreadId,
      purpose: 'execution-timeout',
    });
  }
}

/** Makes `thread` run again from its unfinished work; a Map/Parallel gets back its unfinished children. */
function reviveThread(execution: ExecutionState, thread: Thread, afterEventId: number, now: number): void {
  thread.status = 'RUNNING';
  thread.lastEventId = afterEventId;
  delete thread.error;
  delete thread.cause;
  const stash = thread.redriveStash;
  delete thread.redriveStash;
  // a TIMED_OUT or ABORTED execution still holds its children; a FAILED one stashed them
  const live = Object.values(execution.threads).filter((candidate) => candidate.parentId === thread.id);
  const progress = thread.children ?? stash?.progress;
  if (!progress) {
    // between two states the next one is entered as planned; anything else runs its state again
    if (thread.step.kind !== 'enter' && thread.step.kind !== 'exit') {
      delete thread.pendingOutput;
      delete thread.choiceNext;
      thread.step = { kind: 'enter' };
    }
    return;
  }
  const children = thread.children ? live : (stash?.threads ?? []);
  thread.children = progress;
  thread.step = { kind: 'children' };
  delete progress.failed;
  const notStarted = progress.kind === 'Map' ? progress.items!.length - progress.nextIndex! : 0;
  progress.pending = children.length + notStarted;
  if (progress.kind === 'Map') progress.running = children.length;
  for (const child of children) {
    execution.threads[child.id] = child;
    if (progress.kind === 'Map') {
      thread.lastEventId = appendEvent(execution, thread.lastEventId, now, 'MapIterationStarted', {
        mapIterationStartedEventDetails: { index: child.index, name: thread.stateName },
      });
    }
    reviveThread(execution, child, thread.lastEventId, now);
  }
}

function appendEvent(
  execution: ExecutionState,
  previousEventId: number,
  timestamp: number,
  type: string,
  details: Record<string, unknown>,
): number {
  const event: HistoryEvent = { id: execution.events.length + 1, previousEventId, timestamp, type, ...details };
  execution.events.push(event);
  return event.id;
}
