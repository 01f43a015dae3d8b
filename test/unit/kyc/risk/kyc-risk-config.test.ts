import { RuleSetError } from '../../../../functions/kernel/trade-rules/load-rule-sets';
import { loadKycRiskConfig, parseKycRiskConfig } from '../../../../functions/kyc/risk/kyc-risk-config';
import { kycCheckIds } from '../../../../functions/kyc/models/case-assessment';
import shipped from '../../../../data/rules/kyc-risk-scoring.json';

type Raw = Record<string, unknown> & typeof shipped;

function errorFor(change: (raw: Raw) => void): RuleSetError {
  const raw = structuredClone(shipped) as Raw;
  change(raw);
  try {
    parseKycRiskConfig(raw);
  } catch (error) {
    if (error instanceof RuleSetError) return error;
    throw error;
  }
  throw new Error('expected a RuleSetError');
}

describe('loadKycRiskConfig', () => {
  it('validates the shipped file, which prices every check and orders its levels', () => {
    // Prepare / Act
    const config = loadKycRiskConfig();
    // Assess
    expect(config.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(config.failedChecks).sort()).toEqual([...kycCheckIds].sort());
    expect(config.levels.medium).toBeLessThan(config.levels.high);
  });

  it('hands out one frozen configuration', () => {
    // Prepare
    const config = loadKycRiskConfig();
    // Act
    const mutate = () => {
      (config.levels as { high: number }).high = 1000;
    };
    // Assess
    expect(loadKycRiskConfig()).toBe(config);
    expect(mutate).toThrow(TypeError);
  });
});

describe('parseKycRiskConfig', () => {
  it.each<[string, (raw: Raw) => void, string]>([
    [
      'thresholds out of order',
      (raw) => (raw.levels = { medium: 60, high: 30 }),
      'levels.high: medium must be lower than high',
    ],
    [
      'a zero MEDIUM threshold',
      (raw) => (raw.levels.medium = 0),
      'levels.medium: must be at least 1, or no case could be LOW',
    ],
    [
      'a check without points',
      (raw) => delete (raw.failedChecks as Partial<typeof raw.failedChecks>).NAME_MATCHES,
      'failedChecks.NAME_MATCHES:',
    ],
    ['negative points', (raw) => (raw.tier.HIGH_VALUE = -5), 'tier.HIGH_VALUE: must be 0 or more points'],
    [
      'fractional points',
      (raw) => (raw.partyType.BUSINESS = 2.5),
      'partyType.BUSINESS: must be a whole number of points',
    ],
    [
      'hit bands out of order',
      (raw) => raw.screening.hitBands.reverse(),
      'screening.hitBands: must be ordered by minScore, highest first, without repeats',
    ],
    [
      'a hit band over 1',
      (raw) => (raw.screening.hitBands[0]!.minScore = 90),
      'screening.hitBands.0.minScore: must be a score from 0 to 1',
    ],
    [
      'a LOW floor on hits',
      (raw) => (raw.screening.minimumLevelOnHit = 'LOW'),
      'screening.minimumLevelOnHit: must be MEDIUM or HIGH',
    ],
    [
      'a misspelt key',
      (raw) => (raw.countryRisk = { ...raw.countryRisk, residance: { HIGH: 1, ELEVATED: 1 } } as never),
      'countryRisk: Unrecognized key: "residance"',
    ],
    ['a version that is no date', (raw) => (raw.version = 'v2'), 'version: must be a date such as 2026-11-01'],
  ])('refuses %s, naming the file and the field', (_case, change, message) => {
    // Prepare / Act
    const error = errorFor(change);
    // Assess
    expect(error.file).toBe('data/rules/kyc-risk-scoring.json');
    expect(error.message).toContain('Invalid rules file data/rules/kyc-risk-scoring.json: ');
    expect(error.message).toContain(message);
  });
});
