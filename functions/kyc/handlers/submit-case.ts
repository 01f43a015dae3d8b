import { now } from '../../commons/clock';
import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { readPathParameter } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { sfnClient } from '../../commons/sfn-client';
import { readWorkflowArn } from '../../commons/workflows';
import { createCaseWorkflowClient } from '../repositories/case-workflow-client';
import { submitCase } from '../usecases/submit-case';
import { resolveCaseStore } from './case-store-deps';

/** `POST /kyc/cases/{caseId}/submit` */
export const handler = createHttpHandler(async (event, principal) => {
  const caseId = readPathParameter(event, 'caseId');
  const deps = {
    cases: resolveCaseStore(),
    workflow: createCaseWorkflowClient(sfnClient, readWorkflowArn('kycCase')),
    now,
  };
  return jsonResponse(202, await submitCase(deps, requirePrincipal(principal), caseId));
});
