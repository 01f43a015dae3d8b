/**
 * `npm run bench:engine`: throughput of the local Step Functions engine with its journal on (durable),
 * on three workloads: (a) a 200-state Pass/Choice chain, (b) a Map over 1,000 items calling a trivial
 * in-process Lambda, (c) 1,000 executions that each wait on a task token, then are all resumed.
 * (a) and (b) also run, in this same process, on `aws-local-stepfunctions` (in memory, no journal),
 * and the table prints how long the durable engine takes relative to it.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StatesBlock } from '../infra/local/step-functions/engine/execution-model';
import { StepFunctionsService } from '../infra/local/step-functions/service/step-functions-service';

const roleArn = 'arn:aws:iam::000000000000:role/bench';
const chainRuns = 100;
const chainWorkload = `(a) 200-state Pass/Choice chain x ${chainRuns}`;
const mapWorkload = '(b) Map over 1,000 items, in-process Lambda';
const tokenWorkload = '(c) 1,000 executions on task tokens, resumed';

/** A chain of `length` states alternating Pass and Choice. */
function buildChain(length: number): StatesBlock {
  const states: StatesBlock['States'] = {};
  for (let i = 0; i < length; i++) {
    const next = i + 1 < length ? `S${i + 1}` : 'End';
    states[`S${i}`] =
      i % 2 === 0
        ? { Type: 'Pass', Result: { step: i }, ResultPath: '$.last', Next: next }
        : {
            Type: 'Choice',
            Choices: [{ Variable: '$.last.step', NumericGreaterThanEquals: 0, Next: next }],
            Default: next,
          };
  }
  states.End = { Type: 'Succeed' };
  return { StartAt: 'S0', States: states };
}

/** A Map over `$.items` whose iterations call a Lambda. */
const mapOverLambda: StatesBlock = {
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: {
        StartAt: 'Call',
        States: {
          Call: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:identity', End: true },
        },
      },
      End: true,
    },
  },
};

const waitForToken: StatesBlock = {
  StartAt: 'Wait',
  States: {
    Wait: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'collect', Payload: { 'token.$': '$$.Task.Token' } },
      End: true,
    },
  },
};

interface Row {
  workload: string;
  seconds: number;
  transitions: number;
  executions: number;
}

/**
 * aws-local-stepfunctions calls Promise.withResolvers (ES2024, Node 22). On Node 20 the standard
 * behaviour is supplied here so that both engines run in the same process, as the comparison needs.
 */
function installPromiseWithResolvers(): void {
  const promise = Promise as unknown as { withResolvers?: () => unknown };
  promise.withResolvers ??= () => {
    let resolve!: (value: unknown) => void;
    let reject!: (reason: unknown) => void;
    const settled = new Promise((onResolve, onReject) => {
      resolve = onResolve;
      reject = onReject;
    });
    return { promise: settled, resolve, reject };
  };
}

/** Runs (a) and (b) on aws-local-stepfunctions; seconds per workload. */
async function measurePeer(items: unknown): Promise<Record<string, number>> {
  installPromiseWithResolvers();
  // ESM-only package, loaded the way Node loads ESM from CommonJS
  const { StateMachine } = await import('aws-local-stepfunctions');
  const seconds: Record<string, number> = {};
  const chain = new StateMachine(buildChain(200) as never);
  let started = performance.now();
  for (let i = 0; i < chainRuns; i++) await chain.run({}).result;
  seconds[chainWorkload] = (performance.now() - started) / 1000;
  const map = new StateMachine(mapOverLambda as never);
  started = performance.now();
  const handlers = { Call: async (input: unknown) => input } as never;
  await map.run(items as never, { overrides: { taskResourceLocalHandlers: handlers } }).result;
  seconds[mapWorkload] = (performance.now() - started) / 1000;
  return seconds;
}

