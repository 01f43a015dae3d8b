import { compareTokens, type CompareOptions, type TokenComparer, type TokenMatchKind } from './token-similarity';

/** One aligned pair: a token (or several tokens written together) of each name. */
export interface AlignedPair {
  /** Indexes of the query tokens in the pair: one, or adjacent ones joined ("abu bakr" ~ "abubakr"). */
  queryIndexes: number[];
  candidateIndexes: number[];
  query: string;
  candidate: string;
  similarity: number;
  kind: TokenMatchKind | 'ACRONYM';
}

interface Unit {
  text: string;
  indexes: number[];
}

/** Similarity of an acronym to the words it abbreviates ("PLA" ~ "People's Liberation Army", "JC" ~ "Jean Claude"). */
export const ACRONYM_SIMILARITY = 0.8;

/** Options of {@link alignTokens}. */
export interface AlignOptions extends CompareOptions {
  /**
   * Longest token read as an acronym. Person names use 2 ("JC" for "Jean Claude"): a longer "Ali" is a name,
   * not the initials of three others.
   */
  maxAcronymLength?: number;
}

// A word may be split or joined in another spelling ("Abu Bakr"/"Abubakr", "Chin-ping"/"Jinping"), so adjacent
// tokens written together are candidates for alignment too.
function unitsOf(tokens: readonly string[]): Unit[] {
  const units: Unit[] = tokens.map((text, index) => ({ text, indexes: [index] }));
  for (let index = 0; index + 1 < tokens.length; index += 1) {
    const left = tokens[index] ?? '';
    const right = tokens[index + 1] ?? '';
    if (left.length > 1 && right.length > 1) units.push({ text: left + right, indexes: [index, index + 1] });
  }
  return units;
}

/** Pairs of an acronym in one name with the words it stands for in the other, oriented query → candidate. */
function acronymPairs(query: readonly string[], candidate: readonly string[], maxLength: number): AlignedPair[] {
  const pairs: AlignedPair[] = [];
  const find = (short: readonly string[], long: readonly string[], shortIsQuery: boolean): void => {
    short.forEach((token, shortIndex) => {
      if (token.length < 2 || token.length > maxLength || /\d/.test(token)) return;
      for (let start = 0; start + token.length <= long.length; start += 1) {
        const span = long.slice(start, start + token.length);
        if (!span.every((word, k) => word.length > 1 && word[0] === token[k])) continue;
        const longIndexes = span.map((_word, k) => start + k);
        const shortSide = { indexes: [shortIndex], text: token };
        const longSide = { indexes: longIndexes, text: span.join(' ') };
        const [q, c] = shortIsQuery ? [shortSide, longSide] : [longSide, shortSide];
        pairs.push({
          queryIndexes: q.indexes,
          candidateIndexes: c.indexes,
          query: q.text,
          candidate: c.text,
          similarity: ACRONYM_SIMILARITY,
          kind: 'ACRONYM',
        });
      }
    });
  };
  find(query, candidate, true);
  find(candidate, query, false);
  return pairs;
}

/**
 * Aligns the tokens of two names regardless of order: every pair of tokens (or joined adjacent tokens, or an
 * acronym and the words it stands for) is compared, and the most similar pairs are taken greedily, each token
 * used once. Ties prefer the pair that covers more tokens, so a joined word beats a partial one.
 */
export function alignTokens(
  query: readonly string[],
  candidate: readonly string[],
  options: AlignOptions = {},
  compare: TokenComparer = compareTokens,
): AlignedPair[] {
  const queryUnits = unitsOf(query);
  const candidateUnits = unitsOf(candidate);
  const pairs: AlignedPair[] = [];
  for (const q of queryUnits) {
    for (const c of candidateUnits) {
      if (q.indexes.length === 2 && c.indexes.length === 2) continue;
      const { similarity, kind } = compare(q.text, c.text, options);
      // An initial stands for one word, not for two written together.
      if (!kind || (kind === 'INITIAL' && q.indexes.length + c.indexes.length > 2)) continue;
      pairs.push({
        queryIndexes: q.indexes,
        candidateIndexes: c.indexes,
        query: q.text,
        candidate: c.text,
        similarity,
        kind,
      });
    }
  }
  pairs.push(...acronymPairs(query, candidate, options.maxAcronymLength ?? 5));
  pairs.sort(
    (a, b) =>
      b.similarity - a.similarity ||
      b.queryIndexes.length + b.candidateIndexes.length - (a.queryIndexes.length + a.candidateIndexes.length),
  );

  const usedQuery = new Set<number>();
  const usedCandidate = new Set<number>();
  const aligned: AlignedPair[] = [];
  for (const pair of pairs) {
    if (pair.queryIndexes.some((i) => usedQuery.has(i))) continue;
    if (pair.candidateIndexes.some((i) => usedCandidate.has(i))) continue;
    pair.queryIndexes.forEach((i) => usedQuery.add(i));
    pair.candidateIndexes.forEach((i) => usedCandidate.add(i));
    aligned.push(pair);
  }
  return aligned;
}
