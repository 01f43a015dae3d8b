import { transliterateToLatin } from '../../../../functions/kernel/names/transliterate-name';

describe('transliterateToLatin', () => {
  it('transliterates Cyrillic to Latin letters', () => {
    // Prepare
    const name = 'Владимир Путин';

    // Act
    const latin = transliterateToLatin(name);

    // Assess
    expect(latin).toBe('Vladimir Putin');
    expect(latin.toLowerCase().split(' ')).toEqual(expect.arrayContaining(['vladimir', 'putin']));
  });

  it('transliterates Greek, accented letters included', () => {
    // Prepare
    const name = 'Αλέξης Τσίπρας';

    // Act
    const latin = transliterateToLatin(name);

    // Assess
    expect(latin).toBe('Alexis Tsipras');
  });

  it('transliterates Arabic to its consonants in Latin letters, keeping the word breaks', () => {
    // Prepare
    const name = 'محمد بن سلمان';

    // Act
    const latin = transliterateToLatin(name);

    // Assess
    expect(latin).toBe('mhmd bn slmn');
    expect(latin).toMatch(/^[a-z ]+$/);
  });

  it('splits Han characters into one syllable each', () => {
    // Prepare
    const name = '习近平';

    // Act
    const words = transliterateToLatin(name).trim().split(/\s+/);

    // Assess
    expect(words).toEqual(['Xi', 'Jin', 'Ping']);
  });

  it('folds Latin diacritics to plain ASCII', () => {
    // Prepare / Act
    const latin = transliterateToLatin('François Müller');

    // Assess
    expect(latin).toBe('Francois Muller');
  });

  it('passes ASCII text through unchanged, punctuation included', () => {
    // Prepare
    const name = "O'Brien, John-Paul (Jr.) & Co. 123";

    // Act
    const latin = transliterateToLatin(name);

    // Assess
    expect(latin).toBe(name);
  });
});
