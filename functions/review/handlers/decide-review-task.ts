import { now } from '../../commons/clock';
import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { parseJsonBody, readPathParameter } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { sfnClient } from '../../commons/sfn-client';
import { resumeWaitingWorkflow } from '../../commons/resume-waiting-workflow';
import { reviewDecisionRequestSchema } from '../models/review-task';
import { decideReviewTask } from '../usecases/decide-review-task';
import { resolveReviewSubject, resolveReviewTaskStore } from './review-deps';

/** `POST /review/tasks/{taskId}/decision` */
export const handler = createHttpHandler(async (event, principal) => {
  const taskId = readPathParameter(event, 'taskId');
  const request = parseJsonBody(event, reviewDecisionRequestSchema);
  const deps = {
    tasks: resolveReviewTaskStore(),
    subjects: resolveReviewSubject,
    resumeWorkflow: (token: string, output: Record<string, unknown>) => resumeWaitingWorkflow(sfnClient, token, output),
    now,
  };
  return jsonResponse(200, await decideReviewTask(deps, requirePrincipal(principal), taskId, request));
});
