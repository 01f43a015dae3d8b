import { states } from 'mrz';
import { countryCodes } from '../../../../functions/commons/country-codes';
import {
  alpha3ToAlpha2,
  icaoCodeToAlpha2,
  icaoNonCountryCodes,
} from '../../../../functions/kyc/extraction/icao-country-codes';

describe('icao-country-codes', () => {
  it('maps every assigned country exactly once, from a code the ICAO state list knows', () => {
    // Prepare
    const icaoStates = new Set(Object.keys(states));
    const alpha2s = [...alpha3ToAlpha2.values()];
    // Act
    const unknownAlpha3 = [...alpha3ToAlpha2.keys()].filter((code) => !icaoStates.has(code));
    const unmapped = [...countryCodes].filter((code) => !alpha2s.includes(code));
    // Assess
    expect(unknownAlpha3).toEqual([]);
    expect(new Set(alpha2s).size).toBe(alpha2s.length);
    expect(alpha2s.every((code) => countryCodes.has(code))).toBe(true);
    // Kosovo has no ISO alpha-3; ICAO writes RKS.
    expect(unmapped).toEqual(['XK']);
  });

  it.each([
    ['DEU', 'DE'],
    ['D', 'DE'],
    ['D<<', 'DE'],
    ['GBN', 'GB'],
    ['GBR', 'GB'],
    ['RKS', 'XK'],
    ['usa', 'US'],
  ])('reads %p as %p', (code, alpha2) => {
    // Prepare / Act / Assess
    expect(icaoCodeToAlpha2(code)).toBe(alpha2);
  });

  it.each(['UTO', 'UNO', 'XXA', 'EUE', 'ZZZ', ''])('names no country for %p', (code) => {
    // Prepare / Act / Assess
    expect(icaoCodeToAlpha2(code)).toBeUndefined();
  });

  it('lists only codes that the ICAO state list knows as non-countries', () => {
    // Prepare
    const icaoStates = new Set(Object.keys(states));
    // Act
    const unknown = [...icaoNonCountryCodes].filter((code) => code !== 'UTO' && !icaoStates.has(code));
    // Assess
    expect(unknown).toEqual([]);
  });
});
