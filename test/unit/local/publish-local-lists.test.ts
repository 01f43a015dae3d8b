import type { SanctionedEntity } from '../../../functions/screening/lists/sanctioned-entity';
import { decodeIndexArtifact, encodeIndexArtifact } from '../../../functions/screening/models/index-artifact';
import {
  LOCAL_SOURCE_LIST,
  localListsRequestSchema,
  publishLocalLists,
  type LocalListsRequest,
} from '../../../infra/local/publish-local-lists';
import { listedEntity } from '../screening/matching/screening-fixtures';
import {
  createInMemoryIndexArtifactStore,
  type InMemoryIndexArtifactStore,
} from '../support/in-memory-index-artifact-store';

const now = new Date('2026-12-04T10:00:00.000Z');
const listed: SanctionedEntity[] = [
  listedEntity('ofac-sdn:1', 'PERSON', [{ name: 'PUTIN, Vladimir', strength: 'PRIMARY' }], {
    sourceList: 'OFAC-SDN',
    listVersion: '2026-01-01',
  }),
  listedEntity('un:2', 'ORGANIZATION', [{ name: 'Rosoboronexport JSC', strength: 'PRIMARY' }], {
    sourceList: 'UN',
    listVersion: '2026-01-01',
  }),
  listedEntity('bis:3', 'PERSON', [{ name: 'Jane Exporter', strength: 'PRIMARY' }], {
    sourceList: 'BIS-DPL',
    listVersion: '2026-01-01',
  }),
];

/** A store whose artifact in service lists `entities` in version `listVersion`. */
async function storeWith(entities: SanctionedEntity[], listVersion: string): Promise<InMemoryIndexArtifactStore> {
  const store = createInMemoryIndexArtifactStore();
  const { body, manifest } = encodeIndexArtifact({ listVersion, entities }, '2026-12-01T00:00:00.000Z');
  await store.publish(body, manifest);
  return store;
}

/** The entities of the artifact in service. */
async function entitiesInService(store: InMemoryIndexArtifactStore): Promise<SanctionedEntity[]> {
  return decodeIndexArtifact(await store.readArtifact(store.current!.key)).snapshot.entities;
}

