import { digitiseNumbers } from '../../../../functions/kernel/names/name-numbers';

describe('digitiseNumbers', () => {
  it('joins a unit to a bare tens word before it', () => {
    // Prepare / Act
    const result = digitiseNumbers(['forty', 'four', 'holding'], true);

    // Assess
    expect(result).toEqual({ words: ['44', 'holding'], isNumber: [true, false] });
  });

  it('keeps tens after a number under twenty, and two tens words, apart', () => {
    // Prepare / Act
    const tenFour = digitiseNumbers(['ten', 'four'], true);
    const twentyThirty = digitiseNumbers(['twenty', 'thirty'], true);

    // Assess
    expect(tenFour.words).toEqual(['10', '4']);
    expect(twentyThirty.words).toEqual(['20', '30']);
  });

  it('writes ordinals in words and in digits as plain digits', () => {
    // Prepare / Act
    const result = digitiseNumbers(['first', '2nd', '3rd', '24th', 'tenth'], false);

    // Assess
    expect(result.words).toEqual(['1', '2', '3', '24', '10']);
    expect(result.isNumber).toEqual([true, true, true, true, true]);
  });

  it('reads Roman numerals of two or more letters only when allowed', () => {
    // Prepare / Act
    const allowed = digitiseNumbers(['xiv', 'ii', 'xc', 'i', 'v'], true);
    const notAllowed = digitiseNumbers(['xiv', 'ii'], false);

    // Assess
    expect(allowed.words).toEqual(['14', '2', '90', 'i', 'v']);
    expect(allowed.isNumber).toEqual([true, true, true, false, false]);
    expect(notAllowed).toEqual({ words: ['xiv', 'ii'], isNumber: [false, false] });
  });

  it('marks words of digits as numbers and leaves them as written', () => {
    // Prepare / Act
    const result = digitiseNumbers(['vessel', '007', 'a1'], false);

    // Assess
    expect(result).toEqual({ words: ['vessel', '007', 'a1'], isNumber: [false, true, false] });
  });
});
