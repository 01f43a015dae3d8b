import type { DocumentType } from './document-type';

/** Names of the fields extraction normalises, whatever document they came from. */
export const extractedFieldNames = [
  // people
  'fullName',
  'givenNames',
  'surname',
  'dateOfBirth',
  'nationality',
  'sex',
  // identity documents
  'documentNumber',
  'issuingCountry',
  'issueDate',
  'expiryDate',
  'mrz',
  // companies
  'companyName',
  'registrationNumber',
  'taxId',
  // proof of address and statements
  'address',
  'statementDate',
] as const;

/** One of {@link extractedFieldNames}. */
export type ExtractedFieldName = (typeof extractedFieldNames)[number];

/**
 * A normalised field with the confidence (0–100, as Textract reports it) of the text it came from.
 * Dates are YYYY-MM-DD, countries ISO 3166-1 alpha-2, names as printed (not upper-cased), `mrz`
 * keeps its lines joined by `\n`.
 */
export interface ExtractedField {
  value: string;
  confidence: number;
}

/** What extraction made of one document. */
export interface DocumentExtraction {
  documentId: string;
  documentType: DocumentType;
  /** Which Textract API read it. */
  source: 'ANALYZE_ID' | 'ANALYZE_DOCUMENT';
  /** False when the document could not be read well enough to check; `unreadableReason` says why. */
  readable: boolean;
  unreadableReason?: string;
  fields: Partial<Record<ExtractedFieldName, ExtractedField>>;
  /** Number of pages read. */
  pageCount: number;
  extractedAt: string;
}
