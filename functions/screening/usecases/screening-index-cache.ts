import type { ScreeningIndex } from '../matching/screening-index';
import type { IndexArtifactStore } from '../repositories/index-artifact-store';
import { loadScreeningIndex, type LoadedScreeningIndex } from './load-screening-index';

/** How often a warm function looks whether a refresh published a newer artifact. */
export const POINTER_CHECK_INTERVAL_MS = 10 * 60 * 1000;

/** Keeps the index of a warm function, reloading it when the pointer moves to a newer artifact. */
export interface ScreeningIndexCache {
  getIndex(): Promise<ScreeningIndex>;
  /** Makes the next `getIndex` look at the pointer at once (the local stack, right after it published). */
  checkPointerNow(): void;
}

/**
 * Loads the index once per container and looks at the pointer at most every {@link POINTER_CHECK_INTERVAL_MS}.
 * A failed load is not cached, so the next request tries again; a failed re-check keeps the index in service.
 */
export function createScreeningIndexCache(
  store: IndexArtifactStore,
  nowMs: () => number = Date.now,
): ScreeningIndexCache {
  let loaded: LoadedScreeningIndex | undefined;
  let firstLoad: Promise<LoadedScreeningIndex> | undefined;
  let checkedAt = 0;

  return {
    async getIndex() {
      if (!loaded) {
        // Concurrent first requests share one load; a failed one is forgotten, so the next request retries.
        firstLoad ??= loadScreeningIndex(store).finally(() => (firstLoad = undefined));
        loaded = await firstLoad;
        checkedAt = nowMs();
        return loaded.index;
      }
      if (nowMs() - checkedAt >= POINTER_CHECK_INTERVAL_MS) {
        checkedAt = nowMs();
        const current = await store.readCurrentManifest().catch(() => undefined);
        const inService: LoadedScreeningIndex = loaded;
        if (current && current.key !== inService.artifact.key) {
          loaded = await loadScreeningIndex(store).catch(() => inService);
        }
      }
      return loaded.index;
    },
    checkPointerNow() {
      checkedAt = Number.NEGATIVE_INFINITY;
    },
  };
}
