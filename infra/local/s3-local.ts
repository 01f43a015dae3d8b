import S3rver from 's3rver';
import type { S3Event } from 'aws-lambda';
import { documentsBucketSettings } from '../../functions/commons/storage/bucket-settings';

/** A running local S3. */
export interface S3Local {
  endpoint: string;
  stop(): Promise<void>;
}

function buildCorsXml(allowedOrigins: readonly string[]): string {
  const { cors } = documentsBucketSettings;
  const rule = [
    ...allowedOrigins.map((origin) => `<AllowedOrigin>${origin}</AllowedOrigin>`),
    ...cors.allowedMethods.map((method) => `<AllowedMethod>${method}</AllowedMethod>`),
    ...cors.allowedHeaders.map((header) => `<AllowedHeader>${header}</AllowedHeader>`),
    ...cors.exposedHeaders.map((header) => `<ExposeHeader>${header}</ExposeHeader>`),
    `<MaxAgeSeconds>${cors.maxAgeSeconds}</MaxAgeSeconds>`,
  ].join('');
  return `<CORSConfiguration><CORSRule>${rule}</CORSRule></CORSConfiguration>`;
}

/**
 * Starts s3rver on loopback with the documents bucket (and its CORS rules from the shared bucket
 * settings). Object-created events under the KYC prefix go to `onObjectCreated`, as the bucket
 * notification does on AWS. s3rver does not enforce POST policy conditions; the upload handler
 * re-checks size and type itself.
 */
export async function startS3Local(options: {
  directory: string;
  bucket: string;
  /** Further buckets, without CORS or events (the screening artifacts). */
  otherBuckets?: readonly string[];
  allowedOrigins: readonly string[];
  onObjectCreated: (event: S3Event) => void;
}): Promise<S3Local> {
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: options.directory,
    configureBuckets: [
      { name: options.bucket, configs: [buildCorsXml(options.allowedOrigins)] },
      ...(options.otherBuckets ?? []).map((name) => ({ name, configs: [] })),
    ],
  });
  const address = (await server.run()) as unknown as { port: number };
  server.on('event', (event: S3Event) => {
    const records = event.Records.filter(
      (record) =>
        record.eventName.startsWith('ObjectCreated:') &&
        record.s3.bucket.name === options.bucket &&
        record.s3.object.key.startsWith(documentsBucketSettings.kycPrefix),
    );
    if (records.length) options.onObjectCreated({ Records: records });
  });
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    stop: () => server.close() as unknown as Promise<void>,
  };
}
