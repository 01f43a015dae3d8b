import type { S3Client } from '@aws-sdk/client-s3';
import type { MonitoringHit, RaiseScreeningAlerts } from '../../kernel/screening/monitoring-hit';
import type { ScreeningIndex } from '../matching/screening-index';
import { describeMatcherVersion } from '../matching/screening-settings';
import { searchScreeningIndex } from '../matching/search-screening-index';
import { entityContentHash } from '../models/list-delta';
import { flattenMonitoredNames } from '../models/monitored-party';
import type { IndexArtifactStore } from '../repositories/index-artifact-store';
import { readJsonObject, readNameShard, rescreenPrefixes, writeNameShard } from '../repositories/monitored-name-shards';
import {
  listMonitoredShard,
  monitoredShards,
  type MonitoredPartyStore,
} from '../repositories/monitored-party-repository';
import type { MonitoringStateStore } from '../repositories/monitoring-state-store';

/** Names per shard file: one child of the Distributed Map screens a batch of shards. */
export const NAMES_PER_SHARD = 1000;

/** What the export tells the rest of the re-screen (the Distributed Map's input). */
export interface RescreenExport {
  runId: string;
  reason: string;
  bucket: string;
  namesPrefix: string;
  resultsPrefix: string;
  /** The lists every name is screened against: the artifact in service when the run started. */
  listArtifactKey: string;
  listVersion: string;
  matcherVersion: string;
  parties: number;
  names: number;
  shards: number;
}

/** Step 1: writes every monitored name to shard files in S3, the Distributed Map's items. */
export async function exportMonitoredNames(
  deps: {
    monitored: MonitoredPartyStore;
    artifacts: IndexArtifactStore;
    s3: S3Client;
    bucket: string;
    threshold: number;
  },
  input: { runId: string; reason: string },
): Promise<RescreenExport> {
  const current = await deps.artifacts.readCurrentManifest();
  if (!current) throw new Error('no screening index has been published yet; run the list refresh function');
  const prefixes = rescreenPrefixes(input.runId);
  let parties = 0;
  let names = 0;
  let shards = 0;
  // partition by partition, so memory holds one partition's names at a time whatever the number of parties
  for (let partition = 0; partition < monitoredShards; partition++) {
    const monitored = await listMonitoredShard(deps.monitored, partition);
    parties += monitored.length;
    const lines = flattenMonitoredNames(monitored);
    names += lines.length;
    const writes: Promise<void>[] = [];
    for (let start = 0; start < lines.length; start += NAMES_PER_SHARD) {
      const key = `${prefixes.names}shard-${String(shards).padStart(5, '0')}.jsonl`;
      shards += 1;
      writes.push(writeNameShard(deps.s3, deps.bucket, key, lines.slice(start, start + NAMES_PER_SHARD)));
    }
    await Promise.all(writes);
  }
  return {
    runId: input.runId,
    reason: input.reason,
    bucket: deps.bucket,
    namesPrefix: prefixes.names,
    resultsPrefix: prefixes.results,
    listArtifactKey: current.key,
    listVersion: current.listVersion,
    matcherVersion: describeMatcherVersion(deps.threshold),
    parties,
    names,
    shards,
  };
}

/** A Distributed Map child's input: shard objects from the ItemReader, batched, with the run's facts. */
export interface ShardBatch {
  Items: { Key: string }[];
  BatchInput: Pick<RescreenExport, 'runId' | 'bucket' | 'listArtifactKey' | 'listVersion'>;
}

/** What a child screened. */
export interface ShardBatchResult {
  names: number;
  hits: number;
  alertsOpened: number;
  alertsSuppressed: number;
}

/**
 * Step 2, one Distributed Map child: screens every name of its shards against the lists, exactly as
 * `POST /screening/search` would, and raises an alert for each party and entity hit (alerts are opened
 * once, so a retried child opens nothing twice).
 */
