import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { parseJsonBody } from '../../commons/http/parse-request';
import { createCaseRequestSchema } from '../models/kyc-case';
import { createCase } from '../usecases/create-case';
import { resolveKycDeps } from './kyc-deps';

/** `POST /kyc/cases` */
export const handler = createHttpHandler(
  async (event, principal) => {
    const request = parseJsonBody(event, createCaseRequestSchema);
    const created = await createCase(resolveKycDeps(), principal!, request);
    return jsonResponse(201, created, { location: `/kyc/cases/${created.caseId}` });
  },
  { idempotency: { keyPrefix: 'create-kyc-case' } },
);
