import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { readPathParameter } from '../../commons/http/parse-request';
import { getCase } from '../usecases/get-case';
import { resolveKycDeps } from './kyc-deps';

/** `GET /kyc/cases/{caseId}` */
export const handler = createHttpHandler(async (event, principal) => {
  const caseId = readPathParameter(event, 'caseId');
  return jsonResponse(200, await getCase(resolveKycDeps(), principal!, caseId));
});
