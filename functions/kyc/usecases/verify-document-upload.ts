import { logger } from '../../commons/logger';
import { documentsBucketSettings, parseDocumentKey } from '../../commons/storage/bucket-settings';
import { systemActor } from '../models/case-access';
import { assessUpload } from '../models/upload-assessment';
import { findDocument, recordUploadOutcome, type CaseStore, type UploadOutcome } from '../repositories/case-repository';
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
  /** The key names no registered document; the object was removed. */
  | 'UNKNOWN_DOCUMENT'
  /** The object is gone (deleted before this delivery). */
  | 'OBJECT_MISSING';

/**
 * Verifies an uploaded document object against what was declared: real size, magic bytes and
 * sha256. The document becomes UPLOADED, or REJECTED with a reason, in which case the object is
 * deleted. Safe to run more than once for the same object.
 */
export async function verifyDocumentUpload(
  deps: VerifyDocumentUploadDeps,
  object: { key: string; versionId?: string },
): Promise<VerificationResult> {
  const parsed = parseDocumentKey(object.key);
  const document = parsed && (await findDocument(deps.cases, parsed.caseId, parsed.documentId));
  if (!document) {
    logger.warn('object does not belong to a registered document; deleting it', { key: object.key });
    await deleteObject(deps.objects, object.key, object.versionId);
    return 'UNKNOWN_DOCUMENT';
  }
  if (document.status === 'REJECTED') {
    // a retried delivery may find the rejected object still there if the first delete failed
    await deleteObject(deps.objects, object.key, object.versionId);
    return 'ALREADY_VERIFIED';
  }
  if (document.status !== 'PENDING_UPLOAD') return 'ALREADY_VERIFIED';

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
  if (!recorded) return 'ALREADY_VERIFIED';
  if (!assessment.accepted) await deleteObject(deps.objects, object.key, inspection.versionId);
  return outcome.status;
}
