import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ListSources } from '../lists/list-sources';
import { loadListSnapshot, type ListSnapshotLayout } from '../lists/load-list-snapshot';
import { buildScreeningIndex } from '../matching/screening-index';
import { encodeIndexArtifact } from '../models/index-artifact';
import type { CurrentArtifact, IndexArtifactStore } from '../repositories/index-artifact-store';

/** Downloads one file; rejects on any transport or HTTP failure. */
export type DownloadFile = (url: string) => Promise<Buffer>;

/** What a refresh needs. */
export interface RefreshDependencies {
  download: DownloadFile;
  store: IndexArtifactStore;
  now: () => Date;
  /** Scratch space for the downloaded files (/tmp on Lambda). */
  workDir: string;
}

/** Options of {@link refreshScreeningLists}. */
export interface RefreshOptions {
  /**
   * A list that shrank below this share of its previous entity count is taken for a partial download: lists grow
   * and shrink by a few entries a day, never by half.
   */
  minRetainedShare: number;
}

/** Why a refresh kept the previous version. */
export class ListRefreshError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ListRefreshError';
  }
}

/**
 * Fetches a file and checks that it is whole: an HTTP success with a non-empty body whose length matches the
 * Content-Length the server announced.
 */
export const downloadWithFetch: DownloadFile = async (url) => {
  const response = await fetch(url, { signal: AbortSignal.timeout(120_000), redirect: 'follow' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  const announced = response.headers.get('content-length');
  // A compressed transfer announces the compressed length; only a plain one can be compared.
  if (announced && !response.headers.get('content-encoding') && Number(announced) !== body.length) {
    throw new Error(`${url}: received ${body.length} of ${announced} bytes`);
  }
  if (body.length === 0) throw new Error(`${url}: empty file`);
  return body;
};

async function downloadAll(deps: RefreshDependencies, sources: ListSources, folder: string): Promise<void> {
  const files: Array<[string, string | undefined]> = [
    ['sdn/sdn.csv', sources.ofacSdn.primary],
    ['sdn/add.csv', sources.ofacSdn.add],
    ['sdn/alt.csv', sources.ofacSdn.alt],
    ['sdn/sdn_comments.csv', sources.ofacSdn.comments],
    ['cons/cons_prim.csv', sources.ofacConsolidated.primary],
    ['cons/cons_add.csv', sources.ofacConsolidated.add],
    ['cons/cons_alt.csv', sources.ofacConsolidated.alt],
    ['cons/cons_comments.csv', sources.ofacConsolidated.comments],
    ['un.xml', sources.un],
    ['dpl.txt', sources.bisDeniedPersons],
  ];
  mkdirSync(path.join(folder, 'sdn'));
  mkdirSync(path.join(folder, 'cons'));
  await Promise.all(
    files.map(async ([name, url]) => {
      if (!url) return;
      try {
        writeFileSync(path.join(folder, name), await deps.download(url));
      } catch (error) {
        throw new ListRefreshError(`download failed: ${(error as Error).message}`, { cause: error });
      }
    }),
  );
}

function checkNotPartial(
  counts: Record<string, number>,
  previous: CurrentArtifact | undefined,
  options: RefreshOptions,
): void {
  for (const list of ['OFAC-SDN', 'OFAC-CONSOLIDATED', 'UN', 'BIS-DPL']) {
    const count = counts[list] ?? 0;
    if (count === 0) throw new ListRefreshError(`${list} has no entries`);
    const before = previous?.countsByList[list];
    if (before !== undefined && count < before * options.minRetainedShare) {
      throw new ListRefreshError(
        `${list} has ${count} entries, fewer than ${Math.round(options.minRetainedShare * 100)}% of the ${before} ` +
          `in the version in service (${previous?.listVersion}): taken for a partial download`,
      );
    }
  }
}

/**
 * Downloads every list, parses it, builds the index and publishes it as a new versioned artifact. Any failure
 * (a download, a parse, a list that shrank suspiciously) throws before the pointer moves, so the version in
 * service stays; the thrown error fails the invocation, which raises the alarm.
 */
export async function refreshScreeningLists(
  deps: RefreshDependencies,
  sources: ListSources,
  options: RefreshOptions = { minRetainedShare: 0.9 },
): Promise<CurrentArtifact> {
  const folder = mkdtempSync(path.join(deps.workDir, 'lists-'));
  try {
    await downloadAll(deps, sources, folder);
    const version = deps.now().toISOString().slice(0, 10);
    const layout: ListSnapshotLayout = {
      ofacSdn: { folder: path.join(folder, 'sdn'), version },
      ofacConsolidated: { folder: path.join(folder, 'cons'), version },
      un: { file: path.join(folder, 'un.xml'), version },
      bisDeniedPersons: { file: path.join(folder, 'dpl.txt'), version },
    };
    let snapshot;
    try {
      snapshot = loadListSnapshot(layout);
    } catch (error) {
      throw new ListRefreshError(`a list could not be parsed: ${(error as Error).message}`, { cause: error });
    }
    const { body, manifest } = encodeIndexArtifact(snapshot, deps.now().toISOString());
    checkNotPartial(manifest.countsByList, await deps.store.readCurrentManifest(), options);
    // Building the index proves that the artifact loads before any function depends on it.
    buildScreeningIndex(snapshot.entities, snapshot.listVersion);
    return await deps.store.publish(body, manifest);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
