import { ACRONYM_SIMILARITY, alignTokens } from '../../../../functions/kernel/names/align-tokens';
import type { TokenComparer } from '../../../../functions/kernel/names/token-similarity';

/** The aligned pairs as "query~candidate kind", for compact assertions. */
function describePairs(pairs: ReturnType<typeof alignTokens>): string[] {
  return pairs.map((pair) => `${pair.query}~${pair.candidate} ${pair.kind}`);
}

describe('alignTokens', () => {
  it('aligns tokens regardless of their order', () => {
    // Prepare / Act
    const pairs = alignTokens(['putin', 'vladimir'], ['vladimir', 'putin']);

    // Assess
    expect(pairs).toEqual([
      { queryIndexes: [0], candidateIndexes: [1], query: 'putin', candidate: 'putin', similarity: 1, kind: 'EXACT' },
      {
        queryIndexes: [1],
        candidateIndexes: [0],
        query: 'vladimir',
        candidate: 'vladimir',
        similarity: 1,
        kind: 'EXACT',
      },
    ]);
  });

  it('aligns a word with two adjacent words written together, on either side', () => {
    // Prepare / Act
    const joinedQuery = alignTokens(['vladimirputin'], ['vladimir', 'putin']);
    const joinedCandidate = alignTokens(['abu', 'bakr'], ['abubakr']);

    // Assess
    expect(joinedQuery).toHaveLength(1);
    expect(joinedQuery[0]).toMatchObject({ queryIndexes: [0], candidateIndexes: [0, 1], kind: 'EXACT' });
    expect(joinedCandidate).toHaveLength(1);
    expect(joinedCandidate[0]).toMatchObject({ queryIndexes: [0, 1], candidateIndexes: [0], query: 'abubakr' });
  });

  it('lets an initial stand for one word, never for two written together', () => {
    // Prepare / Act
    const pairs = alignTokens(['j'], ['john', 'smith']);

    // Assess
    expect(describePairs(pairs)).toEqual(['j~john INITIAL']);
    expect(pairs[0]?.candidateIndexes).toEqual([0]);
  });

  it('aligns an acronym with the words it abbreviates, on either side', () => {
    // Prepare / Act
    const queryAcronym = alignTokens(['pla'], ['people', 'liberation', 'army']);
    const candidateAcronym = alignTokens(['jean', 'claude'], ['jc']);

    // Assess
    expect(queryAcronym).toEqual([
      {
        queryIndexes: [0],
        candidateIndexes: [0, 1, 2],
        query: 'pla',
        candidate: 'people liberation army',
        similarity: ACRONYM_SIMILARITY,
        kind: 'ACRONYM',
      },
    ]);
    expect(candidateAcronym).toEqual([
      {
        queryIndexes: [0, 1],
        candidateIndexes: [0],
        query: 'jean claude',
        candidate: 'jc',
        similarity: ACRONYM_SIMILARITY,
        kind: 'ACRONYM',
      },
    ]);
  });

  it('reads no acronym longer than maxAcronymLength, none with digits and none over one-letter words', () => {
    // Prepare / Act
    const tooLong = alignTokens(['pla'], ['people', 'liberation', 'army'], { maxAcronymLength: 2 });
    const digits = alignTokens(['p4'], ['people', 'four']);
    const initials = alignTokens(['jc'], ['j', 'c']);

    // Assess
    expect(tooLong).toEqual([]);
    expect(digits).toEqual([]);
    // "j" is read as an initial of "jc", but "j c" is not the words "jc" abbreviates.
    expect(describePairs(initials)).toEqual(['jc~j INITIAL']);
  });

  it('uses each token once, taking the most similar pairs first', () => {
    // Prepare / Act
    const pairs = alignTokens(['mohammed', 'muhammad'], ['muhammad']);

    // Assess
    expect(describePairs(pairs)).toEqual(['muhammad~muhammad EXACT']);
    expect(pairs[0]?.queryIndexes).toEqual([1]);
  });

  it('compares through the comparer it is given', () => {
    // Prepare: a comparer that finds nothing alike
    const neverAlike: TokenComparer = () => ({ similarity: 0 });

    // Act
    const pairs = alignTokens(['vladimir', 'putin'], ['vladimir', 'putin'], {}, neverAlike);

    // Assess
    expect(pairs).toEqual([]);
  });
});
