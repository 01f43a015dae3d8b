import { countryCodes } from '../../commons/country-codes';
import { loadRuleSets, type RuleSets } from './load-rule-sets';
import type { EvidenceValue } from './rule-outcome';

/** HIGH: call for action or comprehensive embargo. ELEVATED: increased monitoring or an embargo held for review. */
export type CountryRiskLevel = 'HIGH' | 'ELEVATED' | 'STANDARD';

/** The lists a country can be on. EMBARGO is an entry in data/rules/embargoes.json, whatever its action. */
export type CountryRiskList = 'FATF_CALL_FOR_ACTION' | 'FATF_INCREASED_MONITORING' | 'EMBARGO';

/** How risky a jurisdiction is, with the rule that decided it. */
export interface CountryRisk {
  level: CountryRiskLevel;
  lists: CountryRiskList[];
  /** e.g. `country-risk/fatf-call-for-action`; the first of the lists in order of severity. */
  ruleId: string;
  /** Version of the file behind `ruleId`; both files' versions are in the evidence. */
  ruleSetVersion: string;
  reason: string;
  evidence: { [key: string]: EvidenceValue };
}

/**
 * The risk of dealing with a jurisdiction, for KYC scoring (country of residence, incorporation,
 * nationality) and for the order corridor rule.
 * @param countryCode ISO 3166-1 alpha-2, upper case
 * @param ruleSets defaults to the shipped data/rules files
 * @throws RangeError if `countryCode` is not an assigned country code
 */
export function assessCountryRisk(
  countryCode: string,
  ruleSets: Pick<RuleSets, 'fatf' | 'embargoes'> = loadRuleSets(),
): CountryRisk {
  if (!countryCodes.has(countryCode)) {
    throw new RangeError(`"${countryCode}" is not an ISO 3166-1 alpha-2 country code`);
  }
  const { fatf, embargoes } = ruleSets;
  const callForAction = fatf.callForAction.find((e) => e.country === countryCode);
  const monitored = fatf.increasedMonitoring.find((e) => e.country === countryCode);
  const embargo = embargoes.countries.find((e) => e.country === countryCode);

  const lists: CountryRiskList[] = [];
  if (callForAction) lists.push('FATF_CALL_FOR_ACTION');
  if (monitored) lists.push('FATF_INCREASED_MONITORING');
  if (embargo) lists.push('EMBARGO');

  const evidence = {
    country: countryCode,
    fatfVersion: fatf.version,
    embargoVersion: embargoes.version,
    fatfEntry: callForAction ? { ...callForAction } : monitored ? { ...monitored } : null,
    embargoEntry: embargo ? { ruleId: embargo.id, action: embargo.action, name: embargo.name } : null,
  };
  // Most severe first: the first verdict that applies decides the level and names the rule.
  const measure = callForAction?.measure === 'COUNTERMEASURES' ? 'countermeasures' : 'enhanced due diligence';
  const verdicts: (Pick<CountryRisk, 'level' | 'ruleSetVersion' | 'reason'> & { applies: boolean; rule: string })[] = [
    {
      applies: callForAction !== undefined,
      level: 'HIGH',
      rule: 'fatf-call-for-action',
      ruleSetVersion: fatf.version,
      reason: `${callForAction?.name} is a FATF high-risk jurisdiction subject to a call for ${measure}`,
    },
    {
      applies: embargo?.action === 'BLOCK',
      level: 'HIGH',
      rule: 'embargoed',
      ruleSetVersion: embargoes.version,
      reason: `${embargo?.name} is under a comprehensive embargo`,
    },
    {
      applies: monitored !== undefined,
      level: 'ELEVATED',
      rule: 'fatf-increased-monitoring',
      ruleSetVersion: fatf.version,
      reason: `${monitored?.name} is under FATF increased monitoring`,
    },
    {
      applies: embargo !== undefined,
      level: 'ELEVATED',
      rule: 'embargo-review',
      ruleSetVersion: embargoes.version,
      reason: `${embargo?.name} has residual sanctions that need a review`,
    },
  ];
  const { level, rule, ruleSetVersion, reason } = verdicts.find((v) => v.applies) ?? {
    level: 'STANDARD',
    rule: 'standard',
    ruleSetVersion: fatf.version,
    reason: `${countryCode} is on no FATF list and under no embargo`,
  };
  return { level, lists, ruleId: `country-risk/${rule}`, ruleSetVersion, reason, evidence };
}
