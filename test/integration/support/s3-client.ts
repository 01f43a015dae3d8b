import { S3Client } from '@aws-sdk/client-s3';

/** An SDK client for a local stack's S3 endpoint (s3rver accepts its fixed credentials). */
export function createLocalS3Client(endpoint: string | undefined): S3Client {
  if (!endpoint) throw new Error('endpoints.json has no s3 endpoint: is the local stack running?');
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
}
