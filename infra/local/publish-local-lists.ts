import * as z from 'zod';
import type { SanctionedEntity } from '../../functions/screening/lists/sanctioned-entity';
import { decodeIndexArtifact, encodeIndexArtifact } from '../../functions/screening/models/index-artifact';
import type { CurrentArtifact, IndexArtifactStore } from '../../functions/screening/repositories/index-artifact-store';

/** One entry of `POST /_local/lists`. */
const localListEntrySchema = z
  .object({
    entityId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, { message: 'must be 1 to 100 letters, digits, . _ : or -' }),
    name: z.string().trim().min(1, { message: 'must not be empty' }).max(300),
    type: z.enum(['PERSON', 'ORGANIZATION', 'VESSEL', 'AIRCRAFT']),
    dateOfBirth: z
      .string()
      .regex(/^\d{4}(-\d{2}-\d{2})?$/, { message: 'must be YYYY-MM-DD or YYYY' })
      .optional(),
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code' }))
      .max(20)
      .default([]),
    programs: z.array(z.string().min(1).max(100)).min(1, { message: 'must name at least one program' }).max(20),
  })
  .strict();

/** Body of `POST /_local/lists`. */
export const localListsRequestSchema = z
  .object({ add: z.array(localListEntrySchema).min(1, { message: 'must add at least one entry' }).max(1000) })
  .strict();

/** Parsed body of `POST /_local/lists`. */
export type LocalListsRequest = z.output<typeof localListsRequestSchema>;

/** The source list of entries published locally. */
export const LOCAL_SOURCE_LIST = 'LOCAL';

/**
 * Publishes a new list version: the version in service with the given entries added, exactly as a daily
 * refresh publishes one (a new artifact, then the pointer). An entry whose `entityId` is already listed is
 * replaced: that is how an entry changes (a new alias, a new date of birth).
 * @returns the artifact now in service, and how many entries were added and replaced
 */
export async function publishLocalLists(
  store: IndexArtifactStore,
  request: LocalListsRequest,
  now: Date,
): Promise<{ published: CurrentArtifact; added: number; replaced: number }> {
  const current = await store.readCurrentManifest();
  if (!current) throw new Error('no screening index has been published yet');
  const { snapshot } = decodeIndexArtifact(await store.readArtifact(current.key));
  // a version of its own per publication: the lists' own versions, then this publication's (replacing an
  // earlier local one, so suffixes do not pile up)
  const listVersion = `${current.listVersion.replace(/\+local\.\d+$/, '')}+local.${now.getTime()}`;
  const byId = new Map(snapshot.entities.map((entity, index) => [entity.entityId, index]));
  const entities = snapshot.entities.map((entity) => ({ ...entity, listVersion }));
  let replaced = 0;
  for (const entry of request.add) {
    const entity: SanctionedEntity = {
      entityId: entry.entityId,
      type: entry.type,
      names: [{ name: entry.name, strength: 'PRIMARY' }],
      datesOfBirth: entry.dateOfBirth ? [entry.dateOfBirth] : [],
      countries: entry.countries,
      nationalities: [],
      identifiers: [],
      programs: entry.programs,
      sourceList: LOCAL_SOURCE_LIST,
      listVersion,
    };
    const existing = byId.get(entry.entityId);
    if (existing === undefined) {
      byId.set(entry.entityId, entities.length);
      entities.push(entity);
    } else {
      entities[existing] = entity;
      replaced += 1;
    }
  }
  const { body, manifest } = encodeIndexArtifact({ listVersion, entities }, now.toISOString());
  return { published: await store.publish(body, manifest), added: request.add.length - replaced, replaced };
}
