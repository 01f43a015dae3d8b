import { closeSync, existsSync, openSync, readSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import type { ExecutionState } from '../engine/execution-model';
import type { TaskOutcome } from '../engine/interpreter';
import type { StoredMapRun } from './map-runs';

/** A state machine as registered. */
export interface StoredStateMachine {
  stateMachineArn: string;
  name: string;
  definition: string;
  roleArn: string;
  type: string;
  creationDate: number;
  /** When UpdateStateMachine last changed it (epoch ms). */
  updateDate?: number;
  /** Its tags (TagResource, UntagResource), in the order they were first set. */
  tags?: { key: string; value: string }[];
  /** DeleteStateMachine was called; the machine goes once its last execution has ended. */
  status?: 'DELETING';
}

/** A task result recorded the moment it arrived, before the execution's state catches up. */
export interface StoredOutcome {
  executionArn: string;
  taskId: string;
  outcome: TaskOutcome | { submitted: unknown };
}

type JournalRecord =
  | { kind: 'state-machine'; machine: StoredStateMachine }
  | { kind: 'state-machine-deleted'; stateMachineArn: string }
  | { kind: 'execution'; execution: ExecutionState }
  | { kind: 'outcome'; outcome: StoredOutcome }
  | { kind: 'map-run'; mapRun: StoredMapRun };

/** What a journal held when it was opened. */
export interface JournalContents {
  machines: StoredStateMachine[];
  executions: ExecutionState[];
  /** Outcomes in arrival order; those whose task is no longer pending are stale and ignored. */
  outcomes: StoredOutcome[];
  /** Distributed Map runs, latest record of each. */
  mapRuns: StoredMapRun[];
}

/** Compact once this much was appended and it is several times what compaction last kept. */
const compactionFloorBytes = 64 * 1024 * 1024;
const compactionGrowthFactor = 4;

/** Reads a file line by line without building one string of it (journals can outgrow a string). */
function* readLines(file: string): Generator<string> {
  const fd = openSync(file, 'r');
  const chunk = Buffer.alloc(1024 * 1024);
  let rest = Buffer.alloc(0);
  try {
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      let buffer = Buffer.concat([rest, chunk.subarray(0, read)]);
      let newline = buffer.indexOf(10);
      while (newline >= 0) {
        yield buffer.subarray(0, newline).toString('utf8');
        buffer = buffer.subarray(newline + 1);
        newline = buffer.indexOf(10);
      }
      rest = Buffer.from(buffer);
    }
    if (rest.length) yield rest.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Append-only JSON-lines journal of state machines, execution states and task outcomes. Each record
 * is written with a synchronous write: once the call returns the bytes are in the kernel, so they
 * survive the process being killed. The latest state of an execution wins; outcomes recorded after
 * it are replayed. The journal compacts itself when opened and whenever it has grown well past what
 * it needs to hold.
 */
export class ExecutionJournal {
  private fd: number;
  private appendedBytes = 0;
  private compactedBytes: number;

  private constructor(
    private readonly file: string,
    readonly contents: JournalContents,
  ) {
    this.compactedBytes = this.rewrite(contents.machines, contents.executions, contents.outcomes, contents.mapRuns);
    this.fd = openSync(file, 'a');
  }

  /** Opens (or creates) the journal, reads what it holds and compacts it. */
  static open(file: string): ExecutionJournal {
    const machines = new Map<string, StoredStateMachine>();
    const executions = new Map<string, ExecutionState>();
    let outcomes: StoredOutcome[] = [];
    const mapRuns = new Map<string, StoredMapRun>();
    if (existsSync(file)) {
      for (const line of readLines(file)) {
        if (!line.trim()) continue;
        let record: JournalRecord;
        try {
          record = JSON.parse(line) as JournalRecord;
        } catch {
          continue; // a torn last line from a crash mid-write: everything before it is intact
        }
        if (record.kind === 'state-machine') machines.set(record.machine.stateMachineArn, record.machine);
        else if (record.kind === 'state-machine-deleted') machines.delete(record.stateMachineArn);
        else if (record.kind === 'outcome') outcomes.push(record.outcome);
        else if (record.kind === 'map-run') mapRuns.set(record.mapRun.mapRunArn, record.mapRun);
        else {
          executions.set(record.execution.executionArn, record.execution);
          // a newer state already includes what was recorded before it
          outcomes = outcomes.filter((outcome) => outcome.executionArn !== record.execution.executionArn);
        }
      }
    }
    return new ExecutionJournal(file, {
      machines: [...machines.values()],
      executions: [...executions.values()],
      outcomes,
      mapRuns: [...mapRuns.values()],
    });
  }

  /** Records a state machine. */
  recordStateMachine(machine: StoredStateMachine): void {
    this.append({ kind: 'state-machine', machine });
  }

  /** Records that a state machine is gone (DeleteStateMachine, once its executions ended). */
  recordStateMachineDeleted(stateMachineArn: string): void {
    this.append({ kind: 'state-machine-deleted', stateMachineArn });
  }

  /** Records a map run's current state (started, updated, ended). */
  recordMapRun(mapRun: StoredMapRun): void {
    this.append({ kind: 'map-run', mapRun });
  }

  /** Records an execution's current state. */
  recordExecution(execution: ExecutionState): void {
    this.append({ kind: 'execution', execution });
  }

  /** Records a task's outcome as soon as it arrives, so a crash before the next state write keeps it. */
  recordOutcome(outcome: StoredOutcome): void {
    this.append({ kind: 'outcome', outcome });
  }

  /** Whether enough was appended since the last compaction to make one worthwhile. */
  needsCompaction(): boolean {
    return this.appendedBytes > Math.max(compactionFloorBytes, compactionGrowthFactor * this.compactedBytes);
  }

  /** Rewrites the journal to just the current machines and executions. */
  compact(machines: StoredStateMachine[], executions: ExecutionState[], mapRuns: StoredMapRun[] = []): void {
    closeSync(this.fd);
    this.compactedBytes = this.rewrite(machines, executions, [], mapRuns);
    this.appendedBytes = 0;
    this.fd = openSync(this.file, 'a');
  }

  /** Closes the file; safe to call twice. */
  close(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
  }

  private rewrite(
    machines: StoredStateMachine[],
    executions: ExecutionState[],
    outcomes: StoredOutcome[],
    mapRuns: StoredMapRun[] = [],
  ): number {
    const lines = [
      ...machines.map((machine) => JSON.stringify({ kind: 'state-machine', machine })),
      ...executions.map((execution) => JSON.stringify({ kind: 'execution', execution })),
      ...mapRuns.map((mapRun) => JSON.stringify({ kind: 'map-run', mapRun })),
      ...outcomes.map((outcome) => JSON.stringify({ kind: 'outcome', outcome })),
    ];
    const temporary = `${this.file}.tmp`;
    const fd = openSync(temporary, 'w');
    let bytes = 0;
    for (const line of lines) bytes += writeSync(fd, `${line}\n`);
    closeSync(fd);
    renameSync(temporary, this.file);
    if (lines.length === 0) writeFileSync(this.file, '');
    return bytes;
  }

  private append(record: JournalRecord): void {
    this.appendedBytes += writeSync(this.fd, `${JSON.stringify(record)}\n`);
  }
}
