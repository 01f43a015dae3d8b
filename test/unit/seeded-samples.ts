/*
 * A small seeded generator for property tests. fast-check is not among the devDependencies, so the
 * properties draw their cases from this instead: a fixed seed per run, so a failure names the run that
 * reproduces it, and the same cases come out on every machine.
 */

/** Draws values from a seeded pseudo-random sequence (mulberry32). */
export class Samples {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  boolean(): boolean {
    return this.next() < 0.5;
  }

  pick<T>(values: readonly T[]): T {
    return values[this.integer(0, values.length - 1)]!;
  }

  /** A string of `min`..`max` characters of `alphabet` (letters, digits, a few symbols and non-ASCII). */
  string(min = 0, max = 12, alphabet = defaultAlphabet): string {
    const chars = Array.from(alphabet);
    return Array.from({ length: this.integer(min, max) }, () => this.pick(chars)).join('');
  }

  /** Some items, each drawn by `draw`. */
  array<T>(draw: () => T, min = 0, max = 5): T[] {
    return Array.from({ length: this.integer(min, max) }, draw);
  }

  /** A shuffled copy of `values`. */
  shuffle<T>(values: readonly T[]): T[] {
    const copy = [...values];
    for (let index = copy.length - 1; index > 0; index--) {
      const other = this.integer(0, index);
      [copy[index], copy[other]] = [copy[other]!, copy[index]!];
    }
    return copy;
  }

  /** Any value a stored item could hold, and a few it could not (NaN, Infinity, undefined). */
  anything(depth = 2): unknown {
    const kind = this.integer(0, depth > 0 ? 9 : 7);
    switch (kind) {
      case 0:
        return this.pick([undefined, null, true, false]);
      case 1:
        return this.pick([0, -0, 1, -1, 2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity]);
      case 2:
        return this.integer(-1_000_000, 1_000_000);
      case 3:
        return this.integer(-1_000_000, 1_000_000) + this.pick([0.5, 0.25, 1e-9]);
      case 4:
      case 5:
        return this.string();
      case 6:
        return this.pick(['', ' ', '0', 'null', 'undefined', 'true', '[object Object]']);
      case 7:
        return this.string(1, 30);
      case 8:
        return this.array(() => this.anything(depth - 1), 0, 3);
      default: {
        const entries = this.array(() => [this.string(1, 6), this.anything(depth - 1)] as const, 0, 3);
        return Object.fromEntries(entries);
      }
    }
  }

  /** An instant between `fromMs` and `toMs` (epoch milliseconds), as `toISOString` writes it. */
  isoTime(fromMs: number, toMs: number): string {
    return new Date(this.integer(fromMs, toMs)).toISOString();
  }
}

const defaultAlphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-#. éßЖ中🙂';

/**
 * Checks `property` on `runs` seeded cases; a failure is rethrown with the run that reproduces it.
 * @param seed the first run's seed; run `n` uses `seed + n`
 */
export function forAllSamples(runs: number, property: (sample: Samples, run: number) => void, seed = 20_261_123) {
  for (let run = 0; run < runs; run++) {
    try {
      property(new Samples(seed + run), run);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`property failed on run ${run} (seed ${seed + run}): ${message}`, { cause: error });
    }
  }
}

/** The async counterpart of {@link forAllSamples}: cases run one after another. */
export async function forAllSamplesAsync(
  runs: number,
  property: (sample: Samples, run: number) => Promise<void>,
  seed = 20_261_123,
) {
  for (let run = 0; run < runs; run++) {
    try {
      await property(new Samples(seed + run), run);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`property failed on run ${run} (seed ${seed + run}): ${message}`, { cause: error });
    }
  }
}
