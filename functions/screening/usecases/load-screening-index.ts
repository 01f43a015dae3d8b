import { buildScreeningIndex, type ScreeningIndex } from '../matching/screening-index';
import { decodeIndexArtifact } from '../models/index-artifact';
import type { CurrentArtifact, IndexArtifactStore } from '../repositories/index-artifact-store';

/** An index built from the artifact the pointer named. */
export interface LoadedScreeningIndex {
  index: ScreeningIndex;
  artifact: CurrentArtifact;
}

/**
 * Loads the artifact the pointer names and builds the in-memory index from it.
 * @throws Error when no artifact was ever published: screening without lists would clear everyone
 */
export async function loadScreeningIndex(store: IndexArtifactStore): Promise<LoadedScreeningIndex> {
  const artifact = await store.readCurrentManifest();
  if (!artifact) throw new Error('no screening index has been published yet; run the list refresh function');
  const { snapshot } = decodeIndexArtifact(await store.readArtifact(artifact.key));
  return { index: buildScreeningIndex(snapshot.entities, snapshot.listVersion), artifact };
}
