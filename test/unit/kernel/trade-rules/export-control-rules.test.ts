import { screenExportControls } from '../../../../functions/kernel/trade-rules/export-control-rules';
import { formatHsCode, normaliseHsCode } from '../../../../functions/kernel/trade-rules/hs-code';
import { loadRuleSets } from '../../../../functions/kernel/trade-rules/load-rule-sets';
import type { RuleOutcome } from '../../../../functions/kernel/trade-rules/rule-outcome';
import { ruleSetsWith } from './trade-rules-fixtures';

const { exportControls } = loadRuleSets();

/** The one outcome for a single item with `hsCode` going to `destination`. */
function screen(hsCode: string, destination: string, rules = exportControls): RuleOutcome {
  const [outcome] = screenExportControls([{ hsCode }], destination, rules);
  if (!outcome) throw new Error('expected one outcome');
  return outcome;
}

describe('normaliseHsCode', () => {
  it.each([
    ['8542', '8542'],
    ['8542.31', '854231'],
    [' 8471 30 00 ', '84713000'],
    ['8471.30.01.90', '8471300190'],
    ['93', '93'],
  ])('reads "%s" as %s', (raw, digits) => {
    // Prepare / Act / Assess
    expect(normaliseHsCode(raw)).toBe(digits);
  });

  it.each(['9', '85x2', '84713000011', '', 'abcd'])('refuses "%s"', (raw) => {
    // Prepare / Act / Assess
    expect(normaliseHsCode(raw)).toBeUndefined();
  });

  it('writes codes back with customs dots', () => {
    // Prepare / Act / Assess
    expect(['85', '8542', '854231', '84713000', '8471300190'].map(formatHsCode)).toEqual([
      '85',
      '8542',
      '8542.31',
      '8471.30.00',
      '8471.30.01.90',
    ]);
  });
});

describe('screenExportControls: Russia and Belarus', () => {
  it.each([
    ['8542', 'RU'],
    ['854231', 'RU'],
    ['8542.39.00', 'BY'],
    ['8471.30', 'RU'],
    ['8806.21', 'BY'],
    ['9013.10', 'RU'],
  ])('blocks high-priority HS %s to %s', (hsCode, destination) => {
    // Prepare / Act
    const outcome = screen(hsCode, destination);
    // Assess
    expect(outcome).toMatchObject({ ruleId: 'export-control/ru-by-high-priority', action: 'BLOCK' });
    expect(outcome.evidence).toMatchObject({ destination, destinationGroup: 'RU_BY', hsGroup: 'CHPL', match: 'FULL' });
  });

  it('names the rule, version, matched prefix and destination as evidence', () => {
    // Prepare / Act
    const outcome = screen('8542.31', 'RU');
    // Assess
    expect(outcome).toEqual({
      ruleId: 'export-control/ru-by-high-priority',
      ruleSetVersion: exportControls.version,
      action: 'BLOCK',
      reason:
        'HS 8542.31 is on the Common High Priority List of items found in Russian weapons; exports to Russia and Belarus are prohibited',
      evidence: {
        itemIndex: 0,
        hsCode: '854231',
        description: null,
        match: 'FULL',
        matchedPrefix: '8542',
        hsGroup: 'CHPL',
        destination: 'RU',
        destinationGroup: 'RU_BY',
        otherRules: ['export-control/ru-by-industrial-goods'],
      },
    });
  });

  it('holds, but does not block, HS 8543: an industrial chapter 85 good that is not high-priority', () => {
    // Prepare / Act
    const outcome = screen('8543.70', 'RU');
    // Assess
    expect(outcome).toMatchObject({ ruleId: 'export-control/ru-by-industrial-goods', action: 'HOLD' });
    expect(outcome.evidence).toMatchObject({ matchedPrefix: '85', otherRules: [] });
  });

  it('holds luxury goods such as watches for Russia', () => {
    // Prepare / Act / Assess
    expect(screen('9102.11', 'RU')).toMatchObject({ ruleId: 'export-control/ru-by-luxury-goods', action: 'HOLD' });
  });

  it('holds high-priority items to a transshipment hub and passes them to Germany', () => {
    // Prepare / Act
    const toKazakhstan = screen('8542.31', 'KZ');
    const toGermany = screen('8542.31', 'DE');
    // Assess
    expect(toKazakhstan).toMatchObject({ ruleId: 'export-control/chpl-diversion-risk', action: 'HOLD' });
    expect(toKazakhstan.evidence).toMatchObject({ destinationGroup: 'DIVERSION_HUBS' });
    expect(toGermany).toMatchObject({
      ruleId: 'export-control',
      action: 'PASS',
      reason: 'HS 8542.31 to DE matches no export-control rule',
    });
  });

  it('passes goods outside every controlled chapter, even to Russia', () => {
    // Prepare / Act / Assess
    expect(screen('6109.10', 'RU')).toMatchObject({ ruleId: 'export-control', action: 'PASS' });
  });
});

