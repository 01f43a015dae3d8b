import { randomUUID } from 'node:crypto';
import type { StatesBlock } from '../../../infra/local/step-functions/engine/execution-model';
import { aslEvaluators } from '../../../infra/local/step-functions/engine/asl-evaluators';
import { Interpreter } from '../../../infra/local/step-functions/engine/interpreter';
import type { RecordedEvent } from '../../../infra/local/step-functions/conformance/conformance-corpus';
import {
  resortedHistoryDifference,
  resortLikeCorpus,
} from '../../../infra/local/step-functions/conformance/resorted-history';

/** The nested Parallel machine of the corpus's parallel_nested case. */
const nestedParallel: StatesBlock = {
  StartAt: 'ParallelStateL1',
  States: {
    ParallelStateL1: {
      Type: 'Parallel',
      End: true,
      Branches: [
        {
          StartAt: 'ParallelStateL2',
          States: {
            ParallelStateL2: {
              Type: 'Parallel',
              End: true,
              Branches: [{ StartAt: 'BranchL2', States: { BranchL2: { Type: 'Pass', End: true } } }],
            },
          },
        },
      ],
    },
  },
} as unknown as StatesBlock;

/** parallel_nested's history.json: what LocalStack's re-sorting left of AWS's 12 events (types, ids). */
const recordedNested: RecordedEvent[] = [
  { type: 'ExecutionStarted', id: 1, sorted: false },
  { type: 'ParallelStateEntered', id: 2, sorted: false },
  { type: 'ParallelStateStarted', id: 3, sorted: false },
  { type: 'ParallelStateEntered', sorted: true },
  { type: 'ParallelStateStarted', id: 5, sorted: false },
  { type: 'PassStateEntered', sorted: true },
  { type: 'PassStateExited', sorted: true },
  { type: 'ParallelStateExited', id: 11, sorted: false },
  { type: 'ExecutionSucceeded', id: 12, sorted: false },
];

function runOnInterpreter(definition: StatesBlock, input: unknown) {
  const interpreter = new Interpreter(
    { now: () => 0, random: () => 0, newId: () => randomUUID(), startTask: () => undefined },
    aslEvaluators,
  );
  const execution = interpreter.createExecution({
    executionArn: 'arn:aws:states:us-east-1:111111111111:execution:nested:run',
    stateMachineArn: 'arn:aws:states:us-east-1:111111111111:stateMachine:nested',
    name: 'run',
    roleArn: 'arn:aws:iam::111111111111:role/test',
    definition,
    input,
  });
  interpreter.run(execution);
  return execution;
}

describe('Parallel state events', () => {
  it('records ParallelStateSucceeded for each Parallel state, chaining ParallelStateExited past it', () => {
    // Act
    const execution = runOnInterpreter(nestedParallel, [1, 2]);

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'ParallelStateEntered',
      'ParallelStateStarted',
      'ParallelStateEntered',
      'ParallelStateStarted',
      'PassStateEntered',
      'PassStateExited',
      'ParallelStateSucceeded',
      'ParallelStateExited',
      'ParallelStateSucceeded',
      'ParallelStateExited',
      'ExecutionSucceeded',
    ]);
    expect(execution.events.slice(5).map(({ id, previousEventId }) => [id, previousEventId])).toEqual([
      [6, 5],
      [7, 6],
      [8, 7], // inner ParallelStateSucceeded
      [9, 7], // inner ParallelStateExited: chained to the branch's last event, not to ParallelStateSucceeded
      [10, 9],
      [11, 9], // outer ParallelStateExited: parallel_nested records 11 -> 9
      [12, 11],
    ]);
  });
});

describe('the corpus re-sorting of Parallel blocks, replayed on an actual history', () => {
  it("turns AWS's 12 events of parallel_nested into the 9 the corpus stored", () => {
    // Prepare
    const aws = runOnInterpreter(nestedParallel, [1, 2]).events.map((event) => event.type);

    // Act
    const rewritten = resortLikeCorpus(aws);

    // Assess
    expect(rewritten).toEqual(recordedNested);
    expect(resortedHistoryDifference(recordedNested, rewritten)).toBeUndefined();
  });

  it('tells a history without ParallelStateSucceeded apart by the ids the rewriting kept', () => {
    // Prepare: the engine's old history, 10 events: no ParallelStateSucceeded
    const withoutSucceeded = [
      'ExecutionStarted',
      'ParallelStateEntered',
      'ParallelStateStarted',
      'ParallelStateEntered',
      'ParallelStateStarted',
      'PassStateEntered',
      'PassStateExited',
      'ParallelStateExited',
      'ParallelStateExited',
      'ExecutionSucceeded',
    ];

    // Act
    const difference = resortedHistoryDifference(recordedNested, resortLikeCorpus(withoutSucceeded));

    // Assess
    expect(difference).toBe('history differs at event 8: ParallelStateExited #9, AWS ParallelStateExited #11');
  });

  it('compares a sorted block as a multiset and everything else in order', () => {
    // Prepare
    const single = (branchEvents: string[]) => [
      'ExecutionStarted',
      'ParallelStateEntered',
      'ParallelStateStarted',
      ...branchEvents,
      'ParallelStateSucceeded',
      'ParallelStateExited',
      'ExecutionSucceeded',
    ];
    const recorded = resortLikeCorpus(
      single(['PassStateEntered', 'PassStateEntered', 'PassStateExited', 'PassStateExited']),
    );

    // Act
    const interleaved = resortLikeCorpus(
      single(['PassStateEntered', 'PassStateExited', 'PassStateEntered', 'PassStateExited']),
    );
    const missingExit = resortLikeCorpus(single(['PassStateEntered', 'PassStateEntered', 'PassStateExited']));

    // Assess
    expect(recorded.map((event) => event.id ?? '[0]')).toEqual([1, 2, 3, '[0]', '[0]', '[0]', '[0]', 9, 10]);
    expect(resortedHistoryDifference(recorded, interleaved)).toBeUndefined();
    expect(resortedHistoryDifference(recorded, missingExit)).toBe(
      'history differs in the sorted Parallel block at events 4-7: [PassStateEntered, PassStateEntered, PassStateExited], AWS [PassStateEntered, PassStateEntered, PassStateExited, PassStateExited]',
    );
  });
});
