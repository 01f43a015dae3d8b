/**
 * Finds a machine-readable zone among a page's lines and undoes OCR's usual confusions, knowing which
 * ICAO 9303 positions are numeric and which alphabetic: `O`→`0` in a date, `0`→`O` in a name, `«` or
 * a stray `K` among fillers → `<`, garbled filler runs, characters split in two or lost. Where the
 * length is off or a document number holds a letter/digit look-alike, the check digits choose between
 * the possible readings. A check digit's own value is never changed: a wrong one is reported as
 * printed, so that whoever reads MRZ_CODE can verify it.
 */
import { parse, states, type ParseResult } from 'mrz';
import { checkHolds, mrzLayouts, type MrzFormat, type MrzLayout } from './mrz-layouts';
import { meanConfidence, type PageLine } from './page-text';

export type { MrzFormat };

/** Letters OCR reads for digits; `?` is how tesseract reads a `2` after a run of fillers. */
const toDigit: Record<string, string> = {
  '?': '2',
  O: '0',
  Q: '0',
  D: '0',
  U: '0',
  I: '1',
  L: '1',
  Z: '2',
  S: '5',
  G: '6',
  B: '8',
};
const toLetter: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '6': 'G', '8': 'B' };
/**
 * The look-alikes tried in document numbers (where letters are legitimate too): a letter read for a
 * digit… (not `G`/`6`: their values differ by 10, which no check digit sees)
 */
const letterForDigit: Record<string, string> = { O: '0', Q: '0', I: '1', B: '8', S: '5', Z: '2' };
/** …and, in the first two characters, where numbers put their letter prefix, a digit read for a letter. */
const digitForLetter: Record<string, string> = { '0': 'O', '1': 'I', '8': 'B', '5': 'S', '2': 'Z' };

/** An MRZ as read: corrected lines, its format, the parse by `mrz`, and the OCR confidence. */
export interface MrzReading {
  format: MrzFormat;
  lines: string[];
  parsed: ParseResult | undefined;
  confidence: number;
}

/**
 * Normalises one OCR line towards MRZ characters: fillers unified, anything that is no letter, digit or
 * filler dropped. Case is kept, since a lower-case letter is a sign of a misread (see lengthCandidates);
 * `?` too, since it stands for a digit.
 */
export function cleanMrzText(text: string): string {
  let cleaned = text
    .replace(/«/g, '<<')
    .replace(/[‹〈<＜≤]/g, '<')
    .replace(/\$/g, 'S')
    .replace(/[^A-Za-z0-9<?]/g, '');
  // A `K` between fillers (or ending a run of them) is a filler tesseract mistook: `<<K<<`, `<<KK`.
  let previous = '';
  while (previous !== cleaned) {
    previous = cleaned;
    cleaned = cleaned.replace(/<[Kk](?=<|[Kk]|$)/g, '<<');
  }
  return cleaned;
}

/**
 * Whether an OCR line is MRZ-like: at least 90 % MRZ characters as printed (upper case, digits,
 * fillers) over 26–60 characters, or a few fillers among letters and digits over 20–60 (long filler
 * runs are where OCR errs most, often as lower-case letters or by merging them). Prose and labels
 * never qualify: they have no fillers and plenty of lower case.
 */
export function looksLikeMrz(text: string): boolean {
  const compact = text
    .replace(/\s+/g, '')
    .replace(/«/g, '<<')
    .replace(/[‹〈＜≤]/g, '<');
  // up to 60: OCR can split a long filler run into more characters than it had (`<<<` as `L<L<L`)
  if (compact.length < 20 || compact.length > 60) return false;
  const strict = compact.replace(/[^A-Z0-9<]/g, '').length / compact.length;
  const loose = compact.replace(/[^A-Za-z0-9<]/g, '').length / compact.length;
  const fillers = compact.replace(/[^<]/g, '').length;
  return (strict >= 0.9 && compact.length >= 26) || (fillers >= 3 && loose >= 0.9);
}

function longestFillerRun(text: string): { start: number; length: number } | undefined {
  let best: { start: number; length: number } | undefined;
  for (const match of text.matchAll(/<+/g)) {
    if (!best || match[0].length >= best.length) best = { start: match.index, length: match[0].length };
  }
  return best;
}

