import { S3Client } from '@aws-sdk/client-s3';

/** S3 client for the documents bucket, at module scope; endpoint from AWS_ENDPOINT_URL_S3 when set. */
export const s3Client = new S3Client({});
