import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { countryCodes } from '../../../functions/commons/country-codes';
import {
  countryNameToCode,
  isUnmappableCountryValue,
  mappedCountryCodes,
} from '../../../functions/commons/country-names';

const DATA = join(__dirname, '../../../data/lists');

/** Every text value of a country-bearing element in the UN XML, read independently of the loader. */
function unCountryValues(): string[] {
  const tags = new Set(['VALUE', 'COUNTRY', 'ISSUING_COUNTRY', 'COUNTRY_OF_ISSUE', 'COUNTRY_OF_BIRTH']);
  const found = new Set<string>();
  const walk = (node: unknown, key: string, parent: string): void => {
    if (Array.isArray(node)) node.forEach((n) => walk(n, key, parent));
    else if (typeof node === 'object' && node !== null) {
      for (const [k, v] of Object.entries(node)) walk(v, k, key);
    } else if (typeof node === 'string' && tags.has(key) && (key !== 'VALUE' || parent === 'NATIONALITY')) {
      if (node.trim() !== '') found.add(node.trim());
    }
  };
  const xml = readFileSync(join(DATA, 'un/un-consolidated-2026-02-27.xml'), 'utf8');
  walk(new XMLParser({ parseTagValue: false }).parse(xml), '', '');
  return [...found];
}

function bisCountryValues(): string[] {
  const [header = '', ...rows] = readFileSync(join(DATA, 'us-bis/denied-persons-2022-09.txt'), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  const column = header.split('\t').indexOf('"Country"');
  return [...new Set(rows.map((r) => (r.split('\t')[column] ?? '').replace(/"/g, '').trim()))].filter((c) => c !== '');
}

describe('countryNameToCode', () => {
  it('maps every country value in the UN list except the known placeholders', () => {
    // Prepare
    const values = unCountryValues();
    // Act
    const unmapped = values.filter((v) => countryNameToCode(v) === undefined);
    // Assess
    expect(values.length).toBeGreaterThan(55);
    expect(unmapped.sort()).toEqual(['former Soviet Union', 'na']);
    expect(unmapped.every(isUnmappableCountryValue)).toBe(true);
  });

  it('maps every country value in the BIS list except the misplaced state code NM', () => {
    // Prepare
    const values = bisCountryValues();
    // Act
    const unmapped = values.filter((v) => countryNameToCode(v) === undefined);
    // Assess
    expect(values).toContain('PRC');
    expect(unmapped).toEqual(['NM']);
    expect(isUnmappableCountryValue('NM')).toBe(true);
  });

  it.each([
    ['Iran (Islamic Republic of)', 'IR'],
    ["Democratic People's Republic of Korea", 'KP'],
    ['Democratic Republic of the Congo', 'CD'],
    ['Congo', 'CG'],
    ['Türkiye', 'TR'],
    ['TURKIYE', 'TR'],
    ['China, Hong Kong Special Administrative Region', 'HK'],
    ['United Kingdom of Great Britain and Northern Ireland', 'GB'],
    ['Viet Nam', 'VN'],
    ['State of Palestine', 'PS'],
    ['PRC', 'CN'],
    ['AE', 'AE'],
    ['UK', 'GB'],
    ['  Guinea-Bissau ', 'GW'],
  ])('maps "%s" to %s', (name, code) => {
    // Prepare / Act / Assess
    expect(countryNameToCode(name)).toBe(code);
  });

  it.each(['', 'Atlantis', 'SU', 'YU', 'na'])('returns undefined for "%s"', (name) => {
    // Prepare / Act / Assess
    expect(countryNameToCode(name)).toBeUndefined();
  });

  it('only produces codes that are valid ISO 3166-1 alpha-2', () => {
    // Prepare / Act
    const invalid = mappedCountryCodes.filter((c) => !countryCodes.has(c));
    // Assess
    expect(invalid).toEqual([]);
  });
});

describe('countryNameToCode with OFAC spellings and CLDR names', () => {
  it.each([
    ['Korea, North', 'KP'],
    ['Congo, Democratic Republic of the', 'CD'],
    ['Bahamas, The', 'BS'],
    ['region: Crimea', 'UA'],
    ['Bosnia & Herzegovina', 'BA'],
    ['Kazakhstan', 'KZ'],
    ['Papua New Guinea', 'PG'],
  ])('maps %p to %s', (name, code) => {
    expect(countryNameToCode(name)).toBe(code);
  });

  it('never answers with a retired code', () => {
    expect(countryNameToCode('Netherlands Antilles')).toBeUndefined();
    expect(countryNameToCode('Soviet Union')).toBeUndefined();
  });
});
