/**
 * `npm run bench:monitoring`: ongoing monitoring at marketplace scale (issue 14), on generated parties
 * (`BENCH_PARTIES`, default 100,000; 60% companies with one to three directors and UBOs, 40% individuals):
 * 1. the monitored-name index: build time and the heap it holds;
 * 2. a 500-entry list delta (450 changed entries, 50 new ones, 10 of which list monitored people) screened
 *    against the index: seconds and alerts;
 * 3. a full re-screen through the local engine's Distributed Map, with the real ASL
 *    (state-machines/monitoring-rescreen.asl.json), the name shards in a local S3 (s3rver), and the real
 *    child step in worker threads standing in for Lambda containers (one per core): seconds and names/s;
 * 4. what a full re-screen of 1 million parties and a daily delta would cost on AWS, from the figures above.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { applyDefinitionSubstitutions } from '../infra/state-machine-substitutions';
import { startS3Local } from '../infra/local/s3-local';
import { createS3ObjectStore } from '../infra/local/step-functions/service/s3-object-store';
import { StepFunctionsService } from '../infra/local/step-functions/service/step-functions-service';
import { groupHitsByPartyAndEntity } from '../functions/parties/models/screening-alert';
import type { SanctionedEntity } from '../functions/screening/lists/sanctioned-entity';
import { loadListSnapshot } from '../functions/screening/lists/load-list-snapshot';
import {
  buildMonitoredNameIndex,
  screenEntitiesAgainstMonitoredNames,
} from '../functions/screening/matching/screen-list-changes';
import { buildScreeningIndex } from '../functions/screening/matching/screening-index';
import { DEFAULT_MATCH_THRESHOLD } from '../functions/screening/matching/screening-settings';
import { computeListDelta } from '../functions/screening/models/list-delta';
import type { MonitoredParty } from '../functions/screening/models/monitored-party';
import { monitoredShardOf } from '../functions/screening/repositories/monitored-party-repository';
import { REVERSE_CANDIDATE_LIMIT, REVERSE_MAX_POSTINGS } from '../functions/screening/usecases/screen-list-changes';
import { searchScreeningIndex } from '../functions/screening/matching/search-screening-index';
import {
  completeRescreen,
  exportMonitoredNames,
  type RescreenExport,
  type ShardBatch,
  type ShardBatchResult,
} from '../functions/screening/usecases/full-rescreen';
import { createRandom, generateMonitoredParties } from './monitoring/generate-parties';
import { readSyntheticNegatives, readUnPositives } from './screening/evaluation-data';

const PARTIES = Number(process.env.BENCH_PARTIES ?? 100_000);
const DELTA_CHANGED = 450;
const DELTA_ADDED = 50;
const DELTA_LISTING_MONITORED = 10;
const PLANTED_DIRECTORS = 20;
const WORKERS = Number(process.env.BENCH_WORKERS ?? availableParallelism());
const AIMS = { deltaSeconds: 2, namesPerSecond: 5_000 };
const bucket = 'trustflow-bench-monitoring';
const workerFile = path.join(__dirname, 'monitoring', 'screen-worker.ts');

/*
 * AWS list prices, us-east-1, as published in December 2026: Lambda arm64 per GB-second and per request,
 * Step Functions Standard per state transition, S3 Standard per request, DynamoDB on-demand per read
 * request unit. The estimate multiplies them by what this run measured.
 */
const PRICE = {
  lambdaGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1_000_000,
  stateTransition: 0.025 / 1_000,
  s3Put: 0.005 / 1_000,
  s3Get: 0.0004 / 1_000,
  dynamoReadUnit: 0.125 / 1_000_000,
};
/** Memory of the screening functions on AWS (function-catalog.ts), in GB. */
const SCREEN_FUNCTION_GB = 2;
const MONITOR_FUNCTION_GB = 3.008;

