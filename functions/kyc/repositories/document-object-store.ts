import { createHash } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';

/** Where document objects are stored. */
export interface DocumentObjectStore {
  s3: S3Client;
  bucket: string;
}

/** A browser-usable presigned POST. */
export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

/**
 * Presigns a POST that can store exactly `sizeBytes` bytes of `contentType` at `key` and nothing else.
 * S3 checks the expiry written into the signed policy, so `expiresAt` is read back from that policy
 * rather than computed again (a second computation can land on the next second).
 */
export async function presignDocumentUpload(
  store: DocumentObjectStore,
  request: { key: string; contentType: string; sizeBytes: number; expiresInSeconds: number },
): Promise<PresignedUpload> {
  const { url, fields } = await createPresignedPost(store.s3, {
    Bucket: store.bucket,
    Key: request.key,
    Conditions: [
      ['content-length-range', request.sizeBytes, request.sizeBytes],
      ['eq', '$Content-Type', request.contentType],
    ],
    Fields: { 'Content-Type': request.contentType },
    Expires: request.expiresInSeconds,
  });
  return { url, fields, expiresAt: readPolicyExpiration(fields) };
}

function readPolicyExpiration(fields: Record<string, string>): string {
  const policy = JSON.parse(Buffer.from(fields.Policy ?? '', 'base64').toString('utf8')) as { expiration: string };
  return new Date(policy.expiration).toISOString();
}

/** What an uploaded object really is. */
export interface ObjectInspection {
  sizeBytes: number;
  storedContentType?: string;
  versionId?: string;
  /** Present when the object was read: first bytes for type detection, and the full hash. */
  content?: { head: Uint8Array; sha256: string };
}

const headBytes = 4100;

/**
 * Reads an object's size and, when it is at most `maxReadBytes`, its first bytes and sha256. A larger
 * object is not downloaded: its size alone is enough to refuse it.
 */
export async function inspectObject(
  store: DocumentObjectStore,
  key: string,
  maxReadBytes: number,
  versionId?: string,
): Promise<ObjectInspection | undefined> {
  try {
    const head = await store.s3.send(new HeadObjectCommand({ Bucket: store.bucket, Key: key, VersionId: versionId }));
    const sizeBytes = head.ContentLength ?? 0;
    const inspection: ObjectInspection = {
      sizeBytes,
      storedContentType: head.ContentType,
      versionId: head.VersionId ?? versionId,
    };
    if (sizeBytes > maxReadBytes) return inspection;
    // Read exactly the object that was sized: that version, or (unversioned) that ETag.
    const object = await store.s3.send(
      new GetObjectCommand({
        Bucket: store.bucket,
        Key: key,
        VersionId: inspection.versionId,
        IfMatch: inspection.versionId ? undefined : head.ETag,
      }),
    );
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let collected = 0;
    for await (const chunk of object.Body as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      if (collected < headBytes) {
        chunks.push(Buffer.from(chunk));
        collected += chunk.length;
      }
    }
    return {
      ...inspection,
      content: { head: Buffer.concat(chunks).subarray(0, headBytes), sha256: hash.digest('hex') },
    };
  } catch (error) {
    if (error instanceof NotFound || error instanceof NoSuchKey) return undefined;
    throw error;
  }
}

/** Deletes an object; with a version id the version is removed for good, not hidden behind a marker. */
export async function deleteObject(store: DocumentObjectStore, key: string, versionId?: string): Promise<void> {
  await store.s3.send(new DeleteObjectCommand({ Bucket: store.bucket, Key: key, VersionId: versionId }));
}
