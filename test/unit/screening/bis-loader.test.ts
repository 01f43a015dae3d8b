import { join } from 'node:path';
import { bisEntityType, bisNames, loadBisDeniedPersons } from '../../../functions/screening/lists/bis-loader';
import type { SanctionedEntity } from '../../../functions/screening/lists/sanctioned-entity';

const FILE = join(__dirname, '../../../data/lists/us-bis/denied-persons-2022-09.txt');

describe('loadBisDeniedPersons', () => {
  let entities: SanctionedEntity[];
  const byName = (name: string): SanctionedEntity[] => entities.filter((e) => e.names[0]?.name === name);
  beforeAll(() => {
    entities = loadBisDeniedPersons(FILE, '2022-09');
  });

  it('loads one entity per row with unique, stable ids', () => {
    // Prepare / Act: done in beforeAll
    // Assess
    expect(entities).toHaveLength(581);
    expect(new Set(entities.map((e) => e.entityId)).size).toBe(581);
    expect(entities.every((e) => /^bis-dpl:[0-9a-f]{12}(-\d+)?$/.test(e.entityId))).toBe(true);
    expect(loadBisDeniedPersons(FILE, '2022-09').map((e) => e.entityId)).toEqual(entities.map((e) => e.entityId));
  });

  it('sets source, program and version on every entity and never an empty name', () => {
    // Prepare / Act
    const names = entities.flatMap((e) => e.names);
    // Assess
    expect(entities.every((e) => e.sourceList === 'BIS-DPL' && e.listVersion === '2022-09')).toBe(true);
    expect(entities.every((e) => e.programs.length === 1 && e.programs[0] === 'DPL')).toBe(true);
    expect(names.filter((n) => n.name === '' || n.name !== n.name.trim() || /\s{2}/.test(n.name))).toEqual([]);
  });

  it('trims the leading blank of " I. ASH" and types him as a PERSON in the US', () => {
    // Prepare / Act
    const [ash] = byName('I. ASH');
    // Assess
    expect(ash).toMatchObject({ type: 'PERSON', countries: ['US'], names: [{ name: 'I. ASH', strength: 'PRIMARY' }] });
  });

  it('splits "D/B/A" and "A/K/A" names into PRIMARY and STRONG names', () => {
    // Prepare / Act
    const [siberian] = byName('SIBERIAN AIRLINES');
    const [sun] = byName('FUYI SUN');
    const [pearl] = byName('PEARL LI');
    // Assess
    expect(siberian?.names).toEqual([
      { name: 'SIBERIAN AIRLINES', strength: 'PRIMARY' },
      { name: 'S7 AIRLINES', strength: 'STRONG' },
    ]);
    expect(siberian?.type).toBe('ORGANIZATION');
    expect(sun?.names.map((n) => n.name)).toEqual(['FUYI SUN', 'FRANK SUN']);
    expect(sun?.type).toBe('PERSON');
    expect(pearl?.names.map((n) => n.name)).toEqual(['PEARL LI', 'NEI-CHIEN CHU']);
  });

  it('maps the PRC country value to CN and drops the state code NM', () => {
    // Prepare / Act
    const [hu] = byName('JOHNSON HU');
    const [smith] = byName('STEPHEN EDWARD SMITH');
    // Assess
    expect(hu?.countries).toEqual(['CN']);
    expect(smith?.countries).toEqual([]);
  });

  it('emits only alpha-2 country codes', () => {
    // Prepare / Act
    const codes = entities.flatMap((e) => e.countries);
    // Assess
    expect(codes.filter((c) => !/^[A-Z]{2}$/.test(c))).toEqual([]);
    expect(codes.length).toBeGreaterThan(370);
  });

  it('types companies as ORGANIZATION and the rest as PERSON', () => {
    // Prepare / Act
    const organizations = entities.filter((e) => e.type === 'ORGANIZATION');
    // Assess
    expect(organizations.length).toBeGreaterThan(140);
    expect(organizations.length).toBeLessThan(180);
  });
});

describe('bisEntityType', () => {
  it.each([
    ['NORDIC MARITIME PTE. LTD.', 'ORGANIZATION'],
    ['BIB INDUSTRIE-HANDEL DIPL.ING M. MANGELSEN GMBH', 'ORGANIZATION'],
    ['COTRICOM S.A.', 'ORGANIZATION'],
    ['GHAREH SABZ CO.', 'ORGANIZATION'],
    ['HASA-INVEST', 'ORGANIZATION'],
    ['SYNAPTIX.NET', 'ORGANIZATION'],
    ['YARRA ANSTALT A.G.', 'ORGANIZATION'],
    ['TERAND INC.', 'ORGANIZATION'],
    ['BAHAR SAFWA GENERAL TRADING', 'ORGANIZATION'],
    ['KENNETH S. CHAIT', 'PERSON'],
    ['MR. JULIO CESAR VEGA-AMARAL', 'PERSON'],
    ['EDWIN NAVARRO MAKASIAR II', 'PERSON'],
    ['JIN, ZHONGDA', 'PERSON'],
  ])('types "%s" as %s', (name, expected) => {
    // Prepare / Act / Assess
    expect(bisEntityType(name)).toBe(expected);
  });
});

describe('bisNames', () => {
  it('collapses repeated spaces and keeps a plain name as the only PRIMARY', () => {
    // Prepare / Act
    const names = bisNames('AL-NASER  AIRLINES');
    // Assess
    expect(names).toEqual([{ name: 'AL-NASER AIRLINES', strength: 'PRIMARY' }]);
  });
});
