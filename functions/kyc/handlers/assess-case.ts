import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import * as z from 'zod';
import { now } from '../../commons/clock';
import { logger } from '../../commons/logger';
import { assessCase } from '../usecases/assess-case';
import { resolveCaseStore } from './case-store-deps';

/**
 * Workflow step: checks the case's documents, scores its risk and decides the outcome. A function of its
 * own because the checks bring the name matcher and the rule data, which the other steps do not need.
 */
export const handler = middy<unknown, Awaited<ReturnType<typeof assessCase>>>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const input = z.object({ caseId: z.string().min(1) }).parse(event);
    const result = await assessCase({ cases: resolveCaseStore(), now }, input);
    logger.info('case assessed', { caseId: input.caseId, ...result });
    return result;
  });
