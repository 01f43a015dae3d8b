import {
  compareCompanyNames,
  comparePersonNames,
  foldTransliteration,
  relateWords,
} from '../../../../functions/kyc/checks/compare-names';
import { compareIdentifiers } from '../../../../functions/kyc/checks/compare-identifiers';

describe('comparePersonNames', () => {
  it.each([
    ['Anna Maria Eriksson', 'ANNA MARIA ERIKSSON'],
    ['Eriksson, Anna Maria', 'ANNA MARIA ERIKSSON'],
    ['Anna Maria Eriksson', 'ERIKSSON ANNA MARIA'],
    ['Jürgen Müller', 'JUERGEN MUELLER'],
    ['Łukasz Żółć', 'LUKASZ ZOLC'],
    ['Li Wei', 'WEI LI'],
    ['Mary-Ann Smith', 'MARYANN SMITH'],
  ])('finds %p and %p the same name', (expected, found) => {
    // Prepare / Act
    const comparison = comparePersonNames(expected, found);
    // Assess
    expect(comparison.matches).toBe(true);
  });

  it('reads Cyrillic and its Latin passport spelling as one name, noting the spelling', () => {
    // Prepare / Act
    const sergey = comparePersonNames('Сергей Иванов', 'SERGEI IVANOV');
    const dmitry = comparePersonNames('Дмитрий Шостакович', 'DMITRIJ SCHOSTAKOWITSCH');
    // Assess
    expect(sergey).toEqual({
      verdict: 'TOLERATED',
      matches: true,
      notes: ['"sergey" and "sergei" are spellings of one name'],
    });
    expect(dmitry.matches).toBe(true);
  });

  it('notes a one-letter typo in a long word but refuses one in a short word', () => {
    // Prepare / Act
    const long = comparePersonNames('Christina Andersson', 'CHRISTINE ANDERSSON');
    const short = comparePersonNames('Anna Eriksson', 'ANNE ERIKSSON');
    // Assess
    expect(long).toEqual({
      verdict: 'TOLERATED',
      matches: true,
      notes: ['"christina" and "christine" differ by one letter'],
    });
    expect(short).toMatchObject({ verdict: 'DIFFERENT', notes: ['"anna" and "anne" are different names'] });
  });

  it('notes a middle name on one side only, and refuses a name sharing a single word', () => {
    // Prepare / Act
    const middle = comparePersonNames('Anna Eriksson', 'ANNA MARIA ERIKSSON');
    const single = comparePersonNames('Anna Eriksson', 'ANNA');
    // Assess
    expect(middle).toEqual({ verdict: 'TOLERATED', matches: true, notes: ['"maria" only in "ANNA MARIA ERIKSSON"'] });
    expect(single.matches).toBe(false);
  });

  it('requires the printed surname to be matched in full', () => {
    // Prepare / Act
    const given = comparePersonNames('Anna Maria', 'ANNA MARIA ERIKSSON', { surname: 'ERIKSSON' });
    // Assess
    expect(given).toMatchObject({ matches: false, verdict: 'DIFFERENT' });
  });

  it('accepts initials only when asked to, and never initials alone', () => {
    // Prepare / Act
    const strict = comparePersonNames('Erika Mustermann', 'E MUSTERMANN');
    const lenient = comparePersonNames('Erika Mustermann', 'E MUSTERMANN', { allowInitials: true });
    const onlyInitials = comparePersonNames('Erika Mustermann', 'E M', { allowInitials: true });
    // Assess
    expect(strict.matches).toBe(false);
    expect(lenient).toMatchObject({ verdict: 'TOLERATED', notes: ['"erika" and "e" match by initials only'] });
    expect(onlyInitials.matches).toBe(false);
  });
});

describe('compareCompanyNames', () => {
  it.each([
    ['Shenzhen Bright Tools Co., Ltd.', 'SHENZHEN BRIGHT TOOLS COMPANY LIMITED'],
    ['Musterbau GmbH', 'MUSTERBAU G.M.B.H.'],
    ['Müller & Söhne GmbH', 'Mueller und Soehne GmbH'],
    ['Acme Trading', 'Acme Trading Ltd'],
  ])('finds %p and %p the same company', (expected, found) => {
    // Prepare / Act / Assess
    expect(compareCompanyNames(expected, found).matches).toBe(true);
  });

  it.each([
    ['Musterbau GmbH', 'Musterbau AG'],
    ['Acme Holding GmbH', 'Acme GmbH Bau Service'],
    ['Bright Tools Ltd', 'Bright Lights Ltd'],
  ])('finds %p and %p different companies', (expected, found) => {
    // Prepare / Act / Assess
    expect(compareCompanyNames(expected, found).matches).toBe(false);
  });
});

describe('relateWords and foldTransliteration', () => {
  it.each([
    ['mariya', 'maria', 'TRANSLITERATION'],
    ['aleksandr', 'alexandr', 'TRANSLITERATION'],
    ['khodorkovsky', 'hodorkovski', 'TRANSLITERATION'],
    ['mustermann', 'musterman', 'TRANSLITERATION'],
    ['andersen', 'anderson', 'TYPO'],
    ['marie', 'maria', undefined],
    ['ali', 'eli', undefined],
  ])('relates %p and %p as %p', (a, b, relation) => {
    // Prepare / Act / Assess
    expect(relateWords(a, b)).toBe(relation);
  });

  it('folds German umlaut spellings and doubled letters', () => {
    // Prepare / Act / Assess
    expect(foldTransliteration('mueller')).toBe(foldTransliteration('muller'));
    expect(foldTransliteration('schostakowitsch')).toBe('shostakovich');
  });
});

describe('compareIdentifiers', () => {
  it('ignores spaces, punctuation, case and full-width digits', () => {
    // Prepare / Act / Assess
    expect(compareIdentifiers('HRB 12345 B', 'hrb-12345-b').matches).toBe(true);
    expect(compareIdentifiers('91440300MA5F000000', '９１４４０３００ＭＡ５Ｆ００００００').matches).toBe(true);
    expect(compareIdentifiers('HRB 12345', 'HRB 12346').matches).toBe(false);
    expect(compareIdentifiers('', '').matches).toBe(false);
  });

  it('tolerates the country prefix only for the country given', () => {
    // Prepare / Act / Assess
    expect(compareIdentifiers('DE123456789', '123456789', 'DE')).toEqual({
      matches: true,
      note: 'the country prefix DE is written on one side only',
    });
    expect(compareIdentifiers('FR123456789', '123456789', 'DE').matches).toBe(false);
  });
});
