/**
 * The score at or over which a hit is reported. Chosen on the tuning split of the labelled pairs, where it
 * balances precision and recall; a deployment that prefers fewer misses lowers it with SCREENING_THRESHOLD.
 * See functions/screening/README.md.
 */
export const DEFAULT_MATCH_THRESHOLD = 0.7;

/** Hits returned when the caller gives no limit, and the most it may ask for. */
export const DEFAULT_HIT_LIMIT = 10;
export const MAX_HIT_LIMIT = 100;

/**
 * Reads the threshold from the environment, falling back to {@link DEFAULT_MATCH_THRESHOLD}.
 * @throws Error when SCREENING_THRESHOLD is set but not a number in (0, 1]
 */
export function readMatchThreshold(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SCREENING_THRESHOLD;
  if (raw === undefined || raw === '') return DEFAULT_MATCH_THRESHOLD;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > 1) {
    throw new Error(`SCREENING_THRESHOLD must be a number in (0, 1], got "${raw}"`);
  }
  return value;
}

/**
 * The version of the matcher (normalisation, candidates, scores): bump it with any change that can turn a
 * miss into a hit. Ongoing monitoring re-screens every monitored name when it, or the threshold, changes.
 */
export const MATCHER_VERSION = '2026-12-04.1';

/** The matcher and threshold together, as monitoring records what it screened with. */
export function describeMatcherVersion(threshold: number): string {
  return `${MATCHER_VERSION}@${threshold}`;
}
