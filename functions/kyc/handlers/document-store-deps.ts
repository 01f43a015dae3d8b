import { getConfig } from '../../commons/config';
import { s3Client } from '../../commons/s3-client';
import type { DocumentObjectStore } from '../repositories/document-object-store';

/** The documents bucket, wired from the environment. */
export function resolveDocumentObjectStore(): DocumentObjectStore {
  return { s3: s3Client, bucket: getConfig().documentsBucket };
}
