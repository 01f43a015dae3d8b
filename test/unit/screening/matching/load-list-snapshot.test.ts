import path from 'node:path';
import {
  loadListSnapshot,
  shippedSnapshotLayout,
  SHIPPED_LISTS_DIR,
  type ListSnapshot,
} from '../../../../functions/screening/lists/load-list-snapshot';
import { buildScreeningIndex, type ScreeningIndex } from '../../../../functions/screening/matching/screening-index';
import { searchScreeningIndex } from '../../../../functions/screening/matching/search-screening-index';
import { DEFAULT_MATCH_THRESHOLD } from '../../../../functions/screening/matching/screening-settings';

describe('shippedSnapshotLayout', () => {
  it('points at the shipped data/lists folder and its list versions', () => {
    // Prepare / Act
    const layout = shippedSnapshotLayout('/snapshot');

    // Assess
    expect(SHIPPED_LISTS_DIR).toBe(path.resolve(__dirname, '../../../../data/lists'));
    expect(layout).toEqual({
      ofacSdn: { folder: '/snapshot/ofac-sdn-2024-05', version: '2024-05' },
      ofacConsolidated: { folder: '/snapshot/ofac-consolidated-2025-12', version: '2025-12' },
      un: { file: '/snapshot/un/un-consolidated-2026-02-27.xml', version: '2026-02-27' },
      bisDeniedPersons: { file: '/snapshot/us-bis/denied-persons-2022-09.txt', version: '2022-09' },
    });
  });
});

describe('loadListSnapshot', () => {
  it('fails the whole snapshot when one list cannot be read', () => {
    // Prepare
    const layout = { ...shippedSnapshotLayout(), ofacSdn: { folder: '/nonexistent/ofac-sdn', version: 'x' } };

    // Act
    const load = (): ListSnapshot => loadListSnapshot(layout);

    // Assess
    expect(load).toThrow(/ENOENT/);
  });
});

describe('screening the shipped snapshot', () => {
  // Loading the four lists and indexing ~25,000 names takes about 2 s: done once for every test here.
  let snapshot: ListSnapshot;
  let index: ScreeningIndex;
  beforeAll(() => {
    snapshot = loadListSnapshot();
    index = buildScreeningIndex(snapshot.entities, snapshot.listVersion);
  });
  const search = (name: string) =>
    searchScreeningIndex(index, { name }, { threshold: DEFAULT_MATCH_THRESHOLD, limit: 10 });

  it('loads every list, and names each version in the snapshot version', () => {
    // Prepare / Act
    const counts = new Map<string, number>();
    for (const entity of snapshot.entities) counts.set(entity.sourceList, (counts.get(entity.sourceList) ?? 0) + 1);

    // Assess
    expect([...counts.keys()].sort()).toEqual(['BIS-DPL', 'OFAC-CONSOLIDATED', 'OFAC-SDN', 'UN']);
    for (const list of ['OFAC-SDN', 'OFAC-CONSOLIDATED', 'UN', 'BIS-DPL']) expect(counts.get(list)).toBeGreaterThan(0);
    expect(counts.get('UN')).toBe(1003);
    expect(snapshot.listVersion).toBe('ofac-sdn@2024-05+ofac-cons@2025-12+un@2026-02-27+bis-dpl@2022-09');
    expect(index.listVersion).toBe(snapshot.listVersion);
  });

  it('ranks a UN-listed person first for a misspelt name (HOUSHANG NOBARI as "Houshang Nobary")', () => {
    // Prepare / Act
    const result = search('Houshang Nobary');

    // Assess
    const first = result.hits[0];
    expect(first).toMatchObject({ entityId: 'un:110419', name: 'HOUSHANG NOBARI', lists: ['UN'], type: 'PERSON' });
    expect(first?.score).toBeGreaterThanOrEqual(DEFAULT_MATCH_THRESHOLD);
    expect(first?.explanation[0]?.detail).toBe('houshang~houshang exact 1.00, nobary~nobari spelling 0.88');
  });

  it('finds a listed Russian name typed in Cyrillic', () => {
    // Prepare / Act
    const result = search('Игорь Сечин');

    // Assess
    expect(result.hits[0]).toMatchObject({ entityId: 'ofac-sdn:16692', name: 'SECHIN, Igor Ivanovich' });
    expect(result.hits[0]?.score).toBeGreaterThanOrEqual(DEFAULT_MATCH_THRESHOLD);
  });

  it('finds no hit for a clearly unlisted name', () => {
    // Prepare / Act
    const result = search('Zxqv Plorthan');

    // Assess
    expect(result.hits).toEqual([]);
    expect(result.listVersion).toBe(snapshot.listVersion);
  });
});