/**
 * Readings of a line at the right length, the likeliest first. Too long: characters OCR read as lower
 * case go first (an MRZ has none, so they are likely extra, as in `6` read `b6`), then a filler where
 * they run longest (OCR splits them); when one or two characters remain too many, every other way of
 * dropping them is offered too, for the check digits to choose from. Too short: fillers are added where
 * they run longest, or at the end, where OCR loses them most.
 */
function lengthCandidates(line: string, length: number): string[] {
  let text = line;
  while (text.length > length && /[a-z]/.test(text)) text = text.replace(/[a-z]/, '');
  const candidates: string[] = [];
  const surplus = text.length - length;
  let fitted = text;
  while (fitted.length > length) {
    const run = longestFillerRun(fitted);
    fitted = run ? fitted.slice(0, run.start) + fitted.slice(run.start + 1) : fitted.slice(0, length);
  }
  while (fitted.length < length) {
    const run = longestFillerRun(fitted);
    fitted =
      run && run.start + run.length !== fitted.length
        ? fitted.slice(0, run.start) + '<' + fitted.slice(run.start)
        : fitted + '<';
  }
  candidates.push(fitted);
  if (surplus === 1 || surplus === 2) {
    for (let first = 0; first < text.length; first++) {
      const once = text.slice(0, first) + text.slice(first + 1);
      if (surplus === 1) {
        candidates.push(once);
        continue;
      }
      for (let second = first; second < once.length; second++) {
        candidates.push(once.slice(0, second) + once.slice(second + 1));
      }
    }
  }
  return [...new Set(candidates)];
}

/** Upper case, filler zones filled, look-alikes swapped for what each position must hold. */
function normaliseLine(line: string, index: number, layout: MrzLayout): string {
  let text = line.toUpperCase();
  // No name or number holds three fillers in a row: from the first `<<<` of a zone that ends in
  // fillers, everything is filler, whatever OCR made of the long run (`<<cgg<<L<`, `<<<LLLL`).
  for (const [zoneLine, start, end] of layout.fillerZones) {
    if (zoneLine !== index) continue;
    const run = text.slice(start, end).indexOf('<<<');
    if (run >= 0) text = text.slice(0, start + run) + '<'.repeat(end - start - run) + text.slice(end);
  }
  const kinds = layout.kinds[index]!;
  return [...text]
    .map((char, position) => {
      if (char === '<') return char;
      const kind = kinds[position];
      if (kind === 'N') return toDigit[char] ?? char;
      // an unreadable character where no digit is expected is reported as a filler
      if (char === '?') return '<';
      if (kind === 'A') return toLetter[char] ?? char;
      return char;
    })
    .join('');
}

/** How many check digits hold among those that only involve the lines read so far. */
function holdingChecks(lines: readonly string[], layout: MrzLayout): number {
  return layout.checks.filter((check) => checkHolds(lines, check) === true).length;
}

/**
 * In document numbers and optional data a letter is as plausible as a digit, so OCR's look-alikes
 * (`O`/`0`, `I`/`1`, `B`/`8`…) cannot be told apart by position. Where such a field's own check digit
 * fails as read, and swapping one or two look-alikes (letters for digits; digits for letters in the
 * two-character prefix) makes it hold in exactly one way, together with every other check covering the
 * field (the composite), that reading is taken.
 * Check digits themselves are never touched. A deliberately wrong check digit stays wrong: only a
 * coincidence on two check digits at once (about 1 in 100 per alternative tried) could hide it.
 */
function disambiguateNumbers(lines: string[], layout: MrzLayout): { lines: string[]; swaps: number } {
  const result = [...lines];
  let swaps = 0;
  for (const check of layout.checks) {
    if (check.over.length !== 1 || checkHolds(result, check) !== false) continue;
    const [line, start, end] = check.over[0]!;
    const kinds = layout.kinds[line]!;
    const text = result[line]!;
    const positions: number[] = [];
    for (let position = start; position < end; position++) {
      if (kinds[position] !== 'X') continue;
      if (letterForDigit[text[position]!] || (position - start < 2 && digitForLetter[text[position]!])) {
        positions.push(position);
      }
    }
    if (positions.length === 0 || positions.length > 2) continue;
    const covering = layout.checks.filter((other) =>
      other.over.some(([otherLine, from, to]) => otherLine === line && from <= start && end <= to),
    );
    const fitting: { text: string; swaps: number }[] = [];
    for (let mask = 1; mask < 1 << positions.length; mask++) {
      const chars = [...text];
      positions.forEach((position, bit) => {
        if (mask & (1 << bit)) chars[position] = letterForDigit[chars[position]!] ?? digitForLetter[chars[position]!]!;
      });
      const variant = [...result];
      variant[line] = chars.join('');
      // every check over the field must be known and hold: one coincidence is too likely (1 in 10)
      if (covering.length >= 2 && covering.every((other) => checkHolds(variant, other) === true)) {
        fitting.push({ text: variant[line], swaps: bitCount(mask) });
      }
    }
    if (fitting.length === 1) {
      result[line] = fitting[0]!.text;
      swaps += fitting[0]!.swaps;
    }
  }
  return { lines: result, swaps };
}

