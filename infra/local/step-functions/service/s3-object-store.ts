/*
 * The engine's ObjectStore over a real S3 client: in the local stack, s3rver; it would work as well
 * against AWS. Errors are the SDK's (name NoSuchKey, NoSuchBucket…), which the ItemReader and
 * ResultWriter word the way Step Functions does.
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ObjectStore } from '../engine/object-store';

/** An ObjectStore backed by `client`. */
export function createS3ObjectStore(client: S3Client): ObjectStore {
  return {
    async getObject(bucket, key) {
      const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return Buffer.from(await response.Body!.transformToByteArray());
    },
    async putObject(bucket, key, body) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    },
    async listObjectsV2(bucket, options = {}) {
      const response = await client.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: options.prefix,
          ContinuationToken: options.continuationToken,
          MaxKeys: options.maxKeys,
        }),
      );
      return {
        objects: (response.Contents ?? []).map((object) => ({
          Key: object.Key ?? '',
          Size: object.Size ?? 0,
          ETag: object.ETag ?? '',
          LastModified: object.LastModified ?? new Date(0),
          StorageClass: object.StorageClass,
        })),
        nextContinuationToken: response.NextContinuationToken,
      };
    },
  };
}

/** A client for the local S3 (s3rver serves buckets by path, not by virtual host). */
export function createLocalS3Client(endpoint: string | undefined): S3Client {
  return new S3Client({
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: true,
    region: process.env.AWS_REGION ?? 'us-east-1',
  });
}
