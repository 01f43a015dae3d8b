import {
  loadRuleSets,
  parseRuleSets,
  RuleSetError,
  ruleSetFiles,
} from '../../../../functions/kernel/trade-rules/load-rule-sets';
import { rawRuleFiles } from './trade-rules-fixtures';

type RawFiles = ReturnType<typeof rawRuleFiles>;

/** The error parseRuleSets throws for the files after `change`; fails the test when none is thrown. */
function errorFor(change: (raw: RawFiles) => void): RuleSetError {
  const raw = rawRuleFiles();
  change(raw);
  try {
    parseRuleSets(raw);
  } catch (error) {
    if (error instanceof RuleSetError) return error;
    throw error;
  }
  throw new Error('expected a RuleSetError');
}

describe('loadRuleSets', () => {
  it('validates every shipped file and gives each a dated version and a source', () => {
    // Prepare / Act
    const ruleSets = loadRuleSets();
    // Assess
    for (const ruleSet of Object.values(ruleSets)) {
      expect(ruleSet.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(ruleSet.source.length).toBeGreaterThan(0);
    }
    expect(ruleSets.exportControls.rules.length).toBeGreaterThanOrEqual(8);
  });

  it('folds place names from the file so that matching needs no further normalisation', () => {
    // Prepare / Act
    const crimea = loadRuleSets().embargoes.regions.find((r) => r.id === 'embargo/ua-crimea');
    const dnr = loadRuleSets().embargoes.regions.find((r) => r.id === 'embargo/ua-dnr');
    // Assess
    expect(crimea?.names).toEqual(expect.arrayContaining(['autonomous republic of crimea', 'севастополь']));
    expect(dnr?.names).toContain('donetsk people s republic');
  });

  it('parses once and hands out frozen rule sets, so no caller can change another one’s rules', () => {
    // Prepare
    const first = loadRuleSets();
    // Act
    const second = loadRuleSets();
    const mutate = () => {
      (first.aml.velocity as { maxOrders: number }).maxOrders = 1000;
    };
    // Assess
    expect(second).toBe(first);
    expect(mutate).toThrow(TypeError);
    expect(first.aml.velocity.maxOrders).toBe(5);
  });
});

describe('parseRuleSets', () => {
  it.each<[string, (raw: RawFiles) => void, string]>([
    [
      'an HS prefix with letters',
      (raw) => (raw.exportControls.rules[0]!.hsPrefixes = ['85x2']),
      'Invalid rules file data/rules/export-controls.json: rules.0.hsPrefixes.0: must be an HS code of 2 to 10 digits or one of the hsGroups',
    ],
    [
      'a destination that is neither a country nor a group',
      (raw) => (raw.exportControls.rules[0]!.destinations = ['RUBY']),
      'rules.0.destinations.0: must be *, a country code or one of the destinationGroups (RU_BY, E1, E2, ARMS_EMBARGO, DIVERSION_HUBS), got RUBY',
    ],
    [
      'an unknown country in a destination group',
      (raw) => (raw.exportControls.destinationGroups.RU_BY.countries = ['RU', 'SU']),
      'destinationGroups.RU_BY.countries.1: must be an ISO 3166-1 alpha-2 country code, such as DE or CN',
    ],
    [
      'a one-digit prefix in an HS group',
      (raw) => (raw.exportControls.hsGroups.ARMS.prefixes = ['9']),
      'hsGroups.ARMS.prefixes.0: must be an HS code of 2 to 10 digits',
    ],
    [
      'a group named like a country code',
      (raw) => Object.assign(raw.exportControls.destinationGroups, { RU: { name: 'Russia', countries: ['RU'] } }),
      'destinationGroups.RU: group names must be upper case letters, digits and _, and not two letters like a country code',
    ],
    [
      'two rules with one id',
      (raw) => (raw.exportControls.rules[1]!.id = 'export-control/ru-by-high-priority'),
      'rules.1.id: repeats export-control/ru-by-high-priority',
    ],
    [
      'a BLOCK spelt differently',
      (raw) => (raw.exportControls.rules[0]!.action = 'DENY'),
      'rules.0.action: Invalid option: expected one of "BLOCK"|"HOLD"',
    ],
  ])('rejects export controls with %s, naming the file and field', (_case, change, message) => {
    // Prepare / Act
    const error = errorFor(change);
    // Assess
    expect(error.file).toBe(ruleSetFiles.exportControls);
    expect(error.message).toContain('Invalid rules file data/rules/export-controls.json: ');
    expect(error.message).toContain(message);
  });

  it.each<[string, (raw: RawFiles) => void, string]>([
    [
      'an unknown embargoed country',
      (raw) => (raw.embargoes.countries[0]!.country = 'XX'),
      'countries.0.country: must be an ISO 3166-1 alpha-2 country code',
    ],
    [
      'a region code of another country',
      (raw) => (raw.embargoes.regions[0]!.regionCodes = ['RU-43']),
      'regions.0.regionCodes.0: must be a subdivision of UA',
    ],
    [
      'a lower-case region code',
      (raw) => (raw.embargoes.regions[0]!.regionCodes = ['ua-43']),
      'regions.0.regionCodes.0: must be an ISO 3166-2 code such as UA-43',
    ],
    [
      'a place name of punctuation only',
      (raw) => (raw.embargoes.regions[0]!.names = ['Crimea', '--']),
      'regions.0.names.1: must contain letters or digits',
    ],
    [
      'a version that is not a date',
      (raw) => (raw.embargoes.version = '1 Nov 2026'),
      'version: must be a date such as 2026-11-01',
    ],
    ['no source', (raw) => (raw.embargoes.source = []), 'source: must name at least one source'],
  ])('rejects embargoes with %s', (_case, change, message) => {
    // Prepare / Act
    const error = errorFor(change);
    // Assess
    expect(error.message).toContain(`Invalid rules file ${ruleSetFiles.embargoes}: `);
    expect(error.message).toContain(message);
  });

  it('rejects a FATF file that puts a country on both lists', () => {
    // Prepare / Act
    const error = errorFor((raw) => raw.fatf.increasedMonitoring.push({ country: 'IR', name: 'Iran' }));
    // Assess
    expect(error.message).toBe(
      'Invalid rules file data/rules/fatf-jurisdictions.json: increasedMonitoring.22.country: IR is already in callForAction',
    );
  });

  it.each<[string, (raw: RawFiles) => void, string]>([
    [
      'a threshold with a fraction of a minor unit',
      (raw) => (raw.aml.largeAmount.thresholds.USD = 10_000.5),
      'largeAmount.thresholds.USD: must be an integer',
    ],
    [
      'a threshold keyed by a lower-case currency',
      (raw) => Object.assign(raw.aml.largeAmount.thresholds, { usd: 100 }),
      'largeAmount.thresholds.usd: thresholds must be keyed by ISO 4217 currency codes, such as USD',
    ],
    [
      'a threshold in a made-up currency',
      (raw) => Object.assign(raw.aml.largeAmount.thresholds, { ABC: 100 }),
      'largeAmount.thresholds.ABC: thresholds must be keyed by ISO 4217 currency codes, such as USD',
    ],
    [
      'no thresholds at all',
      (raw) => (raw.aml.largeAmount.thresholds = {} as never),
      'must configure at least one currency',
    ],
    [
      'a structuring band of 100%',
      (raw) => (raw.aml.structuring.bandPercent = 100),
      'structuring.bandPercent: must be below 100',
    ],
    ['a velocity limit of zero', (raw) => (raw.aml.velocity.maxOrders = 0), 'velocity.maxOrders: must be positive'],
    [
      'a corridor to an unknown country',
      (raw) => (raw.aml.highRiskCorridor.corridors[0]!.to = ['KZ', 'XX']),
      'highRiskCorridor.corridors.0.to.1: must be an ISO 3166-1 alpha-2 country code',
    ],
    [
      'an AML action of BLOCK',
      (raw) => (raw.aml.velocity.action = 'BLOCK'),
      'velocity.action: Invalid option: expected one of "HOLD"|"FLAG"',
    ],
  ])('rejects AML rules with %s', (_case, change, message) => {
    // Prepare / Act
    const error = errorFor(change);
    // Assess
    expect(error.message).toContain(`Invalid rules file ${ruleSetFiles.aml}: `);
    expect(error.message).toContain(message);
  });

  it('lists every invalid field of a file in one message', () => {
    // Prepare / Act
    const error = errorFor((raw) => {
      raw.aml.velocity.windowHours = -1;
      raw.aml.structuring.minOrders = 1;
    });
    // Assess
    expect(error.issues).toHaveLength(2);
    expect(error.message).toBe(
      'Invalid rules file data/rules/aml-rules.json: velocity.windowHours: must be positive; structuring.minOrders: must be at least 2',
    );
  });
});
