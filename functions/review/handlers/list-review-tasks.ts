import { now } from '../../commons/clock';
import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { parseQueryParameters } from '../../commons/http/parse-request';
import { reviewQueueQuerySchema } from '../../kernel/review/review-task';
import { listReviewTasks } from '../usecases/list-review-tasks';
import { resolveReviewTaskStore } from './review-deps';

/** `GET /review/tasks` */
export const handler = createHttpHandler(async (event) => {
  const query = parseQueryParameters(event, reviewQueueQuerySchema);
  return jsonResponse(200, await listReviewTasks({ tasks: resolveReviewTaskStore(), now }, query));
});
