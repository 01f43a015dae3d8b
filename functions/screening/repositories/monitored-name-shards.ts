import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { MonitoredNameLine } from '../models/monitored-party';

/*
 * A full re-screen's files in the screening bucket:
 *   monitoring/rescreen/<runId>/names/shard-<nnnnn>.jsonl   the monitored names, one JSON line each
 *   monitoring/rescreen/<runId>/results/                    the Distributed Map's ResultWriter output
 */

/** Where a run's files live. */
export function rescreenPrefixes(runId: string): { names: string; results: string } {
  return { names: `monitoring/rescreen/${runId}/names/`, results: `monitoring/rescreen/${runId}/results` };
}

/** Writes one shard of names as JSON Lines. */
export async function writeNameShard(
  s3: S3Client,
  bucket: string,
  key: string,
  lines: readonly MonitoredNameLine[],
): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: lines.map((line) => JSON.stringify(line)).join('\n') + '\n',
      ContentType: 'application/x-ndjson',
    }),
  );
}

/** Reads one shard of names. */
export async function readNameShard(s3: S3Client, bucket: string, key: string): Promise<MonitoredNameLine[]> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const text = await object.Body!.transformToString();
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as MonitoredNameLine);
}

/** Reads a JSON object (a ResultWriter manifest or result file). */
export async function readJsonObject<T>(s3: S3Client, bucket: string, key: string): Promise<T> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return JSON.parse(await object.Body!.transformToString()) as T;
}
