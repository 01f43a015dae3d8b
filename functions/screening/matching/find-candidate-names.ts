import { trigramsOf } from './name-postings';
import type { NormalisedName } from '../../kernel/names/normalise-name';
import type { ScreeningIndex } from './screening-index';
import { phoneticKeys } from '../../kernel/names/token-similarity';

/** How far each kind of key pulls a name towards the candidates, relative to an exact word. */
const PHONETIC_PULL = 0.8;
const TRIGRAM_PULL = 0.7;
// A trigram in more than this share of names ("^al", "ham") tells nothing apart and costs the most to walk.
const MAX_TRIGRAM_SHARE = 0.05;

/** How a candidate search walks the index. */
export interface CandidateSearchOptions {
  /**
   * Keys held by more names than this are not walked. For an index that grows with the customer base (ongoing
   * monitoring's), this keeps a lookup's work bounded: a common word ("mohammed", "trading") pulls little
   * anyway, while a whole name is still found through its rarer joined words and sounds.
   */
  maxPostings?: number;
  /**
   * Keeps every name whose pull equals the `limit`-th, beyond `limit`: the same name held by many customers
   * (a common full name) is a candidate for each of them, not for the first few.
   */
  keepTies?: boolean;
}

/**
 * Picks the names worth scoring for a query from the inverted index: every name sharing a word, a joined word,
 * a Double Metaphone key or character trigrams with the query gets a pull weighted by the rarity of the shared
 * word; the `limit` names with the strongest pull are returned, strongest first.
 */
export function findCandidateNames(
  index: ScreeningIndex,
  query: NormalisedName,
  limit: number,
  options: CandidateSearchOptions = {},
): number[] {
  const pull = scratchPullOf(index);
  const touched: number[] = [];
  try {
    return rankCandidates(
      index,
      query,
      limit,
      pull,
      touched,
      options.maxPostings ?? Number.POSITIVE_INFINITY,
      options.keepTies ?? false,
    );
  } finally {
    // the scratch array is shared by every query of the index: leave it all zeros
    for (const nameId of touched) pull[nameId] = 0;
  }
}

// One pull array per index, reused by every query: allocating and zeroing one per query (a few hundred KB
// for a large index) cost more than walking the postings.
const scratchPulls = new WeakMap<ScreeningIndex, Float32Array>();

function scratchPullOf(index: ScreeningIndex): Float32Array {
  let pull = scratchPulls.get(index);
  if (!pull || pull.length !== index.names.length) {
    pull = new Float32Array(index.names.length);
    scratchPulls.set(index, pull);
  }
  return pull;
}

function rankCandidates(
  index: ScreeningIndex,
  query: NormalisedName,
  limit: number,
  pull: Float32Array,
  touched: number[],
  maxPostings: number,
  keepTies: boolean,
): number[] {
  const addPostings = (postings: Int32Array | undefined, amount: number): void => {
    if (!postings || postings.length > maxPostings) return;
    for (let i = 0; i < postings.length; i += 1) {
      const nameId = postings[i] as number;
      if (pull[nameId] === 0) touched.push(nameId);
      pull[nameId] = (pull[nameId] as number) + amount;
    }
  };

  const maxTrigramPostings = Math.max(50, index.names.length * MAX_TRIGRAM_SHARE);
  query.tokens.forEach((token, position) => {
    const role = query.roles[position] ?? 'NAME';
    const weight = index.weigh(token, role);
    addPostings(index.tokens.get(token), weight);
    const next = query.tokens[position + 1];
    if (next !== undefined) addPostings(index.tokens.get(token + next), weight);
    if (role !== 'NAME') return;
    for (const key of phoneticKeys(token)) addPostings(index.phonetic.get(key), weight * PHONETIC_PULL);
    const grams = trigramsOf(token);
    for (const gram of grams) {
      const postings = index.trigrams.get(gram);
      if (postings && postings.length <= maxTrigramPostings)
        addPostings(postings, (weight * TRIGRAM_PULL) / grams.length);
    }
  });

  if (touched.length > limit) {
    // Sorting every touched name costs more than the whole scoring; keep those at or over the limit-th pull.
    const cutoff = kthLargest(
      Float32Array.from(touched, (nameId) => pull[nameId] as number),
      limit,
    );
    const kept = touched.filter((nameId) => (pull[nameId] as number) >= cutoff);
    const ranked = kept.sort((a, b) => (pull[b] as number) - (pull[a] as number));
    return keepTies ? ranked : ranked.slice(0, limit);
  }
  return touched.sort((a, b) => (pull[b] as number) - (pull[a] as number));
}

/** The k-th largest value (k from 1), by quickselect; reorders `values`. */
export function kthLargest(values: Float32Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  const target = k - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1] as number;
    let i = low;
    let j = high;
    while (i <= j) {
      while ((values[i] as number) > pivot) i += 1;
      while ((values[j] as number) < pivot) j -= 1;
      if (i <= j) {
        const swap = values[i] as number;
        values[i] = values[j] as number;
        values[j] = swap;
        i += 1;
        j -= 1;
      }
    }
    if (target <= j) high = j;
    else if (target >= i) low = i;
    else break;
  }
  return values[target] as number;
}
