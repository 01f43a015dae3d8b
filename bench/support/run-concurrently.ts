/**
 * Runs `task` `total` times with at most `concurrency` at once, as a benchmark's measured run does,
 * and returns what each run produced with its latency in milliseconds, in completion order.
 */
export async function runConcurrently<T>(
  total: number,
  concurrency: number,
  task: () => Promise<T>,
): Promise<{ results: T[]; latencies: number[] }> {
  const results: T[] = [];
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const started = performance.now();
        results.push(await task());
        latencies.push(performance.now() - started);
      }
    }),
  );
  return { results, latencies };
}
