import type { IndexArtifactManifest } from '../../../functions/screening/models/index-artifact';
import type {
  CurrentArtifact,
  IndexArtifactStore,
} from '../../../functions/screening/repositories/index-artifact-store';

/** An {@link IndexArtifactStore} in memory: artifacts by key, and the pointer to the one in service. */
export interface InMemoryIndexArtifactStore extends IndexArtifactStore {
  artifacts: Map<string, Uint8Array>;
  current: CurrentArtifact | undefined;
}

/** An empty store; `publish` keys artifacts `artifacts/<n>`, as a real store gives each its own key. */
export function createInMemoryIndexArtifactStore(): InMemoryIndexArtifactStore {
  const store: InMemoryIndexArtifactStore = {
    artifacts: new Map(),
    current: undefined,
    async readCurrentManifest() {
      return store.current;
    },
    async readArtifact(key) {
      const body = store.artifacts.get(key);
      if (!body) throw Object.assign(new Error(`no artifact ${key}`), { name: 'NoSuchKey' });
      return body;
    },
    async publish(body: Buffer, manifest: IndexArtifactManifest) {
      const key = `artifacts/${store.artifacts.size + 1}`;
      store.artifacts.set(key, body);
      store.current = { ...manifest, key };
      return store.current;
    },
  };
  return store;
}
