import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { requirePrincipal } from '../../commons/http/principal';
import { readPathParameter } from '../../commons/http/parse-request';
import { getCase } from '../usecases/get-case';
import { resolveCaseStore } from './case-store-deps';

/** `GET /kyc/cases/{caseId}` */
export const handler = createHttpHandler(async (event, principal) => {
  const caseId = readPathParameter(event, 'caseId');
  return jsonResponse(200, await getCase({ cases: resolveCaseStore() }, requirePrincipal(principal), caseId));
});
