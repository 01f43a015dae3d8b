import type { MonitoringHit } from '../../../../functions/kernel/screening/monitoring-hit';
import type { ScreeningHit, ScreeningQuery } from '../../../../functions/kernel/screening/screening-query';
import type { SanctionedEntity } from '../../../../functions/screening/lists/sanctioned-entity';
import { loadListSnapshot } from '../../../../functions/screening/lists/load-list-snapshot';
import {
  buildMonitoredNameIndex,
  screenEntitiesAgainstMonitoredNames,
  type ChangedEntity,
  type MonitoredNameIndex,
  type ReverseScreeningOptions,
} from '../../../../functions/screening/matching/screen-list-changes';
import {
  buildScreeningIndex,
  namesOfEntity,
  type ScreeningIndex,
} from '../../../../functions/screening/matching/screening-index';
import {
  scoreListedNames,
  searchScreeningIndex,
} from '../../../../functions/screening/matching/search-screening-index';
import { normaliseName } from '../../../../functions/kernel/names/normalise-name';
import type { MonitoredName, MonitoredParty } from '../../../../functions/screening/models/monitored-party';
import { listedEntity, smallList } from './screening-fixtures';

const OPTIONS: ReverseScreeningOptions = { threshold: 0.7, candidateLimit: 200 };

/** A small deterministic generator (mulberry32), so the sample of the lists is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The name with one letter of its longest word replaced: a typo. */
function withTypo(name: string): string {
  const words = name.split(' ');
  const longest = words.reduce((best, word, index) => (word.length > words[best]!.length ? index : best), 0);
  const word = words[longest]!;
  const at = Math.floor(word.length / 2);
  const replacement = word[at]?.toLowerCase() === 'e' ? 'a' : 'e';
  words[longest] = word.slice(0, at) + replacement + word.slice(at + 1);
  return words.join(' ');
}

/** The name's words, the first moved last ("PUTIN, Vladimir" → "Vladimir PUTIN"). */
function reordered(name: string): string {
  const words = name.replace(/,/g, '').split(/\s+/);
  return [...words.slice(1), words[0]].join(' ');
}

/** How a monitored name was made, for the assertions. */
interface Provenance {
  partyId: string;
  partyRef: string;
  kind: 'EXACT' | 'EXACT_WITH_DOB' | 'TYPO' | 'REORDERED' | 'UNCHANGED_ENTITY' | 'UNRELATED' | 'HARD_CASE';
  /** The listed entity the name was copied from. */
  entityId?: string;
}

/**
 * Names that resemble a listed entity other than the one they are copied from, with that entity: a common
 * name whose search fills its candidates with closer names, and a name whose best match is a weak alias.
 */
const HARD_CASES: { query: ScreeningQuery; entityId: string }[] = [
  { query: { name: 'SAEED, Muhammad', type: 'PERSON' }, entityId: 'ofac-sdn:11740' },
  { query: { name: 'Mohamad Rafi UDIN', type: 'PERSON' }, entityId: 'un:6908720' },
];

const UNRELATED_NAMES = [
  'Quorvath Zelmindrake',
  'Brellowick Ustanmoor',
  'Yxandra Polvenquist',
  'Threnody Marblewick Holdings',
  'Oskivarr Plumbottle',
  'Zantholoquy Industries',
  'Wexley Crumplehorn',
  'Gastrovian Quillfeather',
];