function heapMb(): number {
  global.gc?.();
  global.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

const rows: [string, string, string][] = [];
const row = (measure: string, value: string, aim = '') => rows.push([measure, value, aim]);

/** Indexes of the listed entities the delta changes, chosen before the parties are generated. */
function chooseChangedEntities(entities: readonly SanctionedEntity[], random: () => number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < DELTA_CHANGED) chosen.add(Math.floor(random() * entities.length));
  return [...chosen];
}

/** A listed name as a customer might write it: a letter changed, or the words in another order. */
function varyName(name: string, random: () => number): string {
  const words = name.replace(/,/g, '').split(/\s+/).filter(Boolean);
  if (words.length > 1 && random() < 0.5) return [...words.slice(1), words[0]].join(' ');
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  const at = 1 + Math.floor(random() * Math.max(1, longest.length - 2));
  const typo = longest.slice(0, at) + String.fromCharCode(97 + Math.floor(random() * 26)) + longest.slice(at + 1);
  return words.map((word) => (word === longest ? typo : word)).join(' ');
}

/**
 * Plants, in some companies, a director who is a listed person of the changed entries as a customer would
 * write them: the matches the delta must find among all the parties.
 */
function plantListedDirectors(
  parties: MonitoredParty[],
  entities: readonly SanctionedEntity[],
  changed: readonly number[],
  random: () => number,
): { partyId: string; partyRef: string; entityId: string }[] {
  const people = changed.filter((index) => entities[index]!.type === 'PERSON').slice(0, PLANTED_DIRECTORS);
  return people.map((entityIndex, n) => {
    const entity = entities[entityIndex]!;
    const party = parties[Math.floor((n + 0.5) * (parties.length / people.length))]!;
    const partyRef = `representatives/planted-${n}`;
    party.names.push({
      partyRef,
      role: 'DIRECTOR',
      query: {
        name: varyName(entity.names[0]!.name, random),
        type: 'PERSON',
        ...(entity.datesOfBirth[0] ? { dateOfBirth: entity.datesOfBirth[0] } : {}),
      },
    });
    return { partyId: party.partyId, partyRef, entityId: entity.entityId };
  });
}

/** The new list version of the delta: entries changed (a new alias) and added (some listing monitored people). */
function buildDeltaVersion(
  entities: readonly SanctionedEntity[],
  changed: readonly number[],
  parties: readonly MonitoredParty[],
  random: () => number,
): SanctionedEntity[] {
  const next = entities.map((entity) => ({ ...entity, listVersion: 'bench-next' }));
  changed.forEach((at, n) => {
    const entity = next[at]!;
    next[at] = { ...entity, names: [...entity.names, { name: `${entity.names[0]!.name} ${n}`, strength: 'WEAK' }] };
  });
  const listed = readUnPositives();
  for (let added = 0; added < DELTA_ADDED; added++) {
    const monitored = added < DELTA_LISTING_MONITORED;
    const person = monitored
      ? parties[Math.floor(random() * parties.length)]!.names.find((name) => name.query.type === 'PERSON')?.query
      : undefined;
    const source = person ?? { name: listed[Math.floor(random() * listed.length)]!.name, dateOfBirth: undefined };
    next.push({
      entityId: `bench:new-${added}`,
      type: 'PERSON',
      names: [{ name: source.name, strength: 'PRIMARY' }],
      datesOfBirth: source.dateOfBirth ? [source.dateOfBirth] : [],
      countries: [],
      nationalities: [],
      identifiers: [],
      programs: ['BENCH'],
      sourceList: 'BENCH',
      listVersion: 'bench-next',
    });
  }
  return next;
}