describe('screenExportControls: arms and dual-use items', () => {
  it.each([
    ['9306.21', 'FR', 'export-control/arms-and-ammunition', 'HOLD'],
    ['9303', 'US', 'export-control/arms-and-ammunition', 'HOLD'],
    ['9306.21', 'RU', 'export-control/arms-embargoed-destinations', 'BLOCK'],
    ['9301', 'SY', 'export-control/arms-embargoed-destinations', 'BLOCK'],
    ['9306.30', 'CU', 'export-control/arms-embargoed-destinations', 'BLOCK'],
    ['2844.41', 'DE', 'export-control/nuclear-items', 'HOLD'],
    ['8401.10', 'JP', 'export-control/nuclear-items', 'HOLD'],
    ['2844.41', 'SY', 'export-control/wmd-items-e1-e2', 'BLOCK'],
    ['2812.13', 'IN', 'export-control/chemical-weapons-precursors', 'HOLD'],
    ['2931.41', 'BR', 'export-control/chemical-weapons-precursors', 'HOLD'],
  ])('HS %s to %s: %s %s', (hsCode, destination, ruleId, action) => {
    // Prepare / Act / Assess
    expect(screen(hsCode, destination)).toMatchObject({ ruleId, action });
  });

  it('passes a chemical next to a scheduled one: 2812.90 is not a CWC subheading', () => {
    // Prepare / Act / Assess
    expect(screen('2812.90', 'IN')).toMatchObject({ ruleId: 'export-control', action: 'PASS' });
  });
});

describe('screenExportControls: precedence', () => {
  it('lets a BLOCK win over a HOLD even when the HOLD has the longer prefix', () => {
    // Prepare
    const { exportControls: rules } = ruleSetsWith((raw) => {
      raw.exportControls.rules = [
        {
          id: 'export-control/narrow-hold',
          hsPrefixes: ['854231'],
          destinations: ['RU'],
          action: 'HOLD',
          reason: 'is held',
        },
        {
          id: 'export-control/broad-block',
          hsPrefixes: ['85'],
          destinations: ['RU'],
          action: 'BLOCK',
          reason: 'is blocked',
        },
      ];
    });
    // Act
    const outcome = screen('854231', 'RU', rules);
    // Assess
    expect(outcome).toMatchObject({
      ruleId: 'export-control/broad-block',
      action: 'BLOCK',
      reason: 'HS 8542.31 is blocked',
    });
    expect(outcome.evidence).toMatchObject({ matchedPrefix: '85', otherRules: ['export-control/narrow-hold'] });
  });

  it('lets the longest prefix explain a hit when the actions are equal, whatever the file order', () => {
    // Prepare
    const { exportControls: rules } = ruleSetsWith((raw) => {
      raw.exportControls.rules = [
        {
          id: 'export-control/chapter',
          hsPrefixes: ['85'],
          destinations: ['*'],
          action: 'HOLD',
          reason: 'is chapter 85',
        },
        { id: 'export-control/heading', hsPrefixes: ['8542'], destinations: ['*'], action: 'HOLD', reason: 'is 8542' },
      ];
    });
    // Act
    const outcome = screen('8542.31', 'DE', rules);
    // Assess
    expect(outcome).toMatchObject({ ruleId: 'export-control/heading', reason: 'HS 8542.31 is 8542' });
  });

  it('prefers a rule naming the country over a group and a group over *, for equal prefixes', () => {
    // Prepare
    const { exportControls: rules } = ruleSetsWith((raw) => {
      raw.exportControls.rules = [
        { id: 'export-control/everywhere', hsPrefixes: ['8542'], destinations: ['*'], action: 'HOLD', reason: 'x' },
        { id: 'export-control/group', hsPrefixes: ['8542'], destinations: ['RU_BY'], action: 'HOLD', reason: 'x' },
        { id: 'export-control/country', hsPrefixes: ['8542'], destinations: ['BY'], action: 'HOLD', reason: 'x' },
      ];
    });
    // Act
    const toBelarus = screen('8542', 'BY', rules);
    const toRussia = screen('8542', 'RU', rules);
    // Assess
    expect(toBelarus.ruleId).toBe('export-control/country');
    expect(toRussia.ruleId).toBe('export-control/group');
  });

  it('holds a chapter-level code that could hide a blocked heading, and says which', () => {
    // Prepare / Act
    const outcome = screen('85', 'KZ');
    // Assess
    expect(outcome).toMatchObject({ ruleId: 'export-control/chpl-diversion-risk', action: 'HOLD' });
    expect(outcome.evidence).toMatchObject({ match: 'TOO_BROAD', matchedPrefix: '8504' });
    expect(outcome.reason).toMatch(/^HS 85 is too broad to clear: it includes 8504, which is a high-priority item/);
  });

  it('prefers the full match to a too-broad one when both only hold', () => {
    // Prepare / Act: "85" is fully an industrial good for Russia and too broad against 8542
    const outcome = screen('85', 'RU');
    // Assess
    expect(outcome).toMatchObject({ ruleId: 'export-control/ru-by-industrial-goods', action: 'HOLD' });
    expect(outcome.evidence).toMatchObject({ match: 'FULL' });
  });

  it('holds an item whose HS code cannot be read, and screens the others on their own', () => {
    // Prepare
    const items = [{ hsCode: 'electronics' }, { hsCode: '6109.10', description: 'T-shirts' }, { hsCode: '8542' }];
    // Act
    const outcomes = screenExportControls(items, 'RU', exportControls);
    // Assess
    expect(outcomes.map((o) => [o.ruleId, o.action, o.evidence.itemIndex])).toEqual([
      ['export-control/invalid-hs-code', 'HOLD', 0],
      ['export-control', 'PASS', 1],
      ['export-control/ru-by-high-priority', 'BLOCK', 2],
    ]);
    expect(outcomes[0]?.reason).toBe(
      'Item 1 has HS code "electronics", which is not 2 to 10 digits, so it cannot be cleared',
    );
    expect(outcomes[1]?.evidence.description).toBe('T-shirts');
  });
});
