import fc from 'fast-check';
import { forEachConcurrently } from '../../../functions/commons/for-each-concurrently';

/** A promise the test settles by hand. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs `forEachConcurrently` over `count` items whose work the test finishes by hand, counting those in flight. */
function controlledRun(count: number, concurrency: number) {
  const gates = Array.from({ length: count }, deferred);
  const started: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const items = gates.map((_, index) => `item-${index}`);
  const done = forEachConcurrently(items, concurrency, async (item, index) => {
    expect(item).toBe(`item-${index}`);
    started.push(index);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await gates[index]!.promise;
    } finally {
      inFlight--;
    }
  });
  return { gates, started, done, inFlight: () => inFlight, maxInFlight: () => maxInFlight };
}

describe('forEachConcurrently', () => {
  it('visits every item once, with its index', async () => {
    // Prepare
    const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const visits: [string, number][] = [];

    // Act
    await forEachConcurrently(items, 3, async (item, index) => {
      await flush();
      visits.push([item, index]);
    });

    // Assess
    expect(visits.sort((x, y) => x[1] - y[1])).toEqual(items.map((item, index) => [item, index]));
  });

  it('starts `concurrency` items at once, and the next one only when one finishes', async () => {
    // Prepare
    const run = controlledRun(6, 3);
    await flush();
    const atFirst = [...run.started];

    // Act
    run.gates[1]!.resolve();
    await flush();
    const afterOne = [...run.started];
    run.gates[0]!.resolve();
    run.gates[2]!.resolve();
    await flush();
    const afterThree = [...run.started];
    for (const gate of run.gates) gate.resolve();
    await run.done;

    // Assess
    expect(atFirst).toEqual([0, 1, 2]);
    expect(afterOne).toEqual([0, 1, 2, 3]);
    expect(afterThree).toEqual([0, 1, 2, 3, 4, 5]);
    expect(run.maxInFlight()).toBe(3);
    expect(run.inFlight()).toBe(0);
  });

  it('never has more than `concurrency` items in flight, whatever order they finish in', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 6 }),
        fc.gen(),
        async (count, concurrency, draw) => {
          // Prepare
          const run = controlledRun(count, concurrency);

          // Act: finish the started items one at a time, in a random order
          const finished = new Set<number>();
          await flush();
          while (finished.size < count) {
            const startedOpen = run.started.filter((index) => !finished.has(index));
            expect(startedOpen.length).toBe(Math.min(concurrency, count - finished.size));
            const next = draw(fc.constantFrom, ...startedOpen);
            finished.add(next);
            run.gates[next]!.resolve();
            await flush();
          }
          await run.done;

          // Assess
          expect(run.maxInFlight()).toBe(Math.min(concurrency, count));
          expect([...run.started].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, index) => index));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rejects with the first failure', async () => {
    // Prepare
    const run = controlledRun(4, 4);
    const outcome = run.done.then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    await flush();

    // Act: item 2 fails first, item 0 later
    run.gates[2]!.reject(new Error('item 2 failed'));
    await flush();
    run.gates[0]!.reject(new Error('item 0 failed'));
    run.gates[1]!.resolve();
    run.gates[3]!.resolve();

    // Assess
    expect(await outcome).toBe('item 2 failed');
  });

  it('does not resolve before every item has finished', async () => {
    // Prepare
    const run = controlledRun(3, 2);
    let resolved = false;
    void run.done.then(() => (resolved = true));

    // Act
    run.gates[0]!.resolve();
    run.gates[1]!.resolve();
    await flush();
    const beforeLast = resolved;
    run.gates[2]!.resolve();
    await run.done;

    // Assess
    expect(beforeLast).toBe(false);
    expect(resolved).toBe(true);
  });

  it('resolves at once for an empty list, without calling the work', async () => {
    // Prepare
    const work = jest.fn(async () => undefined);

    // Act
    await forEachConcurrently([], 4, work);

    // Assess
    expect(work).not.toHaveBeenCalled();
  });

  it.each([0, -1, 1.5, Number.NaN])(
    'refuses a concurrency of %p, which would visit nothing or half',
    async (concurrency) => {
      // Prepare
      const visited: number[] = [];

      // Act
      const run = forEachConcurrently([1, 2, 3], concurrency, async (item) => {
        visited.push(item);
      });

      // Assess
      await expect(run).rejects.toThrow(RangeError);
      expect(visited).toEqual([]);
    },
  );
});
