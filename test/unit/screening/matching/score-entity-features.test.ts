import {
  compareCountry,
  compareDateOfBirth,
  FEATURE_EFFECTS,
  matchIdentifier,
} from '../../../../functions/screening/matching/score-entity-features';
import { listedEntity } from './screening-fixtures';

describe('compareDateOfBirth', () => {
  const putin = listedEntity('test:putin', 'PERSON', [{ name: 'Vladimir Putin', strength: 'PRIMARY' }], {
    datesOfBirth: ['1952-10-07'],
  });

  it('adds 0.1 for the exact date', () => {
    // Prepare / Act
    const feature = compareDateOfBirth('1952-10-07', putin);

    // Assess
    expect(feature).toEqual({ feature: 'DATE_OF_BIRTH', effect: 0.1, detail: '1952-10-07 = 1952-10-07' });
  });

  it('adds 0.05 for the same year, given as a year or as another date', () => {
    // Prepare / Act
    const year = compareDateOfBirth('1952', putin);
    const otherDay = compareDateOfBirth('1952-01-01', putin);

    // Assess
    expect(year).toEqual({ feature: 'DATE_OF_BIRTH', effect: 0.05, detail: '1952 same year as 1952-10-07' });
    expect(otherDay?.effect).toBe(FEATURE_EFFECTS.sameBirthYear);
  });

  it('is neutral for a year one apart, either way', () => {
    // Prepare / Act
    const after = compareDateOfBirth('1953', putin);
    const before = compareDateOfBirth('1951-12-31', putin);

    // Assess
    expect(after).toEqual({ feature: 'DATE_OF_BIRTH', effect: 0, detail: '1953 one year from 1952-10-07' });
    expect(before?.effect).toBe(0);
  });

  it('subtracts 0.15 for years further apart', () => {
    // Prepare / Act
    const feature = compareDateOfBirth('1960', putin);

    // Assess
    expect(feature).toEqual({ feature: 'DATE_OF_BIRTH', effect: -0.15, detail: '1960 ≠ 1952-10-07' });
  });

  it('keeps the most favourable of several listed dates', () => {
    // Prepare
    const approximate = listedEntity('test:x', 'PERSON', [{ name: 'X Y', strength: 'PRIMARY' }], {
      datesOfBirth: ['1970', '1973', '1975-05-05'],
    });

    // Act
    const exact = compareDateOfBirth('1975-05-05', approximate);
    const sameYear = compareDateOfBirth('1973', approximate);
    const oneApart = compareDateOfBirth('1971', approximate);

    // Assess
    expect(exact?.effect).toBe(0.1);
    expect(sameYear?.effect).toBe(0.05);
    expect(oneApart?.effect).toBe(0);
  });

  it('returns undefined when the list gives no date of birth', () => {
    // Prepare
    const undated = listedEntity('test:x', 'PERSON', [{ name: 'X Y', strength: 'PRIMARY' }]);

    // Act / Assess
    expect(compareDateOfBirth('1952-10-07', undated)).toBeUndefined();
  });
});

describe('compareCountry', () => {
  const entity = listedEntity('test:x', 'PERSON', [{ name: 'X Y', strength: 'PRIMARY' }], {
    countries: ['RU', 'AE'],
    nationalities: ['RU', 'CY'],
  });

  it('adds 0.05 for a listed country or nationality, in any case', () => {
    // Prepare / Act
    const country = compareCountry('ae', entity);
    const nationality = compareCountry('CY', entity);

    // Assess
    expect(country).toEqual({ feature: 'COUNTRY', effect: 0.05, detail: 'AE is listed' });
    expect(nationality?.effect).toBe(0.05);
  });

  it('subtracts 0.05 for a country not listed, naming each listed one once', () => {
    // Prepare / Act
    const feature = compareCountry('de', entity);

    // Assess
    expect(feature).toEqual({ feature: 'COUNTRY', effect: -0.05, detail: 'DE not in RU, AE, CY' });
  });

  it('returns undefined when the list gives no country', () => {
    // Prepare
    const stateless = listedEntity('test:x', 'PERSON', [{ name: 'X Y', strength: 'PRIMARY' }]);

    // Act / Assess
    expect(compareCountry('RU', stateless)).toBeUndefined();
  });
});

describe('matchIdentifier', () => {
  const entity = listedEntity('test:x', 'PERSON', [{ name: 'X Y', strength: 'PRIMARY' }], {
    identifiers: [
      { kind: 'OTHER', value: '123' },
      { kind: 'PASSPORT', value: 'PA 123-456', country: 'RU' },
      { kind: 'REGISTRATION', value: '1177746126040' },
    ],
  });

  it('matches an identifier written with other spacing, punctuation and case', () => {
    // Prepare / Act
    const passport = matchIdentifier(['pa123456'], entity);
    const registration = matchIdentifier(['nope', '1177-7461-26040'], entity);

    // Assess
    expect(passport).toEqual({ feature: 'IDENTIFIER', effect: 1, detail: 'PASSPORT PA 123-456 (RU)' });
    expect(registration).toEqual({ feature: 'IDENTIFIER', effect: 1, detail: 'REGISTRATION 1177746126040' });
  });

  it('ignores identifiers shorter than 4 characters, even when equal', () => {
    // Prepare / Act
    const feature = matchIdentifier(['123', '1-2-3'], entity);

    // Assess
    expect(feature).toBeUndefined();
  });

  it('returns undefined when no identifier matches', () => {
    // Prepare / Act / Assess
    expect(matchIdentifier(['PA123457'], entity)).toBeUndefined();
    expect(matchIdentifier([], entity)).toBeUndefined();
  });
});
