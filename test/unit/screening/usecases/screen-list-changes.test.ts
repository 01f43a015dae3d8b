import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type {
  MonitoringHit,
  MonitoringRun,
  RaiseScreeningAlerts,
} from '../../../../functions/kernel/screening/monitoring-hit';
import type { SanctionedEntity } from '../../../../functions/screening/lists/sanctioned-entity';
import { describeMatcherVersion } from '../../../../functions/screening/matching/screening-settings';
import { encodeIndexArtifact } from '../../../../functions/screening/models/index-artifact';
import { entityContentHash } from '../../../../functions/screening/models/list-delta';
import type { MonitoredParty } from '../../../../functions/screening/models/monitored-party';
import {
  monitoredShardOf,
  monitoredShards,
  type MonitoredPartyStore,
} from '../../../../functions/screening/repositories/monitored-party-repository';
import type {
  MonitoringState,
  MonitoringStateStore,
} from '../../../../functions/screening/repositories/monitoring-state-store';
import {
  screenListChanges,
  type ScreenListChangesDeps,
} from '../../../../functions/screening/usecases/screen-list-changes';
import { createInMemoryIndexArtifactStore } from '../../support/in-memory-index-artifact-store';
import { listedEntity, smallList } from '../matching/screening-fixtures';

const THRESHOLD = 0.7;
const now = new Date('2026-12-04T10:00:00.000Z');

const monitoredParties: MonitoredParty[] = [
  {
    partyId: 'party_acme',
    names: [
      { partyRef: 'applicant', role: 'COMPANY', query: { name: 'Acme Arms Trading', type: 'ORGANIZATION' } },
      { partyRef: 'representatives/0', role: 'DIRECTOR', query: { name: 'Jane Smithson', type: 'PERSON' } },
    ],
    reasons: ['APPROVED'],
    caseId: 'case_1',
    updatedAt: '2026-12-01T00:00:00.000Z',
  },
  {
    partyId: 'party_b', // in party_acme's shard (14), which is read in two pages
    names: [{ partyRef: 'applicant', role: 'INDIVIDUAL', query: { name: 'Peter Quillfeather', type: 'PERSON' } }],
    reasons: ['OPEN_ORDERS'],
    updatedAt: '2026-12-01T00:00:00.000Z',
  },
];

const acme = listedEntity('local:acme', 'ORGANIZATION', [{ name: 'Acme Arms Trading', strength: 'PRIMARY' }], {
  programs: ['RUSSIA-EO14024'],
  sourceList: 'LOCAL',
});

/** A monitored-party table: answers each shard's Query from `parties`, the first shard in two pages. */
function fakeMonitoredStore(parties: MonitoredParty[]) {
  const queried: string[] = [];
  const send = async (command: unknown) => {
    if (!(command instanceof QueryCommand)) throw new Error('unexpected command');
    const pk = String(command.input.ExpressionAttributeValues?.[':pk']);
    queried.push(pk);
    const items = parties
      .filter((party) => `MONITORED#${monitoredShardOf(party.partyId)}` === pk)
      .map((party) => ({ ...party }));
    if (items.length < 2) return { Items: items };
    // page after page, as a large shard answers
    if (command.input.ExclusiveStartKey === undefined) {
      return { Items: items.slice(0, 1), LastEvaluatedKey: { pk, sk: `PARTY#${items[0]!.partyId}` } };
    }
    return { Items: items.slice(1) };
  };
  const store: MonitoredPartyStore = { db: { send } as unknown as DynamoDBDocumentClient, tableName: 'table' };
  return { store, queried };
}

/** A monitoring state in memory, recording what was written. */
function inMemoryState(initial?: MonitoringState) {
  const writes: MonitoringState[] = [];
  let state = initial;
  const store: MonitoringStateStore = {
    read: async () => state,
    write: async (next) => {
      writes.push(next);
      state = next;
    },
  };
  return { store, writes, current: () => state };
}

/** Everything screenListChanges needs, with a store holding `versions` published in turn. */
async function setUp(options: {
  versions: { listVersion: string; entities: SanctionedEntity[] }[];
  state?: (keys: string[]) => MonitoringState | undefined;
  raiseAlerts?: RaiseScreeningAlerts;
}) {
  const artifacts = createInMemoryIndexArtifactStore();
  const keys: string[] = [];
  for (const [index, version] of options.versions.entries()) {
    const { body, manifest } = encodeIndexArtifact(version, `2026-12-0${index + 1}T00:00:00.000Z`);
    keys.push((await artifacts.publish(body, manifest)).key);
  }
  const state = inMemoryState(options.state?.(keys));
  const monitored = fakeMonitoredStore(monitoredParties);
  const raised: { run: MonitoringRun; hits: readonly MonitoringHit[] }[] = [];
  const rescreens: string[] = [];
  const deps: ScreenListChangesDeps = {
    artifacts,
    state: state.store,
    monitored: monitored.store,
    raiseAlerts:
      options.raiseAlerts ??
      (async (run, hits) => {
        raised.push({ run, hits });
        return { opened: hits.length, suppressed: 0 };
      }),
    startFullRescreen: async (reason) => {
      rescreens.push(reason);
      return { executionArn: 'arn:aws:states:us-east-1:000000000000:execution:rescreen:1' };
    },
    threshold: THRESHOLD,
    now: () => now,
  };
  return { deps, keys, state, monitored, raised, rescreens };
}

