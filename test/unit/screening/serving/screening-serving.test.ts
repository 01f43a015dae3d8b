import { gzipSync } from 'node:zlib';
import { OFFICIAL_LIST_SOURCES, readListSources } from '../../../../functions/screening/lists/list-sources';
import type { SanctionedEntity } from '../../../../functions/screening/lists/sanctioned-entity';
import {
  decodeIndexArtifact,
  encodeIndexArtifact,
  type IndexArtifactManifest,
} from '../../../../functions/screening/models/index-artifact';
import type {
  CurrentArtifact,
  IndexArtifactStore,
} from '../../../../functions/screening/repositories/index-artifact-store';
import {
  createScreeningIndexCache,
  POINTER_CHECK_INTERVAL_MS,
} from '../../../../functions/screening/usecases/screening-index-cache';

function entity(entityId: string, name: string): SanctionedEntity {
  return {
    entityId,
    type: 'PERSON',
    names: [{ name, strength: 'PRIMARY' }],
    datesOfBirth: [],
    countries: [],
    nationalities: [],
    identifiers: [],
    programs: ['TEST'],
    sourceList: 'UN',
    listVersion: 'v1',
  };
}

/** An artifact store in memory: publishes replace the pointer, as the S3 store does. */
function createMemoryStore(): IndexArtifactStore & { reads: number } {
  const objects = new Map<string, Buffer>();
  let current: CurrentArtifact | undefined;
  return {
    reads: 0,
    async readCurrentManifest() {
      return current;
    },
    async readArtifact(key) {
      this.reads += 1;
      return objects.get(key)!;
    },
    async publish(body: Buffer, manifest: IndexArtifactManifest) {
      const key = `index/artifacts/${manifest.builtAt}.json.gz`;
      objects.set(key, body);
      current = { ...manifest, key };
      return current;
    },
  };
}

describe('index artifact', () => {
  it('round-trips the entities with a manifest counting them per list', () => {
    // Prepare
    const snapshot = { listVersion: 'un@v1', entities: [entity('un:1', 'Alpha Beta'), entity('un:2', 'Gamma Delta')] };

    // Act
    const { body, manifest } = encodeIndexArtifact(snapshot, '2026-11-23T05:00:00.000Z');
    const decoded = decodeIndexArtifact(body);

    // Assess
    expect(manifest).toEqual({
      format: 1,
      listVersion: 'un@v1',
      builtAt: '2026-11-23T05:00:00.000Z',
      entityCount: 2,
      countsByList: { UN: 2 },
    });
    expect(decoded.snapshot).toEqual(snapshot);
  });

  it('refuses an artifact whose entity count disagrees with its manifest', () => {
    // Prepare
    const body = gzipSync(
      JSON.stringify({ format: 1, listVersion: 'x', builtAt: 'y', entityCount: 3, countsByList: {}, entities: [] }),
    );

    // Act / Assess
    expect(() => decodeIndexArtifact(body)).toThrow('holds 0 entities, its manifest says 3');
  });

  it('refuses an artifact of an unknown format', () => {
    // Prepare
    const body = gzipSync(
      JSON.stringify({ format: 2, listVersion: 'x', builtAt: 'y', entityCount: 0, countsByList: {}, entities: [] }),
    );

    // Act / Assess
    expect(() => decodeIndexArtifact(body)).toThrow(/screening index artifact is invalid/);
  });
});

describe('readListSources', () => {
  it('uses the official sources when SCREENING_LIST_SOURCES is not set', () => {
    // Act / Assess
    expect(readListSources({})).toBe(OFFICIAL_LIST_SOURCES);
    expect(OFFICIAL_LIST_SOURCES.un).toMatch(/^https:\/\/scsanctions\.un\.org\//);
  });

  it('reads configured sources', () => {
    // Prepare
    const sources = {
      ofacSdn: { primary: 'https://mirror.example/sdn.csv' },
      ofacConsolidated: { primary: 'https://mirror.example/cons_prim.csv' },
      un: 'https://mirror.example/un.xml',
      bisDeniedPersons: 'https://mirror.example/dpl.txt',
    };

    // Act / Assess
    expect(readListSources({ SCREENING_LIST_SOURCES: JSON.stringify(sources) })).toEqual(sources);
  });

  it('names the field of an invalid configuration', () => {
    // Prepare
    const env = { SCREENING_LIST_SOURCES: JSON.stringify({ ofacSdn: { primary: 'ftp://x' }, un: 'x' }) };

    // Act / Assess
    expect(() => readListSources(env)).toThrow(/SCREENING_LIST_SOURCES is invalid: ofacSdn\.primary: .*un: /);
  });
});

describe('createScreeningIndexCache', () => {
  it('refuses to screen before any artifact was published, and retries on the next call', async () => {
    // Prepare
    const store = createMemoryStore();
    const cache = createScreeningIndexCache(store);

    // Act
    const first = cache.getIndex();
    await expect(first).rejects.toThrow(/no screening index has been published/);
    const { body, manifest } = encodeIndexArtifact({ listVersion: 'v1', entities: [entity('un:1', 'A B')] }, 't1');
    await store.publish(body, manifest);
    const second = await cache.getIndex();

    // Assess
    expect(second.listVersion).toBe('v1');
  });

  it('loads once, and reloads only after the check interval when the pointer moved', async () => {
    // Prepare
    let nowMs = 0;
    const store = createMemoryStore();
    const publish = (version: string, builtAt: string) => {
      const { body, manifest } = encodeIndexArtifact(
        { listVersion: version, entities: [entity('un:1', 'A B')] },
        builtAt,
      );
      return store.publish(body, manifest);
    };
    await publish('v1', 't1');
    const cache = createScreeningIndexCache(store, () => nowMs);

    // Act
    const first = await cache.getIndex();
    await publish('v2', 't2');
    nowMs = POINTER_CHECK_INTERVAL_MS - 1;
    const beforeInterval = await cache.getIndex();
    nowMs = POINTER_CHECK_INTERVAL_MS;
    const afterInterval = await cache.getIndex();
    const again = await cache.getIndex();

    // Assess
    expect(first.listVersion).toBe('v1');
    expect(beforeInterval).toBe(first);
    expect(afterInterval.listVersion).toBe('v2');
    expect(again).toBe(afterInterval);
    expect(store.reads).toBe(2);
  });
});
