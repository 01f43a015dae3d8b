/*
 * One "Lambda container" of the re-screen benchmark: a worker thread that builds the list index once, then
 * runs the real Distributed Map child (`screenMonitoredShards`) for each batch it is given, reading the name
 * shards from the local S3. Alerts are counted, not written (the benchmark measures screening).
 */
import { S3Client } from '@aws-sdk/client-s3';
import { parentPort, workerData } from 'node:worker_threads';
import { groupHitsByPartyAndEntity } from '../../functions/parties/models/screening-alert';
import { loadListSnapshot } from '../../functions/screening/lists/load-list-snapshot';
import { buildScreeningIndex } from '../../functions/screening/matching/screening-index';
import { DEFAULT_MATCH_THRESHOLD } from '../../functions/screening/matching/screening-settings';
import { screenMonitoredShards, type ShardBatch } from '../../functions/screening/usecases/full-rescreen';

const { s3Endpoint } = workerData as { s3Endpoint: string };
const s3 = new S3Client({
  endpoint: s3Endpoint,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
});
const snapshot = loadListSnapshot();
const index = buildScreeningIndex(snapshot.entities, snapshot.listVersion);

parentPort!.on('message', async ({ id, batch }: { id: number; batch: ShardBatch }) => {
  try {
    const started = performance.now();
    const result = await screenMonitoredShards(
      {
        s3,
        loadIndex: async () => index,
        raiseAlerts: async (_run, hits) => ({ opened: groupHitsByPartyAndEntity(hits).length, suppressed: 0 }),
        threshold: DEFAULT_MATCH_THRESHOLD,
      },
      batch,
    );
    parentPort!.postMessage({ id, result, busyMs: performance.now() - started });
  } catch (error) {
    parentPort!.postMessage({ id, error: { name: (error as Error).name, message: (error as Error).message } });
  }
});
parentPort!.postMessage({ ready: true });
