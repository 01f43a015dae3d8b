import type { EntityType } from '../names/entity-type';

/** What a caller knows about the party being screened. Only the name is required. */
export interface ScreeningQuery {
  name: string;
  type?: EntityType;
  /** YYYY-MM-DD or YYYY */
  dateOfBirth?: string;
  /** ISO 3166-1 alpha-2 country of residence, registration or nationality. */
  country?: string;
  /** Passport, national id or registration numbers; an exact match identifies the entity. */
  identifiers?: string[];
}

/** One feature that moved a hit's score, as reviewers see it. */
export interface ExplanationFeature {
  feature: 'NAME' | 'WEAK_ALIAS' | 'DATE_OF_BIRTH' | 'COUNTRY' | 'IDENTIFIER';
  /** What the feature added to (or, when negative, took from) the score. */
  effect: number;
  detail: string;
}

/** A listed entity that resembles the query. */
export interface ScreeningHit {
  entityId: string;
  type: EntityType;
  /** The entity's primary name. */
  name: string;
  /** The name or alias that matched best. */
  matchedName: string;
  score: number;
  lists: string[];
  programs: string[];
  explanation: ExplanationFeature[];
}

/** The answer to one search: hits sorted by score, best first. */
export interface ScreeningResult {
  listVersion: string;
  threshold: number;
  hits: ScreeningHit[];
}

/** Screening's service to the areas that screen a party: one search of the lists in service. */
export type ScreenParty = (query: ScreeningQuery) => Promise<ScreeningResult>;

/** A party to screen, as the area that knows it describes it (an applicant, a director, a UBO). */
export interface PartyToScreen {
  /** Which party of the record it is, e.g. `applicant` or `director:0`. */
  partyRef: string;
  role: string;
  query: ScreeningQuery;
}
