import { findEmbargoedRegions, screenEmbargoes } from '../../../../functions/kernel/trade-rules/embargo-rules';
import { loadRuleSets } from '../../../../functions/kernel/trade-rules/load-rule-sets';
import type { TradeDestination } from '../../../../functions/kernel/trade-rules/trade-order';
import { tradeOrder } from './trade-rules-fixtures';

const { embargoes } = loadRuleSets();

/** ruleId and action of each outcome for an order to `destination`. */
function screenDestination(destination: TradeDestination): [string, string][] {
  return screenEmbargoes(tradeOrder({ destination }), embargoes).map((o) => [o.ruleId, o.action]);
}

describe('screenEmbargoes: countries', () => {
  it.each([
    ['CU', 'embargo/cu'],
    ['IR', 'embargo/ir'],
    ['KP', 'embargo/kp'],
  ])('blocks an order to %s under %s', (country, ruleId) => {
    // Prepare / Act
    const [outcome, ...rest] = screenEmbargoes(tradeOrder({ destination: { country } }), embargoes);
    // Assess
    expect(rest).toEqual([]);
    expect(outcome).toMatchObject({ ruleId, action: 'BLOCK', ruleSetVersion: embargoes.version });
    expect(outcome?.evidence).toMatchObject({ party: 'destination', country });
  });

  it('blocks an embargoed buyer or supplier even when the goods go elsewhere', () => {
    // Prepare
    const order = tradeOrder({ buyerCountry: 'IR', supplierCountry: 'KP', destination: { country: 'AE' } });
    // Act
    const outcomes = screenEmbargoes(order, embargoes);
    // Assess
    expect(outcomes.map((o) => [o.ruleId, o.action, o.evidence.party])).toEqual([
      ['embargo/ir', 'BLOCK', 'buyer'],
      ['embargo/kp', 'BLOCK', 'supplier'],
    ]);
    expect(outcomes[0]?.reason).toBe(
      'The buyer is in Iran (IR). Iran is under a comprehensive US embargo and re-imposed UN sanctions',
    );
  });

  it('holds Syria for review instead of blocking it, since its comprehensive embargo ended in 2025', () => {
    // Prepare / Act
    const outcomes = screenDestination({ country: 'SY', city: 'Damascus' });
    // Assess
    expect(outcomes).toEqual([['embargo/sy-residual', 'HOLD']]);
  });

  it('passes an order whose parties and destination are all clear, saying what it checked', () => {
    // Prepare / Act
    const outcomes = screenEmbargoes(
      tradeOrder({ destination: { country: 'UA', region: 'UA-30', city: 'Kyiv' } }),
      embargoes,
    );
    // Assess
    expect(outcomes).toEqual([
      {
        ruleId: 'embargo',
        ruleSetVersion: embargoes.version,
        action: 'PASS',
        reason: 'No party country and no destination region is under an embargo',
        evidence: { destination: 'UA', region: 'UA-30', city: 'Kyiv', buyerCountry: 'DE', supplierCountry: 'CN' },
      },
    ]);
  });
});

describe('screenEmbargoes: Crimea', () => {
  it.each<[string, TradeDestination]>([
    ['the region code UA-43', { country: 'UA', region: 'UA-43' }],
    ['the region code written without the country, 43', { country: 'UA', region: '43' }],
    ['the Sevastopol region code UA-40', { country: 'UA', region: 'ua-40' }],
    ['the region name', { country: 'UA', region: 'Autonomous Republic of Crimea' }],
    ['the city Simferopol', { country: 'UA', city: 'Simferopol' }],
    ['the city Sevastopol with an apostrophe and odd case', { country: 'UA', city: "SEVASTOPOL'" }],
    ['the city in Cyrillic', { country: 'UA', city: 'Севастополь' }],
    ['the city written into the region field', { country: 'UA', region: 'Simferopol', city: '' }],
    ['an address that names Russia as the country', { country: 'RU', region: 'Respublika Krym', city: 'Kerch' }],
  ])('blocks an address in Crimea found by %s', (_case, destination) => {
    // Prepare / Act
    const outcomes = screenDestination(destination);
    // Assess
    expect(outcomes).toEqual([['embargo/ua-crimea', 'BLOCK']]);
  });

  it('records how the address matched', () => {
    // Prepare / Act
    const [outcome] = screenEmbargoes(tradeOrder({ destination: { country: 'UA', city: 'Sevastopol' } }), embargoes);
    // Assess
    expect(outcome?.evidence).toMatchObject({ matchedBy: 'name', matched: 'sevastopol', city: 'Sevastopol' });
    expect(outcome?.reason).toBe(
      'The destination city "Sevastopol" is in the Crimea region of Ukraine, Sevastopol included. The Crimea region of Ukraine is under comprehensive US and EU embargoes',
    );
  });

  it.each<[string, TradeDestination]>([
    ['Kyiv by code', { country: 'UA', region: 'UA-30', city: 'Kyiv' }],
    ['a Russian town whose name only starts like Krym', { country: 'RU', region: 'Krasnodar Krai', city: 'Krymsk' }],
    ['Sevastopol under a country that never claimed it', { country: 'DE', city: 'Sevastopol' }],
    ['a bare subdivision code under another country', { country: 'RU', region: '43' }],
  ])('does not match %s', (_case, destination) => {
    // Prepare / Act
    const matches = findEmbargoedRegions(destination, embargoes);
    // Assess
    expect(matches).toEqual([]);
  });
});

