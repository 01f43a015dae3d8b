import { editDistance } from '../../../../functions/kernel/names/edit-distance';

describe('editDistance', () => {
  it('counts a transposition of adjacent letters as one edit', () => {
    // Prepare / Act
    const distance = editDistance('assad', 'asasd');

    // Assess
    expect(distance).toBe(1);
  });

  it('counts insertions, deletions and substitutions one each', () => {
    // Prepare / Act / Assess
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('saddam', 'sadam')).toBe(1);
    expect(editDistance('smith', 'smyth')).toBe(1);
  });

  it('is optimal string alignment, not full Damerau: a transposed pair is not edited again', () => {
    // Prepare / Act
    const distance = editDistance('ca', 'abc');

    // Assess: true Damerau-Levenshtein would give 2
    expect(distance).toBe(3);
  });

  it('measures against empty strings by length', () => {
    // Prepare / Act / Assess
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
  });

  it('returns limit + 1 as soon as the distance exceeds the limit', () => {
    // Prepare / Act / Assess
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    // The length difference alone exceeds the limit.
    expect(editDistance('abcdef', 'ab', 2)).toBe(3);
    expect(editDistance('abcdefgh', 'hgfedcba', 2)).toBe(3);
  });

  it('returns the exact distance when it is within the limit', () => {
    // Prepare / Act / Assess
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('assad', 'asasd', 1)).toBe(1);
  });

  it('handles words longer than its preallocated rows', () => {
    // Prepare
    const long = 'a'.repeat(100);

    // Act / Assess
    expect(editDistance(long, `${'a'.repeat(99)}b`)).toBe(1);
    expect(editDistance('x'.repeat(70), 'y'.repeat(70))).toBe(70);
    expect(editDistance('x'.repeat(70), 'y'.repeat(70), 5)).toBe(6);
    // Rows grown for long words still give right answers for short ones.
    expect(editDistance('assad', 'asasd')).toBe(1);
  });
});
