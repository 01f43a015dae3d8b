import type { Principal } from '../../commons/http/principal';
import { badRequest, conflict, contentTooLarge, notFound } from '../../commons/http/problem';
import { generateId } from '../../commons/ids';
import { buildDocumentKey, documentsBucketSettings } from '../../commons/storage/bucket-settings';
import { assertCanChangeCase } from './case-access';
import { userActor } from '../../commons/timeline-actor';
import type { KycDocument, RequestDocumentUpload } from '../models/document';
import { documentAcceptingStatuses, listAllowedDocumentTypes } from '../models/kyc-case';
import { findCase, type CaseStore } from '../repositories/case-repository';
import { insertDocument } from '../repositories/document-repository';
import {
  presignDocumentUpload,
  type DocumentObjectStore,
  type PresignedUpload,
} from '../repositories/document-object-store';

/** A case holds at most this many documents, re-uploads included. */
export const maxDocumentsPerCase = 50;

/** What registering a document needs. */
export interface RequestDocumentUploadDeps {
  cases: CaseStore;
  objects: DocumentObjectStore;
  now: () => Date;
}

/** The registered document and where to upload it. */
export interface DocumentUploadGrant {
  documentId: string;
  type: KycDocument['type'];
  status: 'PENDING_UPLOAD';
  upload: PresignedUpload;
}

/**
 * Registers a document on the caller's case and returns a presigned POST for exactly the declared
 * size and content type, to a key the server chose.
 */
export async function requestDocumentUpload(
  deps: RequestDocumentUploadDeps,
  principal: Principal,
  caseId: string,
  request: RequestDocumentUpload,
): Promise<DocumentUploadGrant> {
  const { maxUploadBytes, presignedPostExpirySeconds } = documentsBucketSettings;
  if (request.sizeBytes > maxUploadBytes) {
    throw contentTooLarge(`sizeBytes is ${request.sizeBytes}; a document may be at most ${maxUploadBytes} bytes`);
  }
  const kycCase = await findCase(deps.cases, caseId);
  if (!kycCase) throw notFound(`There is no KYC case ${caseId}`);
  assertCanChangeCase(principal, kycCase);
  if (!listAllowedDocumentTypes(kycCase.partyType).includes(request.type)) {
    throw badRequest(`type: ${request.type} does not apply to an ${kycCase.partyType} case`, [
      { pointer: '/type', detail: `not accepted on ${kycCase.partyType} cases` },
    ]);
  }
  const notAccepting = (status: string) =>
    conflict(
      `The case is ${status}; documents can be added only while it is ${documentAcceptingStatuses.join(' or ')}`,
    );
  if (!documentAcceptingStatuses.includes(kycCase.status)) throw notAccepting(kycCase.status);

  const documentId = generateId('doc');
  const objectKey = buildDocumentKey(caseId, documentId);
  // Presign before writing: it has no side effects, so a failure here leaves nothing behind.
  const upload = await presignDocumentUpload(deps.objects, {
    key: objectKey,
    contentType: request.contentType,
    sizeBytes: request.sizeBytes,
    expiresInSeconds: presignedPostExpirySeconds,
  });
  const at = deps.now().toISOString();
  const document: KycDocument = {
    documentId,
    caseId,
    type: request.type,
    status: 'PENDING_UPLOAD',
    contentType: request.contentType,
    declaredSizeBytes: request.sizeBytes,
    objectKey,
    createdAt: at,
  };
  const refusal = await insertDocument(
    deps.cases,
    document,
    {
      at,
      type: 'DOCUMENT_REQUESTED',
      actor: userActor(principal),
      detail: {
        documentId,
        documentType: request.type,
        contentType: request.contentType,
        sizeBytes: request.sizeBytes,
      },
    },
    { acceptingStatuses: documentAcceptingStatuses, maxDocuments: maxDocumentsPerCase },
  );
  if (refusal?.reason === 'DOCUMENT_LIMIT_REACHED') {
    throw conflict(`The case already has ${maxDocumentsPerCase} documents, the most it may hold`);
  }
  if (refusal?.reason === 'CASE_NOT_ACCEPTING_DOCUMENTS') throw notAccepting(refusal.status ?? 'gone');
  return { documentId, type: request.type, status: 'PENDING_UPLOAD', upload };
}