function bitCount(mask: number): number {
  return mask.toString(2).replace(/0/g, '').length;
}

/** How many of the state codes on line `index` are ICAO codes `mrz` knows. */
function validStateCodes(line: string, index: number, layout: MrzLayout): number {
  return layout.stateCodes.filter(
    ([codeLine, start, end]) => codeLine === index && states[line.slice(start, end).replace(/<+$/, '')] !== undefined,
  ).length;
}

/** Letters OCR mistakes for one another in state codes (`JPN` read `IPN`). */
const stateLookAlikes: Record<string, string[]> = {
  I: ['J', 'L'],
  J: ['I'],
  L: ['I'],
  O: ['D', 'Q'],
  D: ['O'],
  Q: ['O'],
  U: ['V'],
  V: ['U'],
  H: ['N'],
  N: ['H'],
};

/**
 * A state code that is no ICAO code but becomes one, in exactly one way, by swapping one letter for a
 * look-alike is taken to be that code. Codes are not covered by check digits, so nothing else decides.
 */
function fixStateCodes(lines: string[], layout: MrzLayout): string[] {
  const result = [...lines];
  for (const [line, start, end] of layout.stateCodes) {
    const code = result[line]!.slice(start, end);
    if (states[code.replace(/<+$/, '')] !== undefined) continue;
    const fits = new Set<string>();
    [...code].forEach((char, position) => {
      for (const alike of stateLookAlikes[char] ?? []) {
        const variant = code.slice(0, position) + alike + code.slice(position + 1);
        if (states[variant.replace(/<+$/, '')] !== undefined) fits.add(variant);
      }
    });
    if (fits.size === 1) result[line] = result[line]!.slice(0, start) + [...fits][0] + result[line]!.slice(end);
  }
  return result;
}

/**
 * The names line with one character of the names dropped (and a filler added at the end): OCR splits a
 * letter in two (`O` read `O0`), which the length alone cannot reveal; the printed names decide.
 */
function withOneLetterLess(line: string, namesStart: number): string[] {
  const end = line.indexOf('<<<', namesStart);
  const variants: string[] = [];
  for (let position = namesStart; position < (end < 0 ? line.length : end); position++) {
    if (line[position] !== '<') variants.push(line.slice(0, position) + line.slice(position + 1) + '<');
  }
  return variants;
}

function chooseFormat(lines: string[]): MrzFormat | undefined {
  if (lines.length === 3) return 'TD1';
  if (lines.length !== 2) return undefined;
  const mean = (lines[0]!.length + lines[1]!.length) / 2;
  // two lines of about 30 are a TD1 with a line missing: nothing to read reliably
  if (mean < 33) return undefined;
  return Math.abs(mean - 44) <= Math.abs(mean - 36) ? 'TD3' : 'TD2';
}

/**
 * The names as the visual zone prints them. The MRZ's names line has no check digit; where OCR leaves
 * doubt about its length, the reading that agrees with the printed names is the likelier one.
 */
export interface NameHints {
  surname?: string;
  givenNames?: string;
}

/** As the MRZ writes a name: upper case, Latin letters, fillers for anything else. */
function asMrzName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]+/g, '<')
    .replace(/^<+|<+$/g, '');
}

/** How many of the printed names (0–2) the names line `line` carries. */
function namesAgreeing(line: string, layout: MrzLayout, names: NameHints): number {
  const field = line.slice(layout.names[1]);
  // a names field without trailing fillers is full: the MRZ truncated the names to fit
  const truncated = !field.endsWith('<');
  const [surname = '', givenNames = ''] = field.replace(/<+$/, '').split('<<');
  const agrees = (read: string, printed: string | undefined) =>
    printed !== undefined && (read === asMrzName(printed) || (truncated && asMrzName(printed).startsWith(read)));
  return (agrees(surname, names.surname) ? 1 : 0) + (agrees(givenNames, names.givenNames) ? 1 : 0);
}

