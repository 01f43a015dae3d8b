import { now } from '../../commons/clock';
import { createHttpHandler, jsonResponse } from '../../commons/http/http-handler';
import { readPathParameter } from '../../commons/http/parse-request';
import { getReviewTask } from '../usecases/get-review-task';
import { resolveReviewTaskStore, type ResolveReviewSubject } from './review-deps';

/** `GET /review/tasks/{taskId}`, for the subjects `subjects` knows. */
export const createGetReviewTaskHandler = (subjects: ResolveReviewSubject) =>
  createHttpHandler(async (event) => {
    const taskId = readPathParameter(event, 'taskId');
    const deps = { tasks: resolveReviewTaskStore(), subjects, now };
    return jsonResponse(200, await getReviewTask(deps, taskId));
  });
