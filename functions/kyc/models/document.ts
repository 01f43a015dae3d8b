import * as z from 'zod';
import type { DocumentExtraction } from './document-extraction';
import { allowedDocumentContentTypes, documentsBucketSettings } from '../../commons/storage/bucket-settings';

export { documentTypes, type DocumentType } from './document-type';
import { documentTypes, type DocumentType } from './document-type';

/** Where a document is in its intake. */
export const documentStatuses = ['PENDING_UPLOAD', 'UPLOADED', 'REJECTED'] as const;

/** One of {@link documentStatuses}. */
export type DocumentStatus = (typeof documentStatuses)[number];

/** Body of `POST /kyc/cases/{caseId}/documents`. */
export const requestDocumentUploadSchema = z
  .object({
    type: z.enum(documentTypes),
    contentType: z.enum(allowedDocumentContentTypes, {
      message: `must be one of ${allowedDocumentContentTypes.join(', ')}`,
    }),
    sizeBytes: z
      .number()
      .int({ message: 'must be a whole number of bytes' })
      .positive({ message: 'must be at least 1 byte' })
      .meta({ description: `Exact size of the file, at most ${documentsBucketSettings.maxUploadBytes} bytes` }),
  })
  .strict()
  .meta({ id: 'RequestDocumentUpload' });

/** Parsed body of `POST /kyc/cases/{caseId}/documents`. */
export type RequestDocumentUpload = z.output<typeof requestDocumentUploadSchema>;

/** Response of `POST /kyc/cases/{caseId}/documents`. */
export const documentUploadResponseSchema = z
  .object({
    documentId: z.string(),
    type: z.enum(documentTypes),
    status: z.enum(documentStatuses),
    upload: z.object({
      url: z.url(),
      fields: z.record(z.string(), z.string()).meta({ description: 'Form fields to send before the file field' }),
      expiresAt: z.iso.datetime(),
    }),
  })
  .meta({ id: 'DocumentUpload' });

/** A document as stored on a case. */
export interface KycDocument {
  documentId: string;
  caseId: string;
  type: DocumentType;
  status: DocumentStatus;
  contentType: string;
  declaredSizeBytes: number;
  objectKey: string;
  createdAt: string;
  /** Set once the upload has been verified. */
  sizeBytes?: number;
  sha256?: string;
  detectedContentType?: string;
  objectVersionId?: string;
  uploadedAt?: string;
  rejectedAt?: string;
  rejectionReason?: string;
  /** What OCR read, once the workflow has extracted it. */
  extraction?: DocumentExtraction;
  /** The case the document was uploaded to, when an upgrade carried it over. */
  carriedOverFrom?: string;
}
