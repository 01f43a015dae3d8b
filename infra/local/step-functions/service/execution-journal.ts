import { closeSync, existsSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import type { ExecutionState } from '../engine/execution-model';

/** A state machine as registered. */
export interface StoredStateMachine {
  stateMachineArn: string;
  name: string;
  definition: string;
  roleArn: string;
  type: string;
  creationDate: number;
}

type JournalRecord =
  { kind: 'state-machine'; machine: StoredStateMachine } | { kind: 'execution'; execution: ExecutionState };

/** What a journal held when it was opened. */
export interface JournalContents {
  machines: StoredStateMachine[];
  executions: ExecutionState[];
}

/**
 * Append-only JSON-lines journal of state machines and execution states. Each record is written with a
 * synchronous write before the engine moves on: once the call returns the bytes are in the kernel,
 * so they survive the process being killed. The latest record of an execution wins; opening the
 * journal compacts it to one record per machine and execution.
 */
export class ExecutionJournal {
  private fd: number;

  private constructor(
    private readonly file: string,
    readonly contents: JournalContents,
  ) {
    this.fd = openSync(file, 'a');
  }

  /** Opens (or creates) the journal, reads what it holds and compacts it. */
  static open(file: string): ExecutionJournal {
    const machines = new Map<string, StoredStateMachine>();
    const executions = new Map<string, ExecutionState>();
    if (existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        let record: JournalRecord;
        try {
          record = JSON.parse(line) as JournalRecord;
        } catch {
          continue; // a torn last line from a crash mid-write: everything before it is intact
        }
        if (record.kind === 'state-machine') machines.set(record.machine.stateMachineArn, record.machine);
        else executions.set(record.execution.executionArn, record.execution);
      }
    }
    const contents = { machines: [...machines.values()], executions: [...executions.values()] };
    const compacted = [
      ...contents.machines.map((machine) => JSON.stringify({ kind: 'state-machine', machine })),
      ...contents.executions.map((execution) => JSON.stringify({ kind: 'execution', execution })),
    ];
    writeFileSync(`${file}.tmp`, compacted.length ? `${compacted.join('\n')}\n` : '');
    renameSync(`${file}.tmp`, file);
    return new ExecutionJournal(file, contents);
  }

  /** Records a state machine. */
  recordStateMachine(machine: StoredStateMachine): void {
    this.append({ kind: 'state-machine', machine });
  }

  /** Records an execution's current state. */
  recordExecution(execution: ExecutionState): void {
    this.append({ kind: 'execution', execution });
  }

  /** Closes the file; safe to call twice. */
  close(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
  }

  private append(record: JournalRecord): void {
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
  }
}