describe('publishLocalLists', () => {
  it('adds new entries from the LOCAL list, in a new version that every entity gets', async () => {
    // Prepare
    const store = await storeWith(listed, '2026-01-01');
    const previousKey = store.current!.key;
    const request: LocalListsRequest = {
      add: [
        {
          entityId: 'local:acme',
          name: 'Acme Arms Trading',
          type: 'ORGANIZATION',
          countries: ['RU'],
          programs: ['TEST'],
        },
        {
          entityId: 'local:jdoe',
          name: 'John Doe',
          type: 'PERSON',
          dateOfBirth: '1970-01-02',
          countries: [],
          programs: ['TEST', 'SDGT'],
        },
      ],
    };

    // Act
    const { published, added, replaced } = await publishLocalLists(store, request, now);

    // Assess
    const listVersion = `2026-01-01+local.${now.getTime()}`;
    expect({ added, replaced }).toEqual({ added: 2, replaced: 0 });
    expect(published).toEqual({
      format: 1,
      listVersion,
      builtAt: now.toISOString(),
      entityCount: 5,
      countsByList: { 'OFAC-SDN': 1, UN: 1, 'BIS-DPL': 1, LOCAL: 2 },
      key: store.current!.key,
    });
    expect(published.key).not.toBe(previousKey);
    const entities = await entitiesInService(store);
    expect(entities.map((entity) => entity.entityId)).toEqual([
      'ofac-sdn:1',
      'un:2',
      'bis:3',
      'local:acme',
      'local:jdoe',
    ]);
    expect(entities.every((entity) => entity.listVersion === listVersion)).toBe(true);
    expect(entities.slice(0, 3)).toEqual(listed.map((entity) => ({ ...entity, listVersion })));
    expect(entities.slice(3)).toEqual([
      {
        entityId: 'local:acme',
        type: 'ORGANIZATION',
        names: [{ name: 'Acme Arms Trading', strength: 'PRIMARY' }],
        datesOfBirth: [],
        countries: ['RU'],
        nationalities: [],
        identifiers: [],
        programs: ['TEST'],
        sourceList: LOCAL_SOURCE_LIST,
        listVersion,
      },
      {
        entityId: 'local:jdoe',
        type: 'PERSON',
        names: [{ name: 'John Doe', strength: 'PRIMARY' }],
        datesOfBirth: ['1970-01-02'],
        countries: [],
        nationalities: [],
        identifiers: [],
        programs: ['TEST', 'SDGT'],
        sourceList: 'LOCAL',
        listVersion,
      },
    ]);
  });

  it('replaces an entry whose entityId is already listed, in its place, and counts it as replaced', async () => {
    // Prepare
    const store = await storeWith(listed, '2026-01-01');

    // Act
    const { published, added, replaced } = await publishLocalLists(
      store,
      {
        add: [
          { entityId: 'un:2', name: 'Rosoboronexport', type: 'ORGANIZATION', countries: ['RU'], programs: ['NEW'] },
          { entityId: 'local:new', name: 'New Entity', type: 'VESSEL', countries: [], programs: ['TEST'] },
        ],
      },
      now,
    );

    // Assess
    expect({ added, replaced }).toEqual({ added: 1, replaced: 1 });
    expect(published.entityCount).toBe(4);
    expect(published.countsByList).toEqual({ 'OFAC-SDN': 1, 'BIS-DPL': 1, LOCAL: 2 });
    const entities = await entitiesInService(store);
    expect(entities.map((entity) => entity.entityId)).toEqual(['ofac-sdn:1', 'un:2', 'bis:3', 'local:new']);
    expect(entities[1]).toMatchObject({
      entityId: 'un:2',
      names: [{ name: 'Rosoboronexport', strength: 'PRIMARY' }],
      programs: ['NEW'],
      sourceList: 'LOCAL',
      listVersion: published.listVersion,
    });
  });

  it('keeps the last of two entries with one entityId in a request', async () => {
    // Prepare
    const store = await storeWith(listed, '2026-01-01');
    const entry = { entityId: 'local:twice', type: 'PERSON' as const, countries: [], programs: ['TEST'] };

    // Act
    const { published } = await publishLocalLists(
      store,
      {
        add: [
          { ...entry, name: 'First Name' },
          { ...entry, name: 'Second Name' },
        ],
      },
      now,
    );

    // Assess
    expect(published.entityCount).toBe(4);
    const entities = await entitiesInService(store);
    expect(entities.filter((entity) => entity.entityId === 'local:twice')).toEqual([
      expect.objectContaining({ names: [{ name: 'Second Name', strength: 'PRIMARY' }] }),
    ]);
  });

  it('leaves the artifact it extends as it was', async () => {
    // Prepare
    const store = await storeWith(listed, '2026-01-01');
    const previousKey = store.current!.key;

    // Act
    await publishLocalLists(
      store,
      { add: [{ entityId: 'ofac-sdn:1', name: 'Changed', type: 'PERSON', countries: [], programs: ['X'] }] },
      now,
    );

    // Assess
    const previous = decodeIndexArtifact(await store.readArtifact(previousKey)).snapshot;
    expect(previous).toEqual({ listVersion: '2026-01-01', entities: listed });
  });

  it('extends the version a local publication extended, not the local version itself', async () => {
    // Prepare
    const store = await storeWith(listed, '2026-01-01');
    const entry = { entityId: 'local:a', name: 'Alpha', type: 'PERSON' as const, countries: [], programs: ['T'] };
    const later = new Date(now.getTime() + 60_000);

    // Act
    const first = await publishLocalLists(store, { add: [entry] }, now);
    const second = await publishLocalLists(store, { add: [{ ...entry, entityId: 'local:b' }] }, later);

    // Assess
    expect(first.published.listVersion).toBe(`2026-01-01+local.${now.getTime()}`);
    expect(second.published.listVersion).toBe(`2026-01-01+local.${later.getTime()}`);
    expect((await entitiesInService(store)).map((entity) => entity.entityId)).toEqual([
      'ofac-sdn:1',
      'un:2',
      'bis:3',
      'local:a',
      'local:b',
    ]);
  });

  it("keeps every list's own version in the new one (a version joins them with +)", async () => {
    // Prepare
    const store = await storeWith(listed, 'ofac-sdn@2024-05+un@2026-02-27+bis-dpl@2022-09');
    const request: LocalListsRequest = {
      add: [{ entityId: 'local:x', name: 'Xavier Example', type: 'PERSON', countries: [], programs: ['TEST'] }],
    };

    // Act
    const first = await publishLocalLists(store, request, now);
    const second = await publishLocalLists(store, request, new Date(now.getTime() + 1000));

    // Assess
    expect(first.published.listVersion).toBe(`ofac-sdn@2024-05+un@2026-02-27+bis-dpl@2022-09+local.${now.getTime()}`);
    expect(second.published.listVersion).toBe(
      `ofac-sdn@2024-05+un@2026-02-27+bis-dpl@2022-09+local.${now.getTime() + 1000}`,
    );
  });

  it('refuses when nothing was ever published', async () => {
    // Prepare
    const store = createInMemoryIndexArtifactStore();

    // Act
    const publishing = publishLocalLists(
      store,
      { add: [{ entityId: 'local:a', name: 'Alpha', type: 'PERSON', countries: [], programs: ['T'] }] },
      now,
    );

    // Assess
    await expect(publishing).rejects.toThrow('no screening index has been published yet');
    expect(store.artifacts.size).toBe(0);
  });
});

