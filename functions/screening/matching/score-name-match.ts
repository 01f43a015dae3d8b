import { alignTokens, type AlignedPair } from '../../kernel/names/align-tokens';
import type { NormalisedName, TokenRole } from '../../kernel/names/normalise-name';
import { compareTokens, type TokenComparer } from '../../kernel/names/token-similarity';

/** How much one token of a name counts, given its role and how common it is. */
export type TokenWeigher = (token: string, role: TokenRole) => number;

/** Tunable constants of the name score; the defaults are documented in functions/screening/README.md. */
export interface NameScoringParameters {
  /** Share of the score from covering the query's tokens; the rest comes from covering the candidate's. */
  queryCoverageShare: number;
  /** Subtracted for each name word on one side that faces a different, unmatched name word on the other. */
  conflictPenalty: number;
  /** A single matched word cannot prove a match against a longer name: the score is capped here. */
  singleTokenCap: number;
}

/** Defaults, chosen on the tuning split of the labelled pairs (see the evaluation script). */
export const DEFAULT_NAME_SCORING: NameScoringParameters = {
  queryCoverageShare: 0.6,
  conflictPenalty: 0.25,
  singleTokenCap: 0.6,
};

/** Weights of the roles other than NAME, whose weight depends on the word. */
export const ROLE_WEIGHTS: Record<Exclude<TokenRole, 'NAME'>, number> = {
  PARTICLE: 0.2,
  NUMBER: 0.2,
  COMPANY_FORM: 0.1,
};

/** The score of one name against another, with the parts that produced it. */
export interface NameMatch {
  score: number;
  aligned: AlignedPair[];
  unmatchedQuery: string[];
  unmatchedCandidate: string[];
  conflicts: number;
}

/** Weighs every name word alike; used where no list statistics are at hand. */
export const uniformWeigher: TokenWeigher = (_token, role) => (role === 'NAME' ? 1 : ROLE_WEIGHTS[role]);

function coverage(name: NormalisedName, matched: ReadonlyMap<number, number>, weigh: TokenWeigher): number {
  let covered = 0;
  let total = 0;
  name.tokens.forEach((token, index) => {
    const weight = weigh(token, name.roles[index] ?? 'NAME');
    total += weight;
    covered += weight * (matched.get(index) ?? 0);
  });
  return total > 0 ? covered / total : 0;
}

function unmatchedNameTokens(name: NormalisedName, matched: ReadonlyMap<number, number>): string[] {
  return name.tokens.filter((_token, index) => !matched.has(index) && name.roles[index] === 'NAME');
}

function countNameWords(name: NormalisedName): number {
  return name.roles.filter((role) => role === 'NAME').length;
}

function countAlignedNameWords(
  name: NormalisedName,
  aligned: readonly AlignedPair[],
  side: 'queryIndexes' | 'candidateIndexes',
): number {
  return aligned.flatMap((pair) => pair[side]).filter((index) => name.roles[index] === 'NAME').length;
}

/**
 * Scores a query name against a candidate name in [0, 1]: the weighted share of each name's tokens that align
 * with the other's, less a penalty for each pair of conflicting unmatched words ("Octavian" vs "Olaf") and for
 * a father's name aligned with a given name ("Salman bin Muhammad" vs "Muhammad bin Salman"), and capped when a
 * single word is all two longer names have in common.
 */
export function scoreNameMatch(
  query: NormalisedName,
  candidate: NormalisedName,
  weigh: TokenWeigher = uniformWeigher,
  parameters: NameScoringParameters = DEFAULT_NAME_SCORING,
  compare: TokenComparer = compareTokens,
): NameMatch {
  const isPerson = query.type === 'PERSON' || candidate.type === 'PERSON';
  const aligned = alignTokens(
    query.tokens,
    candidate.tokens,
    {
      vowelless: query.vowelless !== candidate.vowelless,
      maxAcronymLength: isPerson ? 2 : 5,
    },
    compare,
  );
  const matchedQuery = new Map<number, number>();
  const matchedCandidate = new Map<number, number>();
  let conflicts = 0;
  for (const pair of aligned) {
    const swappedLineage =
      pair.queryIndexes.length === 1 &&
      pair.candidateIndexes.length === 1 &&
      query.patronymic[pair.queryIndexes[0]!] !== candidate.patronymic[pair.candidateIndexes[0]!];
    if (swappedLineage) conflicts += 1;
    pair.queryIndexes.forEach((i) => matchedQuery.set(i, pair.similarity));
    pair.candidateIndexes.forEach((i) => matchedCandidate.set(i, pair.similarity));
  }
  const unmatchedQuery = unmatchedNameTokens(query, matchedQuery);
  const unmatchedCandidate = unmatchedNameTokens(candidate, matchedCandidate);
  conflicts += Math.min(unmatchedQuery.length, unmatchedCandidate.length);

  let score =
    parameters.queryCoverageShare * coverage(query, matchedQuery, weigh) +
    (1 - parameters.queryCoverageShare) * coverage(candidate, matchedCandidate, weigh);
  score -= parameters.conflictPenalty * conflicts;
  // Initials alone do not identify a person ("N.N." is no evidence for "Nursultan Nazarbayev"); beside a full
  // word they do ("J. C. Smith").
  const hasFullWord = aligned.some((pair) => pair.kind !== 'ACRONYM' && pair.kind !== 'INITIAL');
  const evidence = isPerson && !hasFullWord ? [] : aligned;
  const matchedWords = Math.max(
    countAlignedNameWords(query, evidence, 'queryIndexes'),
    countAlignedNameWords(candidate, evidence, 'candidateIndexes'),
  );
  const longerName = Math.max(countNameWords(query), countNameWords(candidate));
  if (matchedWords <= 1 && longerName >= 2) score = Math.min(score, parameters.singleTokenCap);
  return { score: Math.max(0, Math.min(1, score)), aligned, unmatchedQuery, unmatchedCandidate, conflicts };
}
