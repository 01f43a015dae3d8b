import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  cleanField,
  loadOfacList,
  mapEntityType,
  parseOfacCsv,
  parsePrograms,
} from '../../../functions/screening/lists/ofac-loader';
import { countryToIso, parseDateOfBirth, parseRemarks } from '../../../functions/screening/lists/ofac-remarks';
import type { SanctionedEntity } from '../../../functions/screening/lists/sanctioned-entity';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const listsDir = path.join(repoRoot, 'data', 'lists');
// The shared data folder sits next to the repo; it holds the only OFAC set whose sdn/add/alt/comments match.
const sdn2021Dir = path.resolve(repoRoot, '..', 'shared', 'data', 'sanctions', 'ofac-sdn-2021-07');

/** Finds one entity by id, failing the test with a readable message when it is missing. */
function byId(entities: SanctionedEntity[], entityId: string): SanctionedEntity {
  const entity = entities.find((e) => e.entityId === entityId);
  if (!entity) throw new Error(`${entityId} not loaded`);
  return entity;
}

describe('OFAC loader on the shipped snapshots', () => {
  let sdn2024: SanctionedEntity[];
  let consolidated: SanctionedEntity[];
  let sdn2021: SanctionedEntity[];

  beforeAll(() => {
    // Prepare: load each snapshot once; every test below only reads the result.
    sdn2024 = loadOfacList(path.join(listsDir, 'ofac-sdn-2024-05'), { sourceList: 'OFAC-SDN', listVersion: '2024-05' });
    consolidated = loadOfacList(path.join(listsDir, 'ofac-consolidated-2025-12'), {
      sourceList: 'OFAC-CONSOLIDATED',
      listVersion: '2025-12',
    });
    sdn2021 = loadOfacList(sdn2021Dir, { sourceList: 'OFAC-SDN', listVersion: '2021-07' });
  });

  it('loads every record of each snapshot', () => {
    // Act
    const counts = [sdn2024.length, consolidated.length, sdn2021.length];

    // Assess
    expect(counts).toEqual([14965, 442, 8976]);
  });

  it('never produces an empty name or a leaked -0- marker', () => {
    // Act
    const all = [...sdn2024, ...consolidated, ...sdn2021];
    const emptyNames = all.filter((e) => e.names.length === 0 || e.names.some((n) => n.name.trim() === ''));
    // Compare whole values: "-0-" legitimately occurs inside some identifiers (SDN 2831: US FEIN CH-660-0-469-982-0).
    const leaks = all.filter((e) => JSON.stringify(e).includes('"-0-"'));
    const notPrimaryFirst = all.filter((e) => e.names[0]?.strength !== 'PRIMARY');

    // Assess
    expect(emptyNames).toEqual([]);
    expect(leaks.map((e) => e.entityId)).toEqual([]);
    expect(notPrimaryFirst).toEqual([]);
  });

  it('parses a person with DOB, POB, nationality, passport and remarks aliases (SDN 6939)', () => {
    // Act
    const person = byId(sdn2024, 'ofac-sdn:6939');

    // Assess
    expect(person).toEqual({
      entityId: 'ofac-sdn:6939',
      type: 'PERSON',
      names: [
        { name: 'AL-AHDAL, Mohammad Hamdi Mohammad Sadiq', strength: 'PRIMARY' },
        { name: 'AL-MAKKI, Abu Asim', strength: 'WEAK' },
      ],
      datesOfBirth: ['1971-11-19'],
      countries: [],
      nationalities: ['YE'],
      identifiers: [
        { kind: 'PASSPORT', value: '541939', country: 'YE' },
        { kind: 'NATIONAL_ID', value: '216040', country: 'YE' },
      ],
      programs: ['SDGT'],
      sourceList: 'OFAC-SDN',
      listVersion: '2024-05',
    });
  });

  it('keeps every DOB of a person listed with alternatives (SDN 7150)', () => {
    // Act
    const person = byId(sdn2024, 'ofac-sdn:7150');

    // Assess
    expect(person.datesOfBirth).toEqual(['1966', '1969-10-27']);
    expect(person.names.map((n) => n.name)).toContain("'ABD AL-MUHSI");
  });

  it('parses a vessel with its IMO number and former names (SDN 4243 EBANO)', () => {
    // Act
    const vessel = byId(sdn2024, 'ofac-sdn:4243');

    // Assess
    expect(vessel.type).toBe('VESSEL');
    expect(vessel.identifiers).toEqual([{ kind: 'IMO', value: '7406784' }]);
    expect(vessel.names.map((n) => n.name)).toEqual(['EBANO', 'ANA I', 'SAND SWAN']);
  });

  it('maps the type column for all four kinds', () => {
    // Act
    const types = new Set(sdn2024.map((e) => e.type));

    // Assess
    expect([...types].sort()).toEqual(['AIRCRAFT', 'ORGANIZATION', 'PERSON', 'VESSEL']);
  });

  it('splits multi-program records (SDN 4697 HIZBALLAH)', () => {
    // Act
    const programs = byId(sdn2024, 'ofac-sdn:4697').programs;

    // Assess
    expect(programs).toEqual(['FTO', 'SDGT', 'SYRIA']);
  });

  it('joins alt.csv aliases and add.csv countries on ent_num only (2021-07 set)', () => {
    // Act
    const bank = byId(sdn2021, 'ofac-sdn:306');
    const neighbour = byId(sdn2021, 'ofac-sdn:173');

    // Assess
    expect(bank.names).toEqual([
      { name: 'BANCO NACIONAL DE CUBA', strength: 'PRIMARY' },
      { name: 'NATIONAL BANK OF CUBA', strength: 'STRONG' },
      { name: 'BNC', strength: 'WEAK' },
    ]);
    expect(bank.countries).toEqual(['CH', 'ES', 'JP', 'PA']);
    expect(neighbour.names.map((n) => n.name)).toEqual(['ANGLO-CARIBBEAN CO., LTD.', 'AVIA IMPORT']);
    expect(neighbour.countries).toEqual(['GB']);
  });

  it('appends the comments overflow to remarks before parsing (consolidated 17016)', () => {
    // Act
    const bank = byId(consolidated, 'ofac-cons:17016');

    // Assess
    expect(bank.identifiers).toEqual(
      expect.arrayContaining([
        { kind: 'SWIFT_BIC', value: 'GAZPRUMM' },
        { kind: 'TAX_ID', value: '7744001497', country: 'RU' },
        { kind: 'REGISTRATION', value: '1027700167110', country: 'RU' },
      ]),
    );
    expect(bank.names).toContainEqual({ name: 'BANK GPB JSC', strength: 'STRONG' });
    expect(bank.countries).toEqual(['RU', 'MN', 'KZ', 'IN', 'CN']);
    expect(bank.programs).toEqual(['UKRAINE-EO13662', 'RUSSIA-EO14024']);
  });
});

