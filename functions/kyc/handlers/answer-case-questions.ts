import { now } from '../../commons/clock';
import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { parseJsonBody, readPathParameter } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { answerQuestionsRequestSchema } from '../models/kyc-case';
import { answerCaseQuestions } from '../usecases/answer-case-questions';
import { resolveCaseStore } from './case-store-deps';

/** `POST /kyc/cases/{caseId}/answers` */
export const handler = createHttpHandler(async (event, principal) => {
  const caseId = readPathParameter(event, 'caseId');
  const request = parseJsonBody(event, answerQuestionsRequestSchema);
  const deps = { cases: resolveCaseStore(), now };
  return jsonResponse(200, await answerCaseQuestions(deps, requirePrincipal(principal), caseId, request));
});
