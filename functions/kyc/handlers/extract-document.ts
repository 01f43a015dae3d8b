import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { TextractClient } from '@aws-sdk/client-textract';
import * as z from 'zod';
import { now } from '../../commons/clock';
import { getConfig } from '../../commons/config';
import { logger } from '../../commons/logger';
import { createTextractDocumentReader } from '../repositories/textract-document-reader';
import { extractCaseDocument, type ExtractionSummary } from '../usecases/extract-case-document';
import { resolveCaseStore } from './case-store-deps';

// Endpoint from AWS_ENDPOINT_URL_TEXTRACT when set (the local stack's Textract endpoint).
const textract = new TextractClient({});

/** Workflow step: reads one KYC document with Textract. */
export const handler = middy<unknown, ExtractionSummary>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const input = z.object({ caseId: z.string().min(1), documentId: z.string().min(1) }).parse(event);
    const readDocument = createTextractDocumentReader(textract, getConfig().documentsBucket, now);
    const summary = await extractCaseDocument({ cases: resolveCaseStore(), readDocument, now }, input);
    logger.info('document extracted', { ...summary });
    return summary;
  });
