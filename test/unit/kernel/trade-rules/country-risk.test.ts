import { assessCountryRisk } from '../../../../functions/kernel/trade-rules/country-risk';
import { loadRuleSets } from '../../../../functions/kernel/trade-rules/load-rule-sets';
import { ruleSetsWith } from './trade-rules-fixtures';

const { fatf, embargoes } = loadRuleSets();

describe('assessCountryRisk', () => {
  it.each([
    ['KP', ['FATF_CALL_FOR_ACTION', 'EMBARGO']],
    ['IR', ['FATF_CALL_FOR_ACTION', 'EMBARGO']],
    ['MM', ['FATF_CALL_FOR_ACTION']],
  ])('rates %s HIGH as a FATF call-for-action jurisdiction', (country, lists) => {
    // Prepare / Act
    const risk = assessCountryRisk(country);
    // Assess
    expect(risk).toMatchObject({
      level: 'HIGH',
      lists,
      ruleId: 'country-risk/fatf-call-for-action',
      ruleSetVersion: fatf.version,
    });
  });

  it('says which measure the FATF calls for', () => {
    // Prepare / Act
    const iran = assessCountryRisk('IR');
    const myanmar = assessCountryRisk('MM');
    // Assess
    expect(iran.reason).toBe('Iran is a FATF high-risk jurisdiction subject to a call for countermeasures');
    expect(myanmar.reason).toBe(
      'Myanmar is a FATF high-risk jurisdiction subject to a call for enhanced due diligence',
    );
    expect(myanmar.evidence).toMatchObject({
      country: 'MM',
      fatfVersion: fatf.version,
      embargoVersion: embargoes.version,
      fatfEntry: { country: 'MM', measure: 'ENHANCED_DUE_DILIGENCE' },
      embargoEntry: null,
    });
  });

  it('rates Cuba HIGH for its embargo although the FATF does not list it', () => {
    // Prepare / Act
    const risk = assessCountryRisk('CU');
    // Assess
    expect(risk).toMatchObject({
      level: 'HIGH',
      lists: ['EMBARGO'],
      ruleId: 'country-risk/embargoed',
      ruleSetVersion: embargoes.version,
    });
    expect(risk.evidence.embargoEntry).toEqual({ ruleId: 'embargo/cu', action: 'BLOCK', name: 'Cuba' });
  });

  it.each(['VN', 'BG', 'MC', 'VG', 'KW', 'PG', 'IQ', 'BA'])(
    'rates %s ELEVATED under FATF increased monitoring',
    (country) => {
      // Prepare / Act
      const risk = assessCountryRisk(country);
      // Assess
      expect(risk).toMatchObject({
        level: 'ELEVATED',
        lists: ['FATF_INCREASED_MONITORING'],
        ruleId: 'country-risk/fatf-increased-monitoring',
      });
    },
  );

  it('rates Syria ELEVATED, on the grey list and held for review under the embargo rules', () => {
    // Prepare / Act
    const risk = assessCountryRisk('SY');
    // Assess
    expect(risk).toMatchObject({ level: 'ELEVATED', lists: ['FATF_INCREASED_MONITORING', 'EMBARGO'] });
  });

  it.each([
    ['ZA', 'left the grey list in October 2025'],
    ['NG', 'left the grey list in October 2025'],
    ['DZ', 'left the grey list in June 2026'],
    ['NA', 'left the grey list in June 2026'],
    ['DE', 'was never listed'],
    ['RU', 'is suspended from the FATF but not listed'],
  ])('rates %s STANDARD: it %s', (country) => {
    // Prepare / Act
    const risk = assessCountryRisk(country);
    // Assess
    expect(risk).toMatchObject({ level: 'STANDARD', lists: [], ruleId: 'country-risk/standard' });
  });

  it('follows the FATF file it is given, not a list in code', () => {
    // Prepare
    const ruleSets = ruleSetsWith((raw) => {
      raw.fatf.version = '2027-02-20';
      raw.fatf.increasedMonitoring.push({ country: 'DE', name: 'Germany' });
    });
    // Act
    const risk = assessCountryRisk('DE', ruleSets);
    // Assess
    expect(risk).toMatchObject({
      level: 'ELEVATED',
      ruleSetVersion: '2027-02-20',
      reason: 'Germany is under FATF increased monitoring',
    });
  });

  it.each(['XX', 'de', 'DEU', ''])('refuses "%s", which is not an alpha-2 country code', (code) => {
    // Prepare / Act / Assess
    expect(() => assessCountryRisk(code)).toThrow(`"${code}" is not an ISO 3166-1 alpha-2 country code`);
  });
});
