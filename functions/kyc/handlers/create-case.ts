import { now } from '../../commons/clock';
import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { requirePrincipal } from '../../commons/http/principal';
import { idempotentOnKey } from '../../commons/http/idempotency';
import { parseJsonBody } from '../../commons/http/parse-request';
import { createCaseRequestSchema } from '../models/kyc-case';
import { createCase } from '../usecases/create-case';
import { resolveCaseStore } from './case-store-deps';

/** `POST /kyc/cases` */
export const handler = createHttpHandler(
  async (event, principal) => {
    const request = parseJsonBody(event, createCaseRequestSchema);
    const created = await createCase({ cases: resolveCaseStore(), now }, requirePrincipal(principal), request);
    return jsonResponse(201, created, { location: `/kyc/cases/${created.caseId}` });
  },
  { middlewares: [idempotentOnKey('create-kyc-case')] },
);
