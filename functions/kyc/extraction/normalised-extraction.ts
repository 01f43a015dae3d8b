import type { DocumentExtraction } from '../models/document-extraction';

/** What a normaliser makes of a Textract response; the caller adds documentId, type, source and extractedAt. */
export type NormalisedExtraction = Pick<DocumentExtraction, 'fields' | 'readable' | 'unreadableReason' | 'pageCount'>;
