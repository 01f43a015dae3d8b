import fc from 'fast-check';
import type { SanctionedEntity } from '../../../../functions/screening/lists/sanctioned-entity';
import { computeListDelta, entityContentHash } from '../../../../functions/screening/models/list-delta';
import { listedEntity } from '../matching/screening-fixtures';

const putin = listedEntity('test:putin', 'PERSON', [{ name: 'PUTIN, Vladimir Vladimirovich', strength: 'PRIMARY' }], {
  datesOfBirth: ['1952-10-07'],
  programs: ['RUSSIA-EO14024'],
  listVersion: '2026-01-01',
});
const rosoboron = listedEntity('test:roso', 'ORGANIZATION', [{ name: 'Rosoboronexport JSC', strength: 'PRIMARY' }], {
  listVersion: '2026-01-01',
});
const vessel = listedEntity('test:vessel', 'VESSEL', [{ name: 'Vladimir Star', strength: 'PRIMARY' }], {
  listVersion: '2026-01-01',
});

describe('entityContentHash', () => {
  it('gives the same hash to an entity listed alike in another version', () => {
    // Prepare
    const republished: SanctionedEntity = { ...putin, listVersion: '2026-02-01' };

    // Act
    const before = entityContentHash(putin);
    const after = entityContentHash(republished);

    // Assess
    expect(after).toBe(before);
    expect(before).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it.each<[string, Partial<SanctionedEntity>]>([
    ['a new alias', { names: [...putin.names, { name: 'Vladimir Putin', strength: 'STRONG' }] }],
    ['a renamed primary name', { names: [{ name: 'PUTIN, Vladimir', strength: 'PRIMARY' }] }],
    ['a weaker alias', { names: [{ name: 'PUTIN, Vladimir Vladimirovich', strength: 'WEAK' }] }],
    ['a new date of birth', { datesOfBirth: ['1952-10-07', '1952'] }],
    ['another date of birth', { datesOfBirth: ['1952-10-08'] }],
    ['a new program', { programs: ['RUSSIA-EO14024', 'UKRAINE-EO13660'] }],
    ['another program', { programs: ['UKRAINE-EO13660'] }],
    ['a new country', { countries: ['RU'] }],
    ['a new identifier', { identifiers: [{ kind: 'PASSPORT', value: 'PA 123-456' }] }],
  ])('changes with %s', (_change, overrides) => {
    // Prepare
    const changed: SanctionedEntity = { ...putin, ...overrides };

    // Act
    const hash = entityContentHash(changed);

    // Assess
    expect(hash).not.toBe(entityContentHash(putin));
  });

  it('ignores listVersion for any entity, and changes with any name, date or program (property)', () => {
    // Prepare
    const entities = entityArb('e');
    const versions = fc.string({ minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(entities, versions, fc.string({ minLength: 1, maxLength: 12 }), (entity, version, extra) => {
        // Act
        const hash = entityContentHash(entity);
        const republished = entityContentHash({ ...entity, listVersion: version });
        const withAlias = entityContentHash({
          ...entity,
          names: [...entity.names, { name: extra, strength: 'STRONG' }],
        });
        const withDate = entityContentHash({ ...entity, datesOfBirth: [...entity.datesOfBirth, extra] });
        const withProgram = entityContentHash({ ...entity, programs: [...entity.programs, extra] });

        // Assess
        expect(republished).toBe(hash);
        expect(new Set([hash, withAlias, withDate, withProgram]).size).toBe(4);
      }),
      { numRuns: 200 },
    );
  });
});

describe('computeListDelta', () => {
  it('reports an added entity as ADDED, with its index in the current list and its hash', () => {
    // Prepare
    const previous = [putin, rosoboron];
    const current = [putin, vessel, rosoboron];

    // Act
    const delta = computeListDelta(previous, current);

    // Assess
    expect(delta).toEqual({
      changed: [{ entityIndex: 1, entryHash: entityContentHash(vessel), kind: 'ADDED' }],
      added: 1,
      modified: 0,
      removed: 0,
    });
  });

  it('reports an entity whose content changed as CHANGED, with its new hash', () => {
    // Prepare
    const aliased: SanctionedEntity = {
      ...rosoboron,
      names: [...rosoboron.names, { name: 'Rosoboron', strength: 'STRONG' }],
    };

    // Act
    const delta = computeListDelta([putin, rosoboron], [aliased, putin]);

    // Assess
    expect(delta).toEqual({
      changed: [{ entityIndex: 0, entryHash: entityContentHash(aliased), kind: 'CHANGED' }],
      added: 0,
      modified: 1,
      removed: 0,
    });
    expect(delta.changed[0]!.entryHash).not.toBe(entityContentHash(rosoboron));
  });

  it('counts removed entities and leaves out those listed alike, whatever their version', () => {
    // Prepare
    const republished = [{ ...putin, listVersion: '2026-02-01' }];

    // Act
    const delta = computeListDelta([putin, rosoboron, vessel], republished);

    // Assess
    expect(delta).toEqual({ changed: [], added: 0, modified: 0, removed: 2 });
  });

  it('reports every entity of a first list as added, and nothing for two empty lists', () => {
    // Act
    const first = computeListDelta([], [putin, rosoboron]);
    const none = computeListDelta([], []);

    // Assess
    expect(first.changed.map(({ entityIndex, kind }) => [entityIndex, kind])).toEqual([
      [0, 'ADDED'],
      [1, 'ADDED'],
    ]);
    expect(first).toMatchObject({ added: 2, modified: 0, removed: 0 });
    expect(none).toEqual({ changed: [], added: 0, modified: 0, removed: 0 });
  });

  it('puts in `changed` exactly the entities that are new or whose hash changed (property)', () => {
    // Prepare: two versions drawn from one pool of ids, so entities are kept, changed, added and removed
    const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
    const version = (listVersion: string) =>
      fc
        .uniqueArray(fc.tuple(ids, entityArb(listVersion)), { selector: ([id]) => id, maxLength: 8 })
        .map((pairs) => pairs.map(([id, entity]) => ({ ...entity, entityId: `test:${id}` })));
    // entities kept alike from the previous version, so unchanged ones are common
    const versions = fc
      .tuple(version('v1'), version('v2'), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }))
      .map(([previous, fresh, keep]) => {
        const freshIds = new Set(fresh.map((entity) => entity.entityId));
        const kept = previous
          .filter((entity, index) => keep[index] && !freshIds.has(entity.entityId))
          .map((entity) => ({ ...entity, listVersion: 'v2' }));
        return { previous, current: [...fresh, ...kept] };
      });

    fc.assert(
      fc.property(versions, ({ previous, current }) => {
        // Act
        const delta = computeListDelta(previous, current);

        // Assess
        const before = new Map(previous.map((entity) => [entity.entityId, entityContentHash(entity)]));
        const changedIndexes = new Set(delta.changed.map((change) => change.entityIndex));
        expect(changedIndexes.size).toBe(delta.changed.length);
        for (const change of delta.changed) {
          const entity = current[change.entityIndex]!;
          expect(change.entryHash).toBe(entityContentHash(entity));
          const previousHash = before.get(entity.entityId);
          expect(previousHash).not.toBe(change.entryHash);
          expect(change.kind).toBe(previousHash === undefined ? 'ADDED' : 'CHANGED');
        }
        current.forEach((entity, index) => {
          if (changedIndexes.has(index)) return;
          expect(before.get(entity.entityId)).toBe(entityContentHash(entity));
        });
        const currentIds = new Set(current.map((entity) => entity.entityId));
        expect(delta.added).toBe(delta.changed.filter((change) => change.kind === 'ADDED').length);
        expect(delta.modified).toBe(delta.changed.length - delta.added);
        expect(delta.removed).toBe(previous.filter((entity) => !currentIds.has(entity.entityId)).length);
      }),
      { numRuns: 300 },
    );
  });
});

/** Any listed entity of a few small features, published in `listVersion`. */
function entityArb(listVersion: string): fc.Arbitrary<SanctionedEntity> {
  const word = fc.constantFrom('Ali', 'Hassan', 'Putin', 'Star', 'Trading', 'Petrov', 'Kim');
  return fc
    .record({
      type: fc.constantFrom('PERSON' as const, 'ORGANIZATION' as const),
      names: fc.array(
        fc.record({
          name: fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(' ')),
          strength: fc.constantFrom('PRIMARY' as const, 'STRONG' as const, 'WEAK' as const),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      datesOfBirth: fc.array(fc.constantFrom('1960', '1970-01-02', '1980-12-31'), { maxLength: 2 }),
      programs: fc.array(fc.constantFrom('SDGT', 'IRAN', 'RUSSIA-EO14024'), { minLength: 1, maxLength: 2 }),
    })
    .map((features) => listedEntity('test:x', features.type, features.names, { ...features, listVersion }));
}