/**
 * The MRZ among `lines` (the last run of two or three MRZ-like lines, top to bottom), corrected and
 * parsed; undefined when the page has none.
 */
export function readMrz(lines: readonly PageLine[], names: NameHints = {}): MrzReading | undefined {
  const ordered = [...lines].sort((a, b) => a.box.top - b.box.top);
  const groups: PageLine[][] = [];
  let current: PageLine[] = [];
  for (const line of ordered) {
    if (looksLikeMrz(line.text)) {
      current.push(line);
    } else if (current.length > 0) {
      groups.push(current);
      current = [];
    }
  }
  if (current.length > 0) groups.push(current);
  const candidates = groups.filter(
    (group) => group.length >= 2 && group.some((line) => cleanMrzText(line.text).includes('<')),
  );
  // the MRZ sits at the bottom of the data page; with more than three lines, take the last three
  const group = candidates.at(-1)?.slice(-3);
  if (!group) return undefined;
  const cleaned = group.map((line) => cleanMrzText(line.text));
  const format = chooseFormat(cleaned);
  if (!format) return undefined;
  const layout = mrzLayouts[format];
  const fitted: string[] = [];
  for (const [index, line] of cleaned.entries()) {
    // The line re-read alone with only MRZ characters allowed reads digits after fillers better, the
    // page reading names (the dictionary helps there): on lines with check digits the re-read comes
    // first, on the names line the page reading does. A line ending in a check digit that both lost
    // (a thin `1` after fillers) also gets it back from the tail read on its own.
    const reread = group[index]!.mrzReread;
    const hasChecks = layout.checks.some((check) => check.digit[0] === index);
    let readings = reread
      ? hasChecks
        ? [cleanMrzText(reread.line), line]
        : [line, cleanMrzText(reread.line)]
      : [line];
    const tailDigit = reread?.tail.match(/[0-9]$/)?.[0];
    if (tailDigit && layout.kinds[index]!.endsWith('N')) {
      readings = readings.flatMap((reading) => (/[0-9]$/.test(reading) ? [reading] : [reading + tailDigit, reading]));
    }
    // The likeliest reading unless another makes more check digits hold, or as many with fewer
    // look-alikes swapped (the fewer guesses a reading needs, the likelier it is).
    let best: { lines: string[]; score: number; swaps: number } | undefined;
    let candidates = readings.flatMap((reading) => lengthCandidates(reading, layout.length));
    if (layout.names[0] === index && (names.surname || names.givenNames)) {
      candidates = candidates.flatMap((candidate) => [candidate, ...withOneLetterLess(candidate, layout.names[1])]);
    }
    for (const candidate of candidates) {
      const { lines, swaps } = disambiguateNumbers([...fitted, normaliseLine(candidate, index, layout)], layout);
      // check digits (or, on the names line, agreement with the printed names) first, valid state codes next
      const primary = hasChecks ? holdingChecks(lines, layout) : namesAgreeing(lines[index]!, layout, names);
      const score = primary * 10 + validStateCodes(lines[index]!, index, layout);
      if (!best || score > best.score || (score === best.score && swaps < best.swaps)) best = { lines, score, swaps };
    }
    fitted.splice(0, fitted.length, ...best!.lines);
  }
  const corrected = fixStateCodes(fitted, layout);
  let parsed: ParseResult | undefined;
  try {
    parsed = parse(corrected);
  } catch {
    parsed = undefined;
  }
  return { format, lines: corrected, parsed, confidence: meanConfidence(group) };
}

/**
 * A field's value from the parse: the parsed value when valid, otherwise the raw characters without
 * fillers (an unknown state code such as ICAO's specimen `UTO` fails `mrz`'s list but is still what
 * the document says).
 */
export function mrzField(reading: MrzReading, name: string): string | undefined {
  const detail = reading.parsed?.details.find((candidate) => candidate.field === name);
  if (!detail) return undefined;
  if (detail.value) return detail.value;
  const range = detail.ranges[0] as { raw?: string } | undefined;
  const raw = range?.raw?.replace(/<+/g, ' ').trim();
  return raw ? raw : undefined;
}
