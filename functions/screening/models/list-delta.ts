import { fingerprint } from '../../commons/fingerprint';
import type { SanctionedEntity } from '../lists/sanctioned-entity';

/**
 * The content hash of a listed entity: everything the list says about it (names, dates, countries,
 * identifiers, programs), but not the version it was published in. Two versions that list an entity alike
 * give it the same hash; a new alias, date of birth or program gives it a new one.
 */
export function entityContentHash(entity: SanctionedEntity): string {
  const { listVersion: _version, ...content } = entity;
  return fingerprint(content);
}

/** What changed between the list version last screened and the one in service. */
export interface ListDelta {
  /** Indexes (into the current entities) of the entities added or changed, with their content hash. */
  changed: { entityIndex: number; entryHash: string; kind: 'ADDED' | 'CHANGED' }[];
  added: number;
  modified: number;
  /** Entities no longer listed: nothing to screen, reported for the record. */
  removed: number;
}

/**
 * Compares two versions of the lists by entity id and content hash (DESIGN, "A list refresh screens the
 * delta, not the world"). Entities listed alike in both are left out: only the added and changed ones are
 * screened against the monitored names.
 */
export function computeListDelta(
  previous: readonly SanctionedEntity[],
  current: readonly SanctionedEntity[],
): ListDelta {
  const before = new Map(previous.map((entity) => [entity.entityId, entityContentHash(entity)]));
  const delta: ListDelta = { changed: [], added: 0, modified: 0, removed: 0 };
  const seen = new Set<string>();
  current.forEach((entity, entityIndex) => {
    seen.add(entity.entityId);
    const entryHash = entityContentHash(entity);
    const previousHash = before.get(entity.entityId);
    if (previousHash === entryHash) return;
    const kind = previousHash === undefined ? 'ADDED' : 'CHANGED';
    delta.changed.push({ entityIndex, entryHash, kind });
    if (kind === 'ADDED') delta.added += 1;
    else delta.modified += 1;
  });
  for (const entityId of before.keys()) if (!seen.has(entityId)) delta.removed += 1;
  return delta;
}
