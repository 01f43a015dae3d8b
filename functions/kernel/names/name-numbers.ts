import { NUMBER_WORDS } from './name-vocabulary';

const ORDINAL_DIGITS = /^(\d+)(?:st|nd|rd|th)$/;
const ROMAN = /^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;
const ROMAN_VALUES: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };

function romanValue(token: string): number {
  let total = 0;
  for (let i = 0; i < token.length; i += 1) {
    const value = ROMAN_VALUES[token[i]!]!;
    const next = ROMAN_VALUES[token[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

/**
 * Rewrites number words, ordinals ("1st", "First") and, where `allowRoman`, Roman numerals of two or more
 * letters to digits; "forty four" becomes "44". Single letters are not read as numerals: they are initials.
 * @returns the tokens, and for each whether it is a number
 */
export function digitiseNumbers(
  words: readonly string[],
  allowRoman: boolean,
): { words: string[]; isNumber: boolean[] } {
  const out: string[] = [];
  const isNumber: boolean[] = [];
  for (const word of words) {
    let value: number | undefined = NUMBER_WORDS.get(word);
    const ordinal = ORDINAL_DIGITS.exec(word);
    if (ordinal) value = Number(ordinal[1]);
    if (value === undefined && allowRoman && word.length >= 2 && ROMAN.test(word)) value = romanValue(word);
    if (value === undefined) {
      out.push(word);
      isNumber.push(/^\d+$/.test(word));
      continue;
    }
    const previous = out.length - 1;
    // "forty four": a unit after a bare tens word joins it.
    if (
      previous >= 0 &&
      isNumber[previous] &&
      value < 10 &&
      Number(out[previous]) % 10 === 0 &&
      Number(out[previous]) >= 20
    ) {
      out[previous] = String(Number(out[previous]) + value);
      continue;
    }
    out.push(String(value));
    isNumber.push(true);
  }
  return { words: out, isNumber };
}
