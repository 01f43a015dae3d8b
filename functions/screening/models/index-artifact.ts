import { gunzipSync, gzipSync } from 'node:zlib';
import * as z from 'zod';
import type { ListSnapshot } from '../lists/load-list-snapshot';
import type { SanctionedEntity } from '../lists/sanctioned-entity';

/** Bumped when the artifact's layout changes; a reader refuses formats it does not know. */
export const INDEX_ARTIFACT_FORMAT = 1;

/** What the pointer to the current artifact says about it. */
export interface IndexArtifactManifest {
  format: number;
  listVersion: string;
  builtAt: string;
  entityCount: number;
  /** Entities per source list, so a refresh can tell a partial download from a normal change. */
  countsByList: Record<string, number>;
}

const manifestSchema = z.object({
  format: z.literal(INDEX_ARTIFACT_FORMAT),
  listVersion: z.string().min(1),
  builtAt: z.string().min(1),
  entityCount: z.number().int().nonnegative(),
  countsByList: z.record(z.string(), z.number().int().nonnegative()),
});

const artifactSchema = manifestSchema.extend({
  // Entities were validated by the loaders that built the artifact; here only their presence is checked.
  entities: z.array(z.looseObject({ entityId: z.string(), names: z.array(z.unknown()).min(1) })),
});

/** Counts entities per source list. */
export function countEntitiesByList(entities: readonly SanctionedEntity[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entity of entities) counts[entity.sourceList] = (counts[entity.sourceList] ?? 0) + 1;
  return counts;
}

/** The manifest of a snapshot about to be published. */
export function describeSnapshot(snapshot: ListSnapshot, builtAt: string): IndexArtifactManifest {
  return {
    format: INDEX_ARTIFACT_FORMAT,
    listVersion: snapshot.listVersion,
    builtAt,
    entityCount: snapshot.entities.length,
    countsByList: countEntitiesByList(snapshot.entities),
  };
}

/**
 * Encodes the parsed lists as the artifact the screening function loads at cold start: gzipped JSON of the
 * entity model. Parsing the publishers' files (CSV, XML) happens once, in the refresh function.
 */
export function encodeIndexArtifact(
  snapshot: ListSnapshot,
  builtAt: string,
): { body: Buffer; manifest: IndexArtifactManifest } {
  const manifest = describeSnapshot(snapshot, builtAt);
  return { body: gzipSync(JSON.stringify({ ...manifest, entities: snapshot.entities })), manifest };
}

/**
 * Decodes an artifact.
 * @throws Error when it is not gzipped JSON, has an unknown format, or its entity count disagrees with its body
 */
export function decodeIndexArtifact(body: Uint8Array): { snapshot: ListSnapshot; manifest: IndexArtifactManifest } {
  const parsed = artifactSchema.safeParse(JSON.parse(gunzipSync(body).toString('utf8')));
  if (!parsed.success) throw new Error(`screening index artifact is invalid: ${parsed.error.message}`);
  const { entities, ...manifest } = parsed.data;
  if (entities.length !== manifest.entityCount) {
    throw new Error(
      `screening index artifact holds ${entities.length} entities, its manifest says ${manifest.entityCount}`,
    );
  }
  return {
    snapshot: { listVersion: manifest.listVersion, entities: entities as unknown as SanctionedEntity[] },
    manifest,
  };
}

/** Validates a manifest read from the pointer object. */
export function parseManifest(json: unknown): IndexArtifactManifest & { key: string } {
  return manifestSchema.extend({ key: z.string().min(1) }).parse(json);
}
