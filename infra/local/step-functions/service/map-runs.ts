/*
 * Map runs of Distributed Map states: each item (or batch of items) runs as a child execution that
 * the service starts through MapRunHost; this module keeps the map run's record (DescribeMapRun,
 * ListMapRuns, UpdateMapRun), its concurrency, its failure threshold and its ResultWriter export.
 *
 * Scale: a map run holds one small entry per child (its output, and its input only when a
 * ResultWriter needs it); the parent execution's history gets MapRunStarted and one closing event,
 * never per-item events; counts are kept incrementally, so every step is O(1) per child.
 */
import { aslEvaluators } from '../engine/asl-evaluators';
import {
  childStateMachineArn,
  exceededThresholdCause,
  exceedsToleratedFailures,
  type MapRunRequest,
} from '../engine/distributed-map';
import type { ExecutionState } from '../engine/execution-model';
import type { TaskOutcome } from '../engine/interpreter';
import { batchItems, unbatchedUnits, type MapRunUnit } from '../engine/item-batcher';
import { readItems } from '../engine/item-reader';
import type { ObjectStore } from '../engine/object-store';
import { transformResults, writeMapRunResults, type ChildExecutionRecord } from '../engine/result-writer';
import { StatesError } from '../asl/states-error';
import { SfnServiceError } from './sfn-api';

/** Status of a map run as AWS reports it. */
export type MapRunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

/** DescribeMapRun's itemCounts / executionCounts. */
export interface MapRunCounts {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  total: number;
  resultsWritten: number;
  failuresNotRedrivable: number;
  pendingRedrive: number;
}

/** A map run as journaled and described. */
export interface StoredMapRun {
  mapRunArn: string;
  executionArn: string;
  /** The state machine its children run: `stateMachine:<name>/<label or UUID>` (ListMapRuns shows it). */
  stateMachineArn: string;
  status: MapRunStatus;
  startDate: number;
  stopDate?: number;
  maxConcurrency: number;
  toleratedFailureCount: number;
  toleratedFailurePercentage: number;
  itemCounts: MapRunCounts;
  executionCounts: MapRunCounts;
}

/** What the map runs need from the service. */
export interface MapRunHost {
  now(): number;
  newId(): string;
  objectStore?: ObjectStore;
  /** Starts a child execution (its result comes back through MapRuns.childFinished). */
  startChild(
    request: MapRunRequest,
    parentArn: string,
    child: { executionArn: string; name: string; input: unknown },
  ): void;
  /** Stops a running child execution (ABORTED). */
  stopChild(executionArn: string): void;
  /** The map run ended: its Map state's result or error, for the parent execution. */
  reportOutcome(parentArn: string, mapRunArn: string, outcome: TaskOutcome): void;
  /** Journals the map run's record. */
  record(run: StoredMapRun): void;
  onError(error: unknown): void;
}

/** AWS runs up to 10,000 child executions at once when MaxConcurrency is 0 (unset). */
const defaultMaxConcurrency = 10_000;
/** Children started per event-loop turn, so that a large map run never blocks the endpoint. */
const launchesPerTurn = 256;

interface ActiveMapRun {
  record: StoredMapRun;
  request: MapRunRequest;
  parentArn: string;
  units: MapRunUnit[];
  nextUnit: number;
  /** Each unit's output, or {Error, Cause} for a tolerated failure. */
  results: unknown[];
  /** Per unit, for the ResultWriter only (inputs would otherwise be kept for nothing). */
  children?: ChildExecutionRecord[];
  /** Running child ARN → unit index. */
  running: Map<string, number>;
  failedItems: number;
  ended: boolean;
  launchScheduled: boolean;
  tolerance: { toleratedFailureCount?: number; toleratedFailurePercentage?: number };
}

