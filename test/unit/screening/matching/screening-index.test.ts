import { NamePostings, trigramsOf } from '../../../../functions/screening/matching/name-postings';
import { normaliseName } from '../../../../functions/kernel/names/normalise-name';
import {
  buildScreeningIndex,
  createTokenWeigher,
  findNamesByIdentifier,
  indexKeysOf,
} from '../../../../functions/screening/matching/screening-index';
import { smallList } from './screening-fixtures';

describe('NamePostings', () => {
  it('keeps each name id once per key and freezes the lists into typed arrays', () => {
    // Prepare
    const postings = new NamePostings();

    // Act
    postings.add('putin', 0);
    postings.add('putin', 0);
    postings.add('putin', 3);
    postings.add('vladimir', 3);
    const frequencyWhileBuilding = postings.frequency('putin');
    postings.freeze();

    // Assess
    expect(frequencyWhileBuilding).toBe(2);
    expect(postings.get('putin')).toEqual(Int32Array.from([0, 3]));
    expect(postings.frequency('putin')).toBe(2);
    expect(postings.frequency('unknown')).toBe(0);
    expect(postings.get('unknown')).toBeUndefined();
    expect(postings.size).toBe(2);
  });
});

describe('trigramsOf', () => {
  it('pads the token so its first and last letters count, each trigram once', () => {
    // Prepare / Act / Assess
    expect(trigramsOf('putin')).toEqual(['^pu', 'put', 'uti', 'tin', 'in$']);
    expect(trigramsOf('ab')).toEqual(['^ab', 'ab$']);
    expect(trigramsOf('aaaa')).toEqual(['^aa', 'aaa', 'aa$']);
  });
});

describe('createTokenWeigher', () => {
  it('weighs name words by rarity between 0.2 and 1, and other roles by their fixed weight', () => {
    // Prepare: 1,024 names; "rare" in 1 of them, "half" in 32 (2^5 times rarer than all), "common" in all
    const postings = new NamePostings();
    for (let id = 0; id < 1024; id += 1) {
      if (id === 0) postings.add('rare', id);
      if (id < 32) postings.add('half', id);
      postings.add('common', id);
    }
    postings.freeze();

    // Act
    const weigh = createTokenWeigher(postings, 1024);

    // Assess
    expect(weigh('rare', 'NAME')).toBe(1);
    expect(weigh('unknown', 'NAME')).toBe(1);
    expect(weigh('half', 'NAME')).toBeCloseTo(0.5, 10);
    expect(weigh('common', 'NAME')).toBe(0.2);
    expect(weigh('common', 'PARTICLE')).toBe(0.2);
    expect(weigh('rare', 'COMPANY_FORM')).toBe(0.1);
    expect(weigh('rare', 'NUMBER')).toBe(0.2);
  });
});

describe('indexKeysOf', () => {
  it('keys a name by its tokens and joined pairs, and by sounds and trigrams of its NAME words only', () => {
    // Prepare
    const name = normaliseName('Acme Trading Ltd', 'ORGANIZATION');

    // Act
    const keys = indexKeysOf(name);

    // Assess
    expect(keys.tokens).toEqual(['acme', 'acmetrading', 'trading', 'tradingltd', 'ltd', 'at']);
    expect(keys.phonetic).toEqual(['AKM', 'TRTNK']);
    expect(keys.trigrams).toContain('^ac');
    expect(keys.trigrams).toContain('ng$');
    expect(keys.trigrams).not.toContain('ltd');
    expect(keys.trigrams).not.toContain('^lt');
  });
});

describe('buildScreeningIndex', () => {
  it('indexes every name and alias with a token, in entity order', () => {
    // Prepare
    const entities = smallList();

    // Act
    const index = buildScreeningIndex(entities, 'test-v1');

    // Assess
    expect(index.listVersion).toBe('test-v1');
    expect(index.entities).toBe(entities);
    expect(index.names.map((name) => [name.entityIndex, name.name, name.strength])).toEqual([
      [0, 'PUTIN, Vladimir Vladimirovich', 'PRIMARY'],
      [0, 'Vladimir Putin', 'STRONG'],
      [1, 'Muammar Qaddafi', 'PRIMARY'],
      [1, 'Moammar Gadhafi', 'STRONG'],
      [2, 'Saif al-Islam Qaddafi', 'PRIMARY'],
      [3, 'Rosoboronexport JSC', 'PRIMARY'],
      [4, "People's Liberation Army", 'PRIMARY'],
      [5, 'Ibrahim Awwad Ibrahim al-Badri', 'PRIMARY'],
      [5, 'Abu Duaa', 'WEAK'],
      [6, 'Vladimir Star', 'PRIMARY'],
    ]);
    expect(index.names[0]?.normalised.tokens).toEqual(['vladimir', 'vladimirovich', 'putin']);
    expect(index.tokens.get('qaddafi')).toEqual(Int32Array.from([2, 4]));
    expect(index.tokens.get('vladimir')).toEqual(Int32Array.from([0, 1, 9]));
  });

  it('maps canonical identifiers of 4 or more characters to the first name of their entity', () => {
    // Prepare / Act
    const index = buildScreeningIndex(smallList(), 'test-v1');

    // Assess
    expect([...index.identifiers.entries()]).toEqual([
      ['PA123456', [0]],
      ['1177746126040', [5]],
    ]);
    expect(findNamesByIdentifier(index, ['pa-123 456', '123', 'ZZ99999', '1177746126040'])).toEqual([0, 5]);
  });

  it('weighs words by how many listed names hold them', () => {
    // Prepare / Act
    const index = buildScreeningIndex(smallList(), 'test-v1');

    // Assess: 10 names; "vladimir" in 3 of them (under the floor of 0.2), "rosoboronexport" in 1
    expect(index.weigh('vladimir', 'NAME')).toBe(0.2);
    expect(index.weigh('rosoboronexport', 'NAME')).toBeCloseTo(Math.log2(10) / 10, 10);
    expect(index.weigh('never-listed', 'NAME')).toBe(1);
  });
});
