/**
 * ICAO 9303 machine-readable zone layouts (TD1 identity cards, TD2, TD3 passports): what each position
 * holds, which zones end in fillers, and where the check digits are and what they cover.
 */

/** The MRZ formats the local Textract reads. */
export type MrzFormat = 'TD1' | 'TD2' | 'TD3';

/** A run of characters: line index, start (inclusive), end (exclusive). */
export type MrzRange = [line: number, start: number, end: number];

/** A check digit at `digit`, computed over `over` (concatenated). */
export interface MrzCheck {
  digit: [line: number, index: number];
  over: MrzRange[];
  /** An all-filler field may carry a filler instead of a digit (TD3's personal number). */
  fillerAllowed?: boolean;
}

/** Per format: line length, what each position holds, filler zones and check digits. */
export interface MrzLayout {
  length: number;
  /**
   * One string per line: A(lphabetic or filler), N(umeric or filler), X (alphanumeric: document
   * numbers and optional data, where a letter and a digit are both plausible).
   */
  kinds: string[];
  /** Zones that end in fillers (names, optional data). */
  fillerZones: MrzRange[];
  /** Issuing state and nationality codes. */
  stateCodes: MrzRange[];
  /** Where the names begin on the names line (`[line, start]`). */
  names: [line: number, start: number];
  checks: MrzCheck[];
}

const repeat = (kind: string, count: number) => kind.repeat(count);

export const mrzLayouts: Record<MrzFormat, MrzLayout> = {
  TD1: {
    length: 30,
    kinds: [
      repeat('A', 5) + repeat('X', 9) + 'N' + repeat('X', 15),
      repeat('N', 7) + 'A' + repeat('N', 7) + repeat('A', 3) + repeat('X', 11) + 'N',
      repeat('A', 30),
    ],
    fillerZones: [
      [0, 15, 30],
      [1, 18, 29],
      [2, 0, 30],
    ],
    stateCodes: [
      [0, 2, 5],
      [1, 15, 18],
    ],
    names: [2, 0],
    checks: [
      { digit: [0, 14], over: [[0, 5, 14]] },
      { digit: [1, 6], over: [[1, 0, 6]] },
      { digit: [1, 14], over: [[1, 8, 14]] },
      {
        digit: [1, 29],
        over: [
          [0, 5, 30],
          [1, 0, 7],
          [1, 8, 15],
          [1, 18, 29],
        ],
      },
    ],
  },
  TD2: {
    length: 36,
    kinds: [
      repeat('A', 36),
      repeat('X', 9) + 'N' + 'AAA' + repeat('N', 7) + 'A' + repeat('N', 7) + repeat('X', 7) + 'N',
    ],
    fillerZones: [
      [0, 5, 36],
      [1, 28, 35],
    ],
    stateCodes: [
      [0, 2, 5],
      [1, 10, 13],
    ],
    names: [0, 5],
    checks: [
      { digit: [1, 9], over: [[1, 0, 9]] },
      { digit: [1, 19], over: [[1, 13, 19]] },
      { digit: [1, 27], over: [[1, 21, 27]] },
      {
        digit: [1, 35],
        over: [
          [1, 0, 10],
          [1, 13, 20],
          [1, 21, 35],
        ],
      },
    ],
  },
  TD3: {
    length: 44,
    kinds: [
      repeat('A', 44),
      repeat('X', 9) + 'N' + 'AAA' + repeat('N', 7) + 'A' + repeat('N', 7) + repeat('X', 14) + 'NN',
    ],
    fillerZones: [
      [0, 5, 44],
      [1, 28, 42],
    ],
    stateCodes: [
      [0, 2, 5],
      [1, 10, 13],
    ],
    names: [0, 5],
    checks: [
      { digit: [1, 9], over: [[1, 0, 9]] },
      { digit: [1, 19], over: [[1, 13, 19]] },
      { digit: [1, 27], over: [[1, 21, 27]] },
      { digit: [1, 42], over: [[1, 28, 42]], fillerAllowed: true },
      {
        digit: [1, 43],
        over: [
          [1, 0, 10],
          [1, 13, 20],
          [1, 21, 43],
        ],
      },
    ],
  },
};

/** ICAO 9303 check digit: weights 7-3-1; digits as themselves, A–Z as 10–35, `<` as 0. */
export function mrzCheckDigit(text: string): number | undefined {
  let sum = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    let value: number;
    if (char >= '0' && char <= '9') value = char.charCodeAt(0) - 48;
    else if (char >= 'A' && char <= 'Z') value = char.charCodeAt(0) - 55;
    else if (char === '<') value = 0;
    else return undefined;
    sum += value * [7, 3, 1][index % 3]!;
  }
  return sum % 10;
}

/** Whether `check` holds on `lines` (undefined when a line it needs is missing or too short). */
export function checkHolds(lines: readonly string[], check: MrzCheck): boolean | undefined {
  const [digitLine, digitIndex] = check.digit;
  const digit = lines[digitLine]?.[digitIndex];
  if (digit === undefined) return undefined;
  let covered = '';
  for (const [line, start, end] of check.over) {
    const text = lines[line];
    if (text === undefined || text.length < end) return undefined;
    covered += text.slice(start, end);
  }
  if (check.fillerAllowed && digit === '<' && /^<*$/.test(covered)) return true;
  return String(mrzCheckDigit(covered)) === digit;
}
