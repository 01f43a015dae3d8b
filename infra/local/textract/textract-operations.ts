/**
 * The three Textract operations the product calls, answered in Textract's response shapes from the
 * pages the document reader produced.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type {
  AnalyzeDocumentResponse,
  AnalyzeIDResponse,
  Block,
  DetectDocumentTextResponse,
  IdentityDocument,
} from '@aws-sdk/client-textract';
import type { z } from 'zod';
import { loadDocumentBytes, readDocument, type DocumentInput, type ReadDocument } from './document-source';
import { findFormFields } from './form-fields';
import { identityDocumentFields } from './identity-fields';
import type { OcrPool } from './ocr-pool';
import { answerQuery } from './query-answers';
import { PageBlocks } from './textract-blocks';
import { queryAppliesTo, type textractRequestSchemas } from './textract-requests';

/** What an operation needs: the OCR pool, the S3 client (created on first use) and a page listener. */
export interface OperationContext {
  ocr: OcrPool;
  s3: () => S3Client;
  /** Told about every page read, for timing logs and stats. */
  onPageRead: (operation: string, document: ReadDocument, pageNumber: number) => void;
}

type Request<K extends keyof typeof textractRequestSchemas> = z.output<(typeof textractRequestSchemas)[K]>;

async function read(context: OperationContext, operation: string, document: DocumentInput): Promise<ReadDocument> {
  const bytes = await loadDocumentBytes(document, context.s3);
  // only identity documents carry an MRZ worth a second, MRZ-only OCR pass
  const read = await readDocument(bytes, context.ocr, { mrz: operation === 'AnalyzeID' });
  read.pages.forEach((_, index) => context.onPageRead(operation, read, index + 1));
  return read;
}

/** DetectDocumentText: PAGE, LINE and WORD blocks. */
export async function detectDocumentText(
  context: OperationContext,
  request: Request<'DetectDocumentText'>,
): Promise<DetectDocumentTextResponse> {
  const document = await read(context, 'DetectDocumentText', request.Document);
  const blocks: Block[] = document.pages.flatMap((page, index) => new PageBlocks(page, index + 1).blocks);
  return { DocumentMetadata: { Pages: document.pages.length }, Blocks: blocks, DetectDocumentTextModelVersion: '1.0' };
}

/**
 * AnalyzeDocument: text blocks, plus KEY_VALUE_SET blocks for FORMS and QUERY / QUERY_RESULT blocks
 * for QUERIES. TABLES, SIGNATURES and LAYOUT are accepted and produce nothing more.
 */
export async function analyzeDocument(
  context: OperationContext,
  request: Request<'AnalyzeDocument'>,
): Promise<AnalyzeDocumentResponse> {
  const document = await read(context, 'AnalyzeDocument', request.Document);
  const blocks: Block[] = [];
  for (const [index, page] of document.pages.entries()) {
    const pageNumber = index + 1;
    const pageBlocks = new PageBlocks(page, pageNumber);
    const fields = findFormFields(page);
    if (request.FeatureTypes.includes('FORMS')) pageBlocks.addFormFields(fields);
    for (const query of request.QueriesConfig?.Queries ?? []) {
      if (!queryAppliesTo(query.Pages, pageNumber)) continue;
      const answer = answerQuery(query.Text, fields);
      pageBlocks.addQuery(
        { Text: query.Text, Alias: query.Alias, Pages: query.Pages },
        answer && {
          text: answer.value,
          // a key matched by wording rather than read is less certain than the words themselves
          confidence: answer.confidence * 0.98,
          box: answer.valueBox,
        },
      );
    }
    blocks.push(...pageBlocks.blocks);
  }
  return { DocumentMetadata: { Pages: document.pages.length }, Blocks: blocks, AnalyzeDocumentModelVersion: '1.0' };
}

/** AnalyzeID: one IdentityDocument per page (front and back are separate pages), with its blocks. */
export async function analyzeId(context: OperationContext, request: Request<'AnalyzeID'>): Promise<AnalyzeIDResponse> {
  const identityDocuments: IdentityDocument[] = [];
  for (const [index, documentPage] of request.DocumentPages.entries()) {
    const document = await read(context, 'AnalyzeID', documentPage);
    const page = document.pages[0]!;
    identityDocuments.push({
      DocumentIndex: index + 1,
      IdentityDocumentFields: identityDocumentFields(page, findFormFields(page)),
      Blocks: new PageBlocks(page, 1).blocks,
    });
  }
  return {
    IdentityDocuments: identityDocuments,
    DocumentMetadata: { Pages: request.DocumentPages.length },
    AnalyzeIDModelVersion: '1.0',
  };
}
