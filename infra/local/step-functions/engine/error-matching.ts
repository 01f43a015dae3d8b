/** A Retry entry of a state. */
export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

/** A Catch entry of a state. */
export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
}

/**
 * Whether an `ErrorEquals` list matches an error, with AWS's exceptions: `States.Runtime` is never
 * retried or caught, `States.ALL` matches everything else (recorded runs show it catching
 * `States.DataLimitExceeded`, whatever the documentation says), and `States.TaskFailed` everything
 * but `States.Timeout`.
 */
export function matchesErrorEquals(errorEquals: readonly string[], error: string): boolean {
  if (error === 'States.Runtime') return false;
  if (errorEquals.includes(error)) return true;
  if (errorEquals.includes('States.ALL')) return true;
  return errorEquals.includes('States.TaskFailed') && error !== 'States.Timeout';
}

/** The first retrier that matches, with its index. */
export function findRetrier(retriers: readonly Retrier[] | undefined, error: string) {
  const index = (retriers ?? []).findIndex((retrier) => matchesErrorEquals(retrier.ErrorEquals, error));
  return index < 0 ? undefined : { index, retrier: retriers![index]! };
}

/** The first catcher that matches. */
export function findCatcher(catchers: readonly Catcher[] | undefined, error: string): Catcher | undefined {
  return (catchers ?? []).find((catcher) => matchesErrorEquals(catcher.ErrorEquals, error));
}

/**
 * Milliseconds before retry number `attempt` (0 for the first retry), or undefined when the
 * retrier's attempts are used up.
 */
export function computeRetryDelayMs(
  retrier: Retrier,
  attempt: number,
  random: () => number = Math.random,
): number | undefined {
  const maxAttempts = retrier.MaxAttempts ?? 3;
  if (attempt >= maxAttempts) return undefined;
  const interval = retrier.IntervalSeconds ?? 1;
  const backoff = retrier.BackoffRate ?? 2;
  let seconds = interval * backoff ** attempt;
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === 'FULL') seconds = random() * seconds;
  return Math.round(seconds * 1000);
}
