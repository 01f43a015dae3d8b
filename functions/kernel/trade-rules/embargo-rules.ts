import { containsPlaceName, normalisePlaceName } from './normalise-place-name';
import type { RuleOutcome } from './rule-outcome';
import type { EmbargoRegion, EmbargoRuleSet } from './rule-set-schemas';
import type { TradeDestination, TradeOrder } from './trade-order';

/** The parties of an order whose country is screened. */
export type TradeParty = 'destination' | 'buyer' | 'supplier';

/** Why a destination address falls in an embargoed region. */
export interface RegionMatch {
  region: EmbargoRegion;
  matchedBy: 'regionCode' | 'name' | 'regionName' | 'cityName';
  /** The address field that matched. */
  field: 'region' | 'city';
  /** The code or folded name from the rules file that matched. */
  matched: string;
}

/** Candidate ISO 3166-2 codes for a region field: "UA-43" as written, and "43" completed with the country. */
function regionCodeCandidates(destination: TradeDestination, region: EmbargoRegion): string[] {
  const raw = destination.region?.trim().toUpperCase() ?? '';
  if (/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(raw)) return [raw];
  // A bare subdivision code only means something under the region's own country.
  if (/^[A-Z0-9]{1,3}$/.test(raw) && destination.country === region.country) return [`${region.country}-${raw}`];
  return [];
}

/** The first way `destination` falls in `region`, or undefined. */
function matchRegion(destination: TradeDestination, region: EmbargoRegion): RegionMatch | undefined {
  const underOwnCountry = destination.country === region.country;
  if (!underOwnCountry && !region.alsoListedUnder.includes(destination.country)) return undefined;

  const code = regionCodeCandidates(destination, region).find((c) => region.regionCodes.includes(c));
  if (code) return { region, matchedBy: 'regionCode', field: 'region', matched: code };

  const regionText = normalisePlaceName(destination.region ?? '');
  const cityText = normalisePlaceName(destination.city ?? '');
  const find = (names: readonly string[], text: string) => names.find((name) => containsPlaceName(text, name));
  const checks: [RegionMatch['matchedBy'], RegionMatch['field'], readonly string[], string][] = [
    ['name', 'region', region.names, regionText],
    ['name', 'city', region.names, cityText],
    ['regionName', 'region', region.regionNames, regionText],
    ['cityName', 'city', underOwnCountry ? region.cityNames : [], cityText],
  ];
  for (const [matchedBy, field, names, text] of checks) {
    const matched = find(names, text);
    if (matched) return { region, matchedBy, field, matched };
  }
  return undefined;
}

/**
 * Every embargoed region the destination falls in, by ISO 3166-2 code or by place name in its region
 * or city text. An address in Sevastopol matches whether it names UA or RU as its country.
 */
export function findEmbargoedRegions(destination: TradeDestination, embargoes: EmbargoRuleSet): RegionMatch[] {
  return embargoes.regions.flatMap((region) => matchRegion(destination, region) ?? []);
}

/**
 * Screens an order against comprehensive embargoes: the buyer's, the supplier's and the destination's
 * country, and the destination's region.
 * @returns an outcome per hit (BLOCK or HOLD, as the entry says), or a single PASS
 */
export function screenEmbargoes(
  order: Pick<TradeOrder, 'buyerCountry' | 'supplierCountry' | 'destination'>,
  embargoes: EmbargoRuleSet,
): RuleOutcome[] {
  const ruleSetVersion = embargoes.version;
  const parties: [TradeParty, string][] = [
    ['destination', order.destination.country],
    ['buyer', order.buyerCountry],
    ['supplier', order.supplierCountry],
  ];
  const countryOutcomes = parties.flatMap(([party, country]): RuleOutcome[] => {
    const entry = embargoes.countries.find((c) => c.country === country);
    if (!entry) return [];
    return [
      {
        ruleId: entry.id,
        ruleSetVersion,
        action: entry.action,
        reason: `The ${party} is in ${entry.name} (${country}). ${entry.reason}`,
        evidence: { party, country, programs: [...entry.programs] },
      },
    ];
  });
  const regionOutcomes = findEmbargoedRegions(order.destination, embargoes).map(
    ({ region, matchedBy, field, matched }): RuleOutcome => ({
      ruleId: region.id,
      ruleSetVersion,
      action: region.action,
      reason: `The destination ${field} "${order.destination[field] ?? ''}" is in ${region.name}. ${region.reason}`,
      evidence: {
        party: 'destination',
        country: order.destination.country,
        region: order.destination.region ?? null,
        city: order.destination.city ?? null,
        matchedBy,
        matched,
        programs: [...region.programs],
      },
    }),
  );
  const hits = [...countryOutcomes, ...regionOutcomes];
  if (hits.length > 0) return hits;
  return [
    {
      ruleId: 'embargo',
      ruleSetVersion,
      action: 'PASS',
      reason: 'No party country and no destination region is under an embargo',
      evidence: {
        destination: order.destination.country,
        region: order.destination.region ?? null,
        city: order.destination.city ?? null,
        buyerCountry: order.buyerCountry,
        supplierCountry: order.supplierCountry,
      },
    },
  ];
}
