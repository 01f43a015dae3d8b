/**
 * The one place TrustFlow code reads the time.
 *
 * Deadlines run for days and weeks (ship-by dates, claim windows, RFI expiry). On AWS the offset is
 * always zero; the local stack moves it forward (`POST /_local/clock`) so those deadlines can be tried
 * in seconds. Nothing else may call `Date.now()` for business time.
 */

/** Called after the clock moves forward, with the new time. */
export type ClockListener = (now: Date) => void;

let offsetMs = 0;
const listeners = new Set<ClockListener>();

/** The current business time. */
export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** The current business time as an ISO 8601 string. */
export function nowIso(): string {
  return now().toISOString();
}

/**
 * Real time, for protocols that are signed and checked against real time by the other side
 * (SigV4, presigned POST policies). Business rules must use {@link now}.
 */
export function wallClockNow(): Date {
  return new Date(Date.now());
}

/** How far the business clock runs ahead of real time, in milliseconds. */
export function getClockOffsetMs(): number {
  return offsetMs;
}

/**
 * Sets the offset, e.g. when the local stack restores it from disk. Time never runs backwards:
 * timers that have fired cannot be un-fired, so a smaller offset is refused.
 */
export function setClockOffsetMs(nextOffsetMs: number): void {
  if (!Number.isSafeInteger(nextOffsetMs) || nextOffsetMs < offsetMs) {
    throw new RangeError(`clock offset must be an integer >= ${offsetMs} ms, got ${nextOffsetMs}`);
  }
  const moved = nextOffsetMs !== offsetMs;
  offsetMs = nextOffsetMs;
  if (moved) {
    const current = now();
    for (const listener of listeners) listener(current);
  }
}

/** Moves the business clock forward by `ms` and notifies listeners. */
export function advanceClock(ms: number): Date {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`cannot advance the clock by ${ms} ms`);
  setClockOffsetMs(offsetMs + ms);
  return now();
}

/** Subscribes to clock advances; returns the unsubscribe function. */
export function onClockAdvance(listener: ClockListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
