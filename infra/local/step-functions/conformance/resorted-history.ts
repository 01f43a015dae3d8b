import type { RecordedEvent } from './conformance-corpus';

/*
 * Histories of cases whose note.md says "re-sorted" went through a snapshot transformer of LocalStack's
 * test suite before they were stored (SfnNoneRecursiveParallelTransformer, in
 * tests/aws/services/stepfunctions/utils.py, earlier conftest.py). It was meant to sort the events of
 * each Parallel state's branches by content, but it edits the list while walking it and only ever
 * remembers the start of the latest ParallelStateStarted:
 *
 *  - ParallelStateStarted opens a block: the events after it get the id [0] (previousEventId 0) and
 *    are collected, until
 *  - any ParallelStateSucceeded, ParallelStateFailed, ParallelStateAborted or ParallelStateExited
 *    replaces everything from the block's start up to itself with the collected events, sorted. The
 *    start is not forgotten: the next such event replaces again from the same start, so whatever came
 *    after the collected events is dropped.
 *
 * So every successful Parallel state loses its ParallelStateSucceeded (its ParallelStateExited replays
 * the block), and with nested Parallel states the inner ParallelStateExited and the outer
 * ParallelStateSucceeded go too: the corpus's parallel_nested history keeps 9 of AWS's 12 events, and
 * its surviving ids (1-3, 5, 11, 12, [0] for the rest) show the gap. The comparison therefore puts the
 * engine's history through the same rewriting, then compares events in order, with their ids (the ids
 * outside sorted blocks are AWS's, so they also count the events the rewriting dropped), except inside
 * sorted blocks, whose order is the transformer's sort by the full event JSON: those compare as
 * multisets of types.
 */

const closingTypes = new Set([
  'ParallelStateSucceeded',
  'ParallelStateFailed',
  'ParallelStateAborted',
  'ParallelStateExited',
]);

const byType = (a: RecordedEvent, b: RecordedEvent) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0);

/** An event history (types in order, ids from 1) as the corpus's re-sorting would have stored it. */
export function resortLikeCorpus(types: readonly string[]): RecordedEvent[] {
  const events: RecordedEvent[] = types.map((type, index) => ({ type, id: index + 1, sorted: false }));
  let blockStart = 0; // LocalStack slices from None (the list's start) before any ParallelStateStarted
  let block: RecordedEvent[] = [];
  let collecting = false;
  // the list shrinks while it is walked; like Python's list iterator, the index just moves on
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (closingTypes.has(event.type)) {
      events.splice(blockStart, i - blockStart, ...[...block].sort(byType));
      collecting = false;
    } else if (event.type === 'ParallelStateStarted') {
      collecting = true;
      block = [];
      blockStart = i + 1;
    } else if (collecting) {
      event.sorted = true;
      delete event.id;
      block.push(event);
    }
  }
  return events;
}

/**
 * Where a re-sorted recorded history and the engine's rewritten one differ, or undefined when they
 * match: events outside sorted blocks in order, each maximal run of sorted events as a multiset.
 */
export function resortedHistoryDifference(
  expected: readonly RecordedEvent[],
  actual: readonly RecordedEvent[],
): string | undefined {
  const runEnd = (events: readonly RecordedEvent[], from: number) => {
    let end = from;
    while (end < events.length && events[end]!.sorted) end++;
    return end;
  };
  const describe = (event: RecordedEvent | undefined) =>
    event ? `${event.type} ${event.sorted ? '(sorted block)' : `#${event.id}`}` : '(end)';
  let i = 0;
  while (i < expected.length || i < actual.length) {
    const want = expected[i];
    const got = actual[i];
    if (want?.sorted && got?.sorted) {
      const wantBlock = expected.slice(i, runEnd(expected, i)).map((event) => event.type);
      const gotBlock = actual.slice(i, runEnd(actual, i)).map((event) => event.type);
      const [wantSorted, gotSorted] = [wantBlock.sort().join(', '), gotBlock.sort().join(', ')];
      if (wantSorted !== gotSorted) {
        const last = i + Math.max(wantBlock.length, gotBlock.length);
        return `history differs in the sorted Parallel block at events ${i + 1}-${last}: [${gotSorted}], AWS [${wantSorted}]`;
      }
      i += wantBlock.length;
      continue;
    }
    if (want?.type !== got?.type || want?.sorted !== got?.sorted || want?.id !== got?.id) {
      return `history differs at event ${i + 1}: ${describe(got)}, AWS ${describe(want)}`;
    }
    i++;
  }
  return undefined;
}
