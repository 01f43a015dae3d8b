import { doubleMetaphone } from 'double-metaphone';
import { editDistance } from './edit-distance';

/** How two tokens were found alike. */
export type TokenMatchKind = 'EXACT' | 'SPELLING' | 'PHONETIC' | 'CONSONANTS' | 'INITIAL';

/** The outcome of comparing two tokens; `similarity` 0 means they are different words. */
export interface TokenComparison {
  similarity: number;
  kind?: TokenMatchKind;
}

const NO_MATCH: TokenComparison = { similarity: 0 };
const HAS_DIGIT = /\d/;
const VOWELS = /[aeiouy]/g;
const WEAK_CONSONANTS = /[wyh']/g;

/** Similarity given to a sound-alike, to a consonant skeleton match and to an initial standing for a word. */
export const PHONETIC_SIMILARITY = 0.8;
export const CONSONANTS_SIMILARITY = 0.75;
export const INITIAL_SIMILARITY = 0.7;
/** How much each edit, relative to the word's length, lowers a spelling variant's similarity. */
export const EDIT_COST = 0.75;

/**
 * How many edits a spelling variant may have. Short words change identity with one letter ("Ali", "Eli"),
 * long ones absorb typos and transliteration differences.
 */
export function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  if (length <= 10) return 2;
  return 3;
}

const phoneticCache = new Map<string, readonly string[]>();

/** Double Metaphone keys of a token (primary and alternate), cached: the same words recur in every query. */
export function phoneticKeys(token: string): readonly string[] {
  let keys = phoneticCache.get(token);
  if (!keys) {
    const [primary, alternate] = doubleMetaphone(token);
    keys = primary === alternate ? [primary] : [primary, alternate];
    if (phoneticCache.size > 100_000) phoneticCache.clear();
    phoneticCache.set(token, keys);
  }
  return keys;
}

function soundAlike(a: string, b: string): boolean {
  const keysA = phoneticKeys(a);
  const keysB = phoneticKeys(b);
  // A one-letter key ("L" for "Lu" and "Hla") says almost nothing about how a word sounds.
  return keysA.some((key) => key.length > 1 && keysB.includes(key));
}

const skeletonCache = new Map<string, string>();

/**
 * A word without vowels, w, y and h, doubled letters collapsed: what survives writing it in Arabic script.
 * Cached like the phonetic keys: the same words are compared again and again.
 */
export function consonantSkeleton(token: string): string {
  let skeleton = skeletonCache.get(token);
  if (skeleton === undefined) {
    skeleton = token
      .replace(VOWELS, '')
      .replace(WEAK_CONSONANTS, '')
      .replace(/(.)\1+/g, '$1');
    if (skeletonCache.size > 100_000) skeletonCache.clear();
    skeletonCache.set(token, skeleton);
  }
  return skeleton;
}

/** Options of {@link compareTokens}. */
export interface CompareOptions {
  /** One side was written without vowels (Arabic, Hebrew): compare consonant skeletons too. */
  vowelless?: boolean;
}

/**
 * Compares two normalised tokens: exact, a spelling variant within {@link allowedEdits} (similarity falls with
 * each edit), a sound-alike by Double Metaphone, a consonant-skeleton match when one side was written without
 * vowels, or an initial standing for the word. Numbers match only exactly.
 */
export function compareTokens(a: string, b: string, options: CompareOptions = {}): TokenComparison {
  if (a === b) return { similarity: 1, kind: 'EXACT' };
  if (HAS_DIGIT.test(a) || HAS_DIGIT.test(b)) return NO_MATCH;
  if (a.length === 1 || b.length === 1) {
    const [initial, word] = a.length === 1 ? [a, b] : [b, a];
    return word.length > 1 && word.startsWith(initial) ? { similarity: INITIAL_SIMILARITY, kind: 'INITIAL' } : NO_MATCH;
  }
  const longest = Math.max(a.length, b.length);
  const allowed = allowedEdits(Math.min(a.length, b.length));
  // Sound-alikes get a little more room than spellings; short words little, as their keys are coarse.
  const phoneticRoom = longest <= 4 ? 1 : allowed + 2;
  const edits = editDistance(a, b, phoneticRoom);
  if (edits <= allowed) return { similarity: 1 - (EDIT_COST * edits) / longest, kind: 'SPELLING' };
  if (edits <= phoneticRoom && soundAlike(a, b)) return { similarity: PHONETIC_SIMILARITY, kind: 'PHONETIC' };
  if (options.vowelless) {
    const skeletonA = consonantSkeleton(a);
    const skeletonB = consonantSkeleton(b);
    if (skeletonA.length >= 2 && editDistance(skeletonA, skeletonB, 1) <= (skeletonA.length >= 4 ? 1 : 0)) {
      return { similarity: CONSONANTS_SIMILARITY, kind: 'CONSONANTS' };
    }
  }
  return NO_MATCH;
}

/** Compares two tokens; {@link compareTokens} or a memo of it. */
export type TokenComparer = (a: string, b: string, options?: CompareOptions) => TokenComparison;