function emptyCounts(): MapRunCounts {
  return {
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
}

/** Adds `amount` to a count and to both counts' totals where a status changes. */
function move(counts: MapRunCounts, from: keyof MapRunCounts | undefined, to: keyof MapRunCounts, amount: number) {
  if (from) counts[from] -= amount;
  counts[to] += amount;
}

const mapRunArnPattern = /^arn:aws[a-z-]*:states:[^:]*:\d*:mapRun:[^:]+:[^:]+$/;

/** Map runs: their records and the active ones' progress. */
export class MapRuns {
  private readonly records = new Map<string, StoredMapRun>();
  private readonly active = new Map<string, ActiveMapRun>();
  /** Parent execution ARN → its map runs, for ListMapRuns and for stopping them with it. */
  private readonly byExecution = new Map<string, Set<string>>();
  private launchedThisTurn = 0;
  /** Item reads and result writes in progress (whenSettled waits for them). */
  private inFlight = 0;

  constructor(private readonly host: MapRunHost) {}

  /** Map runs restored from the journal; one that was running when the service stopped is aborted. */
  load(runs: readonly StoredMapRun[]): void {
    for (const run of runs) {
      this.remember(
        run.status === 'RUNNING' ? { ...run, status: 'ABORTED', stopDate: run.stopDate ?? this.host.now() } : run,
      );
    }
  }

  /** Every record, for journal compaction. */
  list(): StoredMapRun[] {
    return [...this.records.values()];
  }

  /** Whether item reads or result writes are still in progress. */
  isBusy(): boolean {
    return this.inFlight > 0;
  }

  /** Starts (or, after a restart, starts again from the beginning) the map run a Map state asked for. */
  start(parentArn: string, request: MapRunRequest): void {
    const record: StoredMapRun = {
      mapRunArn: request.mapRunArn,
      executionArn: parentArn,
      stateMachineArn: childStateMachineArn(request.mapRunArn),
      status: 'RUNNING',
      startDate: this.host.now(),
      maxConcurrency: request.maxConcurrency,
      toleratedFailureCount: request.toleratedFailureCount ?? 0,
      toleratedFailurePercentage: request.toleratedFailurePercentage ?? 0,
      itemCounts: emptyCounts(),
      executionCounts: emptyCounts(),
    };
    this.remember(record);
    const run: ActiveMapRun = {
      record,
      request,
      parentArn,
      units: [],
      nextUnit: 0,
      results: [],
      running: new Map(),
      failedItems: 0,
      ended: false,
      launchScheduled: false,
      tolerance: {
        ...(request.toleratedFailureCount !== undefined
          ? { toleratedFailureCount: request.toleratedFailureCount }
          : {}),
        ...(request.toleratedFailurePercentage !== undefined
          ? { toleratedFailurePercentage: request.toleratedFailurePercentage }
          : {}),
      },
    };
    this.active.set(record.mapRunArn, run);
    this.host.record(record);
    this.inFlight++;
    void this.prepareUnits(run)
      .then(() => this.launch(run))
      .catch((error: unknown) => {
        if (error instanceof StatesError) return this.end(run, 'FAILED', { error: error.error, cause: error.cause });
        this.host.onError(error);
        return this.end(run, 'FAILED', { error: 'States.Runtime', cause: String((error as Error)?.message ?? error) });
      })
      .finally(() => this.inFlight--);
  }

  /** A child execution ended: count it, start the next one, and end the map run when it is done. */
  childFinished(child: ExecutionState): void {
    const run = this.active.get(child.mapRunArn ?? '');
    const index = run?.running.get(child.executionArn);
    if (!run || index === undefined) return;
    run.running.delete(child.executionArn);
    const unit = run.units[index]!;
    const status = child.status;
    const countKey =
      status === 'SUCCEEDED'
        ? 'succeeded'
        : status === 'TIMED_OUT'
          ? 'timedOut'
          : status === 'ABORTED'
            ? 'aborted'
            : 'failed';
    move(run.record.itemCounts, 'running', countKey, unit.itemCount);
    move(run.record.executionCounts, 'running', countKey, 1);
    run.record.itemCounts.resultsWritten += unit.itemCount;
    run.record.executionCounts.resultsWritten += 1;
    run.results[index] =
      status === 'SUCCEEDED' ? child.output : { Error: child.error ?? null, Cause: child.cause ?? null };
    const described = run.children?.[index];
    if (described) {
      Object.assign(described, {
        status,
        stopDate: child.stopDate,
        ...(status === 'SUCCEEDED' ? { output: child.output } : {}),
        ...(child.error !== undefined ? { error: child.error } : {}),
        ...(child.cause !== undefined ? { cause: child.cause } : {}),
      });
    }
    if (run.ended) return;
    if (status !== 'SUCCEEDED') {
      run.failedItems += unit.itemCount;
      if (exceedsToleratedFailures(run.failedItems, run.record.itemCounts.total, run.tolerance)) {
        this.end(run, 'FAILED', { error: 'States.ExceedToleratedFailureThreshold', cause: exceededThresholdCause });
        return;
      }
    }
    this.launch(run);
  }

  /** Stops a map run whose Map state no longer waits for it (ABORTED, children stopped, no report). */
  stop(mapRunArn: string): void {
    const run = this.active.get(mapRunArn);
    if (run && !run.ended) this.end(run, 'ABORTED');
  }

  /** Stops every running map run of an execution that has ended. */
  stopForExecution(executionArn: string): void {
    for (const mapRunArn of this.byExecution.get(executionArn) ?? []) this.stop(mapRunArn);
  }

  /** DescribeMapRun. */
  describe(mapRunArn: string) {
    const record = this.requireRecord(mapRunArn);
    return {
      mapRunArn: record.mapRunArn,
      executionArn: record.executionArn,
      status: record.status,
      startDate: new Date(record.startDate),
      ...(record.stopDate !== undefined ? { stopDate: new Date(record.stopDate) } : {}),
      maxConcurrency: record.maxConcurrency,
      toleratedFailurePercentage: record.toleratedFailurePercentage,
      toleratedFailureCount: record.toleratedFailureCount,
      itemCounts: { ...record.itemCounts },
      executionCounts: { ...record.executionCounts },
      redriveCount: 0,
    };
  }

  /** ListMapRuns' items for one execution, oldest first. */
  listForExecution(executionArn: string) {
    return [...(this.byExecution.get(executionArn) ?? [])].map((mapRunArn) => {
      const record = this.records.get(mapRunArn)!;
      return {
        executionArn: record.executionArn,
        mapRunArn: record.mapRunArn,
        stateMachineArn: record.stateMachineArn,
        startDate: new Date(record.startDate),
        ...(record.stopDate !== undefined ? { stopDate: new Date(record.stopDate) } : {}),
      };
    });
  }

  /** UpdateMapRun: concurrency and thresholds of a running map run take effect at once. */
  update(input: {
    mapRunArn: string;
    maxConcurrency?: number;
    toleratedFailurePercentage?: number;
    toleratedFailureCount?: number;
  }): void {
    const record = this.requireRecord(input.mapRunArn);
    if (
      input.maxConcurrency === undefined &&
      input.toleratedFailureCount === undefined &&
      input.toleratedFailurePercentage === undefined
    ) {
      throw new SfnServiceError(
        'ValidationException',
        'At least one of maxConcurrency, toleratedFailureCount or toleratedFailurePercentage must be specified',
      );
    }
    const run = this.active.get(input.mapRunArn);
    if (!run || run.ended)
      throw new SfnServiceError('ValidationException', `Map Run is not running: '${input.mapRunArn}'`);
    if (input.maxConcurrency !== undefined) record.maxConcurrency = input.maxConcurrency;
    if (input.toleratedFailureCount !== undefined) {
      record.toleratedFailureCount = input.toleratedFailureCount;
      run.tolerance.toleratedFailureCount = input.toleratedFailureCount;
    }
    if (input.toleratedFailurePercentage !== undefined) {
      record.toleratedFailurePercentage = input.toleratedFailurePercentage;
      run.tolerance.toleratedFailurePercentage = input.toleratedFailurePercentage;
    }
    this.host.record(record);
    this.launch(run);
  }

  // --- internals --------------------------------------------------------------------------------

  private remember(record: StoredMapRun): void {
    this.records.set(record.mapRunArn, record);
    if (!this.byExecution.has(record.executionArn)) this.byExecution.set(record.executionArn, new Set());
    this.byExecution.get(record.executionArn)!.add(record.mapRunArn);
  }

  private requireRecord(mapRunArn: string): StoredMapRun {
    if (!mapRunArnPattern.test(mapRunArn)) throw new SfnServiceError('InvalidArn', `Invalid Arn: '${mapRunArn}'`);
    const record = this.records.get(mapRunArn);
    if (!record) throw new SfnServiceError('ResourceNotFound', `Map Run Does Not Exist: '${mapRunArn}'`);
    return record;
  }

  /** Items (inline or read), each through ItemSelector, then batched: the children's inputs. */
  private async prepareUnits(run: ActiveMapRun): Promise<void> {
    const { request } = run;
    const items = request.items ?? (request.reader ? await readItems(this.host.objectStore, request.reader) : []);
    if (run.ended) return;
    const selected =
      request.itemSelector === undefined
        ? items
        : items.map((value, index) =>
            aslEvaluators.parameters(request.itemSelector, request.selectorInput, {
              ...request.context,
              Map: { Item: { Index: index, Value: value } },
            }),
          );
    run.units = request.batcher ? batchItems(selected, request.batcher) : unbatchedUnits(selected);
    run.results = new Array(run.units.length).fill(null);
    if (request.resultWriter) {
      run.children = run.units.map((unit) => ({ status: 'PENDING' as const, input: unit.input }));
    }
    run.record.itemCounts.total = selected.length;
    run.record.itemCounts.pending = selected.length;
    run.record.executionCounts.total = run.units.length;
    run.record.executionCounts.pending = run.units.length;
  }

  /** Starts children up to the concurrency limit; ends the map run once every child has ended. */
  private launch(run: ActiveMapRun): void {
    if (run.ended) return;
    const limit = run.record.maxConcurrency > 0 ? run.record.maxConcurrency : defaultMaxConcurrency;
    while (run.running.size < limit && run.nextUnit < run.units.length) {
      if (this.launchedThisTurn >= launchesPerTurn) {
        this.scheduleLaunch(run);
        return;
      }
      this.launchedThisTurn++;
      this.startUnit(run, run.nextUnit++);
      if (run.ended) return;
    }
    if (run.running.size === 0 && run.nextUnit >= run.units.length) this.end(run, 'SUCCEEDED');
  }

  private scheduleLaunch(run: ActiveMapRun): void {
    if (run.launchScheduled) return;
    run.launchScheduled = true;
    setImmediate(() => {
      run.launchScheduled = false;
      this.launchedThisTurn = 0;
      this.launch(run);
    });
  }

  private startUnit(run: ActiveMapRun, index: number): void {
    const unit = run.units[index]!;
    const name = this.host.newId();
    const kind = run.request.executionType === 'EXPRESS' ? ':express:' : ':execution:';
    const executionArn = `${run.record.stateMachineArn.replace(':stateMachine:', kind)}:${name}`;
    move(run.record.itemCounts, 'pending', 'running', unit.itemCount);
    move(run.record.executionCounts, 'pending', 'running', 1);
    run.running.set(executionArn, index);
    const described = run.children?.[index];
    if (described) {
      Object.assign(described, {
        executionArn,
        name,
        stateMachineArn: run.record.stateMachineArn,
        status: 'RUNNING',
        startDate: this.host.now(),
      });
    }
    this.host.startChild(run.request, run.parentArn, { executionArn, name, input: unit.input });
  }

  /** Ends a map run: stops what still runs, writes results, reports to the Map state (unless aborted). */
  private end(run: ActiveMapRun, status: MapRunStatus, failure?: { error: string; cause: string }): void {
    if (run.ended) return;
    run.ended = true;
    // children still running are aborted now, so the counts and any result files say so
    for (const [childArn, index] of [...run.running]) {
      const unit = run.units[index]!;
      move(run.record.itemCounts, 'running', 'aborted', unit.itemCount);
      move(run.record.executionCounts, 'running', 'aborted', 1);
      const described = run.children?.[index];
      if (described) Object.assign(described, { status: 'ABORTED', stopDate: this.host.now() });
      run.running.delete(childArn);
      this.host.stopChild(childArn);
    }
    const report = (outcome: TaskOutcome, finalStatus: MapRunStatus) => {
      run.record.status = finalStatus;
      run.record.stopDate = this.host.now();
      this.active.delete(run.record.mapRunArn);
      this.host.record(run.record);
      if (status !== 'ABORTED') this.host.reportOutcome(run.parentArn, run.record.mapRunArn, outcome);
    };
    const writer = run.request.resultWriter;
    const result: TaskOutcome = failure ?? {
      output: writer === undefined ? run.results : transformResults(run.children ?? [], writer.transformation),
    };
    if (writer?.bucket === undefined || status === 'ABORTED') {
      report(result, status);
      return;
    }
    // the export happens whether the map run succeeded or failed, as on AWS
    this.inFlight++;
    void writeMapRunResults(this.host.objectStore, writer, run.record.mapRunArn, run.children ?? [])
      .then((details) =>
        report(failure ?? { output: { MapRunArn: run.record.mapRunArn, ResultWriterDetails: details } }, status),
      )
      .catch((error: unknown) => {
        const failed =
          error instanceof StatesError ? error : new StatesError('States.ResultWriterFailed', String(error));
        report({ error: failed.error, cause: failed.cause }, 'FAILED');
      })
      .finally(() => this.inFlight--);
  }
}
