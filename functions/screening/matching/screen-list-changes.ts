import type { MonitoringHit } from '../../kernel/screening/monitoring-hit';
import { normaliseName, type NormalisedName } from '../../kernel/names/normalise-name';
import type { SanctionedEntity } from '../lists/sanctioned-entity';
import type { MonitoredName, MonitoredParty } from '../models/monitored-party';
import { findCandidateNames } from './find-candidate-names';
import { buildScreeningIndex, findNamesByIdentifier, namesOfEntity, type ScreeningIndex } from './screening-index';
import { scoreListedNames } from './search-screening-index';

/**
 * The monitored-name index: every monitored name indexed like a listed name (same normalisation, keys and
 * candidate search), so a list entry can be looked up against the monitored parties, the other way round
 * from `POST /screening/search` (reverse screening).
 */
export interface MonitoredNameIndex {
  index: ScreeningIndex;
  /** Per indexed entity: the party and the name it stands for. */
  names: { partyId: string; name: MonitoredName }[];
}

/** Builds the monitored-name index over the parties' names. */
export function buildMonitoredNameIndex(parties: readonly MonitoredParty[]): MonitoredNameIndex {
  const names: MonitoredNameIndex['names'] = [];
  const entities: SanctionedEntity[] = [];
  for (const party of parties) {
    for (const name of party.names) {
      const { query } = name;
      names.push({ partyId: party.partyId, name });
      entities.push({
        entityId: `${party.partyId}/${name.partyRef}`,
        type: query.type ?? 'PERSON',
        names: [{ name: query.name, strength: 'PRIMARY' }],
        datesOfBirth: [],
        countries: [],
        nationalities: [],
        identifiers: (query.identifiers ?? []).map((value) => ({ kind: 'OTHER', value })),
        programs: [],
        sourceList: 'MONITORED',
        listVersion: 'monitored',
      });
    }
  }
  return { index: buildScreeningIndex(entities, 'monitored'), names };
}

/** How a reverse screening is cut. */
export interface ReverseScreeningOptions {
  threshold: number;
  /** Monitored names scored per listed name: the strongest candidates by shared rare words. */
  candidateLimit: number;
  /** Keys shared by more monitored names than this are not walked (`CandidateSearchOptions.maxPostings`). */
  maxPostings?: number;
}

/** A listed entity to screen, with its content hash. */
export interface ChangedEntity {
  entityIndex: number;
  entryHash: string;
}

/**
 * Screens the given entities of the lists in service against the monitored names (DESIGN, "A list refresh
 * screens the delta, not the world"). For each listed name, the monitored-name index gives the candidate
 * names sharing its words, sounds or identifiers; each candidate is then scored exactly as a search for that
 * name would score the entity (`scoreListedNames`, with the lists' own word weights), so the hit carries the
 * score and explanation `POST /screening/search` gives. The work grows with the entities screened, not with
 * the monitored parties.
 */
export function screenEntitiesAgainstMonitoredNames(
  lists: ScreeningIndex,
  monitored: MonitoredNameIndex,
  changed: readonly ChangedEntity[],
  options: ReverseScreeningOptions,
): MonitoringHit[] {
  const hits: MonitoringHit[] = [];
  const normalisedQueries = new Map<number, NormalisedName>();
  for (const { entityIndex, entryHash } of changed) {
    const entity = lists.entities[entityIndex]!;
    const listedNameIds = namesOfEntity(lists, entityIndex);
    const candidates = new Set<number>();
    for (const nameId of listedNameIds) {
      const listed = lists.names[nameId]!;
      const found = findCandidateNames(monitored.index, listed.normalised, options.candidateLimit, {
        maxPostings: options.maxPostings,
        keepTies: true,
      });
      for (const candidate of found) {
        candidates.add(monitored.index.names[candidate]!.entityIndex);
      }
    }
    for (const nameId of findNamesByIdentifier(
      monitored.index,
      entity.identifiers.map((identifier) => identifier.value),
    )) {
      candidates.add(monitored.index.names[nameId]!.entityIndex);
    }
    for (const monitoredIndex of candidates) {
      const { partyId, name } = monitored.names[monitoredIndex]!;
      if (name.query.type && name.query.type !== entity.type) continue;
      let normalised = normalisedQueries.get(monitoredIndex);
      if (!normalised) {
        // indexed with the query's own type: the same normalisation a search of the name makes
        normalised = name.query.type
          ? monitored.index.names[monitored.index.nameStart[monitoredIndex]!]!.normalised
          : normaliseName(name.query.name, name.query.type);
        normalisedQueries.set(monitoredIndex, normalised);
      }
      const [hit] = scoreListedNames(lists, name.query, normalised, listedNameIds, {
        threshold: options.threshold,
        limit: 1,
      });
      if (hit) hits.push({ partyId, partyRef: name.partyRef, role: name.role, name: name.query.name, entryHash, hit });
    }
  }
  return hits;
}
