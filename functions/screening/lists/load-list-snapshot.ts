import path from 'node:path';
import { loadBisDeniedPersons } from './bis-loader';
import { loadOfacList } from './ofac-loader';
import type { SanctionedEntity } from './sanctioned-entity';
import { loadUnList } from './un-loader';

/** The lists TrustFlow screens against, loaded together. */
export interface ListSnapshot {
  /** One version for the whole set: the version of each list, joined. */
  listVersion: string;
  entities: SanctionedEntity[];
}

/** Where each list lives in a snapshot folder, and its version. The shipped layout is data/lists/. */
export interface ListSnapshotLayout {
  ofacSdn: { folder: string; version: string };
  ofacConsolidated: { folder: string; version: string };
  un: { file: string; version: string };
  bisDeniedPersons: { file: string; version: string };
}

/** The folder of the snapshot shipped in the repository, resolved from this file. */
export const SHIPPED_LISTS_DIR = path.resolve(__dirname, '../../../data/lists');

/** The layout of the shipped snapshot under `root` (see data/lists/README.md). */
export function shippedSnapshotLayout(root: string = SHIPPED_LISTS_DIR): ListSnapshotLayout {
  return {
    ofacSdn: { folder: path.join(root, 'ofac-sdn-2024-05'), version: '2024-05' },
    ofacConsolidated: { folder: path.join(root, 'ofac-consolidated-2025-12'), version: '2025-12' },
    un: { file: path.join(root, 'un/un-consolidated-2026-02-27.xml'), version: '2026-02-27' },
    bisDeniedPersons: { file: path.join(root, 'us-bis/denied-persons-2022-09.txt'), version: '2022-09' },
  };
}

/**
 * Loads OFAC SDN, OFAC consolidated, UN and BIS DPL into one entity list. Any list that fails to load fails the
 * whole snapshot: screening against a silently partial set would clear people it should stop.
 */
export function loadListSnapshot(layout: ListSnapshotLayout = shippedSnapshotLayout()): ListSnapshot {
  const entities = [
    ...loadOfacList(layout.ofacSdn.folder, { sourceList: 'OFAC-SDN', listVersion: layout.ofacSdn.version }),
    ...loadOfacList(layout.ofacConsolidated.folder, {
      sourceList: 'OFAC-CONSOLIDATED',
      listVersion: layout.ofacConsolidated.version,
    }),
    ...loadUnList(layout.un.file, layout.un.version),
    ...loadBisDeniedPersons(layout.bisDeniedPersons.file, layout.bisDeniedPersons.version),
  ];
  const listVersion = [
    `ofac-sdn@${layout.ofacSdn.version}`,
    `ofac-cons@${layout.ofacConsolidated.version}`,
    `un@${layout.un.version}`,
    `bis-dpl@${layout.bisDeniedPersons.version}`,
  ].join('+');
  return { listVersion, entities };
}
