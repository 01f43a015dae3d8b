import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';

/** What a running stack records about itself in its lock file. */
export interface LockInfo {
  pid: number;
  startedAt: string;
  apiUrl?: string;
  /** The DynamoDB Local java process, so a crashed stack's leftover can be cleaned up. */
  javaPid?: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readCommandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** Thrown when another stack holds the data directory. */
export class StackAlreadyRunningError extends Error {
  constructor(
    readonly holder: LockInfo,
    dataDir: string,
  ) {
    super(
      `A TrustFlow local stack is already running on this data directory (pid ${holder.pid}` +
        `${holder.apiUrl ? `, API at ${holder.apiUrl}` : ''}).\n` +
        `Stop it first (Ctrl-C in its terminal, or kill ${holder.pid}), or start a second stack with its own ` +
        `data: TRUSTFLOW_LOCAL_DIR=<another dir> PORT=<another port> npm start\n  data directory: ${dataDir}`,
    );
    this.name = 'StackAlreadyRunningError';
  }
}

/**
 * Takes the data directory for this process. A lock left by a stack that died (kill -9) is taken
 * over, and the DynamoDB Local it left behind is stopped.
 */
export function acquireInstanceLock(
  lockFile: string,
  dataDir: string,
): { update(info: Partial<LockInfo>): void; release(): void } {
  let info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, JSON.stringify(info), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      let holder: LockInfo | undefined;
      try {
        holder = JSON.parse(readFileSync(lockFile, 'utf8')) as LockInfo;
      } catch {
        holder = undefined;
      }
      // the pid may since have been reused by an unrelated process: only a running local stack counts
      const holderIsStack = holder && isAlive(holder.pid) && readCommandLine(holder.pid).includes('infra/local/start');
      if (holder && holder.pid !== process.pid && holderIsStack) throw new StackAlreadyRunningError(holder, dataDir);
      if (holder?.javaPid && isAlive(holder.javaPid) && readCommandLine(holder.javaPid).includes('DynamoDBLocal')) {
        process.kill(holder.javaPid, 'SIGKILL');
      }
      unlinkSync(lockFile);
    }
  }
  return {
    update(next) {
      info = { ...info, ...next };
      writeFileSync(lockFile, JSON.stringify(info));
    },
    release() {
      try {
        unlinkSync(lockFile);
      } catch {
        // already gone
      }
    },
  };
}
