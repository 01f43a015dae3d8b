import knownFailuresFile from './known-failures.json';
import type { RunVerdict } from './run-conformance';

/**
 * A recorded run the engine is known to fail, keyed `<caseId>#<run>` in known-failures.json. `expect`
 * pins the failure: the run's verdict reason must contain it, so a known failure that starts failing
 * for another reason shows up as a regression instead of hiding behind its entry.
 */
export interface KnownFailure {
  /** Why the run fails, for people: the missing capability or the real difference from AWS. */
  reason: string;
  /** Text the verdict reason must contain (plain substring, case-sensitive). */
  expect: string;
}

export type KnownFailures = Record<string, KnownFailure>;

/** What a set of verdicts says about the known-failure list: all empty when the list is a true account. */
export interface KnownFailureCheck {
  /** Failing runs the list does not name, with their reasons. */
  unlisted: string[];
  /** Listed runs that pass. */
  nowPassing: string[];
  /** Listed runs that fail, but for a reason their `expect` does not match. */
  otherReason: string[];
  /** Listed runs with no verdict (not in the corpus, or not among the runs checked). */
  missing: string[];
}

export const runKey = (verdict: Pick<RunVerdict, 'caseId' | 'run'>): string => `${verdict.caseId}#${verdict.run}`;

/** Checks the shape of a known-failures document; throws on anything but `{key: {reason, expect}}`. */
export function parseKnownFailures(document: unknown): KnownFailures {
  if (!document || typeof document !== 'object' || Array.isArray(document))
    throw new Error('known-failures.json must be an object keyed "<caseId>#<run>"');
  const known: KnownFailures = {};
  for (const [key, entry] of Object.entries(document)) {
    const { reason, expect } = (entry ?? {}) as Partial<Record<keyof KnownFailure, unknown>>;
    if (!/^[^#]+#\d+$/.test(key)) throw new Error(`known-failures.json: "${key}" is not "<caseId>#<run>"`);
    if (typeof reason !== 'string' || !reason.trim() || typeof expect !== 'string' || !expect.trim())
      throw new Error(`known-failures.json: "${key}" needs a non-empty "reason" and "expect"`);
    known[key] = { reason, expect };
  }
  return known;
}

/** The project's list, infra/local/step-functions/conformance/known-failures.json. */
export function loadKnownFailures(): KnownFailures {
  return parseKnownFailures(knownFailuresFile);
}

/** Compares verdicts with the known-failure list. */
export function checkKnownFailures(verdicts: readonly RunVerdict[], known: KnownFailures): KnownFailureCheck {
  const byKey = new Map(verdicts.map((verdict) => [runKey(verdict), verdict]));
  const check: KnownFailureCheck = { unlisted: [], nowPassing: [], otherReason: [], missing: [] };
  for (const verdict of verdicts) {
    if (!verdict.passed && !known[runKey(verdict)]) check.unlisted.push(`${runKey(verdict)}: ${verdict.reason}`);
  }
  for (const [key, entry] of Object.entries(known)) {
    const verdict = byKey.get(key);
    if (!verdict) check.missing.push(key);
    else if (verdict.passed) check.nowPassing.push(key);
    else if (!(verdict.reason ?? '').includes(entry.expect))
      check.otherReason.push(
        `${key}: expected a reason containing ${JSON.stringify(entry.expect)}, got ${JSON.stringify(verdict.reason)}`,
      );
  }
  return check;
}
