/*
 * The state of an execution, kept as plain JSON so that it can be journaled and restored: no closures,
 * no promises, no JS call stack. The interpreter moves it forward one step at a time.
 */

import type { MapRunRequest } from './distributed-map';

/** An ASL state, as written in the definition. */
export type StateDefinition = Record<string, unknown> & { Type: string; Next?: string; End?: boolean };

/** A state machine or a Parallel branch / Map iterator: where to start and the states. */
export interface StatesBlock {
  StartAt: string;
  States: Record<string, StateDefinition>;
  TimeoutSeconds?: number;
}

/** One event of GetExecutionHistory, in AWS's shape (details keyed by `<type>EventDetails`). */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

/** Final states of an execution. */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** A Task's work, handed to the host, which reports the outcome back to the interpreter. */
export interface TaskRequest {
  taskId: string;
  threadId: string;
  stateName: string;
  resource: string;
  parameters: unknown;
  taskToken?: string;
}

/** What a thread is doing now. */
export type ThreadStep =
  /** About to enter `stateName` with `stateInput`. */
  | { kind: 'enter' }
  /** Entered; the state's work runs next (or again, after a retry delay). */
  | { kind: 'execute' }
  /** Waiting for timer `timerId` (Wait state or retry back-off). */
  | { kind: 'timer'; timerId: string; then: 'exit' | 'execute' }
  /** Waiting for an asynchronous task to report back. */
  | {
      kind: 'task';
      taskId: string;
      started: boolean;
      /** What was handed to the host, so a restarted engine can hand it over again. */
      request: TaskRequest;
      /** For a .waitForTaskToken or .sync task: the integration's response, once the call was made. */
      submitted?: unknown;
      heartbeatSeconds?: number;
    }
  /** Waiting for child threads (Parallel branches, Map iterations). */
  | { kind: 'children' }
  /** A Distributed Map waiting for its map run (child executions run by the host). */
  | { kind: 'map-run'; request: MapRunRequest }
  /** The state produced `output`; transition next. */
  | { kind: 'exit'; output: unknown }
  /** Failed with this error; Retry/Catch apply when it runs. */
  | { kind: 'error'; error: string; cause: string }
  /** Finished. */
  | { kind: 'done' };

/** A line of execution: the root, a Parallel branch or a Map iteration. */
export interface Thread {
  id: string;
  /** The thread waiting for this one; absent for the root. */
  parentId?: string;
  /** Path from the definition root to this thread's StatesBlock, e.g. ['States','P','Branches',1]. */
  blockPath: (string | number)[];
  /** Branch or iteration index within the parent. */
  index?: number;
  /** Map iteration item, exposed as $$.Map.Item. */
  mapItem?: { Index: number; Value: unknown };
  stateName: string;
  /** The raw input the current state was entered with. */
  stateInput: unknown;
  /** Event id of the current state's *StateEntered event (AWS quotes it in runtime errors). */
  enteredEventId: number;
  enteredAt: number;
  /** Last event this thread emitted: the next one's previousEventId. */
  lastEventId: number;
  /** Attempts per Retry entry index for the current state. */
  retryCounts: number[];
  step: ThreadStep;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  output?: unknown;
  error?: string;
  cause?: string;
  /** Parallel/Map bookkeeping while in step 'children'. */
  children?: ChildrenProgress;
  /** A Wait state's output, emitted when its timer fires. */
  pendingOutput?: unknown;
  /** The state a Choice chose, taken on exit. */
  choiceNext?: string;
  /**
   * A Map/Parallel whose child failed: its progress and the children that failed or were aborted,
   * kept so that RedriveExecution re-runs only those (successful ones stay in `progress.results`).
   */
  redriveStash?: { progress: ChildrenProgress; threads: Thread[] };
}

/** A Parallel or Map state's children. */
export interface ChildrenProgress {
  kind: 'Parallel' | 'Map';
  results: unknown[];
  pending: number;
  /** Map only: items not yet started (concurrency limit), as indices into `items`. */
  items?: unknown[];
  nextIndex?: number;
  maxConcurrency?: number;
  running?: number;
  failed?: { error: string; cause: string };
  /** Value passed to each child: Parallel passes the effective input. */
  childInput?: unknown;
}

/** A point on the business clock at which a thread continues. */
export interface Timer {
  id: string;
  dueAt: number;
  threadId: string;
  purpose: 'wait' | 'retry' | 'task-timeout' | 'heartbeat' | 'execution-timeout';
}

/** An execution and everything needed to continue it. */
export interface ExecutionState {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  roleArn: string;
  definition: StatesBlock;
  input: unknown;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
  output?: unknown;
  error?: string;
  cause?: string;
  events: HistoryEvent[];
  /** State transitions so far (AWS bills Standard workflows per transition). */
  transitions: number;
  threads: Record<string, Thread>;
  rootThreadId: string;
  timers: Timer[];
  sequence: number;
  /** Set on a Distributed Map's child execution: the map run that started it. */
  mapRunArn?: string;
  /** RedriveExecution: how many times, when last, and the client tokens of recent redrives. */
  redriveCount?: number;
  redriveDate?: number;
  redriveTokens?: { token: string; at: number }[];
  /** Step Functions Local mock configuration: the test case this execution runs (`arn#TestCase`). */
  mock?: MockedRun;
}

/** The mocked test case of an execution and how often each mocked state was invoked. */
export interface MockedRun {
  testCase: string;
  /** Invocations so far, per state name: the next one gets the mocked response of this number. */
  invocations: Record<string, number>;
  /** The invocation number each dispatched task got, so a task dispatched again keeps its response. */
  assigned: Record<string, number>;
}
