import { compareCountry, compareDateOfBirth, FEATURE_EFFECTS, matchIdentifier } from './score-entity-features';
import { findCandidateNames } from './find-candidate-names';
import { normaliseName } from '../../kernel/names/normalise-name';
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
  const bestByEntity = new Map<number, BestName>();
  const consider = (nameId: number): void => {
    const name = index.names[nameId]!;
    const entity = index.entities[name.entityIndex]!;
    if (query.type && entity.type !== query.type) return;
    const match = scoreNameMatch(normalised, name.normalised, index.weigh);
    const nameScore = match.score + (name.strength === 'WEAK' ? FEATURE_EFFECTS.weakAlias : 0);
    const current = bestByEntity.get(name.entityIndex);
    if (!current || nameScore > current.nameScore) bestByEntity.set(name.entityIndex, { name, match, nameScore });
  };
  if (normalised.tokens.length > 0) findCandidateNames(index, normalised, CANDIDATE_LIMIT).forEach(consider);
  for (const nameId of findNamesByIdentifier(index, query.identifiers ?? [])) consider(nameId);

  const hits = [...bestByEntity.values()]
    .map((best) => ({ best, hit: explainHit(index, best, query) }))
    .filter(({ hit }) => options.includeBelowThreshold || hit.score >= options.threshold)
    .sort((a, b) => b.hit.score - a.hit.score || a.hit.entityId.localeCompare(b.hit.entityId))
    .slice(0, options.limit)
    .map(({ best, hit }) => {
      hit.explanation[0]!.detail = describeNameMatch(best.match);
      return hit;
    });
  return { listVersion: index.listVersion, threshold: options.threshold, hits };
}
