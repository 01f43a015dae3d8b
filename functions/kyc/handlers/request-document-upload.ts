import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { parseJsonBody, readPathParameter } from '../../commons/http/parse-request';
import { requestDocumentUploadSchema } from '../models/document';
import { requestDocumentUpload } from '../usecases/request-document-upload';
import { resolveKycDeps } from './kyc-deps';

/** `POST /kyc/cases/{caseId}/documents` */
export const handler = createHttpHandler(
  async (event, principal) => {
    const caseId = readPathParameter(event, 'caseId');
    const request = parseJsonBody(event, requestDocumentUploadSchema);
    const grant = await requestDocumentUpload(resolveKycDeps(), principal!, caseId, request);
    return jsonResponse(201, grant);
  },
  { idempotency: { keyPrefix: 'request-document-upload', expiresAfterSeconds: 300 } },
);
