import {
  allowedEdits,
  compareTokens,
  consonantSkeleton,
  CONSONANTS_SIMILARITY,
  INITIAL_SIMILARITY,
  PHONETIC_SIMILARITY,
  phoneticKeys,
} from '../../../../functions/kernel/names/token-similarity';

describe('allowedEdits', () => {
  it('allows no edit up to 3 letters, then 1, 2 and 3 as words grow', () => {
    // Prepare
    const lengths = [1, 3, 4, 6, 7, 10, 11, 20];

    // Act
    const allowed = lengths.map(allowedEdits);

    // Assess
    expect(allowed).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });
});

describe('phoneticKeys', () => {
  it('returns the primary and, when different, the alternate Double Metaphone key', () => {
    // Prepare / Act / Assess
    expect(phoneticKeys('putin')).toEqual(['PTN']);
    expect(phoneticKeys('catherine')).toEqual(['K0RN', 'KTRN']);
    expect(phoneticKeys('kathryn')).toEqual(['K0RN', 'KTRN']);
  });

  it('caches the keys of a token', () => {
    // Prepare
    const first = phoneticKeys('rosoboronexport');

    // Act
    const second = phoneticKeys('rosoboronexport');

    // Assess
    expect(second).toBe(first);
  });
});

describe('consonantSkeleton', () => {
  it('drops vowels, w, y and h and collapses doubled letters', () => {
    // Prepare / Act / Assess
    expect(consonantSkeleton('muhammad')).toBe('md');
    expect(consonantSkeleton('mhmd')).toBe('md');
    expect(consonantSkeleton('hussein')).toBe('sn');
    expect(consonantSkeleton('yahya')).toBe('');
  });
});

describe('compareTokens', () => {
  it('finds equal tokens EXACT with similarity 1', () => {
    // Prepare / Act / Assess
    expect(compareTokens('putin', 'putin')).toEqual({ similarity: 1, kind: 'EXACT' });
    expect(compareTokens('j', 'j')).toEqual({ similarity: 1, kind: 'EXACT' });
  });

  it('finds spelling variants within the allowed edits, similarity falling with each edit', () => {
    // Prepare / Act
    const qaddafi = compareTokens('qaddafi', 'gaddafi');
    const mohammed = compareTokens('mohammed', 'muhammad');
    const transposed = compareTokens('assad', 'asasd');

    // Assess
    expect(qaddafi.kind).toBe('SPELLING');
    expect(qaddafi.similarity).toBeCloseTo(1 - 0.75 / 7, 10);
    expect(mohammed.kind).toBe('SPELLING');
    expect(mohammed.similarity).toBeCloseTo(1 - (0.75 * 2) / 8, 10);
    expect(transposed).toEqual({ similarity: 0.85, kind: 'SPELLING' });
  });

  it('rejects words differing by more than the allowed edits that do not sound alike', () => {
    // Prepare / Act / Assess
    // 3 letters: no edit allowed, and the keys APK and APT differ.
    expect(compareTokens('abc', 'abd')).toEqual({ similarity: 0 });
    // 6 letters: one edit allowed, two needed, keys TMPSN and TMSN differ.
    expect(compareTokens('thompson', 'tomson')).toEqual({ similarity: 0 });
    expect(compareTokens('schmidt', 'smith')).toEqual({ similarity: 0 });
  });

  it('finds sound-alikes beyond the spelling room PHONETIC by Double Metaphone', () => {
    // Prepare / Act
    const stephen = compareTokens('stephen', 'steven');
    const catherine = compareTokens('catherine', 'kathryn');
    const philip = compareTokens('philip', 'filip');

    // Assess
    expect(stephen).toEqual({ similarity: PHONETIC_SIMILARITY, kind: 'PHONETIC' });
    expect(catherine).toEqual({ similarity: PHONETIC_SIMILARITY, kind: 'PHONETIC' });
    expect(philip).toEqual({ similarity: PHONETIC_SIMILARITY, kind: 'PHONETIC' });
  });

  it('rejects sound-alikes too many edits apart', () => {
    // Prepare: both keys are NT, but four edits exceed the room of one allowed edit plus two
    expect(phoneticKeys('knight')).toEqual(phoneticKeys('nite'));

    // Act
    const result = compareTokens('knight', 'nite');

    // Assess
    expect(result).toEqual({ similarity: 0 });
  });

  it('rejects a shared phonetic key of one letter', () => {
    // Prepare: one edit apart, too short for a spelling edit, both keys "L"
    expect(phoneticKeys('lu')).toEqual(['L']);
    expect(phoneticKeys('la')).toEqual(['L']);

    // Act
    const result = compareTokens('lu', 'la');

    // Assess
    expect(result).toEqual({ similarity: 0 });
  });

  it('compares consonant skeletons only when one side was written without vowels', () => {
    // Prepare / Act
    const vowelless = compareTokens('mhmd', 'muhammad', { vowelless: true });
    const withVowels = compareTokens('mhmd', 'muhammad');

    // Assess
    expect(vowelless).toEqual({ similarity: CONSONANTS_SIMILARITY, kind: 'CONSONANTS' });
    expect(withVowels).toEqual({ similarity: 0 });
  });

  it('lets an initial stand for a word starting with it, either way round', () => {
    // Prepare / Act / Assess
    expect(compareTokens('j', 'john')).toEqual({ similarity: INITIAL_SIMILARITY, kind: 'INITIAL' });
    expect(compareTokens('john', 'j')).toEqual({ similarity: INITIAL_SIMILARITY, kind: 'INITIAL' });
    expect(compareTokens('x', 'john')).toEqual({ similarity: 0 });
  });

  it('matches tokens with digits only exactly', () => {
    // Prepare / Act / Assess
    expect(compareTokens('44', '44')).toEqual({ similarity: 1, kind: 'EXACT' });
    expect(compareTokens('44', '45')).toEqual({ similarity: 0 });
    expect(compareTokens('ig0r', 'igor')).toEqual({ similarity: 0 });
  });
});
