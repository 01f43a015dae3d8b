import type { ConformanceRun } from './conformance-corpus';

/**
 * Inputs the corpus says must be computed when the run starts (README caveats), because the stored
 * values were "now" at extraction time and drift.
 */
export function regenerateInput(run: ConformanceRun, now: number): unknown {
  if (run.caseId === 'wait_timestamp_too_far_in_future') {
    // start_at = now + N days, formatted %Y-%m-%dT%H:%M:%S.000Z, N from the variant ([24855] / [24856])
    const days = Number(/\[(\d+)\]/.exec(run.variant ?? '')?.[1]);
    const at = new Date(now + days * 86_400_000);
    return { start_at: `${at.toISOString().slice(0, 19)}.000Z` };
  }
  return run.input;
}