/** The state of a run that screened the artifact `key` of `listVersion` with today's matcher. */
function screened(key: string, listVersion: string, matcherVersion = describeMatcherVersion(THRESHOLD)) {
  return { screenedArtifactKey: key, listVersion, matcherVersion, screenedAt: '2026-12-01T00:00:00.000Z' };
}

describe('screenListChanges', () => {
  it('records the version in service as the baseline on its first run, and raises nothing', async () => {
    // Prepare
    const { deps, keys, state, raised, rescreens, monitored } = await setUp({
      versions: [{ listVersion: 'v1', entities: smallList() }],
    });

    // Act
    const outcome = await screenListChanges(deps);

    // Assess
    expect(outcome).toEqual({ action: 'BASELINE', listVersion: 'v1' });
    expect(state.writes).toEqual([
      {
        screenedArtifactKey: keys[0],
        listVersion: 'v1',
        matcherVersion: describeMatcherVersion(THRESHOLD),
        screenedAt: now.toISOString(),
      },
    ]);
    expect(raised).toEqual([]);
    expect(rescreens).toEqual([]);
    expect(monitored.queried).toEqual([]);
  });

  it('does nothing when the artifact in service is the one screened', async () => {
    // Prepare
    const { deps, state, raised, rescreens, monitored } = await setUp({
      versions: [{ listVersion: 'v1', entities: smallList() }],
      state: (keys) => screened(keys[0]!, 'v1'),
    });

    // Act
    const outcome = await screenListChanges(deps);

    // Assess
    expect(outcome).toEqual({ action: 'UP_TO_DATE', listVersion: 'v1' });
    expect(state.writes).toEqual([]);
    expect(raised).toEqual([]);
    expect(rescreens).toEqual([]);
    expect(monitored.queried).toEqual([]);
  });

  it('screens an added entity against the monitored names and raises its hit, then moves the state', async () => {
    // Prepare
    const { deps, keys, state, raised, rescreens, monitored } = await setUp({
      versions: [
        { listVersion: 'v1', entities: smallList() },
        { listVersion: 'v2', entities: [...smallList(), { ...acme, listVersion: 'v2' }] },
      ],
      state: (keys) => screened(keys[0]!, 'v1'),
    });

    // Act
    const outcome = await screenListChanges(deps);

    // Assess
    expect(outcome).toMatchObject({
      action: 'DELTA',
      listVersion: 'v2',
      previousListVersion: 'v1',
      added: 1,
      changed: 0,
      removed: 0,
      monitoredParties: 2,
      monitoredNames: 3,
      hits: 1,
      alertsOpened: 1,
      alertsSuppressed: 0,
    });
    expect(raised).toHaveLength(1);
    expect(raised[0]!.run).toEqual({ listVersion: 'v2', source: 'DELTA' });
    expect(raised[0]!.hits).toEqual([
      {
        partyId: 'party_acme',
        partyRef: 'applicant',
        role: 'COMPANY',
        name: 'Acme Arms Trading',
        entryHash: entityContentHash(acme),
        hit: expect.objectContaining({
          entityId: 'local:acme',
          name: 'Acme Arms Trading',
          matchedName: 'Acme Arms Trading',
          score: 1,
          lists: ['LOCAL'],
          programs: ['RUSSIA-EO14024'],
        }),
      },
    ]);
    expect(state.writes).toEqual([
      {
        screenedArtifactKey: keys[1],
        listVersion: 'v2',
        matcherVersion: describeMatcherVersion(THRESHOLD),
        screenedAt: now.toISOString(),
      },
    ]);
    expect(rescreens).toEqual([]);
    expect([...new Set(monitored.queried)].sort()).toEqual(
      Array.from({ length: monitoredShards }, (_unused, shard) => `MONITORED#${shard}`).sort(),
    );
    expect(monitored.queried.filter((pk) => pk === `MONITORED#${monitoredShardOf('party_b')}`)).toHaveLength(2);
  });

  it('screens a changed entity, counts the removed ones, and leaves out those listed alike', async () => {
    // Prepare: Acme listed in v1, given a new program in v2; Putin removed; the rest republished alike
    const [putin, ...rest] = smallList();
    const changedAcme = { ...acme, programs: ['RUSSIA-EO14024', 'UKRAINE-EO13660'] };
    const { deps, raised } = await setUp({
      versions: [
        { listVersion: 'v1', entities: [putin!, ...rest, acme] },
        { listVersion: 'v2', entities: [...rest, { ...changedAcme, listVersion: 'v2' }] },
      ],
      state: (keys) => screened(keys[0]!, 'v1'),
    });

    // Act
    const outcome = await screenListChanges(deps);

    // Assess
    expect(outcome).toMatchObject({ action: 'DELTA', added: 0, changed: 1, removed: 1, hits: 1 });
    expect(raised[0]!.hits.map((hit) => [hit.partyId, hit.hit.entityId, hit.entryHash])).toEqual([
      ['party_acme', 'local:acme', entityContentHash(changedAcme)],
    ]);
    expect(entityContentHash(changedAcme)).not.toBe(entityContentHash(acme));
  });

  it('raises an empty batch and moves the state when the change resembles no monitored name', async () => {
    // Prepare
    const unrelated = listedEntity('local:zz', 'PERSON', [{ name: 'Zorvath Plimbleton', strength: 'PRIMARY' }]);
    const { deps, keys, state, raised } = await setUp({
      versions: [
        { listVersion: 'v1', entities: smallList() },
        { listVersion: 'v2', entities: [...smallList(), unrelated] },
      ],
      state: (keys) => screened(keys[0]!, 'v1'),
    });

    // Act
    const outcome = await screenListChanges(deps);

    // Assess
    expect(outcome).toMatchObject({ action: 'DELTA', added: 1, hits: 0, alertsOpened: 0 });
    expect(raised).toEqual([{ run: { listVersion: 'v2', source: 'DELTA' }, hits: [] }]);
    expect(state.current()?.screenedArtifactKey).toBe(keys[1]);
  });

  it('leaves the state where it was when raising the alerts fails, so the next run screens again', async () => {
    // Prepare
    const { deps, keys, state } = await setUp({
      versions: [
        { listVersion: 'v1', entities: smallList() },
        { listVersion: 'v2', entities: [...smallList(), acme] },
      ],
      state: (keys) => screened(keys[0]!, 'v1'),
      raiseAlerts: async () => {
        throw new Error('DynamoDB is unavailable');
      },
    });

    // Act
    const run = screenListChanges(deps);

    // Assess
    await expect(run).rejects.toThrow('DynamoDB is unavailable');
    expect(state.writes).toEqual([]);
    expect(state.current()).toEqual(screened(keys[0]!, 'v1'));
  });

  it('starts a full re-screen instead of a delta when the matcher or threshold changed', async () => {
    // Prepare
    const { deps, state, raised, rescreens, monitored } = await setUp({
      versions: [
        { listVersion: 'v1', entities: smallList() },
        { listVersion: 'v2', entities: [...smallList(), acme] },
      ],
      state: (keys) => screened(keys[0]!, 'v1', '2025-01-01.1@0.7'),
    });

    // Act
    const outcome = await screenListChanges(deps);

    // Assess
    const reason = `the matcher or threshold changed (2025-01-01.1@0.7 → ${describeMatcherVersion(THRESHOLD)})`;
    expect(outcome).toEqual({
      action: 'FULL_RESCREEN_STARTED',
      listVersion: 'v2',
      reason,
      executionArn: 'arn:aws:states:us-east-1:000000000000:execution:rescreen:1',
    });
    expect(rescreens).toEqual([reason]);
    expect(raised).toEqual([]);
    expect(state.writes).toEqual([]);
    expect(monitored.queried).toEqual([]);
  });

  it('starts a full re-screen even when the artifact in service was screened, if the threshold changed', async () => {
    // Prepare
    const { deps, rescreens } = await setUp({
      versions: [{ listVersion: 'v1', entities: smallList() }],
      state: (keys) => screened(keys[0]!, 'v1', describeMatcherVersion(0.8)),
    });

    // Act
    const outcome = await screenListChanges(deps);

    // Assess
    expect(outcome.action).toBe('FULL_RESCREEN_STARTED');
    expect(rescreens).toHaveLength(1);
  });

  it('refuses to run before any index was published', async () => {
    // Prepare
    const { deps, state } = await setUp({ versions: [] });

    // Act
    const run = screenListChanges(deps);

    // Assess
    await expect(run).rejects.toThrow(/no screening index has been published yet/);
    expect(state.writes).toEqual([]);
  });
});
