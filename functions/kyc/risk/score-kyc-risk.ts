import { assessCountryRisk, type CountryRisk } from '../../kernel/trade-rules/country-risk';
import { loadRuleSets, type RuleSets } from '../../kernel/trade-rules/load-rule-sets';
import type { CaseScreening, CheckResult, RiskAssessment, RiskFactor, RiskLevel } from '../models/case-assessment';
import type { KycCase, PartyType, Tier } from '../models/kyc-case';
import { loadKycRiskConfig, type KycRiskConfig } from './kyc-risk-config';

/** What the risk of a case is scored from. */
export interface KycRiskInput {
  partyType: PartyType;
  tier: Tier;
  applicant: KycCase['applicant'];
  checks: readonly CheckResult[];
  screening: CaseScreening;
}

type CountryRole = keyof KycRiskConfig['countryRisk'];

const ROLE_WORDS: Record<CountryRole, string> = {
  residence: 'residence',
  incorporation: 'incorporation',
  nationality: 'nationality',
  representativeNationality: 'nationality of a representative',
};

const LEVEL_ORDER: readonly RiskLevel[] = ['LOW', 'MEDIUM', 'HIGH'];

function screeningFactors(screening: CaseScreening, config: KycRiskConfig): { factors: RiskFactor[]; floor: boolean } {
  const factors: RiskFactor[] = [];
  let floor = false;
  for (const party of screening.parties) {
    const best = [...party.hits].sort((a, b) => b.score - a.score)[0];
    if (!best) continue;
    const band = config.screening.hitBands.find((b) => best.score >= b.minScore);
    const atThreshold = best.score >= screening.threshold;
    floor ||= atThreshold;
    const others = party.hits.length > 1 ? ` (${party.hits.length} hits, the best counted)` : '';
    const forced = atThreshold
      ? `; at or over the match threshold ${screening.threshold}, so the level is at least ${config.screening.minimumLevelOnHit}`
      : '';
    factors.push({
      factorId: `screening-hit:${party.partyRef}`,
      points: band?.points ?? 0,
      detail: `${party.role.toLowerCase()} "${party.name}" resembles "${best.matchedName}" (${best.lists.join(', ')}) with score ${best.score}${others}${forced}`,
    });
  }
  return { factors, floor };
}

function checkFactors(checks: readonly CheckResult[], config: KycRiskConfig): RiskFactor[] {
  return checks
    .filter((check) => check.outcome === 'FAIL')
    .map((check) => ({
      factorId: `failed-check:${check.checkId}`,
      points: config.failedChecks[check.checkId],
      detail: `${check.checkId} failed: ${check.reason}`,
    }));
}

/** Each country of the case with the roles it plays: nationality, residence, incorporation… */
function countryRoles(input: KycRiskInput): Map<string, Set<CountryRole>> {
  const roles = new Map<string, Set<CountryRole>>();
  const add = (country: string, role: CountryRole) => {
    const set = roles.get(country) ?? new Set<CountryRole>();
    set.add(role);
    roles.set(country, set);
  };
  const { applicant } = input;
  if ('fullName' in applicant) {
    add(applicant.nationality, 'nationality');
    add(applicant.countryOfResidence, 'residence');
  } else {
    add(applicant.countryOfIncorporation, 'incorporation');
    // The registered address is where the company is run from: its residence.
    add(applicant.address.country, 'residence');
    for (const person of applicant.representatives) add(person.nationality, 'representativeNationality');
  }
  return roles;
}

function countryFactors(input: KycRiskInput, config: KycRiskConfig, ruleSets: Pick<RuleSets, 'fatf' | 'embargoes'>) {
  const factors: RiskFactor[] = [];
  for (const [country, roles] of countryRoles(input)) {
    const risk: CountryRisk = assessCountryRisk(country, ruleSets);
    if (risk.level === 'STANDARD') continue;
    const level = risk.level;
    // A country counts once, at its most heavily weighted role.
    const [role] = [...roles].sort((a, b) => config.countryRisk[b][level] - config.countryRisk[a][level]);
    if (!role) continue;
    const words = [...roles].map((r) => ROLE_WORDS[r]).join(', ');
    factors.push({
      factorId: `country-risk:${country}`,
      points: config.countryRisk[role][level],
      detail: `${country} (${words}) is ${level}: ${risk.reason} [${risk.ruleId} ${risk.ruleSetVersion}]`,
    });
  }
  return factors;
}

function profileFactors(input: KycRiskInput, config: KycRiskConfig): RiskFactor[] {
  const factors: RiskFactor[] = [
    {
      factorId: `party-type:${input.partyType}`,
      points: config.partyType[input.partyType],
      detail: `${input.partyType} party`,
    },
    { factorId: `tier:${input.tier}`, points: config.tier[input.tier], detail: `${input.tier} tier` },
  ];
  if ('legalName' in input.applicant) {
    const ubos = input.applicant.representatives.filter((person) => person.role === 'UBO').length;
    if (ubos === 0) {
      factors.push({
        factorId: 'ownership:no-ubo',
        points: config.ownership.noUboDeclared,
        detail: 'no ultimate beneficial owner is declared',
      });
    }
    const band = config.ownership.uboCountBands.find((b) => ubos >= b.minCount);
    if (band) {
      factors.push({
        factorId: 'ownership:ubo-count',
        points: band.points,
        detail: `${ubos} ultimate beneficial owners (${band.minCount} or more)`,
      });
    }
  }
  return factors;
}

/** The level of a score: below `levels.medium` LOW, below `levels.high` MEDIUM, else HIGH. */
export function levelOfScore(score: number, config: Pick<KycRiskConfig, 'levels'>): RiskLevel {
  if (score >= config.levels.high) return 'HIGH';
  return score >= config.levels.medium ? 'MEDIUM' : 'LOW';
}

/**
 * Scores a case's risk from its screening (the best hit per party, by score band), its failed checks,
 * the FATF and embargo risk of its countries, its party type, tier and ownership, with the points of
 * data/rules/kyc-risk-scoring.json. Every factor that adds points is listed. A hit at or over the
 * screening threshold raises the level to at least `screening.minimumLevelOnHit` (HIGH as shipped).
 * @param config defaults to the shipped configuration
 * @param countryRuleSets defaults to the shipped FATF and embargo rules
 */
export function scoreKycRisk(
  input: KycRiskInput,
  config: KycRiskConfig = loadKycRiskConfig(),
  countryRuleSets: Pick<RuleSets, 'fatf' | 'embargoes'> = loadRuleSets(),
): RiskAssessment {
  const screening = screeningFactors(input.screening, config);
  const factors = [
    ...screening.factors,
    ...checkFactors(input.checks, config),
    ...countryFactors(input, config, countryRuleSets),
    ...profileFactors(input, config),
  ].filter((factor) => factor.points > 0);
  const score = factors.reduce((sum, factor) => sum + factor.points, 0);
  let level = levelOfScore(score, config);
  const floor = config.screening.minimumLevelOnHit;
  if (screening.floor && LEVEL_ORDER.indexOf(level) < LEVEL_ORDER.indexOf(floor)) level = floor;
  return { score, level, factors, modelVersion: config.version };
}
