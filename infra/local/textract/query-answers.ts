/**
 * Answers Textract QUERIES from a page's form fields: the question's content words (stop words such as
 * "what is the … of" removed, lightly stemmed) are matched against each key's, and the best-matching
 * key's value is the answer. "What is the name of the account holder?" finds `Account holder`, "What is
 * the period end date?" finds `Period end`. Textract's model understands far more phrasings; this
 * covers questions that name the label they ask about, which is how the product's queries are written.
 */
import type { FormField } from './form-fields';

const stopWords = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'by',
  'does',
  'do',
  'for',
  'from',
  'how',
  'in',
  'is',
  'it',
  'its',
  'of',
  'on',
  'or',
  's',
  'the',
  'this',
  'to',
  'was',
  'what',
  'when',
  'where',
  'which',
  'who',
  'whose',
  'with',
]);

/**
 * A deliberately light stemmer: enough that `names`/`name`, `issued`/`issue` and `expiry`/`expiration`
 * meet, while `registration` (a number's kind) and `registered` (an address's) stay apart.
 */
export function stem(word: string): string {
  const lower = word.toLowerCase();
  for (const suffix of ['ation', 'ing', 'ies', 'ed', 'es', 's', 'e', 'y']) {
    if (suffix === 's' && lower.endsWith('ss')) continue;
    if (lower.endsWith(suffix) && lower.length - suffix.length >= 3) return lower.slice(0, -suffix.length);
  }
  return lower;
}

/** The stemmed content words of a question or a key. */
export function contentWords(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '' && !stopWords.has(word));
  return new Set(words.map(stem));
}

/** The answer to one query on one page, or undefined when no key matches well enough. */
export function answerQuery(question: string, fields: readonly FormField[]): FormField | undefined {
  const asked = contentWords(question);
  if (asked.size === 0) return undefined;
  let best: { field: FormField; overlap: number; jaccard: number } | undefined;
  for (const field of fields) {
    if (field.value === '') continue;
    const key = contentWords(field.key);
    const overlap = [...asked].filter((word) => key.has(word)).length;
    // most of the question must be about this key: "date of issue" is not answered by "Statement date"
    if (overlap === 0 || overlap / asked.size <= 0.5) continue;
    const jaccard = overlap / new Set([...asked, ...key]).size;
    if (!best || overlap > best.overlap || (overlap === best.overlap && jaccard > best.jaccard)) {
      best = { field, overlap, jaccard };
    }
  }
  return best?.field;
}
