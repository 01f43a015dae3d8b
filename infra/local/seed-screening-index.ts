import { S3Client } from '@aws-sdk/client-s3';
import { nowIso } from '../../functions/commons/clock';
import { loadListSnapshot } from '../../functions/screening/lists/load-list-snapshot';
import { encodeIndexArtifact } from '../../functions/screening/models/index-artifact';
import { createS3IndexArtifactStore } from '../../functions/screening/repositories/index-artifact-store';

/**
 * Publishes the list snapshot shipped in data/lists as the screening index artifact, unless the bucket already
 * holds one (a refresh run locally, or an earlier start). The local stack has no internet, so the shipped
 * snapshot stands in for the daily download; the screening function then loads it exactly as on AWS.
 * @returns the list version in service
 */
export async function seedScreeningIndex(bucket: string): Promise<string> {
  const s3 = new S3Client({});
  try {
    const store = createS3IndexArtifactStore(s3, bucket);
    const current = await store.readCurrentManifest();
    if (current) return current.listVersion;
    const { body, manifest } = encodeIndexArtifact(loadListSnapshot(), nowIso());
    return (await store.publish(body, manifest)).listVersion;
  } finally {
    s3.destroy();
  }
}
