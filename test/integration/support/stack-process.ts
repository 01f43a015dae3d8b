import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findFreePort } from '../../../infra/local/free-port';

/** The repository root, where `npm start` runs. */
export const repositoryRoot = path.resolve(__dirname, '..', '..', '..');

/** A local stack started by a test, as `npm start` would run it. */
export interface StackProcess {
  child: ChildProcess;
  dataDir: string;
  port: number;
  apiUrl: string;
  /** Where the stack's stdout and stderr go. */
  outputFile: string;
}

/** Stops a stack of a suite's own and removes its data, unless TRUSTFLOW_KEEP_TEST_DATA=1 keeps it. */
export async function stopAndRemoveStack(stack: Pick<StackProcess, 'child' | 'dataDir'>): Promise<void> {
  await stopStack(stack);
  if (process.env.TRUSTFLOW_KEEP_TEST_DATA !== '1') rmSync(stack.dataDir, { recursive: true, force: true });
}

/** A fresh, empty data directory. */
export function createDataDir(label: string): string {
  return mkdtempSync(path.join(tmpdir(), `trustflow-${label}-`));
}

/** Spawns `node --import tsx infra/local/start.ts` (the `npm start` command) with its own data dir and port. */
export function spawnStack(options: { dataDir: string; port: number; env?: NodeJS.ProcessEnv }): ChildProcess {
  const output = openSync(path.join(options.dataDir, 'stack-output.log'), 'a');
  return spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: repositoryRoot,
    env: {
      ...process.env,
      TRUSTFLOW_LOCAL_DIR: options.dataDir,
      PORT: String(options.port),
      TRUSTFLOW_QUIET: '1',
      ...options.env,
    },
    stdio: ['ignore', output, output],
  });
}

/** Starts a stack and waits until its API answers and its credentials are written. */
export async function startStack(
  dataDir: string,
  timeoutMs = 90_000,
  env: NodeJS.ProcessEnv = {},
): Promise<StackProcess> {
  const port = await findFreePort();
  const child = spawnStack({ dataDir, port, env });
  const apiUrl = `http://127.0.0.1:${port}`;
  const credentials = path.join(dataDir, 'dev-credentials.json');
  const outputFile = path.join(dataDir, 'stack-output.log');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`local stack exited with ${child.exitCode}:\n${readFileSync(outputFile, 'utf8')}`);
    }
    if (existsSync(credentials) && JSON.parse(readFileSync(credentials, 'utf8')).apiUrl === apiUrl) {
      const health = await fetch(`${apiUrl}/_local/health`).catch(() => undefined);
      if (health?.ok) return { child, dataDir, port, apiUrl, outputFile };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`local stack did not become ready in ${timeoutMs} ms:\n${readFileSync(outputFile, 'utf8')}`);
}

/** Sends SIGTERM and waits for the stack to exit; resolves with its exit code. */
export async function stopStack(stack: Pick<StackProcess, 'child'>, timeoutMs = 20_000): Promise<number | null> {
  const { child } = stack;
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

/** Waits for a child process to exit on its own and returns its code. */
export function waitForExit(child: ChildProcess, timeoutMs = 60_000): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('process did not exit in time')), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}
