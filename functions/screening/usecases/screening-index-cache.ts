import type { ScreeningIndex } from '../matching/screening-index';
import type { IndexArtifactStore } from '../repositories/index-artifact-store';
import { loadScreeningIndex, type LoadedScreeningIndex } from './load-screening-index';

/** How often a warm function looks whether a refresh published a newer artifact. */
export const POINTER_CHECK_INTERVAL_MS = 10 * 60 * 1000;

/** Keeps the index of a warm function, reloading it when the pointer moves to a newer artifact. */
export interface ScreeningIndexCache {
  getIndex(): Promise<ScreeningIndex>;
}

/**
 * Loads the index once per container and looks at the pointer at most every {@link POINTER_CHECK_INTERVAL_MS}.
 * A failed load is not cached, so the next request tries again; a failed re-check keeps the index in service.
 */
export function createScreeningIndexCache(
  store: IndexArtifactStore,
  nowMs: () => number = Date.now,
): ScreeningIndexCache {
  let loading: Promise<LoadedScreeningIndex> | undefined;
  let checkedAt = 0;

  const load = async (): Promise<LoadedScreeningIndex> => {
    const loaded = await loadScreeningIndex(store);
    checkedAt = nowMs();
    return loaded;
  };

  return {
    async getIndex() {
      if (!loading) {
        loading = load();
        loading.catch(() => (loading = undefined));
      }
      const loaded = await loading;
      if (nowMs() - checkedAt >= POINTER_CHECK_INTERVAL_MS) {
        checkedAt = nowMs();
        const current = await store.readCurrentManifest().catch(() => undefined);
        if (current && current.key !== loaded.artifact.key) {
          const reloading = load();
          loading = reloading;
          reloading.catch(() => (loading = Promise.resolve(loaded)));
          return (await reloading.catch(() => loaded)).index;
        }
      }
      return loaded.index;
    },
  };
}
