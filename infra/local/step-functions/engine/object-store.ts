/*
 * What the Distributed Map needs of S3 (ItemReader, ResultWriter), as an injectable dependency: the
 * engine never talks to AWS itself. The local stack passes an S3 client pointed at s3rver; tests and
 * the conformance runner use the in-memory store below.
 */
import { createHash } from 'node:crypto';

/** One object as ListObjectsV2 describes it (S3's member names). */
export interface ObjectSummary {
  Key: string;
  Size: number;
  ETag: string;
  LastModified: Date;
  StorageClass?: string;
}

/** A page of ListObjectsV2. */
export interface ObjectListing {
  objects: ObjectSummary[];
  nextContinuationToken?: string;
}

/** The S3 operations the engine calls. Failures reject with S3's error (its `name`, e.g. NoSuchKey). */
export interface ObjectStore {
  getObject(bucket: string, key: string): Promise<Buffer>;
  putObject(bucket: string, key: string, body: Buffer | string): Promise<void>;
  listObjectsV2(
    bucket: string,
    options?: { prefix?: string; continuationToken?: string; maxKeys?: number },
  ): Promise<ObjectListing>;
}

/** An S3 error as the SDK shapes it, so that callers word it the same whichever store failed. */
export function createS3Error(name: string, message: string, httpStatusCode: number): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });
}

/** Buckets in memory, for tests and the conformance runner. Buckets are created on first write. */
export class InMemoryObjectStore implements ObjectStore {
  private readonly buckets = new Map<string, Map<string, { body: Buffer; lastModified: Date }>>();

  async getObject(bucket: string, key: string): Promise<Buffer> {
    const found = this.requireBucket(bucket).get(key);
    if (!found) throw createS3Error('NoSuchKey', 'The specified key does not exist.', 404);
    return found.body;
  }

  async putObject(bucket: string, key: string, body: Buffer | string): Promise<void> {
    if (!this.buckets.has(bucket)) this.buckets.set(bucket, new Map());
    this.buckets.get(bucket)!.set(key, { body: Buffer.from(body), lastModified: new Date() });
  }

  async listObjectsV2(
    bucket: string,
    options: { prefix?: string; continuationToken?: string; maxKeys?: number } = {},
  ): Promise<ObjectListing> {
    const keys = [...this.requireBucket(bucket).keys()].filter((key) => key.startsWith(options.prefix ?? '')).sort();
    const start = options.continuationToken ? Number(options.continuationToken) : 0;
    const size = options.maxKeys ?? 1000;
    const objects = keys.slice(start, start + size).map((key) => {
      const { body, lastModified } = this.buckets.get(bucket)!.get(key)!;
      return {
        Key: key,
        Size: body.length,
        ETag: `"${createHash('md5').update(body).digest('hex')}"`,
        LastModified: lastModified,
        StorageClass: 'STANDARD',
      };
    });
    return { objects, nextContinuationToken: start + size < keys.length ? String(start + size) : undefined };
  }

  /** Every key of a bucket (tests read what the ResultWriter wrote). */
  listKeys(bucket: string): string[] {
    return [...(this.buckets.get(bucket)?.keys() ?? [])].sort();
  }

  private requireBucket(bucket: string) {
    const found = this.buckets.get(bucket);
    if (!found) throw createS3Error('NoSuchBucket', 'The specified bucket does not exist', 404);
    return found;
  }
}
