import type { EntityName, SanctionedEntity } from '../lists/sanctioned-entity';
import { canonicalIdentifier } from '../../kernel/names/canonical-identifier';
import { MIN_IDENTIFIER_LENGTH } from './score-entity-features';
import { NamePostings, trigramsOf } from './name-postings';
import { normaliseName, type NormalisedName } from '../../kernel/names/normalise-name';
import { ROLE_WEIGHTS, type TokenWeigher } from './score-name-match';
import { phoneticKeys } from '../../kernel/names/token-similarity';

/** One listed name or alias of an entity, normalised once when the index is built. */
export interface IndexedName {
  entityIndex: number;
  name: string;
  strength: EntityName['strength'];
  normalised: NormalisedName;
}

/** The in-memory search structure over every listed name: built once per list version, read by every query. */
export interface ScreeningIndex {
  listVersion: string;
  entities: SanctionedEntity[];
  names: IndexedName[];
  tokens: NamePostings;
  phonetic: NamePostings;
  trigrams: NamePostings;
  /** Canonical identifier → ids of the names of the entities holding it. */
  identifiers: Map<string, number[]>;
  /**
   * The names of entity `e` are the ids `nameStart[e]` to `nameStart[e + 1] - 1`: an entity is scored on all its
   * names, whichever of them the candidate search found.
   */
  nameStart: Int32Array;
  weigh: TokenWeigher;
}

const MIN_NAME_WEIGHT = 0.2;
// log2 of how many times rarer than "in every name" a word must be to count fully: 2^10 ≈ 1 in 1,000 names.
const FULL_WEIGHT_RARITY_BITS = 10;

/**
 * Weighs tokens by rarity among the listed names: "Mohammad" or "Trading" say less about identity than
 * "Haqqani" or "Rosoboronexport". Unknown words weigh fully.
 */
export function createTokenWeigher(tokens: NamePostings, nameCount: number): TokenWeigher {
  const cache = new Map<string, number>();
  return (token, role) => {
    if (role !== 'NAME') return ROLE_WEIGHTS[role];
    let weight = cache.get(token);
    if (weight === undefined) {
      const frequency = tokens.frequency(token);
      const rarityBits = frequency === 0 ? FULL_WEIGHT_RARITY_BITS : Math.log2(nameCount / frequency);
      weight = Math.max(MIN_NAME_WEIGHT, Math.min(1, rarityBits / FULL_WEIGHT_RARITY_BITS));
      cache.set(token, weight);
    }
    return weight;
  };
}

/** Keys a name is found under: its tokens, adjacent tokens written together, their sounds and their trigrams. */
export function indexKeysOf(normalised: NormalisedName): { tokens: string[]; phonetic: string[]; trigrams: string[] } {
  const tokens = new Set<string>();
  const phonetic = new Set<string>();
  const trigrams = new Set<string>();
  normalised.tokens.forEach((token, index) => {
    tokens.add(token);
    const next = normalised.tokens[index + 1];
    if (next !== undefined) tokens.add(token + next);
    if (normalised.roles[index] !== 'NAME') return;
    for (const key of phoneticKeys(token)) if (key) phonetic.add(key);
    for (const gram of trigramsOf(token)) trigrams.add(gram);
  });
  // An organisation is often searched by its acronym ("PLA" for "People's Liberation Army").
  const initials = normalised.tokens
    .filter((_token, index) => normalised.roles[index] === 'NAME')
    .map((token) => token[0]);
  if (normalised.type !== 'PERSON' && initials.length >= 2 && initials.length <= 5) tokens.add(initials.join(''));
  return { tokens: [...tokens], phonetic: [...phonetic], trigrams: [...trigrams] };
}

/** Builds the index over every name and alias of the given entities. */
export function buildScreeningIndex(entities: SanctionedEntity[], listVersion: string): ScreeningIndex {
  const names: IndexedName[] = [];
  const tokens = new NamePostings();
  const phonetic = new NamePostings();
  const trigrams = new NamePostings();
  const identifiers = new Map<string, number[]>();
  const nameStart = new Int32Array(entities.length + 1);
  entities.forEach((entity, entityIndex) => {
    const firstNameId = names.length;
    nameStart[entityIndex] = firstNameId;
    for (const { name, strength } of entity.names) {
      const normalised = normaliseName(name, entity.type);
      if (normalised.tokens.length === 0) continue;
      const nameId = names.length;
      names.push({ entityIndex, name, strength, normalised });
      const keys = indexKeysOf(normalised);
      keys.tokens.forEach((key) => tokens.add(key, nameId));
      keys.phonetic.forEach((key) => phonetic.add(key, nameId));
      keys.trigrams.forEach((key) => trigrams.add(key, nameId));
    }
    if (names.length === firstNameId) return;
    for (const identifier of entity.identifiers) {
      const key = canonicalIdentifier(identifier.value);
      if (key.length < MIN_IDENTIFIER_LENGTH) continue;
      const list = identifiers.get(key) ?? [];
      list.push(firstNameId);
      identifiers.set(key, list);
    }
  });
  nameStart[entities.length] = names.length;
  tokens.freeze();
  phonetic.freeze();
  trigrams.freeze();
  return {
    listVersion,
    entities,
    names,
    tokens,
    phonetic,
    trigrams,
    identifiers,
    nameStart,
    weigh: createTokenWeigher(tokens, names.length),
  };
}

/** Names (one per entity, its primary) of the entities holding one of the identifiers. */
export function findNamesByIdentifier(index: ScreeningIndex, identifiers: readonly string[]): number[] {
  return identifiers.flatMap((identifier) => index.identifiers.get(canonicalIdentifier(identifier)) ?? []);
}

/** The ids of every name of an entity. */
export function namesOfEntity(index: ScreeningIndex, entityIndex: number): number[] {
  const ids: number[] = [];
  for (let nameId = index.nameStart[entityIndex]!; nameId < index.nameStart[entityIndex + 1]!; nameId++)
    ids.push(nameId);
  return ids;
}
