/**
 * Key-value pairs of a page, found the way forms print them: `Label: value` on one line, or a line
 * ending in `Label:` with its value on the line below. This is what FORMS returns as KEY_VALUE_SET
 * blocks, and what QUERIES and AnalyzeID answer from.
 */
import { meanConfidence, unionBox, type PageBox, type PageLine, type PageText, type PageWord } from './page-text';

/** One `key: value` pair; `keyWords` include the word carrying the colon, as Textract's KEY children do. */
export interface FormField {
  keyWords: PageWord[];
  valueWords: PageWord[];
  /** The key without its colon, e.g. `Date of birth`. */
  key: string;
  value: string;
  keyBox: PageBox;
  valueBox: PageBox;
  /** Mean confidence of the key's and the value's words. */
  confidence: number;
}

/** Longest key we take for a label; anything longer is a sentence that happens to contain a colon. */
const maxKeyWords = 6;
const maxKeyCharacters = 48;

/** A label: starts with a letter, mostly letters (with the punctuation labels use: `No.`, `D/L`, `(if any)`). */
function isLabel(words: PageWord[]): boolean {
  const text = words.map((word) => word.text).join(' ');
  if (!/^[A-Za-z]/.test(text) || text.length > maxKeyCharacters) return false;
  const letters = text.replace(/[^A-Za-z]/g, '').length;
  return letters / text.replace(/\s/g, '').length >= 0.7;
}

/** Index of the word that ends the key (its text ends with a colon), if the line starts with a label. */
function keyEnd(line: PageLine): number | undefined {
  const index = line.words.findIndex((word) => word.text.endsWith(':'));
  if (index < 0 || index >= maxKeyWords) return undefined;
  return isLabel(line.words.slice(0, index + 1)) ? index : undefined;
}

function field(keyWords: PageWord[], valueWords: PageWord[]): FormField {
  return {
    keyWords,
    valueWords,
    key: keyWords
      .map((word) => word.text)
      .join(' ')
      .replace(/:$/, '')
      .trim(),
    value: valueWords.map((word) => word.text).join(' '),
    keyBox: unionBox(keyWords.map((word) => word.box)),
    valueBox: unionBox(valueWords.map((word) => word.box)),
    confidence: meanConfidence([...keyWords, ...valueWords]),
  };
}

/** Whether `below` sits directly under `line` (within two line heights), so it can carry its value. */
function isDirectlyBelow(line: PageLine, below: PageLine): boolean {
  const gap = below.box.top - (line.box.top + line.box.height);
  return gap >= -line.box.height * 0.2 && gap < line.box.height * 2 && below.box.left < line.box.left + line.box.width;
}

/** Every key-value pair on the page, top to bottom. */
export function findFormFields(page: PageText): FormField[] {
  const lines = [...page.lines].sort((a, b) => a.box.top - b.box.top || a.box.left - b.box.left);
  const fields: FormField[] = [];
  const usedAsValue = new Set<PageLine>();
  for (const [index, line] of lines.entries()) {
    if (usedAsValue.has(line)) continue;
    const end = keyEnd(line);
    if (end === undefined) continue;
    const keyWords = line.words.slice(0, end + 1);
    const valueWords = line.words.slice(end + 1);
    if (valueWords.length > 0) {
      fields.push(field(keyWords, valueWords));
      continue;
    }
    // "Label:" alone on its line: the value is the next line, unless that line is a label itself;
    // with neither, Textract still reports the key, with an empty value.
    const next = lines[index + 1];
    if (next && keyEnd(next) === undefined && isDirectlyBelow(line, next)) {
      usedAsValue.add(next);
      fields.push(field(keyWords, next.words));
    } else {
      fields.push(field(keyWords, []));
    }
  }
  return fields;
}