/** A pool of worker threads, each running the re-screen's child step like a Lambda container. */
async function startWorkers(s3Endpoint: string) {
  const workers = Array.from(
    { length: WORKERS },
    () =>
      // the worker is TypeScript, like this benchmark: tsx compiles it as it loads
      new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(workerFile)});`, {
        eval: true,
        workerData: { s3Endpoint },
      }),
  );
  await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('message', resolve))));
  const idle = [...workers];
  const waiting: ((worker: Worker) => void)[] = [];
  const pending = new Map<number, (message: { result?: ShardBatchResult; error?: Error; busyMs?: number }) => void>();
  let nextId = 0;
  for (const worker of workers) {
    worker.on('message', (message: { id: number; result?: ShardBatchResult; error?: Error; busyMs?: number }) => {
      pending.get(message.id)?.(message);
      pending.delete(message.id);
      const next = waiting.shift();
      if (next) next(worker);
      else idle.push(worker);
    });
  }
  const acquire = () => new Promise<Worker>((resolve) => (idle.length ? resolve(idle.pop()!) : waiting.push(resolve)));
  return {
    async run(batch: ShardBatch) {
      const worker = await acquire();
      const id = nextId++;
      return new Promise<{ result?: ShardBatchResult; error?: Error; busyMs?: number }>((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ id, batch });
      });
    },
    stop: () => Promise.all(workers.map((worker) => worker.terminate())),
  };
}

async function measureFullRescreen(parties: MonitoredParty[], listVersion: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'trustflow-bench-monitoring-'));
  const s3Local = await startS3Local({
    directory: dir,
    bucket: 'trustflow-bench-documents',
    otherBuckets: [bucket],
    allowedOrigins: ['http://localhost'],
    onObjectCreated: () => undefined,
  });
  const s3 = new S3Client({
    endpoint: s3Local.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  const workers = await startWorkers(s3Local.endpoint);
  const byShard = new Map<string, MonitoredParty[]>();
  for (const party of parties) {
    const pk = `MONITORED#${monitoredShardOf(party.partyId)}`;
    byShard.set(pk, [...(byShard.get(pk) ?? []), party]);
  }
  // the stored index, as DynamoDB would answer the export's Queries (one page per partition)
  const monitored = {
    db: {
      send: async (command: { input: { ExpressionAttributeValues: Record<string, string> } }) => ({
        Items: byShard.get(command.input.ExpressionAttributeValues[':pk']!) ?? [],
      }),
    },
    tableName: 'bench',
  } as never;
  const artifacts = {
    readCurrentManifest: async () => ({
      key: 'index/artifacts/bench.json.gz',
      listVersion,
      format: 1,
      builtAt: '',
      entityCount: 0,
      countsByList: {},
    }),
    readArtifact: async () => new Uint8Array(),
    publish: async () => {
      throw new Error('not in the benchmark');
    },
  };
  let state: unknown;
  let screenedNames = 0;
  let childMs = 0;
  const service = new StepFunctionsService({
    now: () => Date.now(),
    objectStore: createS3ObjectStore(s3),
    invokeLambda: async (functionName, payload) => {
      if (functionName === 'exportMonitoredNames') {
        const exported = await exportMonitoredNames(
          { monitored, artifacts, s3, bucket, threshold: DEFAULT_MATCH_THRESHOLD },
          payload as { runId: string; reason: string },
        );
        return { payload: exported };
      }
      if (functionName === 'screenMonitoredShards') {
        const { result, error, busyMs } = await workers.run(payload as ShardBatch);
        if (error) return { errorType: error.name, errorMessage: error.message };
        screenedNames += result!.names;
        childMs += busyMs ?? 0;
        return { payload: result };
      }
      if (functionName === 'completeMonitoringRescreen') {
        const summary = await completeRescreen(
          { s3, state: { read: async () => undefined, write: async (s) => void (state = s) }, now: () => new Date() },
          payload as { export: RescreenExport; screened: { ResultWriterDetails: { Bucket: string; Key: string } } },
        );
        return { payload: summary };
      }
      return { errorType: 'ResourceNotFoundException', errorMessage: functionName };
    },
  });
  try {
    const definition = applyDefinitionSubstitutions(
      readFileSync(path.join(__dirname, '..', 'state-machines', 'monitoring-rescreen.asl.json'), 'utf8'),
      {
        exportMonitoredNamesFunctionArn: 'exportMonitoredNames',
        screenMonitoredShardsFunctionArn: 'screenMonitoredShards',
        completeMonitoringRescreenFunctionArn: 'completeMonitoringRescreen',
      },
    );
    const { stateMachineArn } = await service.createStateMachine({
      name: 'monitoring-rescreen',
      definition,
      roleArn: 'arn:aws:iam::000000000000:role/bench',
    });
    const started = performance.now();
    const { executionArn } = await service.startExecution({ stateMachineArn, input: '{"reason":"benchmark"}' });
    let described = await service.describeExecution({ executionArn });
    while (described.status === 'RUNNING') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      described = await service.describeExecution({ executionArn });
    }
    const seconds = (performance.now() - started) / 1000;
    if (described.status !== 'SUCCEEDED')
      throw new Error(`re-screen ${described.status}: ${described.error} ${described.cause}`);
    const summary = JSON.parse(described.output!) as {
      names: number;
      alertsOpened: number;
      shards: number;
      recorded: boolean;
    };
    const mapRuns = await service.listMapRuns({ executionArn });
    return {
      seconds,
      summary,
      screenedNames,
      childMs,
      transitions: described.stateTransitionCount,
      mapRuns,
      recorded: state !== undefined,
    };
  } finally {
    service.close();
    await workers.stop();
    s3.destroy();
    await s3Local.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const random = createRandom(14);
  const people = readSyntheticNegatives();
  const snapshot = loadListSnapshot();
  const changedEntities = chooseChangedEntities(snapshot.entities, random);
  const parties = generateMonitoredParties(PARTIES, people, random);
  const planted = plantListedDirectors(parties, snapshot.entities, changedEntities, random);
  const nameCount = parties.reduce((sum, party) => sum + party.names.length, 0);

  // 1. the monitored-name index
  const heapBefore = heapMb();
  let started = performance.now();
  const monitoredIndex = buildMonitoredNameIndex(parties);
  const indexMs = performance.now() - started;
  const indexHeap = heapMb() - heapBefore;
  row('monitored parties / names', `${PARTIES.toLocaleString('en')} / ${nameCount.toLocaleString('en')}`);
  row('monitored-name index: build', `${(indexMs / 1000).toFixed(2)} s`);
  row('monitored-name index: heap held', `${indexHeap.toFixed(0)} MB`);

  // 2. a 500-entry delta
  const next = buildDeltaVersion(snapshot.entities, changedEntities, parties, random);
  started = performance.now();
  const delta = computeListDelta(snapshot.entities, next);
  const deltaMs = performance.now() - started;
  started = performance.now();
  const listIndex = buildScreeningIndex(next, 'bench-next');
  const listIndexMs = performance.now() - started;
  started = performance.now();
  const hits = screenEntitiesAgainstMonitoredNames(listIndex, monitoredIndex, delta.changed, {
    threshold: DEFAULT_MATCH_THRESHOLD,
    candidateLimit: REVERSE_CANDIDATE_LIMIT,
    maxPostings: REVERSE_MAX_POSTINGS,
  });
  const screenMs = performance.now() - started;
  const alerts = groupHitsByPartyAndEntity(hits).length;
  const deltaSeconds = (deltaMs + screenMs) / 1000;
  row('delta: entries added + changed', `${delta.added} + ${delta.modified}`);
  row('delta: diff by content hash', `${(deltaMs / 1000).toFixed(2)} s`);
  row('delta: list index build (once per refresh)', `${(listIndexMs / 1000).toFixed(2)} s`);
  row('delta: reverse screening', `${(screenMs / 1000).toFixed(2)} s`);
  row(
    'delta: diff + screening',
    `${deltaSeconds.toFixed(2)} s`,
    `≤ ${AIMS.deltaSeconds} s ${deltaSeconds <= AIMS.deltaSeconds ? 'met' : 'NOT met'}`,
  );
  row('delta: hits / alerts (party × entity)', `${hits.length} / ${alerts}`);
  // recall: the planted directors a search for their own name finds the changed entity for
  const found = new Set(hits.map((hit) => `${hit.partyId}/${hit.partyRef}/${hit.hit.entityId}`));
  const expected = planted.filter(({ partyId, partyRef, entityId }) => {
    const query = parties.find((party) => party.partyId === partyId)!.names.find((n) => n.partyRef === partyRef)!.query;
    return searchScreeningIndex(listIndex, query, { threshold: DEFAULT_MATCH_THRESHOLD, limit: 10 }).hits.some(
      (hit) => hit.entityId === entityId,
    );
  });
  const recalled = expected.filter(({ partyId, partyRef, entityId }) =>
    found.has(`${partyId}/${partyRef}/${entityId}`),
  );
  row('delta: planted listed directors found (of those a search finds)', `${recalled.length} / ${expected.length}`);

  // 3. a full re-screen through the local Distributed Map
  const full = await measureFullRescreen(parties, snapshot.listVersion);
  const namesPerSecond = full.summary.names / full.seconds;
  row(`full re-screen: Distributed Map, ${WORKERS} worker(s)`, `${full.seconds.toFixed(1)} s`);
  row(
    'full re-screen: names screened / alerts',
    `${full.summary.names.toLocaleString('en')} / ${full.summary.alertsOpened}`,
  );
  row(
    'full re-screen: names per second',
    namesPerSecond.toFixed(0),
    `≥ ${AIMS.namesPerSecond} ${namesPerSecond >= AIMS.namesPerSecond ? 'met' : 'NOT met'}`,
  );
  row(
    'full re-screen: shards / map runs / recorded',
    `${full.summary.shards} / ${full.mapRuns.mapRuns.length} / ${full.recorded}`,
  );

  // 4. the AWS cost, scaled to a million parties
  const scale = 1_000_000 / PARTIES;
  const namesPerMillion = nameCount * scale;
  // a worker's busy time per name is what a Lambda spends screening (a 2 GB function has a bit over one vCPU)
  const msPerName = full.childMs / Math.max(1, full.screenedNames);
  const children = Math.ceil((full.summary.shards * scale) / 5);
  const fullCost =
    ((namesPerMillion * msPerName) / 1000) * SCREEN_FUNCTION_GB * PRICE.lambdaGbSecond +
    (children + 2) * PRICE.lambdaRequest +
    (children * 3 + 6) * PRICE.stateTransition +
    full.summary.shards * scale * (PRICE.s3Put + PRICE.s3Get) +
    ((namesPerMillion * 150) / 4096 / 2) * PRICE.dynamoReadUnit;
  const deltaRunSeconds = (listIndexMs + deltaMs + screenMs + indexMs * scale) / 1000;
  const dailyCost =
    deltaRunSeconds * MONITOR_FUNCTION_GB * PRICE.lambdaGbSecond +
    24 * PRICE.lambdaRequest +
    ((namesPerMillion * 150) / 4096 / 2) * PRICE.dynamoReadUnit;
  row('AWS: full re-screen of 1M parties', `USD ${fullCost.toFixed(2)}`);
  row('AWS: daily delta at 1M parties (one refresh, 24 hourly checks)', `USD ${dailyCost.toFixed(4)}`);

  console.log(
    `Ongoing monitoring benchmark on Node ${process.version}, ${availableParallelism()} cores; list ${snapshot.listVersion}\n`,
  );
  console.log('| measure | value | aim |\n| --- | --- | --- |');
  for (const [measure, value, aim] of rows) console.log(`| ${measure} | ${value} | ${aim} |`);
  console.log(
    `\nCost model: Lambda arm64 at ${SCREEN_FUNCTION_GB} GB for the re-screen children (${msPerName.toFixed(3)} ms per name ` +
      `measured here), ${children.toLocaleString('en')} child executions of ~3 transitions, one S3 PUT and GET per ` +
      `shard of 1,000 names, the stored index read once (~150 bytes a name, eventually consistent). The daily ` +
      `delta loads the index (built here in ${(indexMs / 1000).toFixed(1)} s per ${PARTIES.toLocaleString('en')} ` +
      `parties), builds the list index and screens the delta in one ${MONITOR_FUNCTION_GB} GB function.`,
  );
}

void main();
