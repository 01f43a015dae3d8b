import type { EntityType } from '../../kernel/names/entity-type';

export type { EntityType };

/** A name an entity is listed under. */
export interface EntityName {
  name: string;
  /** Strong aliases identify the entity; weak ones (OFAC "low quality a.k.a.") only hint at it. */
  strength: 'PRIMARY' | 'STRONG' | 'WEAK';
}

/** An identity document or registration number on the list. */
export interface EntityIdentifier {
  /** e.g. PASSPORT, NATIONAL_ID, REGISTRATION, TAX_ID, OTHER */
  kind: string;
  value: string;
  country?: string;
}

/** One entry of a sanctions list, in the model every loader produces. */
export interface SanctionedEntity {
  /** Unique across lists: `<list>:<id in the list>`, e.g. `ofac-sdn:12345`. */
  entityId: string;
  type: EntityType;
  /** The primary name first, then aliases. */
  names: EntityName[];
  /** ISO dates (YYYY-MM-DD) or years (YYYY) as listed. */
  datesOfBirth: string[];
  /** ISO 3166-1 alpha-2 where the list's country names could be mapped, else the text as listed. */
  countries: string[];
  nationalities: string[];
  identifiers: EntityIdentifier[];
  programs: string[];
  /** e.g. OFAC-SDN, OFAC-CONSOLIDATED, UN, BIS-DPL */
  sourceList: string;
  listVersion: string;
}
