import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { S3Event } from 'aws-lambda';
import { now } from '../../commons/clock';
import { detectContentType } from '../../commons/detect-content-type';
import { logger } from '../../commons/logger';
import { verifyDocumentUpload } from '../usecases/verify-document-upload';
import { resolveDocumentObjectStore } from './document-store-deps';
import { resolveCaseStore } from './case-store-deps';

/** S3 ObjectCreated on the documents bucket: verifies each uploaded document. */
export const handler = middy<S3Event, void>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const deps = { cases: resolveCaseStore(), objects: resolveDocumentObjectStore(), now, detectContentType };
    for (const record of event.Records) {
      // S3 event keys are URL-encoded with '+' for spaces
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
      const result = await verifyDocumentUpload(deps, { key, versionId: record.s3.object.versionId });
      logger.info('document upload verified', { key, result });
    }
  });
