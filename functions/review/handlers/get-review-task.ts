import { now } from '../../commons/clock';
import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { readPathParameter } from '../../commons/http/parse-request';
import { getReviewTask } from '../usecases/get-review-task';
import { resolveReviewSubject, resolveReviewTaskStore } from './review-deps';

/** `GET /review/tasks/{taskId}` */
export const handler = createHttpHandler(async (event) => {
  const taskId = readPathParameter(event, 'taskId');
  const deps = { tasks: resolveReviewTaskStore(), subjects: resolveReviewSubject, now };
  return jsonResponse(200, await getReviewTask(deps, taskId));
});
