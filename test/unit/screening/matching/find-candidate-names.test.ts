import { findCandidateNames, kthLargest } from '../../../../functions/screening/matching/find-candidate-names';
import { normaliseName } from '../../../../functions/kernel/names/normalise-name';
import { buildScreeningIndex, type ScreeningIndex } from '../../../../functions/screening/matching/screening-index';
import { phoneticKeys } from '../../../../functions/kernel/names/token-similarity';
import { listedEntity, smallList } from './screening-fixtures';

function candidateNames(index: ScreeningIndex, query: string, limit = 40): string[] {
  return findCandidateNames(index, normaliseName(query, 'PERSON'), limit).map((id) => index.names[id]?.name ?? '');
}

function personIndex(...names: string[]): ScreeningIndex {
  const entities = names.map((name, i) => listedEntity(`test:${i}`, 'PERSON', [{ name, strength: 'PRIMARY' }]));
  return buildScreeningIndex(entities, 'test-v1');
}

describe('findCandidateNames', () => {
  it('finds the names sharing a word', () => {
    // Prepare
    const index = buildScreeningIndex(smallList(), 'test-v1');

    // Act
    const names = candidateNames(index, 'Putin');

    // Assess
    expect(names).toEqual(['PUTIN, Vladimir Vladimirovich', 'Vladimir Putin']);
  });

  it('finds a name by a Double Metaphone key alone, sharing no word or trigram', () => {
    // Prepare
    const index = personIndex('Cate', 'Zed');
    expect(phoneticKeys('kait')).toEqual(phoneticKeys('cate'));

    // Act
    const names = candidateNames(index, 'Kait');

    // Assess
    expect(names).toEqual(['Cate']);
  });

  it('finds a misspelt name by its trigrams when its sound differs too', () => {
    // Prepare
    const index = personIndex('Mbarushimana', 'Zed');
    expect(phoneticKeys('mbarusimana')).not.toEqual(phoneticKeys('mbarushimana'));

    // Act
    const names = candidateNames(index, 'Mbarusimana');

    // Assess
    expect(names).toEqual(['Mbarushimana']);
  });

  it('finds nothing for a query with nothing in common', () => {
    // Prepare
    const index = personIndex('Vladimir Putin', 'Cate');

    // Act
    const names = candidateNames(index, 'Zxqv');

    // Assess
    expect(names).toEqual([]);
  });

  it('ranks the names sharing more, and rarer, words first', () => {
    // Prepare
    const index = personIndex('Vladimir Star', 'Ivan Vladimir', 'Vladimir Putin', 'Vladimir Zelensky');

    // Act
    const names = candidateNames(index, 'Vladimir Putin');

    // Assess
    expect(names[0]).toBe('Vladimir Putin');
    expect(names).toHaveLength(4);
  });

  it('keeps only the `limit` names with the strongest pull', () => {
    // Prepare
    const index = personIndex('Vladimir Star', 'Ivan Vladimir', 'Vladimir Putin', 'Putin Vladimirovich', 'Zed');

    // Act
    const one = candidateNames(index, 'Vladimir Putin', 1);
    const two = candidateNames(index, 'Vladimir Putin', 2);

    // Assess
    expect(one).toEqual(['Vladimir Putin']);
    expect(two).toEqual(['Vladimir Putin', 'Putin Vladimirovich']);
  });
});

describe('kthLargest', () => {
  it('finds the k-th largest value like a descending sort, duplicates included', () => {
    // Prepare: a seeded generator so a failure can be replayed
    let seed = 20240501;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const mismatches: string[] = [];

    // Act
    for (let round = 0; round < 2000; round += 1) {
      const length = 1 + Math.floor(random() * 60);
      const fewDistinct = random() < 0.5;
      const values = Float32Array.from({ length }, () => (fewDistinct ? Math.floor(random() * 5) : random()));
      const sorted = [...values].sort((a, b) => b - a);
      const k = 1 + Math.floor(random() * length);
      const found = kthLargest(Float32Array.from(values), k);
      if (found !== sorted[k - 1]) mismatches.push(`${[...values].join(',')} k=${k}: ${found} vs ${sorted[k - 1]}`);
    }

    // Assess
    expect(mismatches).toEqual([]);
  });

  it('returns the largest for k = 1 and the smallest for k = length', () => {
    // Prepare
    const values = [0.5, 3, -1, 2, 2];

    // Act / Assess
    expect(kthLargest(Float32Array.from(values), 1)).toBe(3);
    expect(kthLargest(Float32Array.from(values), 3)).toBe(2);
    expect(kthLargest(Float32Array.from(values), 5)).toBe(-1);
  });
});
