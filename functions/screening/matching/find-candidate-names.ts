import { trigramsOf } from './name-postings';
import type { NormalisedName } from './normalise-name';
import type { ScreeningIndex } from './screening-index';
import { phoneticKeys } from './token-similarity';

/** How far each kind of key pulls a name towards the candidates, relative to an exact word. */
const PHONETIC_PULL = 0.8;
const TRIGRAM_PULL = 0.7;
// A trigram in more than this share of names ("^al", "ham") tells nothing apart and costs the most to walk.
const MAX_TRIGRAM_SHARE = 0.05;

/**
 * Picks the names worth scoring for a query from the inverted index: every name sharing a word, a joined word,
 * a Double Metaphone key or character trigrams with the query gets a pull weighted by the rarity of the shared
 * word; the `limit` names with the strongest pull are returned, strongest first.
 */
export function findCandidateNames(index: ScreeningIndex, query: NormalisedName, limit: number): number[] {
  const pull = new Float32Array(index.names.length);
  const touched: number[] = [];
  const addPostings = (postings: Int32Array | undefined, amount: number): void => {
    if (!postings) return;
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
    touched.sort((a, b) => (pull[b] as number) - (pull[a] as number));
    touched.length = limit;
  } else {
    touched.sort((a, b) => (pull[b] as number) - (pull[a] as number));
  }
  return touched;
}