describe('screenEmbargoes: occupied Donetsk, Luhansk, Zaporizhzhia and Kherson', () => {
  it.each<[string, TradeDestination, [string, string][]]>([
    ['the city of Donetsk', { country: 'UA', city: 'Donetsk' }, [['embargo/ua-dnr', 'BLOCK']]],
    [
      'Donetsk with its oblast also named',
      { country: 'UA', region: 'Donetsk Oblast', city: 'Donetsk' },
      [
        ['embargo/ua-dnr', 'BLOCK'],
        ['embargo/ua-donetsk-luhansk-oblasts', 'HOLD'],
      ],
    ],
    ['the city of Luhansk in Cyrillic', { country: 'UA', city: 'Луганськ' }, [['embargo/ua-lnr', 'BLOCK']]],
    [
      'Mariupol',
      { country: 'UA', region: 'UA-14', city: 'Mariupol' },
      [
        ['embargo/ua-dnr', 'BLOCK'],
        ['embargo/ua-donetsk-luhansk-oblasts', 'HOLD'],
      ],
    ],
    [
      'the DNR written as a Russian region',
      { country: 'RU', region: "Donetsk People's Republic", city: 'Makeevka' },
      [
        ['embargo/ua-dnr', 'BLOCK'],
        ['embargo/ua-donetsk-luhansk-oblasts', 'HOLD'],
      ],
    ],
    [
      'occupied Melitopol',
      { country: 'UA', city: 'Melitopol' },
      [['embargo/ua-occupied-zaporizhzhia-kherson', 'BLOCK']],
    ],
  ])('blocks %s', (_case, destination, expected) => {
    // Prepare / Act
    const outcomes = screenDestination(destination);
    // Assess
    expect(outcomes).toEqual(expected);
  });

  it.each<[string, TradeDestination, string]>([
    [
      'government-held Kramatorsk, by oblast code',
      { country: 'UA', region: 'UA-14', city: 'Kramatorsk' },
      'embargo/ua-donetsk-luhansk-oblasts',
    ],
    [
      'the oblast named in Ukrainian',
      { country: 'UA', region: 'Донецька область', city: 'Sloviansk' },
      'embargo/ua-donetsk-luhansk-oblasts',
    ],
    [
      'the city of Zaporizhzhia, by oblast code',
      { country: 'UA', region: 'UA-23', city: 'Zaporizhzhia' },
      'embargo/ua-zaporizhzhia-kherson-oblasts',
    ],
    [
      'the city of Kherson, by oblast name',
      { country: 'UA', region: 'Khersonska oblast', city: 'Kherson' },
      'embargo/ua-zaporizhzhia-kherson-oblasts',
    ],
  ])('holds %s: only part of the oblast is occupied', (_case, destination, ruleId) => {
    // Prepare / Act
    const outcomes = screenDestination(destination);
    // Assess
    expect(outcomes).toEqual([[ruleId, 'HOLD']]);
  });

  it.each<[string, TradeDestination]>([
    ['the Russian town of Donetsk in Rostov oblast', { country: 'RU', region: 'Rostov Oblast', city: 'Donetsk' }],
    ['the city of Kherson without a region', { country: 'UA', city: 'Kherson' }],
    ['Dnipro', { country: 'UA', region: 'UA-12', city: 'Dnipro' }],
  ])('passes %s', (_case, destination) => {
    // Prepare / Act
    const outcomes = screenDestination(destination);
    // Assess
    expect(outcomes).toEqual([['embargo', 'PASS']]);
  });
});
