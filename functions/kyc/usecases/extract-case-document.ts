import { systemActor } from '../../commons/timeline-actor';
import type { KycDocument } from '../models/document';
import type { DocumentExtraction } from '../models/document-extraction';
import type { CaseStore } from '../repositories/case-repository';
import { saveDocumentExtraction } from '../repositories/case-workflow-repository';
import { findDocument } from '../repositories/document-repository';

/** Reads a document's text and fields (Textract on AWS, the local endpoint on one machine). */
export type DocumentReader = (document: KycDocument) => Promise<Omit<DocumentExtraction, 'extractedAt'>>;

/** What became of the document. */
export interface ExtractionSummary {
  documentId: string;
  readable: boolean;
  /** False when the document was not read now: not verified, or read before. */
  extracted: boolean;
}

/**
 * Reads one verified document and stores what was read, once. An unreadable document is not an error:
 * it is stored as unreadable with the reason, and the checks ask for it again.
 */
export async function extractCaseDocument(
  deps: { cases: CaseStore; readDocument: DocumentReader; now: () => Date },
  input: { caseId: string; documentId: string },
): Promise<ExtractionSummary> {
  const document = await findDocument(deps.cases, input.caseId, input.documentId);
  if (!document || document.status !== 'UPLOADED') {
    return { documentId: input.documentId, readable: false, extracted: false };
  }
  if (document.extraction) {
    return { documentId: input.documentId, readable: document.extraction.readable, extracted: false };
  }
  const at = deps.now().toISOString();
  const extraction: DocumentExtraction = { ...(await deps.readDocument(document)), extractedAt: at };
  const saved = await saveDocumentExtraction(deps.cases, input.caseId, extraction, {
    at,
    type: 'DOCUMENT_EXTRACTED',
    actor: systemActor,
    detail: {
      documentId: document.documentId,
      documentType: document.type,
      readable: extraction.readable,
      ...(extraction.unreadableReason ? { reason: extraction.unreadableReason } : {}),
      fields: Object.fromEntries(
        Object.entries(extraction.fields).map(([name, field]) => [name, Math.round(field.confidence)]),
      ),
    },
  });
  return { documentId: input.documentId, readable: extraction.readable, extracted: saved };
}
