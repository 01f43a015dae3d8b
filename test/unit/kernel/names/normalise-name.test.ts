import { normaliseName } from '../../../../functions/kernel/names/normalise-name';

describe('normaliseName', () => {
  describe('case, diacritics and punctuation', () => {
    it('lower-cases and folds diacritics', () => {
      // Prepare / Act
      const francois = normaliseName('François', 'PERSON');
      const shouting = normaliseName('JOHN SMITH', 'PERSON');

      // Assess
      expect(francois.tokens).toEqual(['francois']);
      expect(shouting.tokens).toEqual(['john', 'smith']);
    });

    it('joins words across an apostrophe and splits them on other punctuation', () => {
      // Prepare / Act
      const obrien = normaliseName("O'Brien", 'PERSON');
      const curly = normaliseName('Hyo’k Kim', 'PERSON');
      const hyphen = normaliseName('Jean-Claude Van Damme', 'PERSON');

      // Assess
      expect(obrien.tokens).toEqual(['obrien']);
      expect(curly.tokens).toEqual(['hyok', 'kim']);
      expect(hyphen.tokens).toEqual(['jean', 'claude', 'van', 'damme']);
      expect(hyphen.roles).toEqual(['NAME', 'NAME', 'PARTICLE', 'NAME']);
    });

    it('drops a possessive "s", with straight or curly apostrophe', () => {
      // Prepare / Act
      const straight = normaliseName("Bank's Holdings", 'ORGANIZATION');
      const curly = normaliseName('Bank’s', 'ORGANIZATION');

      // Assess
      expect(straight.tokens).toEqual(['bank', 'holding']);
      expect(curly.tokens).toEqual(['bank']);
    });

    it('writes "&" as "and", a particle', () => {
      // Prepare / Act
      const name = normaliseName('John Smith & Sons', 'ORGANIZATION');

      // Assess
      expect(name.tokens).toEqual(['john', 'smith', 'and', 'sons']);
      expect(name.roles).toEqual(['NAME', 'NAME', 'PARTICLE', 'NAME']);
    });

    it('returns no tokens for a name of punctuation only', () => {
      // Prepare / Act
      const name = normaliseName(' ... ', 'PERSON');

      // Assess
      expect(name).toEqual({ tokens: [], roles: [], patronymic: [], vowelless: false, type: 'PERSON' });
    });
  });

  describe('honorifics and suffixes of persons', () => {
    it('strips an honorific at the start', () => {
      // Prepare / Act / Assess
      expect(normaliseName('Sheikh Mohammed', 'PERSON').tokens).toEqual(['mohammed']);
      expect(normaliseName('Dr. John Smith', 'PERSON').tokens).toEqual(['john', 'smith']);
    });

    it('keeps an honorific inside the name and at the end', () => {
      // Prepare / Act / Assess
      expect(normaliseName('Haji Khairullah Haji Sattar', 'PERSON').tokens).toEqual(['khairullah', 'haji', 'sattar']);
      expect(normaliseName('Sheikh Mohammed Sheikh', 'PERSON').tokens).toEqual(['mohammed', 'sheikh']);
    });

    it('never strips the last word left', () => {
      // Prepare / Act / Assess
      expect(normaliseName('Sheikh', 'PERSON').tokens).toEqual(['sheikh']);
      expect(normaliseName('Mr Jr', 'PERSON').tokens).toEqual(['jr']);
    });

    it('strips generational suffixes at the end', () => {
      // Prepare / Act / Assess
      expect(normaliseName('John Smith Jr.', 'PERSON').tokens).toEqual(['john', 'smith']);
      expect(normaliseName('John Smith III', 'PERSON').tokens).toEqual(['john', 'smith']);
    });

    it('keeps titles in organisation names', () => {
      // Prepare / Act
      const organisation = normaliseName('General Electric', 'ORGANIZATION');
      const person = normaliseName('General Electric', 'PERSON');

      // Assess
      expect(organisation.tokens).toEqual(['general', 'electric']);
      expect(person.tokens).toEqual(['electric']);
    });
  });

  describe('company forms', () => {
    it.each([
      ['Acme Limited', ['acme', 'ltd']],
      ['Acme L.L.C.', ['acme', 'llc']],
      ['Siemens Aktiengesellschaft', ['siemens', 'ag']],
      ['Rosneft Joint Stock Company', ['rosneft', 'jsc']],
      ['Public Joint Stock Company Sberbank', ['jsc', 'sberbank']],
      ['Limited Liability Company Foo', ['llc', 'foo']],
      ['Müller GmbH', ['muller', 'gmbh']],
    ])('canonicalises "%s" to %j with the form marked COMPANY_FORM', (raw, tokens) => {
      // Prepare / Act
      const name = normaliseName(raw, 'ORGANIZATION');

      // Assess
      expect(name.tokens).toEqual(tokens);
      const formIndex = tokens.findIndex((token) => ['ltd', 'llc', 'ag', 'jsc', 'gmbh'].includes(token));
      expect(name.roles[formIndex]).toBe('COMPANY_FORM');
      expect(name.roles.filter((role) => role === 'COMPANY_FORM')).toHaveLength(1);
    });

    it('leaves company-form words alone in person names', () => {
      // Prepare / Act
      const name = normaliseName('Acme Limited', 'PERSON');

      // Assess
      expect(name.tokens).toEqual(['acme', 'limited']);
      expect(name.roles).toEqual(['NAME', 'NAME']);
    });

    it('applies the company-form rules when the type is unknown', () => {
      // Prepare / Act
      const name = normaliseName('Acme Limited');

      // Assess
      expect(name.tokens).toEqual(['acme', 'ltd']);
      expect(name.roles).toEqual(['NAME', 'COMPANY_FORM']);
      expect(name.type).toBeUndefined();
    });
  });

  describe('"SURNAME, Given" order', () => {
    it('reorders a person name written surname first', () => {
      // Prepare / Act
      const person = normaliseName('PUTIN, Vladimir', 'PERSON');
      const untyped = normaliseName('PUTIN, Vladimir');

      // Assess
      expect(person.tokens).toEqual(['vladimir', 'putin']);
      expect(untyped.tokens).toEqual(['vladimir', 'putin']);
    });

    it('does not reorder an organisation, nor a comma before a company form', () => {
      // Prepare / Act
      const organisation = normaliseName('PUTIN, Vladimir', 'ORGANIZATION');
      const fooInc = normaliseName('Foo, Inc.', 'ORGANIZATION');
      const fooIncUntyped = normaliseName('Foo, Inc.');

      // Assess
      expect(organisation.tokens).toEqual(['putin', 'vladimir']);
      expect(fooInc.tokens).toEqual(['foo', 'inc']);
      expect(fooInc.roles).toEqual(['NAME', 'COMPANY_FORM']);
      expect(fooIncUntyped.tokens).toEqual(['foo', 'inc']);
    });
  });

  describe('numbers', () => {
    it('writes number words and ordinals of organisations as digits with role NUMBER', () => {
      // Prepare / Act
      const fortyFour = normaliseName('Forty-Four Holdings', 'ORGANIZATION');
      const first = normaliseName('1st Bank', 'ORGANIZATION');
      const three = normaliseName('Three Percenters', 'ORGANIZATION');

      // Assess
      expect(fortyFour.tokens).toEqual(['44', 'holding']);
      expect(fortyFour.roles).toEqual(['NUMBER', 'COMPANY_FORM']);
      expect(first.tokens).toEqual(['1', 'bank']);
      expect(first.roles).toEqual(['NUMBER', 'NAME']);
      expect(three.tokens).toEqual(['3', 'percenters']);
    });

    it('reads Roman numerals in organisation names only', () => {
      // Prepare / Act
      const organisation = normaliseName('Louis XIV', 'ORGANIZATION');
      const person = normaliseName('Louis XIV', 'PERSON');

      // Assess
      expect(organisation.tokens).toEqual(['louis', '14']);
      expect(organisation.roles).toEqual(['NAME', 'NUMBER']);
      expect(person.tokens).toEqual(['louis', 'xiv']);
      expect(person.roles).toEqual(['NAME', 'NAME']);
    });

    it('keeps digits as numbers in vessel names', () => {
      // Prepare / Act
      const name = normaliseName('Vessel 7', 'VESSEL');

      // Assess
      expect(name.tokens).toEqual(['vessel', '7']);
      expect(name.roles).toEqual(['NAME', 'NUMBER']);
    });

    // Suspected bug: without a type the look-alike-digit rule runs first and turns the ordinal into "ist".
    it('reads an ordinal as a number when the type is unknown ("1st Bank")', () => {
      // Prepare / Act
      const name = normaliseName('1st Bank');

      // Assess
      expect(name.tokens).toEqual(['1', 'bank']);
    });
  });

  describe('look-alike digits', () => {
    it('reads digits inside a person name as the letters they look like', () => {
      // Prepare / Act
      const name = normaliseName('Ig0r Sech1n', 'PERSON');

      // Assess
      expect(name.tokens).toEqual(['igor', 'sechin']);
      expect(name.roles).toEqual(['NAME', 'NAME']);
    });

    it('leaves digits inside an organisation name alone', () => {
      // Prepare / Act
      const name = normaliseName('Ig0r', 'ORGANIZATION');

      // Assess
      expect(name.tokens).toEqual(['ig0r']);
    });
  });

  describe('organisation abbreviations', () => {
    it('expands abbreviations in organisation names', () => {
      // Prepare / Act
      const international = normaliseName("Int'l Trading", 'ORGANIZATION');
      const unitedStates = normaliseName('U.S. Steel', 'ORGANIZATION');
      const saint = normaliseName('St. Petersburg Bank', 'ORGANIZATION');

      // Assess
      expect(international.tokens).toEqual(['international', 'trading']);
      expect(unitedStates.tokens).toEqual(['united', 'states', 'steel']);
      expect(saint.tokens).toEqual(['saint', 'petersburg', 'bank']);
    });

    it('does not expand them in person names', () => {
      // Prepare / Act
      const name = normaliseName('U.S. Steel', 'PERSON');

      // Assess
      expect(name.tokens).toEqual(['u', 's', 'steel']);
    });
  });

  describe('patronymics and scripts', () => {
    it('flags the word after bin, ibn, ben or ould as a patronymic and the particle itself as PARTICLE', () => {
      // Prepare / Act
      const bin = normaliseName('Salman bin Muhammad', 'PERSON');
      const ibn = normaliseName('Abdul Rahman ibn Khalid', 'PERSON');
      const ould = normaliseName('Ahmed Ould Abdallah', 'PERSON');

      // Assess
      expect(bin.tokens).toEqual(['salman', 'bin', 'muhammad']);
      expect(bin.roles).toEqual(['NAME', 'PARTICLE', 'NAME']);
      expect(bin.patronymic).toEqual([false, false, true]);
      expect(ibn.patronymic).toEqual([false, false, false, true]);
      expect(ould.patronymic).toEqual([false, false, true]);
    });

    it('marks names written in Arabic or Hebrew script as vowelless', () => {
      // Prepare / Act
      const arabic = normaliseName('محمد بن سلمان', 'PERSON');
      const hebrew = normaliseName('שלום', 'PERSON');
      const cyrillic = normaliseName('Владимир Путин', 'PERSON');
      const latin = normaliseName('Muhammad bin Salman', 'PERSON');

      // Assess
      expect(arabic.vowelless).toBe(true);
      expect(arabic.tokens).toEqual(['mhmd', 'bn', 'slmn']);
      expect(hebrew.vowelless).toBe(true);
      expect(hebrew.tokens).toEqual(['slvm']);
      expect(cyrillic.vowelless).toBe(false);
      expect(cyrillic.tokens).toEqual(['vladimir', 'putin']);
      expect(latin.vowelless).toBe(false);
    });

    // Suspected bug: Arabic "بن" transliterates to "bn", which is neither a particle nor a patronymic particle,
    // so the father's name written in Arabic script is not flagged.
    it('flags the word after Arabic "بن" (transliterated "bn") as a patronymic', () => {
      // Prepare / Act
      const name = normaliseName('محمد بن سلمان', 'PERSON');

      // Assess
      expect(name.patronymic).toEqual([false, false, true]);
      expect(name.roles).toEqual(['NAME', 'PARTICLE', 'NAME']);
    });

    it('splits a name in Han characters into syllables', () => {
      // Prepare / Act
      const name = normaliseName('习近平', 'PERSON');

      // Assess
      expect(name.tokens).toEqual(['xi', 'jin', 'ping']);
      expect(name.vowelless).toBe(false);
    });
  });
});
