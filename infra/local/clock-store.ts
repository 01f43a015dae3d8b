import { parse as parseDuration } from 'tinyduration';
import { advanceClock, getClockOffsetMs, now, setClockOffsetMs } from '../../functions/commons/clock';
import { readJsonFile, writeJsonFile } from './json-file';

/** Restores the clock offset saved by an earlier run, so virtual time survives restarts. */
export function restoreClock(file: string): void {
  const saved = readJsonFile<{ offsetMs: number }>(file);
  if (saved && saved.offsetMs > getClockOffsetMs()) setClockOffsetMs(saved.offsetMs);
}

/**
 * Milliseconds from `from` to `from + duration`: years and months step the UTC calendar, weeks and
 * days are 24-hour days, so `P1M` from 15 March ends on 15 April.
 */
export function measureDuration(duration: string, from: Date): number {
  let parsed: ReturnType<typeof parseDuration>;
  try {
    parsed = parseDuration(duration);
  } catch {
    throw new RangeError(`"${duration}" is not an ISO 8601 duration such as P31D or PT12H`);
  }
  if (parsed.negative) throw new RangeError('the clock only moves forward');
  const target = new Date(from.getTime());
  target.setUTCFullYear(target.getUTCFullYear() + (parsed.years ?? 0));
  target.setUTCMonth(target.getUTCMonth() + (parsed.months ?? 0));
  const ms =
    target.getTime() -
    from.getTime() +
    ((parsed.weeks ?? 0) * 7 + (parsed.days ?? 0)) * 86_400_000 +
    (parsed.hours ?? 0) * 3_600_000 +
    (parsed.minutes ?? 0) * 60_000 +
    Math.round((parsed.seconds ?? 0) * 1000);
  return ms;
}

/** Advances the clock by an ISO 8601 duration and saves the new offset before returning. */
export function advanceClockBy(file: string, duration: string): Date {
  const ms = measureDuration(duration, now());
  // saved before listeners fire timers: a crash must never restart the clock behind journaled work
  writeJsonFile(file, { offsetMs: getClockOffsetMs() + ms });
  return advanceClock(ms);
}

/** The clock as `GET /_local/clock` reports it. */
export function describeClock() {
  return { now: now().toISOString(), offsetMs: getClockOffsetMs() };
}
