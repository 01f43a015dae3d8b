/**
 * The documents bucket, defined once: the CDK document-intake construct, the local S3 server and the
 * handlers all read these settings.
 */

/** Content types a document may be uploaded as. */
export const allowedDocumentContentTypes = ['image/png', 'image/jpeg', 'application/pdf'] as const;

/** One of {@link allowedDocumentContentTypes}. */
export type DocumentContentType = (typeof allowedDocumentContentTypes)[number];

/** Settings of the documents bucket and of the uploads into it. */
export const documentsBucketSettings = {
  /** Every KYC document object lives under this prefix; the upload handler listens to it. */
  kycPrefix: 'kyc/',
  /** Largest accepted document, 10 MiB. */
  maxUploadBytes: 10 * 1024 * 1024,
  /** A presigned POST is usable for this long. */
  presignedPostExpirySeconds: 300,
  cors: {
    allowedMethods: ['POST'] as const,
    allowedHeaders: ['*'],
    exposedHeaders: ['ETag'],
    maxAgeSeconds: 3000,
  },
  retention: {
    /**
     * KYC records are kept 5 years after the relationship ends. The application deletes current
     * objects when that date passes; superseded or deleted versions are kept for the same 5 years.
     */
    noncurrentVersionExpirationDays: 5 * 365 + 2,
    transitionToInfrequentAccessDays: 90,
    abortIncompleteMultipartUploadDays: 1,
  },
} as const;

/** The object key of a KYC document: server-generated, never chosen by the client. */
export function buildDocumentKey(caseId: string, documentId: string): string {
  return `${documentsBucketSettings.kycPrefix}${caseId}/${documentId}`;
}

/** Reverses {@link buildDocumentKey}; undefined for keys that are not KYC documents. */
export function parseDocumentKey(key: string): { caseId: string; documentId: string } | undefined {
  const match = /^kyc\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)$/.exec(key);
  if (!match) return undefined;
  return { caseId: match[1]!, documentId: match[2]! };
}
