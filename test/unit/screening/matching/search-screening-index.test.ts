import { buildScreeningIndex, type ScreeningIndex } from '../../../../functions/screening/matching/screening-index';
import {
  searchScreeningIndex,
  type SearchOptions,
} from '../../../../functions/screening/matching/search-screening-index';
import { smallList } from './screening-fixtures';

const OVER_THRESHOLD: SearchOptions = { threshold: 0.7, limit: 10 };
const ALL: SearchOptions = { threshold: 0.7, limit: 10, includeBelowThreshold: true };

describe('searchScreeningIndex', () => {
  let index: ScreeningIndex;
  beforeAll(() => {
    index = buildScreeningIndex(smallList(), 'test-v1');
  });

  it('finds an exact name with score 1, the primary name and the alias that matched', () => {
    // Prepare / Act
    const result = searchScreeningIndex(index, { name: 'Vladimir Putin' }, OVER_THRESHOLD);

    // Assess
    expect(result.hits).toEqual([
      {
        entityId: 'test:putin',
        type: 'PERSON',
        name: 'PUTIN, Vladimir Vladimirovich',
        matchedName: 'Vladimir Putin',
        score: 1,
        lists: ['OFAC-SDN'],
        programs: ['RUSSIA-EO14024'],
        explanation: [{ feature: 'NAME', effect: 1, detail: 'vladimir~vladimir exact 1.00, putin~putin exact 1.00' }],
      },
    ]);
  });

  it('echoes the list version and the threshold', () => {
    // Prepare / Act
    const result = searchScreeningIndex(index, { name: 'Vladimir' }, { threshold: 0.42, limit: 10 });

    // Assess
    expect(result.listVersion).toBe('test-v1');
    expect(result.threshold).toBe(0.42);
    expect(result.hits.map((hit) => hit.entityId)).toEqual(['test:putin', 'test:vessel']);
  });

  it('finds a misspelt and reordered name, the NAME detail listing the aligned pairs', () => {
    // Prepare / Act
    const result = searchScreeningIndex(index, { name: 'Gadafi Muamar' }, OVER_THRESHOLD);

    // Assess
    expect(result.hits).toHaveLength(1);
    expect(result.hits[0]).toMatchObject({ entityId: 'test:qaddafi', score: 0.85, lists: ['UN'] });
    expect(result.hits[0]?.explanation).toEqual([
      { feature: 'NAME', effect: 0.85, detail: 'muamar~muammar spelling 0.89, gadafi~qaddafi phonetic 0.80' },
    ]);
  });

  it('sorts hits by score, best first', () => {
    // Prepare / Act
    const result = searchScreeningIndex(index, { name: 'Muammar Qaddafi' }, ALL);

    // Assess
    expect(result.hits.map((hit) => [hit.entityId, hit.score])).toEqual([
      ['test:qaddafi', 1],
      ['test:saif', 0.082],
      ['test:vessel', 0],
    ]);
    expect(result.hits[1]?.explanation[0]?.detail).toBe(
      'qaddafi~qaddafi exact 1.00; unmatched in query: muammar; unmatched in listed name: saif islam; 1 conflicting word(s)',
    );
    expect(result.hits[2]?.explanation[0]?.detail).toMatch(/^no word in common; /);
  });

  it('drops hits under the threshold unless includeBelowThreshold is set', () => {
    // Prepare / Act
    const filtered = searchScreeningIndex(index, { name: 'Muammar Qaddafi' }, OVER_THRESHOLD);
    const unfiltered = searchScreeningIndex(index, { name: 'Muammar Qaddafi' }, ALL);
    const noneOver = searchScreeningIndex(index, { name: 'Vladimir' }, OVER_THRESHOLD);

    // Assess
    expect(filtered.hits.map((hit) => hit.entityId)).toEqual(['test:qaddafi']);
    expect(unfiltered.hits).toHaveLength(3);
    expect(noneOver.hits).toEqual([]);
  });

  it('returns at most `limit` hits, the best ones, ties broken by entity id', () => {
    // Prepare / Act
    const one = searchScreeningIndex(index, { name: 'Vladimir' }, { ...ALL, limit: 1 });

    // Assess
    expect(one.hits.map((hit) => [hit.entityId, hit.score])).toEqual([['test:putin', 0.6]]);
  });

  it('keeps only entities of the type asked for', () => {
    // Prepare / Act
    const vessels = searchScreeningIndex(index, { name: 'Vladimir', type: 'VESSEL' }, ALL);
    const organisations = searchScreeningIndex(index, { name: 'Vladimir Putin', type: 'ORGANIZATION' }, ALL);

    // Assess
    expect(vessels.hits.map((hit) => [hit.entityId, hit.type])).toEqual([['test:vessel', 'VESSEL']]);
    expect(organisations.hits.every((hit) => hit.type === 'ORGANIZATION')).toBe(true);
    expect(organisations.hits.map((hit) => hit.entityId)).not.toContain('test:putin');
  });

  it('lowers a match on a weak alias and says so in the explanation', () => {
    // Prepare / Act
    const result = searchScreeningIndex(index, { name: 'Abu Duaa' }, OVER_THRESHOLD);

    // Assess
    expect(result.hits).toHaveLength(1);
    expect(result.hits[0]).toMatchObject({
      entityId: 'test:baghdadi',
      name: 'Ibrahim Awwad Ibrahim al-Badri',
      matchedName: 'Abu Duaa',
      score: 0.95,
    });
    expect(result.hits[0]?.explanation).toEqual([
      { feature: 'NAME', effect: 1, detail: 'abu~abu exact 1.00, duaa~duaa exact 1.00' },
      { feature: 'WEAK_ALIAS', effect: -0.05, detail: 'low-quality a.k.a.' },
    ]);
  });

  it('raises the score for a matching date of birth and country', () => {
    // Prepare / Act
    const nameOnly = searchScreeningIndex(index, { name: 'Saif Qaddafi' }, OVER_THRESHOLD);
    const supported = searchScreeningIndex(
      index,
      { name: 'Saif Qaddafi', dateOfBirth: '1972-06-05', country: 'ly' },
      OVER_THRESHOLD,
    );

    // Assess
    expect(nameOnly.hits.map((hit) => [hit.entityId, hit.score])).toEqual([['test:saif', 0.806]]);
    expect(supported.hits.map((hit) => [hit.entityId, hit.score])).toEqual([['test:saif', 0.956]]);
    expect(supported.hits[0]?.explanation.slice(1)).toEqual([
      { feature: 'DATE_OF_BIRTH', effect: 0.1, detail: '1972-06-05 = 1972-06-05' },
      { feature: 'COUNTRY', effect: 0.05, detail: 'LY is listed' },
    ]);
  });

  it('lowers the score for another birth year and country, under the threshold', () => {
    // Prepare / Act
    const query = { name: 'Saif Qaddafi', dateOfBirth: '1980', country: 'FR' };
    const filtered = searchScreeningIndex(index, query, OVER_THRESHOLD);
    const unfiltered = searchScreeningIndex(index, query, ALL);

    // Assess
    expect(filtered.hits).toEqual([]);
    expect(unfiltered.hits[0]?.entityId).toBe('test:saif');
    expect(unfiltered.hits[0]?.score).toBe(0.606);
    expect(unfiltered.hits[0]?.explanation.slice(1)).toEqual([
      { feature: 'DATE_OF_BIRTH', effect: -0.15, detail: '1980 ≠ 1972-06-05' },
      { feature: 'COUNTRY', effect: -0.05, detail: 'FR not in LY' },
    ]);
  });

  it('scores 1 on a matching identifier, found even when the name differs', () => {
    // Prepare / Act
    const result = searchScreeningIndex(index, { name: 'Somebody Else', identifiers: ['pa123456'] }, OVER_THRESHOLD);

    // Assess
    expect(result.hits).toHaveLength(1);
    expect(result.hits[0]).toMatchObject({ entityId: 'test:putin', score: 1 });
    expect(result.hits[0]?.explanation).toEqual([
      {
        feature: 'NAME',
        effect: 0,
        detail:
          'no word in common; unmatched in query: somebody else; unmatched in listed name: vladimir vladimirovich putin; 2 conflicting word(s)',
      },
      { feature: 'IDENTIFIER', effect: 1, detail: 'PASSPORT PA 123-456 (RU)' },
    ]);
  });

  it('ignores identifiers too short to identify anyone', () => {
    // Prepare / Act
    const result = searchScreeningIndex(index, { name: 'Somebody Else', identifiers: ['123'] }, ALL);

    // Assess
    expect(result.hits).toEqual([]);
  });

  it('cannot find an entity whose names normalise to nothing, even by identifier', () => {
    // Prepare / Act
    const result = searchScreeningIndex(index, { name: '', identifiers: ['ZZ99999'] }, ALL);

    // Assess
    expect(result.hits).toEqual([]);
  });

  // Suspected bug: the acronym is scored (0.8, see score-name-match.test.ts) but never retrieved: no index key
  // ("pla", its sound PL, its trigrams) is shared with "people liberation army", so the name is not a candidate.
  it('finds an organisation by its acronym', () => {
    // Prepare / Act
    const result = searchScreeningIndex(index, { name: 'PLA', type: 'ORGANIZATION' }, OVER_THRESHOLD);

    // Assess
    expect(result.hits.map((hit) => [hit.entityId, hit.score])).toEqual([['test:pla', 0.8]]);
  });
});
