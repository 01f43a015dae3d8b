/**
 * `npm run bench:engine`: throughput of the local Step Functions engine with its journal on (durable),
 * on three workloads: (a) a 200-state Pass/Choice chain, (b) a Map over 1,000 items calling a trivial
 * in-process Lambda, (c) 1,000 executions that each wait on a task token, then are all resumed.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StatesBlock } from '../infra/local/step-functions/engine/execution-model';
import { StepFunctionsService } from '../infra/local/step-functions/service/step-functions-service';

const roleArn = 'arn:aws:iam::000000000000:role/bench';

/** A chain of `length` states alternating Pass and Choice. */
export function buildChain(length: number): StatesBlock {
  const states: StatesBlock['States'] = {};
  for (let i = 0; i < length; i++) {
    const next = i + 1 < length ? `S${i + 1}` : undefined;
    states[`S${i}`] =
      i % 2 === 0
        ? { Type: 'Pass', Result: { step: i }, ResultPath: '$.last', ...(next ? { Next: next } : { End: true }) }
        : {
            Type: 'Choice',
            Choices: [{ Variable: '$.last.step', NumericGreaterThanEquals: 0, Next: next ?? 'End' }],
            Default: next ?? 'End',
          };
  }
  if (length % 2 === 0) states.End = { Type: 'Succeed' };
  return { StartAt: 'S0', States: states };
}

/** A Map over `$.items` whose iterations call a Lambda. */
export const mapOverLambda: StatesBlock = {
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

async function settle(service: StepFunctionsService, arns: string[]): Promise<void> {
  for (;;) {
    const statuses = await Promise.all(arns.map((executionArn) => service.describeExecution({ executionArn })));
    if (statuses.every((execution) => execution.status !== 'RUNNING')) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'trustflow-bench-engine-'));
  const tokens: string[] = [];
  const service = new StepFunctionsService({
    journalFile: path.join(dir, 'journal.jsonl'),
    now: () => Date.now(),
    invokeLambda: async (name, payload) => {
      if (name === 'collect') tokens.push((payload as { token: string }).token);
      return { payload: name === 'collect' ? null : payload };
    },
  });
  const rows: { workload: string; seconds: number; transitions: number; executions: number }[] = [];
  const measure = async (workload: string, run: () => Promise<string[]>) => {
    const started = performance.now();
    const arns = await run();
    await settle(service, arns);
    const seconds = (performance.now() - started) / 1000;
    const described = await Promise.all(arns.map((executionArn) => service.describeExecution({ executionArn })));
    const failed = described.filter((execution) => execution.status !== 'SUCCEEDED');
    if (failed.length)
      throw new Error(
        `${workload}: ${failed.length} executions did not succeed: ${failed[0]?.error} ${failed[0]?.cause}`,
      );
    rows.push({
      workload,
      seconds,
      transitions: described.reduce((sum, e) => sum + e.stateTransitionCount, 0),
      executions: arns.length,
    });
  };
  try {
    const chain = (
      await service.createStateMachine({ name: 'chain', definition: JSON.stringify(buildChain(200)), roleArn })
    ).stateMachineArn;
    await measure('(a) 200-state Pass/Choice chain x 20', async () => {
      const arns: string[] = [];
      for (let i = 0; i < 20; i++)
        arns.push((await service.startExecution({ stateMachineArn: chain, input: '{}' })).executionArn);
      return arns;
    });
    const map = (await service.createStateMachine({ name: 'map', definition: JSON.stringify(mapOverLambda), roleArn }))
      .stateMachineArn;
    const items = JSON.stringify({ items: Array.from({ length: 1000 }, (_, i) => ({ i })) });
    await measure('(b) Map over 1,000 items, in-process Lambda', async () => [
      (await service.startExecution({ stateMachineArn: map, input: items })).executionArn,
    ]);
    const token = (
      await service.createStateMachine({ name: 'token', definition: JSON.stringify(waitForToken), roleArn })
    ).stateMachineArn;
    await measure('(c) 1,000 executions on task tokens, resumed', async () => {
      const arns: string[] = [];
      for (let i = 0; i < 1000; i++)
        arns.push((await service.startExecution({ stateMachineArn: token, input: '{}' })).executionArn);
      while (tokens.length < 1000) await new Promise((resolve) => setImmediate(resolve));
      for (const taskToken of tokens) await service.sendTaskSuccess({ taskToken, output: '{"ok":true}' });
      return arns;
    });
    const journalMb = statSync(path.join(dir, 'journal.jsonl')).size / 1e6;
    console.log(`Local Step Functions engine, durable (journal on), Node ${process.version}\n`);
    console.log(`${'workload'.padEnd(46)}  seconds  transitions  transitions/s  executions/s`);
    for (const row of rows) {
      console.log(
        `${row.workload.padEnd(46)}  ${row.seconds.toFixed(2).padStart(7)}  ${String(row.transitions).padStart(11)}  ` +
          `${Math.round(row.transitions / row.seconds)
            .toString()
            .padStart(13)}  ${(row.executions / row.seconds).toFixed(1).padStart(12)}`,
      );
    }
    console.log(`\njournal written: ${journalMb.toFixed(1)} MB`);
  } finally {
    service.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