export async function screenMonitoredShards(
  deps: {
    s3: S3Client;
    /** The index of the artifact the run screens against (cached per container). */
    loadIndex: (artifactKey: string) => Promise<ScreeningIndex>;
    raiseAlerts: RaiseScreeningAlerts;
    threshold: number;
  },
  batch: ShardBatch,
): Promise<ShardBatchResult> {
  const { bucket, listArtifactKey, listVersion } = batch.BatchInput;
  const index = await deps.loadIndex(listArtifactKey);
  const hashes = new Map<string, string>();
  const entryHashOf = (entityId: string) => {
    let hash = hashes.get(entityId);
    if (!hash) {
      const entity = index.entities.find((candidate) => candidate.entityId === entityId);
      hash = entity ? entityContentHash(entity) : 'unknown';
      hashes.set(entityId, hash);
    }
    return hash;
  };
  const hits: MonitoringHit[] = [];
  let names = 0;
  for (const { Key } of batch.Items) {
    for (const line of await readNameShard(deps.s3, bucket, Key)) {
      names += 1;
      const result = searchScreeningIndex(index, line.query, { threshold: deps.threshold, limit: 10 });
      for (const hit of result.hits) {
        hits.push({
          partyId: line.partyId,
          partyRef: line.partyRef,
          role: line.role,
          name: line.query.name,
          entryHash: entryHashOf(hit.entityId),
          hit,
        });
      }
    }
  }
  const raised = await deps.raiseAlerts({ listVersion, source: 'FULL' }, hits);
  return { names, hits: hits.length, alertsOpened: raised.opened, alertsSuppressed: raised.suppressed };
}

/** The ResultWriter's manifest (AWS's format), as far as the completion reads it. */
interface ResultManifest {
  ResultFiles?: { FAILED?: { Key: string }[]; SUCCEEDED?: { Key: string }[]; PENDING?: { Key: string }[] };
}

/** What a whole re-screen did. */
export interface RescreenSummary extends ShardBatchResult {
  runId: string;
  listVersion: string;
  shards: number;
  failedBatches: number;
  /** True when every batch succeeded and monitoring now counts the lists as screened with this matcher. */
  recorded: boolean;
}

/**
 * Step 3: adds up the children's results from the ResultWriter's files, and records the monitoring state
 * (the lists screened, with this matcher) only when every batch succeeded: with a tolerated failure some
 * names were not screened, so the next monitoring run starts a full re-screen again.
 */
export async function completeRescreen(
  deps: { s3: S3Client; state: MonitoringStateStore; now: () => Date },
  input: { export: RescreenExport; screened: { ResultWriterDetails: { Bucket: string; Key: string } } },
): Promise<RescreenSummary> {
  const { Bucket, Key } = input.screened.ResultWriterDetails;
  const manifest = await readJsonObject<ResultManifest>(deps.s3, Bucket, Key);
  const totals: ShardBatchResult = { names: 0, hits: 0, alertsOpened: 0, alertsSuppressed: 0 };
  for (const file of manifest.ResultFiles?.SUCCEEDED ?? []) {
    const results = await readJsonObject<{ Output?: string }[]>(deps.s3, Bucket, file.Key);
    for (const result of results) {
      const output = JSON.parse(result.Output ?? '{}') as Partial<ShardBatchResult>;
      totals.names += output.names ?? 0;
      totals.hits += output.hits ?? 0;
      totals.alertsOpened += output.alertsOpened ?? 0;
      totals.alertsSuppressed += output.alertsSuppressed ?? 0;
    }
  }
  let failedBatches = 0;
  for (const file of manifest.ResultFiles?.FAILED ?? []) {
    failedBatches += (await readJsonObject<unknown[]>(deps.s3, Bucket, file.Key)).length;
  }
  const recorded = failedBatches === 0 && totals.names === input.export.names;
  if (recorded) {
    await deps.state.write({
      screenedArtifactKey: input.export.listArtifactKey,
      listVersion: input.export.listVersion,
      matcherVersion: input.export.matcherVersion,
      screenedAt: deps.now().toISOString(),
    });
  }
  return {
    runId: input.export.runId,
    listVersion: input.export.listVersion,
    shards: input.export.shards,
    failedBatches,
    recorded,
    ...totals,
  };
}