describe('localListsRequestSchema', () => {
  const entry = { entityId: 'local:acme', name: 'Acme Arms', type: 'ORGANIZATION', programs: ['TEST'] };

  it('takes a valid request, with no countries by default', () => {
    // Act
    const parsed = localListsRequestSchema.safeParse({ add: [entry, { ...entry, dateOfBirth: '1970' }] });

    // Assess
    expect(parsed.success).toBe(true);
    expect(parsed.data?.add[0]).toEqual({ ...entry, countries: [] });
    expect(parsed.data?.add[1]?.dateOfBirth).toBe('1970');
  });

  it.each<[string, unknown, string]>([
    ['a date of birth not YYYY-MM-DD or YYYY', { add: [{ ...entry, dateOfBirth: '02/01/1970' }] }, 'add.0.dateOfBirth'],
    ['a date of birth with a one-digit month', { add: [{ ...entry, dateOfBirth: '1970-1-02' }] }, 'add.0.dateOfBirth'],
    ['no program', { add: [{ ...entry, programs: [] }] }, 'add.0.programs'],
    ['an unknown type', { add: [{ ...entry, type: 'SHIP' }] }, 'add.0.type'],
    ['an extra field in an entry', { add: [{ ...entry, aliases: ['Acme'] }] }, 'add.0'],
    ['an extra field in the body', { add: [entry], remove: ['x'] }, ''],
    ['an empty name', { add: [{ ...entry, name: '   ' }] }, 'add.0.name'],
    ['a country not in alpha-2', { add: [{ ...entry, countries: ['Russia'] }] }, 'add.0.countries.0'],
    ['an entity id with a space', { add: [{ ...entry, entityId: 'local acme' }] }, 'add.0.entityId'],
    ['no entry', { add: [] }, 'add'],
  ])('refuses %s', (_case, body, path) => {
    // Act
    const parsed = localListsRequestSchema.safeParse(body);

    // Assess
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual([path]);
  });
});
