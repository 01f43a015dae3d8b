import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { parseManifest, type IndexArtifactManifest } from '../models/index-artifact';

/** Where artifacts live in the screening bucket. */
export const ARTIFACT_PREFIX = 'index/artifacts/';
/** The pointer to the artifact in service: replaced only after a new artifact is fully written. */
export const CURRENT_POINTER_KEY = 'index/current.json';

/** The current artifact's manifest and its object key. */
export type CurrentArtifact = IndexArtifactManifest & { key: string };

/** Reads and publishes screening index artifacts. */
export interface IndexArtifactStore {
  /** The current pointer, or undefined when nothing was ever published. */
  readCurrentManifest(): Promise<CurrentArtifact | undefined>;
  readArtifact(key: string): Promise<Uint8Array>;
  /** Writes the artifact under a new versioned key, then moves the pointer to it. */
  publish(body: Buffer, manifest: IndexArtifactManifest): Promise<CurrentArtifact>;
}

/** An {@link IndexArtifactStore} on an S3 bucket. */
export function createS3IndexArtifactStore(s3: S3Client, bucket: string): IndexArtifactStore {
  const readObject = async (key: string): Promise<Uint8Array> => {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!object.Body) throw new Error(`s3://${bucket}/${key} has no body`);
    return object.Body.transformToByteArray();
  };
  return {
    async readCurrentManifest() {
      try {
        return parseManifest(JSON.parse(Buffer.from(await readObject(CURRENT_POINTER_KEY)).toString('utf8')));
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
    readArtifact: readObject,
    async publish(body, manifest) {
      const digest = createHash('sha256').update(body).digest('hex').slice(0, 12);
      const key = `${ARTIFACT_PREFIX}${manifest.builtAt.replace(/[:.]/g, '-')}-${digest}.json.gz`;
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/gzip' }));
      const current: CurrentArtifact = { ...manifest, key };
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: CURRENT_POINTER_KEY,
          Body: JSON.stringify(current),
          ContentType: 'application/json',
        }),
      );
      return current;
    },
  };
}
