import { now } from '../../commons/clock';
import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { parseJsonBody, readPathParameter } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { withdrawCaseRequestSchema } from '../models/kyc-case';
import { withdrawCase } from '../usecases/withdraw-case';
import { resolveCaseStore } from './case-store-deps';

/** `POST /kyc/cases/{caseId}/withdrawal` */
export const handler = createHttpHandler(async (event, principal) => {
  const caseId = readPathParameter(event, 'caseId');
  const request = parseJsonBody(event, withdrawCaseRequestSchema);
  const store = resolveCaseStore();
  const deps = { cases: store, parties: store, now };
  return jsonResponse(200, await withdrawCase(deps, requirePrincipal(principal), caseId, request));
});
