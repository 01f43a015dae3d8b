import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { parseJsonBody, readPathParameter } from '../../commons/http/parse-request';
import { requirePrincipal } from '../../commons/http/principal';
import { reviewDecisionRequestSchema } from '../../kernel/review/review-task';
import { decideReviewTask } from '../usecases/decide-review-task';
import { resolveDecisionDeps, type ResolveReviewSubject } from './review-deps';

/** `POST /review/tasks/{taskId}/decision`, for the subjects `subjects` knows. */
export const createDecideReviewTaskHandler = (subjects: ResolveReviewSubject) =>
  createHttpHandler(async (event, principal) => {
    const taskId = readPathParameter(event, 'taskId');
    const request = parseJsonBody(event, reviewDecisionRequestSchema);
    const deps = resolveDecisionDeps(subjects);
    const outcome = await decideReviewTask(deps, requirePrincipal(principal), taskId, request);
    // 202: a decision that needs four eyes waits for a second reviewer's approval
    return jsonResponse(outcome.status === 'PENDING_APPROVAL' ? 202 : 200, outcome);
  });
