import { join } from 'node:path';
import { loadUnList, unDateOfBirth, unDocumentKind } from '../../../functions/screening/lists/un-loader';
import type { SanctionedEntity } from '../../../functions/screening/lists/sanctioned-entity';

const FILE = join(__dirname, '../../../data/lists/un/un-consolidated-2026-02-27.xml');

describe('loadUnList', () => {
  // Parsing the 3 MB file once keeps the suite fast; every test only reads the result.
  let entities: SanctionedEntity[];
  const byId = (id: string): SanctionedEntity => {
    const found = entities.find((e) => e.entityId === id);
    if (!found) throw new Error(`${id} not loaded`);
    return found;
  };
  beforeAll(() => {
    entities = loadUnList(FILE, '2026-02-27');
  });

  it('loads every individual and entity of the snapshot with unique ids', () => {
    // Prepare / Act: done in beforeAll
    // Assess
    expect(entities.filter((e) => e.type === 'PERSON')).toHaveLength(730);
    expect(entities.filter((e) => e.type === 'ORGANIZATION')).toHaveLength(273);
    expect(new Set(entities.map((e) => e.entityId)).size).toBe(1003);
    expect(entities.every((e) => e.sourceList === 'UN' && e.listVersion === '2026-02-27')).toBe(true);
  });

  it('never produces an empty or untrimmed name, and starts each entity with exactly one PRIMARY', () => {
    // Prepare / Act: done in beforeAll
    const allNames = entities.flatMap((e) => e.names);
    // Assess
    expect(allNames.filter((n) => n.name === '' || n.name !== n.name.trim())).toEqual([]);
    expect(entities.every((e) => e.names[0]?.strength === 'PRIMARY')).toBe(true);
    expect(entities.every((e) => e.names.filter((n) => n.strength === 'PRIMARY').length === 1)).toBe(true);
  });

  it('maps Qasem Soleimani: good aliases STRONG, low ones WEAK, split on ";", passport with leading zeros', () => {
    // Prepare
    const soleimani = byId('un:110408');
    // Act
    const strength = (name: string): string | undefined => soleimani.names.find((n) => n.name === name)?.strength;
    // Assess
    expect(soleimani.names[0]).toEqual({ name: 'QASEM SOLEIMANI', strength: 'PRIMARY' });
    expect(strength('Qasim Soleimani')).toBe('STRONG');
    expect(strength('Kasim Sulaymani')).toBe('STRONG');
    expect(strength('Haj Qasem')).toBe('WEAK');
    expect(strength('Sardar Soleimani')).toBe('WEAK');
    expect(soleimani.names).toHaveLength(12);
    expect(soleimani.datesOfBirth).toEqual(['1957-03-11']);
    expect(soleimani.identifiers).toEqual([{ kind: 'PASSPORT', value: '008827', country: 'IR' }]);
    expect(soleimani.programs).toEqual(['Iran']);
    expect(soleimani.type).toBe('PERSON');
  });

  it('expands a BETWEEN birth date into each year and maps nationality to alpha-2 (Bosco Taganda)', () => {
    // Prepare / Act
    const taganda = byId('un:6908021');
    // Assess
    expect(taganda.names[0]?.name).toBe('BOSCO TAGANDA');
    expect(taganda.datesOfBirth).toEqual(['1973', '1974']);
    expect(taganda.nationalities).toEqual(['CD']);
    expect(taganda.names.find((n) => n.name === 'Lydia')?.strength).toBe('WEAK');
    expect(taganda.names.find((n) => n.name === 'Bosco Ntaganda')?.strength).toBe('STRONG');
  });

  it('keeps a year-only birth date as YYYY and address countries as codes (Eric Badege)', () => {
    // Prepare / Act
    const badege = byId('un:6907993');
    // Assess
    expect(badege).toMatchObject({
      datesOfBirth: ['1971'],
      countries: ['RW'],
      nationalities: ['CD'],
      programs: ['DRC'],
    });
    expect(badege.names).toEqual([{ name: 'ERIC BADEGE', strength: 'PRIMARY' }]);
  });

  it('loads entities with a.k.a. and f.k.a. aliases as STRONG (ADF)', () => {
    // Prepare / Act
    const adf = byId('un:6908402');
    // Assess
    expect(adf.type).toBe('ORGANIZATION');
    expect(adf.names.map((n) => n.name)).toEqual([
      'ADF',
      'Allied Democratic Forces',
      'Forces Démocratiques Alliées-Armée Nationale de Libération de l’Ouganda',
      'ADF/NALU',
      'NALU',
    ]);
    expect(adf.names.slice(1).every((n) => n.strength === 'STRONG')).toBe(true);
    expect(adf.countries).toEqual(['CD']);
    expect(adf.datesOfBirth).toEqual([]);
  });

  it('has both WEAK and STRONG aliases across the list, and only well-formed birth dates', () => {
    // Prepare / Act
    const strengths = entities.flatMap((e) => e.names.map((n) => n.strength));
    const dobs = entities.flatMap((e) => e.datesOfBirth);
    // Assess
    expect(strengths.filter((s) => s === 'WEAK').length).toBeGreaterThan(600);
    expect(strengths.filter((s) => s === 'STRONG').length).toBeGreaterThan(2000);
    expect(dobs.filter((d) => !/^\d{4}(-\d{2}-\d{2})?$/.test(d))).toEqual([]);
  });

  it('maps every country, nationality and issuing country to an alpha-2 code', () => {
    // Prepare / Act
    const codes = entities.flatMap((e) => [
      ...e.countries,
      ...e.nationalities,
      ...e.identifiers.flatMap((i) => (i.country ? [i.country] : [])),
    ]);
    // Assess
    expect(codes.filter((c) => !/^[A-Z]{2}$/.test(c))).toEqual([]);
  });
});

describe('unDateOfBirth', () => {
  it.each([
    [{ TYPE_OF_DATE: 'EXACT', DATE: '1979-03-03' }, ['1979-03-03']],
    [{ TYPE_OF_DATE: 'APPROXIMATELY', YEAR: '1960' }, ['1960']],
    [{ TYPE_OF_DATE: 'BETWEEN', FROM_YEAR: '1955', TO_YEAR: '1958' }, ['1955', '1956', '1957', '1958']],
    [{ TYPE_OF_DATE: 'EXACT', NOTE: 'August 1961' }, ['1961']],
    [{ TYPE_OF_DATE: 'EXACT', NOTE: '24/06/1402 (Hijri Calendar)' }, []],
    [{ TYPE_OF_DATE: 'APPROXIMATELY', NOTE: '30-35 years old' }, []],
    [{ TYPE_OF_DATE: '' }, []],
  ])('converts %j to %j', (dob, expected) => {
    // Prepare / Act
    const result = unDateOfBirth(dob);
    // Assess
    expect(result).toEqual(expected);
  });
});

describe('unDocumentKind', () => {
  it.each([
    ['Passport', '', 'PASSPORT'],
    ['Numéro de passeport', '', 'PASSPORT'],
    ['National Identification Number', '', 'NATIONAL_ID'],
    ['National Identification Number', 'national passport', 'PASSPORT'],
    ['National Identification Number', 'Birth certificate', 'OTHER'],
    ['National Identification Number', 'Ration card no.', 'OTHER'],
    ['Passport', 'number:', 'PASSPORT'],
    ['', '', 'OTHER'],
  ])('classifies "%s" / "%s" as %s', (type, type2, expected) => {
    // Prepare / Act / Assess
    expect(unDocumentKind(type, type2)).toBe(expected);
  });
});
