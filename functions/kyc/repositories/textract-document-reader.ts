import {
  AnalyzeDocumentCommand,
  AnalyzeIDCommand,
  BadDocumentException,
  DocumentTooLargeException,
  InvalidS3ObjectException,
  UnsupportedDocumentException,
  type TextractClient,
} from '@aws-sdk/client-textract';
import { documentQueries, identityDocumentTypes } from '../extraction/document-queries';
import { normaliseBusinessDocument } from '../extraction/normalise-business-document';
import { normaliseIdentityDocument } from '../extraction/normalise-identity-document';
import type { KycDocument } from '../models/document';
import type { DocumentReader } from '../usecases/extract-case-document';

/**
 * Reads documents with Textract straight from the documents bucket: AnalyzeID for identity documents,
 * AnalyzeDocument with FORMS and the document type's QUERIES for the others. A document Textract
 * cannot read (bad, unsupported, too large) is reported unreadable with Textract's reason; throttling
 * and service errors are thrown for the workflow to retry.
 */
export function createTextractDocumentReader(
  textract: TextractClient,
  bucket: string,
  now: () => Date,
): DocumentReader {
  return async (document: KycDocument) => {
    const s3Object = {
      Bucket: bucket,
      Name: document.objectKey,
      ...(document.objectVersionId ? { Version: document.objectVersionId } : {}),
    };
    const identity = identityDocumentTypes.includes(document.type);
    const base = {
      documentId: document.documentId,
      documentType: document.type,
      source: identity ? ('ANALYZE_ID' as const) : ('ANALYZE_DOCUMENT' as const),
    };
    try {
      if (identity) {
        const output = await textract.send(new AnalyzeIDCommand({ DocumentPages: [{ S3Object: s3Object }] }));
        return { ...base, ...normaliseIdentityDocument(output, { now: now() }) };
      }
      const queries = documentQueries[document.type] ?? [];
      const output = await textract.send(
        new AnalyzeDocumentCommand({
          Document: { S3Object: s3Object },
          FeatureTypes: queries.length > 0 ? ['FORMS', 'QUERIES'] : ['FORMS'],
          ...(queries.length > 0
            ? { QueriesConfig: { Queries: queries.map((query) => ({ Text: query.text, Alias: query.alias })) } }
            : {}),
        }),
      );
      return { ...base, ...normaliseBusinessDocument(output, queries, { documentType: document.type, now: now() }) };
    } catch (error) {
      if (
        error instanceof BadDocumentException ||
        error instanceof UnsupportedDocumentException ||
        error instanceof DocumentTooLargeException ||
        error instanceof InvalidS3ObjectException
      ) {
        return {
          ...base,
          readable: false,
          unreadableReason: `Textract could not read it: ${error.message}`,
          fields: {},
          pageCount: 0,
        };
      }
      throw error;
    }
  };
}