describe('screenEntitiesAgainstMonitoredNames on the shipped lists', () => {
  // Loading the four lists and indexing ~25,000 names takes about 3 s: done once for every test here.
  let lists: ScreeningIndex;
  let changed: ChangedEntity[];
  let changedIds: Set<string>;
  let provenance: Provenance[];
  let parties: MonitoredParty[];
  let monitored: MonitoredNameIndex;
  let hits: MonitoringHit[];
  let unchangedSources: number[];

  beforeAll(() => {
    const snapshot = loadListSnapshot();
    lists = buildScreeningIndex(snapshot.entities, snapshot.listVersion);
    const random = seededRandom(20261204);
    const usable = (entity: SanctionedEntity) =>
      (entity.type === 'PERSON' || entity.type === 'ORGANIZATION') &&
      (entity.names[0]?.name.split(/\s+/).length ?? 0) >= 2;
    // a sample of the lists: persons with a date of birth, other persons and organisations
    const pick = (count: number, wanted: (entity: SanctionedEntity) => boolean, taken: Set<number>) => {
      const picked: number[] = [];
      while (picked.length < count) {
        const index = Math.floor(random() * snapshot.entities.length);
        const entity = snapshot.entities[index]!;
        if (taken.has(index) || !usable(entity) || !wanted(entity)) continue;
        taken.add(index);
        picked.push(index);
      }
      return picked;
    };
    const taken = new Set<number>();
    const withDob = pick(12, (entity) => entity.type === 'PERSON' && entity.datesOfBirth.length > 0, taken);
    const others = pick(36, () => true, taken);
    // changed entities no monitored name was copied from
    const silent = pick(12, () => true, taken);
    unchangedSources = pick(20, () => true, taken);

    const names: { partyId: string; name: MonitoredName; provenance: Provenance }[] = [];
    const add = (
      partyId: string,
      partyRef: string,
      query: ScreeningQuery,
      kind: Provenance['kind'],
      entityId?: string,
    ) =>
      names.push({
        partyId,
        name: { partyRef, role: query.type === 'ORGANIZATION' ? 'COMPANY' : 'DIRECTOR', query },
        provenance: { partyId, partyRef, kind, ...(entityId ? { entityId } : {}) },
      });
    withDob.forEach((index, n) => {
      const entity = snapshot.entities[index]!;
      const query = { name: entity.names[0]!.name, type: entity.type, dateOfBirth: entity.datesOfBirth[0] };
      add(`party_dob_${n}`, 'applicant', query, 'EXACT_WITH_DOB', entity.entityId);
    });
    others.forEach((index, n) => {
      const entity = snapshot.entities[index]!;
      const primary = entity.names[0]!.name;
      // two names a party: its own and a director's, of three kinds in turn
      const partyId = `party_listed_${Math.floor(n / 2)}`;
      const partyRef = n % 2 === 0 ? 'applicant' : 'representatives/0';
      if (n % 3 === 0) add(partyId, partyRef, { name: primary, type: entity.type }, 'EXACT', entity.entityId);
      if (n % 3 === 1) add(partyId, partyRef, { name: withTypo(primary), type: entity.type }, 'TYPO', entity.entityId);
      if (n % 3 === 2) {
        add(partyId, partyRef, { name: reordered(primary), type: entity.type }, 'REORDERED', entity.entityId);
      }
    });
    unchangedSources.forEach((index, n) => {
      const entity = snapshot.entities[index]!;
      add(`party_unchanged_${n}`, 'applicant', { name: entity.names[0]!.name, type: entity.type }, 'UNCHANGED_ENTITY');
    });
    UNRELATED_NAMES.forEach((name, n) => add(`party_unrelated_${n}`, 'applicant', { name }, 'UNRELATED'));
    const hardCases = HARD_CASES.map(({ query, entityId }, n) => {
      add(`party_hard_${n}`, 'applicant', query, 'HARD_CASE', entityId);
      return snapshot.entities.findIndex((entity) => entity.entityId === entityId);
    });

    const byParty = new Map<string, MonitoredParty>();
    for (const { partyId, name } of names) {
      const party = byParty.get(partyId) ?? { partyId, names: [], reasons: ['APPROVED'], updatedAt: '2026-12-04' };
      party.names.push(name);
      byParty.set(partyId, party);
    }
    parties = [...byParty.values()];
    provenance = names.map((entry) => entry.provenance);
    monitored = buildMonitoredNameIndex(parties);
    changed = [...withDob, ...others, ...silent, ...hardCases].map((entityIndex) => ({
      entityIndex,
      entryHash: `hash-${entityIndex}`,
    }));
    changedIds = new Set(changed.map(({ entityIndex }) => snapshot.entities[entityIndex]!.entityId));

    hits = screenEntitiesAgainstMonitoredNames(lists, monitored, changed, OPTIONS);
  }, 30_000);

  const queryOf = (hit: MonitoringHit): ScreeningQuery =>
    parties.find((party) => party.partyId === hit.partyId)!.names.find((name) => name.partyRef === hit.partyRef)!.query;
  const comparable = (hit: ScreeningHit | undefined) =>
    hit && { score: hit.score, matchedName: hit.matchedName, explanation: hit.explanation };

  it('indexes every monitored name with its party', () => {
    // Assess
    expect(monitored.names).toHaveLength(provenance.length);
    expect(monitored.names.map(({ partyId, name }) => [partyId, name.partyRef])).toEqual(
      provenance.map(({ partyId, partyRef }) => [partyId, partyRef]),
    );
  });

  it('(a) gives every hit the score, matched name and explanation the matcher gives that name and entity', () => {
    // Prepare
    expect(hits.length).toBeGreaterThan(40);

    // Act: the matcher's verdict on the pair is what a search gives once the entity is among its candidates
    // (scoreListedNames over the entity's names); a hit with another score or name is a mismatch
    const mismatches = hits
      .map((hit) => {
        const query = queryOf(hit);
        const entityIndex = lists.entities.findIndex((entity) => entity.entityId === hit.hit.entityId);
        const [pair] = scoreListedNames(
          lists,
          query,
          normaliseName(query.name, query.type),
          namesOfEntity(lists, entityIndex),
          { threshold: 0.7, limit: 1 },
        );
        return { name: hit.name, entityId: hit.hit.entityId, reverse: comparable(hit.hit), pair: comparable(pair) };
      })
      .filter(({ reverse, pair }) => JSON.stringify(reverse) !== JSON.stringify(pair));

    // Assess
    expect(mismatches).toEqual([]);
  });

  it('(a2) agrees with a search wherever the search returns the entity, and finds every changed entity a search finds', () => {
    // Act: for every monitored name, what a search returns among the changed entities, against the hits
    const disagreements: unknown[] = [];
    const missed: unknown[] = [];
    for (const party of parties) {
      for (const name of party.names) {
        const search = searchScreeningIndex(lists, name.query, { threshold: 0.7, limit: 10 });
        for (const forward of search.hits.filter((candidate) => changedIds.has(candidate.entityId))) {
          const reverse = hits.find(
            (hit) =>
              hit.partyId === party.partyId && hit.partyRef === name.partyRef && hit.hit.entityId === forward.entityId,
          );
          if (!reverse) missed.push({ name: name.query.name, entityId: forward.entityId });
          else if (JSON.stringify(comparable(reverse.hit)) !== JSON.stringify(comparable(forward))) {
            disagreements.push({
              name: name.query.name,
              reverse: comparable(reverse.hit),
              forward: comparable(forward),
            });
          }
        }
      }
    }

    // Assess: monitoring never misses what a search would find, and never tells it differently
    expect(missed).toEqual([]);
    expect(disagreements).toEqual([]);
  });

  it('(a3) finds pairs a search cuts off: a name whose search candidates are filled by commoner names', () => {
    // Prepare: "SAEED, Muhammad" resembles SA\'ID, Mohamed, but a search scores only its 40 strongest candidates
    const hard = hits.filter((hit) => hit.partyId === 'party_hard_0' && hit.hit.entityId === 'ofac-sdn:11740');
    const search = searchScreeningIndex(lists, HARD_CASES[0]!.query, { threshold: 0.7, limit: 10 });

    // Assess
    expect(hard).toHaveLength(1);
    expect(hard[0]!.hit.score).toBeGreaterThanOrEqual(0.7);
    expect(search.hits.map((hit) => hit.entityId)).not.toContain('ofac-sdn:11740');
  });

  it('carries the party, its name and the entry hash of the entity screened on every hit', () => {
    // Assess
    const hashById = new Map(changed.map((change) => [lists.entities[change.entityIndex]!.entityId, change.entryHash]));
    for (const hit of hits) {
      const query = queryOf(hit);
      expect(hit.name).toBe(query.name);
      expect(hit.entryHash).toBe(hashById.get(hit.hit.entityId));
      expect(hit.role).toBe(query.type === 'ORGANIZATION' ? 'COMPANY' : 'DIRECTOR');
    }
  });

  it('(b) finds every exact copy of a changed entity’s primary name, with its type', () => {
    // Prepare
    const exact = provenance.filter(({ kind }) => kind === 'EXACT' || kind === 'EXACT_WITH_DOB');
    expect(exact.length).toBeGreaterThanOrEqual(20);

    // Act
    const missed = exact.filter(
      ({ partyId, partyRef, entityId }) =>
        !hits.some((hit) => hit.partyId === partyId && hit.partyRef === partyRef && hit.hit.entityId === entityId),
    );

    // Assess
    expect(missed).toEqual([]);
  });

  it('finds most typos and reordered words of a changed entity’s name too', () => {
    // Prepare
    const variants = provenance.filter(({ kind }) => kind === 'TYPO' || kind === 'REORDERED');

    // Act
    const found = variants.filter(({ partyId, partyRef, entityId }) =>
      hits.some((hit) => hit.partyId === partyId && hit.partyRef === partyRef && hit.hit.entityId === entityId),
    );

    // Assess
    expect(found.length).toBeGreaterThanOrEqual(Math.ceil(variants.length * 0.8));
  });

  it('(c) raises no hit for names unrelated to the changed entities', () => {
    // Prepare
    const unrelated = new Set(provenance.filter(({ kind }) => kind === 'UNRELATED').map(({ partyId }) => partyId));

    // Act
    const theirs = hits.filter((hit) => unrelated.has(hit.partyId));

    // Assess
    expect(unrelated.size).toBe(UNRELATED_NAMES.length);
    expect(theirs).toEqual([]);
  });

  it('(d) never hits an entity that is not among the changed ones', () => {
    // Act
    const outside = hits.filter((hit) => !changedIds.has(hit.hit.entityId));

    // Assess
    expect(outside).toEqual([]);
  });

  it('(d) hits the entities the unchanged names were copied from once they are screened', () => {
    // Prepare: the control for (d): the same names do hit their entities when those are in the delta
    const sources = unchangedSources.map((entityIndex) => ({ entityIndex, entryHash: `hash-${entityIndex}` }));

    // Act
    const control = screenEntitiesAgainstMonitoredNames(lists, monitored, sources, OPTIONS);

    // Assess
    const hitParties = new Set(control.map((hit) => hit.partyId));
    const copied = provenance.filter(({ kind }) => kind === 'UNCHANGED_ENTITY');
    expect(copied.filter(({ partyId }) => !hitParties.has(partyId))).toEqual([]);
  });

  it('screens nothing when no entity changed', () => {
    // Act
    const none = screenEntitiesAgainstMonitoredNames(lists, monitored, [], OPTIONS);

    // Assess
    expect(none).toEqual([]);
  });
});

