import { canonicalIdentifier } from '../../kernel/names/canonical-identifier';
import type { SanctionedEntity } from '../lists/sanctioned-entity';
import type { ExplanationFeature } from '../../kernel/screening/screening-query';

/** Effects of the non-name features; documented in functions/screening/README.md. */
export const FEATURE_EFFECTS = {
  weakAlias: -0.05,
  exactDateOfBirth: 0.1,
  sameBirthYear: 0.05,
  birthYearOneApart: 0,
  differentBirthYear: -0.15,
  sameCountry: 0.05,
  differentCountry: -0.05,
} as const;

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/**
 * Compares a date or year of birth with the entity's. An exact date or the same year supports the match; a
 * year one apart is neutral (lists often hold approximate years); further apart is evidence of another person.
 */
export function compareDateOfBirth(query: string, entity: SanctionedEntity): ExplanationFeature | undefined {
  if (entity.datesOfBirth.length === 0) return undefined;
  const year = yearOf(query);
  let best: ExplanationFeature | undefined;
  for (const listed of entity.datesOfBirth) {
    const gap = Math.abs(yearOf(listed) - year);
    const [effect, detail] =
      query.length === 10 && listed === query
        ? [FEATURE_EFFECTS.exactDateOfBirth, `${query} = ${listed}`]
        : gap === 0
          ? [FEATURE_EFFECTS.sameBirthYear, `${query} same year as ${listed}`]
          : gap === 1
            ? [FEATURE_EFFECTS.birthYearOneApart, `${query} one year from ${listed}`]
            : [FEATURE_EFFECTS.differentBirthYear, `${query} ≠ ${listed}`];
    const feature: ExplanationFeature = { feature: 'DATE_OF_BIRTH', effect, detail };
    if (!best || feature.effect > best.effect) best = feature;
  }
  return best;
}

/** Compares a country with the entity's countries and nationalities. */
export function compareCountry(query: string, entity: SanctionedEntity): ExplanationFeature | undefined {
  const listed = [...new Set([...entity.countries, ...entity.nationalities])];
  if (listed.length === 0) return undefined;
  const country = query.toUpperCase();
  return listed.includes(country)
    ? { feature: 'COUNTRY', effect: FEATURE_EFFECTS.sameCountry, detail: `${country} is listed` }
    : {
        feature: 'COUNTRY',
        effect: FEATURE_EFFECTS.differentCountry,
        detail: `${country} not in ${listed.join(', ')}`,
      };
}

/** Shorter numbers ("123") are too likely to collide across lists to identify anyone. */
export const MIN_IDENTIFIER_LENGTH = 4;

/** An identifier of the query equal (ignoring spaces and punctuation) to one on the list identifies the entity. */
export function matchIdentifier(
  identifiers: readonly string[],
  entity: SanctionedEntity,
): ExplanationFeature | undefined {
  const wanted = new Set(identifiers.map(canonicalIdentifier).filter((value) => value.length >= MIN_IDENTIFIER_LENGTH));
  const found = entity.identifiers.find((identifier) => wanted.has(canonicalIdentifier(identifier.value)));
  return found
    ? {
        feature: 'IDENTIFIER',
        effect: 1,
        detail: `${found.kind} ${found.value}${found.country ? ` (${found.country})` : ''}`,
      }
    : undefined;
}
