import { logger } from '../../commons/logger';
import { documentsBucketSettings, parseDocumentKey } from '../../commons/storage/bucket-settings';
import { systemActor } from '../../commons/timeline-actor';
import type { KycDocument } from '../models/document';
import { assessUpload } from '../models/upload-assessment';
import { appendTimelineEvent, type CaseStore } from '../repositories/case-repository';
import { findDocument, recordUploadOutcome, type UploadOutcome } from '../repositories/document-repository';
import { deleteObject, inspectObject, type DocumentObjectStore } from '../repositories/document-object-store';

/** What verifying an upload needs. */
export interface VerifyDocumentUploadDeps {
  cases: CaseStore;
  objects: DocumentObjectStore;
  now: () => Date;
  detectContentType: (bytes: Uint8Array) => string | undefined;
}

/** What became of one object-created event. */
export type VerificationResult =
  | 'UPLOADED'
  | 'REJECTED'
  /** An event already handled (S3 delivers at least once). */
  | 'ALREADY_VERIFIED'
  /** A later upload over a verified document; that version was deleted and the verified one stays. */
  | 'REPLACEMENT_DISCARDED'
  /** The key names no registered document; the object was removed. */
  | 'UNKNOWN_DOCUMENT'
  /** The object is gone (deleted before this delivery). */
  | 'OBJECT_MISSING';

/** An object-created event: the key and, in a versioned bucket, the version it created. */
export interface CreatedObject {
  key: string;
  versionId?: string;
}

/**
 * Verifies an uploaded document object against what was declared: real size, magic bytes and
 * sha256. The document becomes UPLOADED, or REJECTED with a reason, in which case the object is
 * deleted. A presigned POST stays usable until it expires, so a second upload over a verified
 * document is discarded rather than silently replacing checked bytes. Safe to run more than once for
 * the same event.
 */
export async function verifyDocumentUpload(
  deps: VerifyDocumentUploadDeps,
  object: CreatedObject,
): Promise<VerificationResult> {
  const parsed = parseDocumentKey(object.key);
  const document = parsed && (await findDocument(deps.cases, parsed.caseId, parsed.documentId));
  if (!document) {
    logger.warn('object does not belong to a registered document; deleting it', { key: object.key });
    await deleteObject(deps.objects, object.key, object.versionId);
    return 'UNKNOWN_DOCUMENT';
  }
  switch (document.status) {
    case 'REJECTED':
      // a retried delivery may find the rejected object still there if the first delete failed
      await deleteObject(deps.objects, object.key, object.versionId);
      return 'ALREADY_VERIFIED';
    case 'UPLOADED':
      return handleUploadOverVerifiedDocument(deps, document, object);
    case 'PENDING_UPLOAD':
      return verifyFirstUpload(deps, document, object);
  }
}

async function verifyFirstUpload(
  deps: VerifyDocumentUploadDeps,
  document: KycDocument,
  object: CreatedObject,
): Promise<VerificationResult> {
  const { maxUploadBytes } = documentsBucketSettings;
  const readLimit = Math.min(maxUploadBytes, document.declaredSizeBytes);
  const inspection = await inspectObject(deps.objects, object.key, readLimit, object.versionId);
  if (!inspection) return 'OBJECT_MISSING';

  const detectedContentType = inspection.content ? deps.detectContentType(inspection.content.head) : undefined;
  const assessment = assessUpload({
    declaredContentType: document.contentType,
    declaredSizeBytes: document.declaredSizeBytes,
    maxSizeBytes: maxUploadBytes,
    actualSizeBytes: inspection.sizeBytes,
    detectedContentType,
  });
  const at = deps.now().toISOString();
  const outcome: UploadOutcome = assessment.accepted
    ? {
        status: 'UPLOADED',
        at,
        sizeBytes: inspection.sizeBytes,
        sha256: inspection.content!.sha256,
        detectedContentType: detectedContentType!,
        objectVersionId: inspection.versionId,
      }
    : {
        status: 'REJECTED',
        at,
        reason: assessment.reason,
        sizeBytes: inspection.sizeBytes,
        sha256: inspection.content?.sha256,
        detectedContentType,
      };
  const recorded = await recordUploadOutcome(deps.cases, document, outcome, {
    at,
    type: assessment.accepted ? 'DOCUMENT_UPLOADED' : 'DOCUMENT_REJECTED',
    actor: systemActor,
    detail: {
      documentId: document.documentId,
      documentType: document.type,
      sizeBytes: inspection.sizeBytes,
      ...(outcome.sha256 ? { sha256: outcome.sha256 } : {}),
      ...(assessment.accepted ? {} : { reason: assessment.reason }),
    },
  });
  if (!recorded) {
    // Another delivery decided first; if it rejected the document, make sure the bytes are gone.
    const current = await findDocument(deps.cases, document.caseId, document.documentId);
    if (current?.status === 'REJECTED') await deleteObject(deps.objects, object.key, inspection.versionId);
    return 'ALREADY_VERIFIED';
  }
  if (!assessment.accepted) await deleteObject(deps.objects, object.key, inspection.versionId);
  return outcome.status;
}

/**
 * An object event for a document that is already UPLOADED: either a repeated delivery, or a second
 * POST with the still-valid presigned form. Versioned buckets (AWS) keep the verified version, so the
 * new one is deleted. Without versions (local S3) the verified bytes are already overwritten, so the
 * document is rejected and must be uploaded again.
 */
async function handleUploadOverVerifiedDocument(
  deps: VerifyDocumentUploadDeps,
  document: KycDocument,
  object: CreatedObject,
): Promise<VerificationResult> {
  const at = deps.now().toISOString();
  if (object.versionId && document.objectVersionId) {
    if (object.versionId === document.objectVersionId) return 'ALREADY_VERIFIED';
    await deleteObject(deps.objects, object.key, object.versionId);
    await appendTimelineEvent(
      deps.cases,
      document.caseId,
      {
        at,
        type: 'DOCUMENT_REPLACEMENT_DISCARDED',
        actor: systemActor,
        detail: { documentId: document.documentId, reason: 'A second upload over a verified document was deleted' },
      },
      `replacement:${document.documentId}:${object.versionId}`,
    );
    return 'REPLACEMENT_DISCARDED';
  }
  const inspection = await inspectObject(deps.objects, object.key, documentsBucketSettings.maxUploadBytes);
  if (!inspection || inspection.content?.sha256 === document.sha256) return 'ALREADY_VERIFIED';
  const reason = 'The document was overwritten after it had been verified; upload it again';
  const recorded = await recordUploadOutcome(
    deps.cases,
    document,
    { status: 'REJECTED', at, reason, sizeBytes: inspection.sizeBytes, sha256: inspection.content?.sha256 },
    {
      at,
      type: 'DOCUMENT_REJECTED',
      actor: systemActor,
      detail: { documentId: document.documentId, documentType: document.type, reason },
    },
    { status: 'UPLOADED', sha256: document.sha256! },
  );
  if (recorded) await deleteObject(deps.objects, object.key);
  return recorded ? 'REJECTED' : 'ALREADY_VERIFIED';
}
