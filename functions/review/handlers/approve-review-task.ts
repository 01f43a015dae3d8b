import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { parseJsonBody, readPathParameter } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { reviewApprovalRequestSchema } from '../../kernel/review/review-task';
import { approveReviewTask } from '../usecases/approve-review-task';
import { resolveDecisionDeps, type ResolveReviewSubject } from './review-deps';

/** `POST /review/tasks/{taskId}/approval`, for the subjects `subjects` knows. */
export const createApproveReviewTaskHandler = (subjects: ResolveReviewSubject) =>
  createHttpHandler(async (event, principal) => {
    const taskId = readPathParameter(event, 'taskId');
    const request = parseJsonBody(event, reviewApprovalRequestSchema);
    const deps = resolveDecisionDeps(subjects);
    return jsonResponse(200, await approveReviewTask(deps, requirePrincipal(principal), taskId, request));
  });
