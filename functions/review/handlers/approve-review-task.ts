import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { parseJsonBody, readPathParameter } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { reviewApprovalRequestSchema } from '../models/review-task';
import { approveReviewTask } from '../usecases/approve-review-task';
import { resolveDecisionDeps } from './review-deps';

/** `POST /review/tasks/{taskId}/approval` */
export const handler = createHttpHandler(async (event, principal) => {
  const taskId = readPathParameter(event, 'taskId');
  const request = parseJsonBody(event, reviewApprovalRequestSchema);
  return jsonResponse(
    200,
    await approveReviewTask(resolveDecisionDeps(), requirePrincipal(principal), taskId, request),
  );
});
