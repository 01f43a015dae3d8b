import { now } from '../../commons/clock';
import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { requirePrincipal } from '../../commons/http/principal';
import { idempotentOnKey } from '../../commons/http/idempotency';
import { parseJsonBody, readPathParameter } from '../../commons/http/parse-request';
import { documentsBucketSettings } from '../../commons/storage/bucket-settings';
import { requestDocumentUploadSchema } from '../models/document';
import { requestDocumentUpload } from '../usecases/request-document-upload';
import { resolveDocumentObjectStore } from './document-store-deps';
import { resolveCaseStore } from './case-store-deps';

/** `POST /kyc/cases/{caseId}/documents` */
export const handler = createHttpHandler(
  async (event, principal) => {
    const caseId = readPathParameter(event, 'caseId');
    const request = parseJsonBody(event, requestDocumentUploadSchema);
    const deps = { cases: resolveCaseStore(), objects: resolveDocumentObjectStore(), now };
    return jsonResponse(201, await requestDocumentUpload(deps, requirePrincipal(principal), caseId, request));
  },
  // a replayed grant is only useful while its presigned POST is
  { middlewares: [idempotentOnKey('request-document-upload', documentsBucketSettings.presignedPostExpirySeconds)] },
);