async function waitUntilDone(service: StepFunctionsService, arns: string[]): Promise<void> {
  for (;;) {
    const statuses = await Promise.all(arns.map((executionArn) => service.describeExecution({ executionArn })));
    if (statuses.every((execution) => execution.status !== 'RUNNING')) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function measureEngine(service: StepFunctionsService, tokens: string[], items: unknown): Promise<Row[]> {
  const rows: Row[] = [];
  const measure = async (workload: string, run: () => Promise<string[]>) => {
    const started = performance.now();
    const arns = await run();
    await waitUntilDone(service, arns);
    const seconds = (performance.now() - started) / 1000;
    const described = await Promise.all(arns.map((executionArn) => service.describeExecution({ executionArn })));
    const failed = described.filter((execution) => execution.status !== 'SUCCEEDED');
    if (failed.length)
      throw new Error(`${workload}: ${failed.length} failed, e.g. ${failed[0]?.error} ${failed[0]?.cause}`);
    const transitions = described.reduce((sum, execution) => sum + execution.stateTransitionCount, 0);
    rows.push({ workload, seconds, transitions, executions: arns.length });
  };
  const create = async (name: string, definition: StatesBlock) =>
    (await service.createStateMachine({ name, definition: JSON.stringify(definition), roleArn })).stateMachineArn;

  const chain = await create('chain', buildChain(200));
  await measure(chainWorkload, async () => {
    const arns: string[] = [];
    for (let i = 0; i < chainRuns; i++)
      arns.push((await service.startExecution({ stateMachineArn: chain })).executionArn);
    return arns;
  });
  const map = await create('map', mapOverLambda);
  await measure(mapWorkload, async () => [
    (await service.startExecution({ stateMachineArn: map, input: JSON.stringify(items) })).executionArn,
  ]);
  const token = await create('token', waitForToken);
  await measure(tokenWorkload, async () => {
    const arns: string[] = [];
    for (let i = 0; i < 1000; i++) arns.push((await service.startExecution({ stateMachineArn: token })).executionArn);
    while (tokens.length < 1000) await new Promise((resolve) => setImmediate(resolve));
    for (const taskToken of tokens) await service.sendTaskSuccess({ taskToken, output: '{"ok":true}' });
    return arns;
  });
  return rows;
}

function printTable(rows: Row[], peer: Record<string, number>): void {
  const cell = (value: string, width: number) => value.padStart(width);
  console.log(`${'workload'.padEnd(46)}  seconds  transitions  transitions/s  executions/s  peer s  vs peer`);
  for (const row of rows) {
    const peerSeconds = peer[row.workload];
    console.log(
      [
        row.workload.padEnd(46),
        cell(row.seconds.toFixed(2), 7),
        cell(String(row.transitions), 11),
        cell(String(Math.round(row.transitions / row.seconds)), 13),
        cell((row.executions / row.seconds).toFixed(1), 12),
        cell(peerSeconds === undefined ? '-' : peerSeconds.toFixed(2), 6),
        cell(peerSeconds === undefined ? '-' : `${(row.seconds / peerSeconds).toFixed(2)}x`, 7),
      ].join('  '),
    );
  }
  console.log('\npeer: aws-local-stepfunctions, in memory; vs peer = durable engine seconds / peer seconds');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'trustflow-bench-engine-'));
  const journalFile = path.join(dir, 'journal.jsonl');
  const tokens: string[] = [];
  const service = new StepFunctionsService({
    journalFile,
    now: () => Date.now(),
    invokeLambda: async (name, payload) => {
      if (name === 'collect') tokens.push((payload as { token: string }).token);
      return { payload: name === 'collect' ? null : payload };
    },
  });
  const items = { items: Array.from({ length: 1000 }, (_, i) => ({ i })) };
  try {
    const rows = await measureEngine(service, tokens, items);
    const peer = await measurePeer(items);
    console.log(`Local Step Functions engine, durable (journal on), Node ${process.version}\n`);
    printTable(rows, peer);
    console.log(`journal written: ${(statSync(journalFile).size / 1e6).toFixed(1)} MB`);
  } finally {
    service.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