describe('screenEntitiesAgainstMonitoredNames on a small list', () => {
  const entities = [
    ...smallList(),
    listedEntity('test:acme', 'ORGANIZATION', [{ name: 'Acme Arms Trading', strength: 'PRIMARY' }], {
      identifiers: [{ kind: 'REGISTRATION', value: 'REG-7788991' }],
    }),
  ];
  const lists = buildScreeningIndex(entities, 'test-v1');
  const indexOf = (entityId: string) => entities.findIndex((entity) => entity.entityId === entityId);
  const party = (partyId: string, ...names: MonitoredName[]): MonitoredParty => ({
    partyId,
    names,
    reasons: ['APPROVED'],
    updatedAt: '2026-12-04',
  });

  it('skips a name of another type than the entity', () => {
    // Prepare
    const monitored = buildMonitoredNameIndex([
      party('party_org', {
        partyRef: 'applicant',
        role: 'COMPANY',
        query: { name: 'Vladimir Putin', type: 'ORGANIZATION' },
      }),
      party('party_person', {
        partyRef: 'applicant',
        role: 'INDIVIDUAL',
        query: { name: 'Vladimir Putin', type: 'PERSON' },
      }),
    ]);

    // Act
    const hits = screenEntitiesAgainstMonitoredNames(
      lists,
      monitored,
      [{ entityIndex: indexOf('test:putin'), entryHash: 'h-putin' }],
      OPTIONS,
    );

    // Assess
    expect(hits.map((hit) => [hit.partyId, hit.hit.entityId, hit.hit.score])).toEqual([
      ['party_person', 'test:putin', 1],
    ]);
  });

  it('finds a name through a shared identifier alone, scored 1 as a search scores it', () => {
    // Prepare
    const query = { name: 'Zenith Holdings', identifiers: ['reg 7788991'] };
    const monitored = buildMonitoredNameIndex([party('party_id', { partyRef: 'applicant', role: 'COMPANY', query })]);

    // Act
    const hits = screenEntitiesAgainstMonitoredNames(
      lists,
      monitored,
      [{ entityIndex: indexOf('test:acme'), entryHash: 'h-acme' }],
      OPTIONS,
    );

    // Assess
    const forward = searchScreeningIndex(lists, query, { threshold: 0.7, limit: 10 }).hits;
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      partyId: 'party_id',
      entryHash: 'h-acme',
      hit: { entityId: 'test:acme', score: 1 },
    });
    expect(hits[0]!.hit).toEqual(forward.find((hit) => hit.entityId === 'test:acme'));
  });

  it('gives one hit per monitored name and entity, on the entity’s best name', () => {
    // Prepare: both listed names of Qaddafi resemble the monitored name
    const query = { name: 'Muammar Gaddafi', type: 'PERSON' as const };
    const monitored = buildMonitoredNameIndex([party('party_q', { partyRef: 'applicant', role: 'INDIVIDUAL', query })]);

    // Act
    const hits = screenEntitiesAgainstMonitoredNames(
      lists,
      monitored,
      [{ entityIndex: indexOf('test:qaddafi'), entryHash: 'h-q' }],
      OPTIONS,
    );

    // Assess
    const forward = searchScreeningIndex(lists, query, { threshold: 0.7, limit: 10 }).hits;
    expect(hits).toHaveLength(1);
    expect(hits[0]!.hit).toEqual(forward.find((hit) => hit.entityId === 'test:qaddafi'));
  });
});