describe('OFAC parsing helpers', () => {
  it('strips the 0x1A end-of-file byte and -0- markers', () => {
    // Prepare
    const text = '1,"A, B","individual","SDGT] [IRGC",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1A';

    // Act
    const rows = parseOfacCsv(text);

    // Assess
    expect(rows).toEqual([['1', 'A, B', 'individual', 'SDGT] [IRGC', '', '', '', '', '', '', '', '']]);
  });

  it('splits programs on brackets, not on spaces', () => {
    // Act / Assess
    expect(parsePrograms('SDGT] [IRGC')).toEqual(['SDGT', 'IRGC']);
    expect(parsePrograms('[SDGT] [IRGC]')).toEqual(['SDGT', 'IRGC']);
    expect(parsePrograms('CAATSA - RUSSIA')).toEqual(['CAATSA - RUSSIA']);
    expect(parsePrograms('')).toEqual([]);
  });

  it('maps type and empty fields', () => {
    // Act / Assess
    expect(['individual', 'vessel', 'aircraft', ''].map(mapEntityType)).toEqual([
      'PERSON',
      'VESSEL',
      'AIRCRAFT',
      'ORGANIZATION',
    ]);
    expect(cleanField('-0- ')).toBe('');
  });

  it('parses the DOB forms OFAC uses', () => {
    // Act / Assess
    expect(parseDateOfBirth('12 Jan 1960')).toEqual(['1960-01-12']);
    expect(parseDateOfBirth('1960')).toEqual(['1960']);
    expect(parseDateOfBirth('circa 1960.')).toEqual(['1960']);
    expect(parseDateOfBirth('Jan 1960')).toEqual(['1960']);
    expect(parseDateOfBirth('1960 to 1962')).toEqual(['1960', '1961', '1962']);
    expect(parseDateOfBirth('01 Jan 1958 to 31 Dec 1960')).toEqual(['1958', '1959', '1960']);
    expect(parseDateOfBirth('circa 1979-1982')).toEqual(['1979', '1980', '1981', '1982']);
    expect(parseDateOfBirth('unknown')).toEqual([]);
  });

  it('parses aliases, nationalities and identifiers from remarks and ignores Linked To', () => {
    // Prepare
    const remarks =
      "a.k.a. 'ABU X'; Low quality a.k.a. \"THE TALL\"; n.k.a. 'NEW CO'; citizen Korea, North; " +
      'alt. nationality Iran; Passport X123 (Iran) expires 01 Jan 2020; Linked To: SOMEONE; POB Tehran, Iran.';

    // Act
    const parsed = parseRemarks(remarks);

    // Assess
    expect(parsed).toEqual({
      aliases: [
        { name: 'ABU X', strength: 'WEAK' },
        { name: 'THE TALL', strength: 'WEAK' },
        { name: 'NEW CO', strength: 'WEAK' },
      ],
      datesOfBirth: [],
      placesOfBirth: ['Tehran, Iran'],
      nationalities: ['KP', 'IR'],
      identifiers: [{ kind: 'PASSPORT', value: 'X123', country: 'IR' }],
    });
    expect(parseRemarks("a.k.a. 'ABU X'", 'STRONG').aliases).toEqual([{ name: 'ABU X', strength: 'STRONG' }]);
  });

  it('maps OFAC country spellings to ISO and keeps unknown text', () => {
    // Act / Assess
    expect(['Iran', 'Russia', 'Burma', 'Turkey', 'Congo, Democratic Republic of the'].map(countryToIso)).toEqual([
      'IR',
      'RU',
      'MM',
      'TR',
      'CD',
    ]);
    expect(countryToIso('undetermined')).toBe('undetermined');
  });

  it('marks alt.csv aliases WEAK when their remarks say so', () => {
    // Prepare: a tiny snapshot folder; no shipped file has such a remark, so the branch needs its own fixture.
    const folder = mkdtempSync(path.join(os.tmpdir(), 'ofac-'));
    writeFileSync(path.join(folder, 'sdn.csv'), '9,"X CO",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1A');
    writeFileSync(path.join(folder, 'alt.csv'), '9,1,"aka","XC","weak alias"\r\n9,2,"fka","X COMPANY",-0- \r\n\x1A');

    try {
      // Act
      const [entity] = loadOfacList(folder, { sourceList: 'OFAC-SDN', listVersion: 'test' });

      // Assess
      expect(entity?.names).toEqual([
        { name: 'X CO', strength: 'PRIMARY' },
        { name: 'XC', strength: 'WEAK' },
        { name: 'X COMPANY', strength: 'STRONG' },
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
