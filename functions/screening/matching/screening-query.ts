import type { EntityType } from '../lists/sanctioned-entity';

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
