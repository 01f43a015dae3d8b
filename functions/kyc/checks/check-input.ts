import type { DocumentRequest } from '../models/case-assessment';
import type { DocumentStatus, DocumentType } from '../models/document';
import type { DocumentExtraction, ExtractedFieldName } from '../models/document-extraction';
import type { CreateCaseRequest, KycCase } from '../models/kyc-case';
import { identityDocumentTypes } from '../extraction/document-queries';
import type { CheckSettings } from './check-settings';

/** A document of the case as the checks see it. */
export interface CheckedDocument {
  documentId: string;
  type: DocumentType;
  status: DocumentStatus;
  extraction?: DocumentExtraction;
}

/** Everything the document checks read. */
export interface DocumentCheckInput {
  kycCase: Pick<KycCase, 'partyType' | 'tier' | 'applicant' | 'requiredDocuments'>;
  documents: readonly CheckedDocument[];
  /** The business time of the check. */
  now: Date;
  settings: CheckSettings;
}

/** An uploaded document that extraction could read. */
export type ReadableDocument = CheckedDocument & { extraction: DocumentExtraction };

/** The applicant of an INDIVIDUAL case. */
export type IndividualApplicant = Extract<CreateCaseRequest, { partyType: 'INDIVIDUAL' }>['applicant'];

/** The applicant of a BUSINESS case. */
export type BusinessApplicant = Extract<CreateCaseRequest, { partyType: 'BUSINESS' }>['applicant'];

/** The applicant if the case is an individual's. */
export function individualApplicantOf(kycCase: DocumentCheckInput['kycCase']): IndividualApplicant | undefined {
  return kycCase.partyType === 'INDIVIDUAL' && 'fullName' in kycCase.applicant ? kycCase.applicant : undefined;
}

/** The applicant if the case is a company's. */
export function businessApplicantOf(kycCase: DocumentCheckInput['kycCase']): BusinessApplicant | undefined {
  return kycCase.partyType === 'BUSINESS' && 'legalName' in kycCase.applicant ? kycCase.applicant : undefined;
}

/** Uploaded documents of the given types. Rejected uploads and pending ones do not count. */
export function findUploadedDocuments(
  documents: readonly CheckedDocument[],
  types: readonly DocumentType[],
): CheckedDocument[] {
  return documents.filter((document) => document.status === 'UPLOADED' && types.includes(document.type));
}

/** Uploaded documents of the given types that extraction could read. */
export function findReadableDocuments(
  documents: readonly CheckedDocument[],
  types: readonly DocumentType[],
): ReadableDocument[] {
  return findUploadedDocuments(documents, types).filter(
    (document): document is ReadableDocument => document.extraction?.readable === true,
  );
}

/** A field's value when it was read with at least the minimum confidence. */
export function trustedValue(
  document: ReadableDocument,
  field: ExtractedFieldName,
  settings: Pick<CheckSettings, 'minimumFieldConfidence'>,
): string | undefined {
  const extracted = document.extraction.fields[field];
  return extracted && extracted.confidence >= settings.minimumFieldConfidence ? extracted.value : undefined;
}

/** `PASSPORT doc-1`: how reasons name a document. */
export function describeDocument(document: Pick<CheckedDocument, 'documentId' | 'type'>): string {
  return `${document.type} ${document.documentId}`;
}

/**
 * A request for a document of this type, under the case requirement that accepts it. Identity documents
 * of a company's representatives are not a requirement up front, but are asked for as one.
 */
export function requestDocument(
  kycCase: DocumentCheckInput['kycCase'],
  type: DocumentType,
  reason: string,
): DocumentRequest {
  const requirement = kycCase.requiredDocuments.find((required) => required.acceptedTypes.includes(type));
  if (requirement)
    return { requirement: requirement.requirement, acceptedTypes: [...requirement.acceptedTypes], reason };
  if (identityDocumentTypes.includes(type)) {
    return { requirement: 'IDENTITY_DOCUMENT', acceptedTypes: [...identityDocumentTypes], reason };
  }
  return { requirement: type, acceptedTypes: [type], reason };
}

/**
 * Why no readable document of the types is there: `missing`, or `unreadable: <why>` when one was uploaded
 * and could not be read (the latest upload's reason).
 */
export function explainAbsence(documents: readonly CheckedDocument[], types: readonly DocumentType[]): string {
  const unreadable = findUploadedDocuments(documents, types).filter((d) => d.extraction?.readable !== true);
  const latest = unreadable[unreadable.length - 1];
  if (!latest) return 'missing';
  return `unreadable: ${latest.extraction?.unreadableReason ?? 'it has not been read'}`;
}

/** What a check of the applicant's identity concludes when no identity document of theirs was read. */
export function missingApplicantIdentity(
  kycCase: DocumentCheckInput['kycCase'],
  documents: readonly CheckedDocument[],
) {
  return {
    outcome: 'INCOMPLETE' as const,
    reason: 'No readable identity document of the applicant',
    request: requestDocument(kycCase, 'PASSPORT', explainAbsence(documents, identityDocumentTypes)),
  };
}
