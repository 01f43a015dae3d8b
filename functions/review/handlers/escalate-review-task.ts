import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import * as z from 'zod';
import { now } from '../../commons/clock';
import { logger } from '../../commons/logger';
import { escalateReviewTask } from '../usecases/escalate-review-task';
import { resolveReviewTaskStore, type ResolveReviewSubject } from './review-deps';

const escalationEventSchema = z.object({ taskId: z.string().min(1) });

/** Invoked by the review-task-escalation workflow when a task falls due, for the subjects `subjects` knows. */
export const createEscalateReviewTaskHandler = (subjects: ResolveReviewSubject) =>
  middy<unknown, { escalated: boolean }>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      const input = escalationEventSchema.parse(event);
      const result = await escalateReviewTask({ tasks: resolveReviewTaskStore(), subjects, now }, input);
      logger.info('review task due', { taskId: input.taskId, ...result });
      return result;
    });
