import { compareCountry, compareDateOfBirth, FEATURE_EFFECTS, matchIdentifier } from './score-entity-features';
import { findCandidateNames } from './find-candidate-names';
import { normaliseName, type NormalisedName } from '../../kernel/names/normalise-name';
import { scoreNameMatch, type NameMatch } from './score-name-match';
import { findNamesByIdentifier, type IndexedName, type ScreeningIndex } from './screening-index';
import type {
  ExplanationFeature,
  ScreeningHit,
  ScreeningQuery,
  ScreeningResult,
} from '../../kernel/screening/screening-query';

/** How a search is cut. */
export interface SearchOptions {
  threshold: number;
  limit: number;
  includeBelowThreshold?: boolean;
}

// Names scored in full per query. Candidate pull ranks the right name in the first few for nearly every query;
// the margin keeps spelling-variant hits whose pull comes from trigrams alone.
const CANDIDATE_LIMIT = 40;

function describeNameMatch(match: NameMatch): string {
  const pairs = match.aligned.map(
    (pair) => `${pair.query}~${pair.candidate} ${pair.kind.toLowerCase()} ${pair.similarity.toFixed(2)}`,
  );
  const parts = [pairs.join(', ') || 'no word in common'];
  if (match.unmatchedQuery.length) parts.push(`unmatched in query: ${match.unmatchedQuery.join(' ')}`);
  if (match.unmatchedCandidate.length) parts.push(`unmatched in listed name: ${match.unmatchedCandidate.join(' ')}`);
  if (match.conflicts) parts.push(`${match.conflicts} conflicting word(s)`);
  return parts.join('; ');
}

interface BestName {
  name: IndexedName;
  match: NameMatch;
  nameScore: number;
}

function explainHit(index: ScreeningIndex, best: BestName, query: ScreeningQuery): ScreeningHit {
  const entity = index.entities[best.name.entityIndex]!;
  const explanation: ExplanationFeature[] = [
    // Described only for the hits returned (see below): most scored entities are dropped.
    { feature: 'NAME', effect: round(best.match.score), detail: '' },
  ];
  if (best.name.strength === 'WEAK') {
    explanation.push({ feature: 'WEAK_ALIAS', effect: FEATURE_EFFECTS.weakAlias, detail: 'low-quality a.k.a.' });
  }
  const dateOfBirth = query.dateOfBirth ? compareDateOfBirth(query.dateOfBirth, entity) : undefined;
  if (dateOfBirth) explanation.push(dateOfBirth);
  const country = query.country ? compareCountry(query.country, entity) : undefined;
  if (country) explanation.push(country);
  const identifier = query.identifiers?.length ? matchIdentifier(query.identifiers, entity) : undefined;

  let score = explanation.reduce((sum, feature) => sum + feature.effect, 0);
  if (identifier) {
    explanation.push(identifier);
    score = 1;
  }
  return {
    entityId: entity.entityId,
    type: entity.type,
    name: entity.names[0]?.name ?? best.name.name,
    matchedName: best.name.name,
    score: round(Math.max(0, Math.min(1, score))),
    lists: [entity.sourceList],
    programs: entity.programs,
    explanation,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Screens one party against the index: candidates from the inverted index, each scored on its best name, then
 * adjusted by date of birth, country and identifiers, and explained feature by feature.
 */
export function searchScreeningIndex(
  index: ScreeningIndex,
  query: ScreeningQuery,
  options: SearchOptions,
): ScreeningResult {
  const normalised = normaliseName(query.name, query.type);
  const nameIds = normalised.tokens.length > 0 ? findCandidateNames(index, normalised, CANDIDATE_LIMIT) : [];
  nameIds.push(...findNamesByIdentifier(index, query.identifiers ?? []));
  return {
    listVersion: index.listVersion,
    threshold: options.threshold,
    hits: scoreListedNames(index, query, normalised, nameIds, options),
  };
}

/**
 * Scores a query against the given listed names exactly as {@link searchScreeningIndex} scores its
 * candidates: each entity on its best name, adjusted and explained, cut at the threshold and sorted. Ongoing
 * monitoring finds the names from the other side (a list entry against the monitored names) and scores
 * them here, so an alert carries the same score and explanation a search would.
 */
export function scoreListedNames(
  index: ScreeningIndex,
  query: ScreeningQuery,
  normalised: NormalisedName,
  nameIds: Iterable<number>,
  options: SearchOptions,
): ScreeningHit[] {
  // Each entity the names belong to is scored on all its names, not only on those found: its score is then a
  // property of the query and the entity, whichever way round they were found.
  const entityIndexes = new Set<number>();
  for (const nameId of nameIds) entityIndexes.add(index.names[nameId]!.entityIndex);
  const bestByEntity = new Map<number, BestName>();
  for (const entityIndex of entityIndexes) {
    if (query.type && index.entities[entityIndex]!.type !== query.type) continue;
    for (let nameId = index.nameStart[entityIndex]!; nameId < index.nameStart[entityIndex + 1]!; nameId++) {
      const name = index.names[nameId]!;
      const match = scoreNameMatch(normalised, name.normalised, index.weigh);
      const nameScore = match.score + (name.strength === 'WEAK' ? FEATURE_EFFECTS.weakAlias : 0);
      const current = bestByEntity.get(entityIndex);
      // names in index order and the first of equal scores kept: the same best name however it was found
      if (!current || nameScore > current.nameScore) bestByEntity.set(entityIndex, { name, match, nameScore });
    }
  }
  return [...bestByEntity.values()]
    .map((best) => ({ best, hit: explainHit(index, best, query) }))
    .filter(({ hit }) => options.includeBelowThreshold || hit.score >= options.threshold)
    .sort((a, b) => b.hit.score - a.hit.score || a.hit.entityId.localeCompare(b.hit.entityId))
    .slice(0, options.limit)
    .map(({ best, hit }) => {
      hit.explanation[0]!.detail = describeNameMatch(best.match);
      return hit;
    });
}
